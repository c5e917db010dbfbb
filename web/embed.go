// Package web holds sitrep's built map and timeline UI (web/dist, made by
// `make web` from the sources beside this file) for the API server to
// serve at /. The UI itself is JavaScript; see docs/ui.md.
package web

import (
	"embed"
	"io/fs"
)

// dist is the built UI. The committed dist/.keep placeholder lets the
// package build before the UI is: FS then reports it as not built.
//
//go:embed all:dist
var dist embed.FS

// FS returns the built UI files (index.html, app.js, app.css, basemap/...)
// rooted at the UI's top, and whether the UI is built, that is whether
// index.html is present. When it is not, the server should say how to
// build it (`make web`) instead of serving the files.
func FS() (fs.FS, bool) {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only for an invalid path; "dist" is valid.
		panic("web: " + err.Error())
	}
	if _, err := fs.Stat(sub, "index.html"); err != nil {
		return sub, false
	}
	return sub, true
}
