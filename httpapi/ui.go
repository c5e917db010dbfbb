package httpapi

import (
	"net/http"

	"github.com/sitrep-osint/sitrep"
)

// notBuilt is served at / when the server has no built UI.
const notBuilt = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sitrep</title></head>
<body><h1>sitrep</h1><p>The UI is not built: run <code>make web</code> and rebuild the binary.</p>
<p>The API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>
`

// ui serves the embedded web UI (and its /basemap/ files), or a page
// saying how to build it.
func (s *server) ui() handlerFunc {
	files := http.NotFoundHandler()
	if s.cfg.UI != nil {
		files = http.FileServerFS(s.cfg.UI)
	}
	return func(w http.ResponseWriter, r *http.Request) error {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeJSON(w, http.StatusMethodNotAllowed, errorBody{errorDetail{Code: sitrep.EINVALID, Message: "method " + clip(r.Method) + " not allowed here"}})
			return nil
		}
		if s.cfg.UI == nil {
			if r.URL.Path != "/" {
				return notFoundPath(r)
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(notBuilt))
			return nil
		}
		files.ServeHTTP(w, r)
		return nil
	}
}
