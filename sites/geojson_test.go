package sites

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/sitrep-osint/sitrep"
)

func testSites() []sitrep.Site {
	return []sitrep.Site{
		{ID: "tartus-port", Name: "Tartus port", Kind: sitrep.SitePort, Aliases: []string{"Tartous"}, Country: "SY", LOCODE: "SYTTS",
			Shape:  sitrep.Shape{Kind: sitrep.ShapePolygon, Rings: [][]sitrep.LatLon{{{Lat: 34.89, Lon: 35.85}, {Lat: 34.92, Lon: 35.85}, {Lat: 34.92, Lon: 35.88}, {Lat: 34.89, Lon: 35.88}}, {{Lat: 34.90, Lon: 35.86}, {Lat: 34.91, Lon: 35.86}, {Lat: 34.91, Lon: 35.87}}}},
			Params: map[string]float64{"min_dwell_min": 30}, Source: "test", Approximate: true, Notes: "a hole"},
		{ID: "khmeimim-air-base", Name: "Khmeimim air base", Kind: sitrep.SiteAirBase,
			Shape: sitrep.Shape{Kind: sitrep.ShapeCircle, Center: sitrep.LatLon{Lat: 35.4011, Lon: 35.9486}, RadiusM: 3000}},
		{ID: "gib-gate", Name: "Gibraltar gate", Kind: sitrep.SiteStrait,
			Shape: sitrep.Shape{Kind: sitrep.ShapeLine, Line: []sitrep.LatLon{{Lat: 36.06, Lon: -5.6}, {Lat: 35.84, Lon: -5.6}}}},
		{ID: "fiji-box", Name: "Across the antimeridian", Kind: sitrep.SiteCustom,
			Shape: sitrep.Shape{Kind: sitrep.ShapePolygon, Rings: [][]sitrep.LatLon{{{Lat: -17, Lon: 179.5}, {Lat: -17, Lon: 180.5}, {Lat: -16, Lon: 180.5}, {Lat: -16, Lon: 179.5}}}}},
	}
}

func TestGeoJSONRoundTrip(t *testing.T) {
	in := testSites()
	var buf bytes.Buffer
	if err := WriteGeoJSON(&buf, in); err != nil {
		t.Fatal(err)
	}
	out, err := ReadGeoJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
	// Polygon rings are closed on output, as RFC 7946 requires.
	if !strings.Contains(buf.String(), "[35.85,34.89],[35.85,34.92],[35.88,34.92],[35.88,34.89],[35.85,34.89]") {
		t.Errorf("ring not closed in lon,lat order:\n%s", buf.String())
	}
}

func TestGeoJSONTestdata(t *testing.T) {
	f, err := os.Open("testdata/tartus.geojson")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ReadGeoJSON(f)
	var fe FeatureErrors
	if !errors.As(err, &fe) || sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Fatalf("want FeatureErrors, got %v", err)
	}
	want := []string{
		`feature 2 (tartus-harbour): properties.kind: unknown kind "harbor"`,
		`feature 3 (bad-ring): geometry.coordinates[0]: 2 distinct points, want at least 3`,
		`feature 4 (no-radius): properties.radius_m: missing (a Point site is a circle and needs a radius)`,
		`feature 5 (far-north): geometry.coordinates.lat: 91 is outside -90..90`,
		`feature 6 (Bad ID): properties.id: "Bad ID" is not a slug`,
		`feature 7 (tartus-port): properties.id: "tartus-port" repeats feature 0`,
		`feature 8: geometry.type: "GeometryCollection" is not supported`,
		`feature 9 (two-polys): geometry: a MultiPolygon of 2 polygons`,
		`feature 10 (strings): properties.approximate: string where bool is wanted`,
	}
	if len(fe) != len(want) {
		t.Errorf("%d errors, want %d:\n%v", len(fe), len(want), fe)
	}
	for i, w := range want {
		if i < len(fe) && !strings.HasPrefix(fe[i].Error(), w) {
			t.Errorf("error %d:\n got %s\nwant %s...", i, fe[i].Error(), w)
		}
	}
	var ids []string
	for _, s := range got {
		ids = append(ids, s.ID)
	}
	if strings.Join(ids, " ") != "tartus-port tartus-checkpoint" {
		t.Errorf("good sites %v", ids)
	}
	if got[1].Shape.Kind != sitrep.ShapeCircle || got[1].Shape.RadiusM != 3000 || got[1].Shape.Center != (sitrep.LatLon{Lat: 34.935, Lon: 35.895}) {
		t.Errorf("checkpoint %+v", got[1].Shape)
	}
}

func TestGeoJSONWhole(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "unexpected end of JSON input"},
		{`{"type": "Feature"}`, `type is "Feature", want "FeatureCollection"`},
		{"{\"type\": \"FeatureCollection\",\n \"features\": {}}", "line 2"},
		{`[1, 2`, "GeoJSON"},
	} {
		got, err := ReadGeoJSON(strings.NewReader(tc.in))
		if err == nil || got != nil || sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v %v, want EINVALID containing %q", tc.in, got, err, tc.want)
		}
	}
	big := strings.NewReader(`{"type": "FeatureCollection", "features": [` + strings.Repeat(" ", MaxGeoJSONBytes) + `]}`)
	if _, err := ReadGeoJSON(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("oversized input: %v", err)
	}
	if err := WriteGeoJSON(&bytes.Buffer{}, []sitrep.Site{{ID: "x"}}); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("writing an invalid site: %v", err)
	}
}

func FuzzReadGeoJSON(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteGeoJSON(&buf, testSites()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	if b, err := os.ReadFile("testdata/tartus.geojson"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"id":"a","name":"a","kind":"port","radius_m":1e300}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[null, {}, {"type":"Feature","geometry":null,"properties":null}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := ReadGeoJSON(bytes.NewReader(data))
		var fe FeatureErrors
		if err != nil && !errors.As(err, &fe) && got != nil {
			t.Fatalf("whole-input error with sites: %v", err)
		}
		for _, s := range got {
			if err := s.Validate(); err != nil {
				t.Fatalf("returned an invalid site: %v", err)
			}
		}
		// What was accepted writes and reads back the same.
		var buf bytes.Buffer
		if err := WriteGeoJSON(&buf, got); err != nil {
			t.Fatal(err)
		}
		again, err := ReadGeoJSON(&buf)
		if err != nil || len(again) != len(got) {
			t.Fatalf("re-read: %d sites, %v (had %d)", len(again), err, len(got))
		}
	})
}
