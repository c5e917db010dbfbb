package httpapi

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestOpenAPI checks the document against the mux: every registered
// route is documented with its path parameters, and every documented
// operation is registered.
func TestOpenAPI(t *testing.T) {
	f := newFixture(t)
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			Parameters []struct {
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
			Responses map[string]any `json:"responses"`
		} `json:"paths"`
	}
	f.get("/api/openapi.json", http.StatusOK).json(t, &doc)
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	h, err := New(Config{Store: f.store, Auth: f.auth, Registry: newRegistry()})
	if err != nil {
		t.Fatal(err)
	}
	routes := h.(*server).routes
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	pathParam := regexp.MustCompile(`\{([a-z]+)\}`)
	registered := map[string]bool{}
	for _, pattern := range routes {
		switch pattern {
		case "/api/":
			continue // the catch-all that answers 404 for unknown API paths
		case "/":
			pattern = "GET /" // the UI answers GET (and HEAD); other methods 405
		}
		registered[pattern] = true
		if !documented[pattern] {
			t.Errorf("route %q is not in openapi.json", pattern)
			continue
		}
		method, path, _ := strings.Cut(pattern, " ")
		op := doc.Paths[path][strings.ToLower(method)]
		for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
			if !slices.ContainsFunc(op.Parameters, func(p struct {
				Name string `json:"name"`
				In   string `json:"in"`
			}) bool {
				return p.Name == m[1] && p.In == "path"
			}) {
				t.Errorf("%s: path parameter %s not documented", pattern, m[1])
			}
		}
		if len(op.Responses) < 2 {
			t.Errorf("%s: documents %d responses; want success and errors", pattern, len(op.Responses))
		}
	}
	for op := range documented {
		if !registered[op] {
			t.Errorf("openapi.json documents %q, which is not a route", op)
		}
	}
	if !json.Valid(openapiJSON) {
		t.Fatal("invalid JSON")
	}
}
