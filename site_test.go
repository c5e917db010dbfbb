package sitrep

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sitrep-osint/sitrep/geo"
)

func validSite() Site {
	return Site{ID: "tartus-port", Name: "Tartus port", Kind: SitePort, Country: "SY", LOCODE: "SYTTS",
		Shape: Shape{Kind: ShapePolygon, Rings: [][]LatLon{{{34.90, 35.86}, {34.92, 35.86}, {34.92, 35.88}, {34.90, 35.88}}}}}
}

func TestSiteValidate(t *testing.T) {
	if err := validSite().Validate(); err != nil {
		t.Fatalf("valid site: %v", err)
	}
	circle := Shape{Kind: ShapeCircle, Center: LatLon{35.4, 35.95}, RadiusM: 2500}
	line := Shape{Kind: ShapeLine, Line: []LatLon{{36.06, -5.6}, {35.84, -5.6}}}
	for _, sh := range []Shape{circle, line,
		{Kind: ShapePolygon, Rings: [][]LatLon{{{-17, 179.5}, {-17, 180.5}, {-16, 180.5}, {-16, 179.5}}}}, // continuous past 180
	} {
		s := validSite()
		s.Shape = sh
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", sh.Kind, err)
		}
	}
	tests := []struct {
		name string
		edit func(*Site)
		want string
	}{
		{"empty id", func(s *Site) { s.ID = "" }, "id: \"\" is not a slug"},
		{"upper id", func(s *Site) { s.ID = "Tartus" }, "id: \"Tartus\""},
		{"double hyphen", func(s *Site) { s.ID = "a--b" }, "id:"},
		{"trailing hyphen", func(s *Site) { s.ID = "a-" }, "id:"},
		{"long id", func(s *Site) { s.ID = strings.Repeat("a", 65) }, "id:"},
		{"no name", func(s *Site) { s.Name = " " }, "name: empty"},
		{"control in name", func(s *Site) { s.Name = "a\x00b" }, "name: \"a\\x00b\" contains a control character"},
		{"kind", func(s *Site) { s.Kind = "harbor" }, "kind: unknown kind \"harbor\""},
		{"alias", func(s *Site) { s.Aliases = []string{"ok", ""} }, "aliases[1]: empty"},
		{"country", func(s *Site) { s.Country = "sy" }, "country: \"sy\""},
		{"locode", func(s *Site) { s.LOCODE = "SY TTS" }, "locode: \"SY TTS\""},
		{"param name", func(s *Site) { s.Params = map[string]float64{"Min Dwell": 1} }, "params: name \"Min Dwell\""},
		{"param value", func(s *Site) { s.Params = map[string]float64{"min_dwell_min": math.NaN()} }, "params.min_dwell_min: NaN"},
		{"shape kind", func(s *Site) { s.Shape.Kind = "square" }, "shape.kind: unknown shape kind \"square\""},
		{"no rings", func(s *Site) { s.Shape.Rings = nil }, "shape.rings: a polygon needs at least one ring"},
		{"two-point ring", func(s *Site) { s.Shape.Rings[0] = s.Shape.Rings[0][:2] }, "shape.rings[0]: 2 distinct points, want at least 3"},
		{"closed degenerate ring", func(s *Site) {
			s.Shape.Rings[0] = []LatLon{{1, 1}, {2, 2}, {1, 1}}
		}, "shape.rings[0]: 2 distinct points"},
		{"lat", func(s *Site) { s.Shape.Rings[0][2].Lat = 95 }, "shape.rings[0][2].lat: 95 is outside -90..90"},
		{"lon NaN", func(s *Site) { s.Shape.Rings[0][1].Lon = math.NaN() }, "shape.rings[0][1].lon: NaN"},
		{"wide ring", func(s *Site) { s.Shape.Rings[0][1].Lon = -170 }, "spans"},
		{"polygon with radius", func(s *Site) { s.Shape.RadiusM = 5 }, "a polygon has only rings"},
		{"circle radius 0", func(s *Site) { s.Shape = circle; s.Shape.RadiusM = 0 }, "shape.radius_m: 0 is not in (0, 500000]"},
		{"circle radius huge", func(s *Site) { s.Shape = circle; s.Shape.RadiusM = 1e7 }, "shape.radius_m"},
		{"circle lon", func(s *Site) { s.Shape = circle; s.Shape.Center.Lon = 181 }, "shape.center.lon: 181 is outside -180..180"},
		{"line one point", func(s *Site) { s.Shape = line; s.Shape.Line = s.Shape.Line[:1] }, "shape.line: 1 distinct points, want at least 2"},
		{"line with rings", func(s *Site) { s.Shape.Kind = ShapeLine; s.Shape.Line = line.Line }, "a line has only line points"},
	}
	for _, tc := range tests {
		s := validSite()
		s.Shape.Rings = [][]LatLon{append([]LatLon(nil), s.Shape.Rings[0]...)}
		tc.edit(&s)
		err := s.Validate()
		if err == nil || ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want EINVALID containing %q", tc.name, err, tc.want)
		}
	}
}

