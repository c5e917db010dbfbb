package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/sites"
)

func TestSitesListCatalogue(t *testing.T) {
	dir := t.TempDir()
	out, summary, err := run(t, "", "sites", "list", "--data", dir, "--text", "tartus")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"tartus-naval-base  naval_base", "tartus-port", "SYTTS", "circle 34.91450,35.87200 r=800m", "wpi-45003", "catalogue"} {
		if !strings.Contains(out, want) {
			t.Errorf("list --text tartus lacks %q:\n%s", want, out)
		}
	}
	if summary != "4 sites\n" {
		t.Errorf("summary %q", summary)
	}
	out, _, err = run(t, "", "sites", "list", "--data", dir, "--kind", "strait", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var list []sitrep.Site
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 24 {
		t.Errorf("%d straits, want 12 bands and 12 gates", len(list))
	}
	for _, s := range list {
		if s.Kind != sitrep.SiteStrait {
			t.Errorf("--kind strait listed %s (%s)", s.ID, s.Kind)
		}
	}
	out, _, err = run(t, "", "sites", "list", "--data", dir, "--text", "no-such-site", "--format", "json")
	if err != nil || strings.TrimSpace(out) != "[]" {
		t.Errorf("no match: %q %v", out, err)
	}
	if _, _, err := run(t, "", "sites", "list", "--data", dir, "--kind", "harbor"); err == nil || !strings.Contains(err.Error(), `--kind: unknown site kind "harbor"`) {
		t.Errorf("bad kind: %v", err)
	}
}

func TestSitesAddListExport(t *testing.T) {
	dir := t.TempDir()
	_, msg, err := run(t, "", "sites", "add", "--data", dir, "--id", "tartus-pier", "--name", "Tartus pier", "--kind", "naval_base",
		"--circle", "34.912,35.871,400", "--alias", "PMTO pier", "--alias", "Pier 2", "--country", "SY", "--param", "min_dwell_min=30", "--approximate")
	if err != nil || !strings.Contains(msg, "stored site tartus-pier") {
		t.Fatalf("add: %v %q", err, msg)
	}
	// Replace a catalogue site.
	if _, _, err := run(t, "", "sites", "add", "--data", dir, "--id", "tartus-port", "--name", "Tartus port (redrawn)", "--kind", "port",
		"--polygon", "34.89 35.85, 34.92 35.85, 34.92 35.88, 34.89 35.88", "--locode", "SYTTS"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, "", "sites", "add", "--data", dir, "--id", "my-gate", "--name", "My gate", "--kind", "custom",
		"--line", "10 179.9,10 180.1"); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, "", "sites", "list", "--data", dir, "--text", "pmto")
	if err != nil || !strings.Contains(out, "tartus-pier") || !strings.Contains(out, "stored") {
		t.Errorf("list by alias: %v\n%s", err, out)
	}
	out, _, err = run(t, "", "sites", "list", "--data", dir, "--text", "tartus-port", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var list []sitrep.Site
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 || list[0].Name != "Tartus port (redrawn)" || list[0].Shape.Kind != sitrep.ShapePolygon {
		t.Errorf("stored site does not replace the catalogue's: %v %+v", err, list)
	}
	// Export only the stored sites and read them back.
	out, _, err = run(t, "", "sites", "export", "--data", dir, "--stored")
	if err != nil {
		t.Fatal(err)
	}
	got, err := sites.ReadGeoJSON(strings.NewReader(out))
	if err != nil || len(got) != 3 {
		t.Fatalf("export --stored: %v, %d sites\n%s", err, len(got), out)
	}
	if got[2].ID != "tartus-port" || got[1].ID != "tartus-pier" || got[1].Params["min_dwell_min"] != 30 || len(got[1].Aliases) != 2 || !got[1].Approximate {
		t.Errorf("exported %+v", got)
	}
	// The effective export of one kind has catalogue and stored sites.
	out, _, err = run(t, "", "sites", "export", "--data", dir, "--kind", "naval_base")
	if err != nil {
		t.Fatal(err)
	}
	got, err = sites.ReadGeoJSON(strings.NewReader(out))
	if err != nil || len(got) != 4 {
		t.Errorf("export --kind naval_base: %v, %d sites", err, len(got))
	}
	// Delete: the catalogue's tartus-port comes back.
	if _, _, err := run(t, "", "sites", "delete", "--data", dir, "tartus-port"); err != nil {
		t.Fatal(err)
	}
	out, _, err = run(t, "", "sites", "list", "--data", dir, "--text", "tartus-port")
	if err != nil || !strings.Contains(out, "circle 34.90000,35.86667 r=2500m") {
		t.Errorf("after delete: %v\n%s", err, out)
	}
	if _, _, err := run(t, "", "sites", "delete", "--data", dir, "tartus-port"); err == nil || !strings.Contains(err.Error(), `no site with ID "tartus-port"`) {
		t.Errorf("second delete: %v", err)
	}
}

