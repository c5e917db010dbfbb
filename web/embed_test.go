package web

import (
	"io/fs"
	"testing"
)

// TestFS checks FS's contract against what is in dist: built means
// index.html is there, and then the bundle and the basemap are too.
func TestFS(t *testing.T) {
	files, built := FS()
	if files == nil {
		t.Fatal("FS returned a nil file system")
	}
	_, err := fs.Stat(files, "index.html")
	if built != (err == nil) {
		t.Fatalf("built = %v but Stat(index.html) error = %v", built, err)
	}
	if !built {
		if _, err := fs.Stat(files, ".keep"); err != nil {
			t.Fatalf("unbuilt UI should still hold the .keep placeholder: %v", err)
		}
		t.Skip("UI not built (run `make web`): only the placeholder is embedded")
	}
	for _, name := range []string{"app.js", "app.css", "basemap/land-50m.json", "basemap/land-110m.json", "basemap/LICENSE-world-atlas.txt"} {
		if _, err := fs.Stat(files, name); err != nil {
			t.Errorf("built UI lacks %s: %v", name, err)
		}
	}
}