func TestShapeBounds(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
	// A 111.2 km circle at the equator spans one degree each way.
	b := Shape{Kind: ShapeCircle, Center: LatLon{0, 10}, RadiusM: earthRadiusM * math.Pi / 180}.Bounds()
	if !near(b.MinLat, -1) || !near(b.MaxLat, 1) || !near(b.MinLon, 9) || !near(b.MaxLon, 11) {
		t.Errorf("equator circle %+v", b)
	}
	// At 60°N the longitude extent is asin(sin(d)/cos(60°)), wider than 2 d.
	b = Shape{Kind: ShapeCircle, Center: LatLon{60, 179.5}, RadiusM: earthRadiusM * math.Pi / 180}.Bounds()
	want := math.Asin(math.Sin(math.Pi/180)/0.5) * 180 / math.Pi
	if b.MinLon != 179.5-want || !near(b.MaxLon, 179.5+want-360) || b.MinLon < b.MaxLon {
		t.Errorf("antimeridian circle %+v (want dLon %v)", b, want)
	}
	if b := (Shape{Kind: ShapeCircle, Center: LatLon{89.5, 0}, RadiusM: 100_000}).Bounds(); b.MinLon != -180 || b.MaxLon != 180 || b.MaxLat != 90 {
		t.Errorf("polar circle %+v", b)
	}
	b = Shape{Kind: ShapePolygon, Rings: [][]LatLon{{{-17, 179.5}, {-17, 180.5}, {-16, 180.5}}}}.Bounds()
	if b != (Area{MinLat: -17, MaxLat: -16, MinLon: 179.5, MaxLon: -179.5}) {
		t.Errorf("antimeridian polygon %+v", b)
	}
}

func TestAreaIntersects(t *testing.T) {
	wrap := Area{MinLat: -20, MaxLat: -10, MinLon: 179, MaxLon: -179}
	tests := []struct {
		a, b Area
		want bool
	}{
		{Area{0, 0, 1, 1}, Area{1, 1, 2, 2}, true},
		{Area{0, 0, 1, 1}, Area{1.1, 0, 2, 1}, false},
		{wrap, Area{-15, -179.5, -14, -179.2}, true},
		{wrap, Area{-15, 179.5, -14, 179.7}, true},
		{wrap, Area{-15, 170, -14, 178}, false},
		{wrap, Area{-15, 178, -14, -178}, true},
	}
	for _, tc := range tests {
		if got := tc.a.Intersects(tc.b); got != tc.want {
			t.Errorf("%+v meets %+v = %v", tc.a, tc.b, got)
		}
		if got := tc.b.Intersects(tc.a); got != tc.want {
			t.Errorf("%+v meets %+v = %v (swapped)", tc.b, tc.a, got)
		}
	}
}

func TestSiteFilterMatch(t *testing.T) {
	s := validSite()
	s.Aliases = []string{"Tartous"}
	for _, tc := range []struct {
		f    SiteFilter
		want bool
	}{
		{SiteFilter{}, true},
		{SiteFilter{Text: "TART"}, true},
		{SiteFilter{Text: "tartous"}, true},
		{SiteFilter{Text: "syt"}, true},
		{SiteFilter{Text: "port"}, false},
		{SiteFilter{Kind: SiteNavalBase}, false},
		{SiteFilter{Area: &Area{34, 35, 35, 36}}, true},
		{SiteFilter{Area: &Area{36, 35, 37, 36}}, false},
	} {
		if got := tc.f.Match(s); got != tc.want {
			t.Errorf("%+v: %v", tc.f, got)
		}
	}
}

// TestShapeBoundsMatchesGeo checks Shape.Bounds of circles and polygons
// against package geo, which the index uses for containment.
func TestShapeBoundsMatchesGeo(t *testing.T) {
	if earthRadiusM != geo.EarthRadius {
		t.Fatalf("earthRadiusM %v, geo.EarthRadius %v", earthRadiusM, geo.EarthRadius)
	}
	rng := rand.New(rand.NewPCG(3, 9))
	for range 5000 {
		c := geo.Circle{Center: geo.Point{Lat: rng.Float64()*178 - 89, Lon: rng.Float64()*360 - 180}, Radius: rng.Float64() * MaxSiteRadiusM}
		got := Shape{Kind: ShapeCircle, Center: LatLon{Lat: c.Center.Lat, Lon: c.Center.Lon}, RadiusM: c.Radius}.Bounds()
		want := c.Bounds()
		// Every point of the circle's boundary lies in got.
		for brg := 0.0; brg < 360; brg += 7.5 {
			p := geo.Destination(c.Center, brg, c.Radius*0.999999)
			if !got.Contains(p.Lat, p.Lon) {
				t.Fatalf("circle %+v: boundary point %v outside %+v (geo: %+v)", c, p, got, want)
			}
		}
		if math.Abs(got.MinLat-want.MinLat) > 1e-9 || math.Abs(got.MaxLat-want.MaxLat) > 1e-9 {
			t.Fatalf("circle %+v: %+v, geo %+v", c, got, want)
		}
	}
}