func TestSitesAddErrors(t *testing.T) {
	dir := t.TempDir()
	base := []string{"sites", "add", "--data", dir, "--id", "x-1", "--name", "X"}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--kind", "harbor", "--circle", "1,2,3"}, `--kind: unknown site kind "harbor"`},
		{[]string{"--kind", "port", "--circle", "1,2"}, `--circle: want LAT,LON,RADIUS_M`},
		{[]string{"--kind", "port", "--circle", "1,2,0"}, `shape.radius_m: 0 is not in (0, 500000] metres`},
		{[]string{"--kind", "port", "--circle", "91,2,10"}, `shape.center.lat: 91 is outside -90..90`},
		{[]string{"--kind", "port", "--polygon", "1 2,3"}, `--polygon: point 2 is "3"`},
		{[]string{"--kind", "port", "--polygon", "1 2,3 4"}, `shape.rings[0]: 2 distinct points, want at least 3`},
		{[]string{"--kind", "port", "--line", "1 2,1 2"}, `shape.line: 1 distinct points, want at least 2`},
		{[]string{"--kind", "port", "--circle", "1,2,3", "--param", "dwell"}, `--param: want name=number, got "dwell"`},
		{[]string{"--kind", "port", "--circle", "1,2,3", "--country", "Syria"}, `country: "Syria"`},
		{[]string{"--kind", "port"}, `at least one of the flags in the group [circle polygon line] is required`},
		{[]string{"--kind", "port", "--circle", "1,2,3", "--line", "1 2,3 4"}, `if any flags in the group [circle polygon line] are set none of the others can be`},
	} {
		_, _, err := run(t, "", append(base, tc.args...)...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.args, err, tc.want)
		}
	}
	if _, _, err := run(t, "", "sites", "add", "--data", dir, "--id", "Bad ID", "--name", "X", "--kind", "port", "--circle", "1,2,3"); err == nil || !strings.Contains(err.Error(), `id: "Bad ID" is not a slug`) {
		t.Errorf("bad id: %v", err)
	}
	out, _, err := run(t, "", "sites", "export", "--data", dir, "--stored")
	if err != nil || strings.Count(out, `"Feature"`) != 0 {
		t.Errorf("failed adds stored something: %v\n%s", err, out)
	}
}

func TestSitesImport(t *testing.T) {
	dir := t.TempDir()
	_, stderr, err := run(t, "", "sites", "import", "--data", dir, "../../sites/testdata/tartus.geojson")
	if err == nil || !strings.Contains(err.Error(), "9 of 11 features rejected") || sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("import with bad features: %v", err)
	}
	for _, want := range []string{
		`tartus.geojson: feature 2 (tartus-harbour): properties.kind: unknown kind "harbor"`,
		`tartus.geojson: feature 10 (strings): properties.approximate: string where bool is wanted`,
		"stored 2 sites, rejected 9 features",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	out, _, err := run(t, "", "sites", "list", "--data", dir, "--text", "tartus")
	if err != nil || strings.Count(out, "stored") != 2 {
		t.Errorf("the good features were not stored: %v\n%s", err, out)
	}

	// A clean file imports without error; a file that is not GeoJSON stores nothing.
	var buf bytes.Buffer
	cat, err := sites.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	if err := sites.WriteGeoJSON(&buf, cat[:50]); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(t.TempDir(), "good.geojson")
	bad := filepath.Join(t.TempDir(), "bad.geojson")
	if err := os.WriteFile(good, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("{\"type\": \"FeatureCollection\",\n \"features\": [}"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir2 := t.TempDir()
	if _, stderr, err := run(t, "", "sites", "import", "--data", dir2, good); err != nil || !strings.Contains(stderr, "stored 50 sites, rejected 0 features") {
		t.Errorf("clean import: %v %q", err, stderr)
	}
	if _, _, err := run(t, "", "sites", "import", "--data", dir2, bad); err == nil || !strings.Contains(err.Error(), "bad.geojson: ") || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("not GeoJSON: %v", err)
	}
	if _, _, err := run(t, "", "sites", "import", "--data", dir2, filepath.Join(dir2, "missing.geojson")); err == nil {
		t.Error("missing file: no error")
	}
}

// FuzzSiteFlags feeds the --circle, --polygon/--line and --param parsers:
// they return a shape or an EINVALID error naming the flag, never panic.
func FuzzSiteFlags(f *testing.F) {
	for _, s := range []string{"34.912,35.871,400", "1,2", "34.89 35.85, 34.92 35.85, 34.92 35.88", "1 2,3", "min_dwell_min=30", "=", "NaN,Inf,-0", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if _, err := parseCircle(v); err != nil && (sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "--circle")) {
			t.Fatalf("circle %q: %v", v, err)
		}
		pts, err := parsePoints("--polygon", v)
		if err != nil && (sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "--polygon")) {
			t.Fatalf("points %q: %v", v, err)
		}
		if err == nil && len(pts) != strings.Count(v, ",")+1 {
			t.Fatalf("points %q: %d points", v, len(pts))
		}
		if _, err := parseParams([]string{v}); err != nil && (sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "--param")) {
			t.Fatalf("param %q: %v", v, err)
		}
	})
}
