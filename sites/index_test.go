package sites

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

func ids(ss []*sitrep.Site) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	slices.Sort(out)
	return out
}

func TestIndexContaining(t *testing.T) {
	ix, err := NewIndex(testSites())
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 4 {
		t.Errorf("Len %d", ix.Len())
	}
	for _, tc := range []struct {
		lat, lon float64
		want     []string
	}{
		{34.895, 35.855, []string{"tartus-port"}},
		{34.905, 35.862, nil},                         // in the hole
		{35.40, 35.95, []string{"khmeimim-air-base"}}, // 200 m from the centre
		{35.43, 35.9486, nil},                         // 3.2 km north
		{-16.5, 179.9, []string{"fiji-box"}},          // west of the antimeridian
		{-16.5, -179.7, []string{"fiji-box"}},         // east of it
		{-16.5, -179.4, nil},                          // beyond the box
		{36.0, -5.6, nil},                             // on a gate line: lines contain nothing
	} {
		if got := ids(ix.Containing(nil, tc.lat, tc.lon)); !slices.Equal(got, tc.want) {
			t.Errorf("Containing(%v, %v) = %v, want %v", tc.lat, tc.lon, got, tc.want)
		}
	}
	// Appends to dst.
	dst := ix.Containing([]*sitrep.Site{nil}, 34.895, 35.855)
	if len(dst) != 2 || dst[0] != nil {
		t.Errorf("did not append: %v", dst)
	}
}

func TestIndexCrossed(t *testing.T) {
	sites := testSites()
	sites = append(sites,
		sitrep.Site{ID: "dateline-gate", Name: "Dateline gate", Kind: sitrep.SiteCustom,
			Shape: sitrep.Shape{Kind: sitrep.ShapeLine, Line: []sitrep.LatLon{{Lat: 10, Lon: 179.8}, {Lat: 10, Lon: 180.2}}}},
		sitrep.Site{ID: "long-gate", Name: "Long bent gate", Kind: sitrep.SiteCustom,
			Shape: sitrep.Shape{Kind: sitrep.ShapeLine, Line: []sitrep.LatLon{{Lat: 0, Lon: 0}, {Lat: 5, Lon: 0}, {Lat: 10, Lon: 3}}}})
	ix, err := NewIndex(sites)
	if err != nil {
		t.Fatal(err)
	}
	ll := func(lat, lon float64) sitrep.LatLon { return sitrep.LatLon{Lat: lat, Lon: lon} }
	for _, tc := range []struct {
		name     string
		from, to sitrep.LatLon
		want     []string
	}{
		{"eastbound through Gibraltar", ll(35.95, -5.65), ll(35.95, -5.55), []string{"gib-gate"}},
		{"westbound", ll(35.95, -5.55), ll(35.95, -5.65), []string{"gib-gate"}},
		{"short of the gate", ll(35.95, -5.65), ll(35.95, -5.61), nil},
		{"north of the gate's end", ll(36.1, -5.65), ll(36.1, -5.55), nil},
		{"long step over the gate (a gap)", ll(35.95, -20), ll(35.95, 10), []string{"gib-gate"}},
		{"across the antimeridian, eastbound", ll(9.9, 179.95), ll(10.1, -179.95), []string{"dateline-gate"}},
		{"across the antimeridian, westbound", ll(10.1, -179.99), ll(9.9, 179.99), []string{"dateline-gate"}},
		{"east of the antimeridian gate", ll(9.9, -179.7), ll(10.1, -179.7), nil},
		{"second segment of a bent gate", ll(7, 0.5), ll(7, 2.5), []string{"long-gate"}},
		{"through the point-in-area sites", ll(34.89, 35.84), ll(34.93, 35.89), nil},
	} {
		if got := ids(ix.Crossed(nil, tc.from, tc.to)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: Crossed = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestNewIndexErrors(t *testing.T) {
	s := testSites()
	if _, err := NewIndex(append(s, s[0])); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("duplicate ID: %v", err)
	}
	bad := s[1]
	bad.Shape.RadiusM = -1
	if _, err := NewIndex([]sitrep.Site{bad}); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("bad site: %v", err)
	}
	ix, err := NewIndex(nil)
	if err != nil || ix.Len() != 0 || len(ix.Containing(nil, 0, 0)) != 0 || len(ix.Crossed(nil, sitrep.LatLon{}, sitrep.LatLon{Lat: 1})) != 0 {
		t.Errorf("empty index: %v", err)
	}
}

// TestIndexMatchesBruteForce checks Containing and Crossed over the whole
// catalogue against testing every site, on random points and steps
// clustered near sites.
func TestIndexMatchesBruteForce(t *testing.T) {
	cat, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := NewIndex(cat)
	if err != nil {
		t.Fatal(err)
	}
	shapes := make([]geo.Shape, len(cat))
	lines := make([]geo.Line, len(cat))
	for i, s := range cat {
		if s.Shape.Kind == sitrep.ShapeLine {
			for _, p := range s.Shape.Line {
				lines[i] = append(lines[i], geo.Point{Lat: p.Lat, Lon: p.Lon})
			}
		} else {
			shapes[i] = GeoShape(s.Shape)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var dst []*sitrep.Site
	hits, crossings := 0, 0
	for n := 0; n < 20000; n++ {
		s := cat[rng.IntN(len(cat))]
		c := s.Shape.Bounds()
		lat := c.MinLat + (c.MaxLat-c.MinLat)*(rng.Float64()*1.4-0.2)
		lon := c.MinLon + (c.MaxLon-c.MinLon)*(rng.Float64()*1.4-0.2)
		lat = max(-90, min(90, lat))
		lon = geo.NormalizeLon(lon)
		var want []string
		p := geo.Point{Lat: lat, Lon: lon}
		for i, sh := range shapes {
			if sh != nil && sh.Contains(p) {
				want = append(want, cat[i].ID)
			}
		}
		slices.Sort(want)
		dst = ix.Containing(dst[:0], lat, lon)
		if got := ids(dst); !slices.Equal(got, want) {
			t.Fatalf("Containing(%v, %v) = %v, want %v", lat, lon, got, want)
		}
		hits += len(want)

		q := geo.Destination(p, rng.Float64()*360, rng.Float64()*20000)
		want = want[:0]
		for i, l := range lines {
			if ok, _ := l.Crosses(p, q); ok {
				want = append(want, cat[i].ID)
			}
		}
		slices.Sort(want)
		dst = ix.Crossed(dst[:0], sitrep.LatLon{Lat: p.Lat, Lon: p.Lon}, sitrep.LatLon{Lat: q.Lat, Lon: q.Lon})
		if got := ids(dst); !slices.Equal(got, want) {
			t.Fatalf("Crossed(%v, %v) = %v, want %v", p, q, got, want)
		}
		crossings += len(want)
	}
	if hits < 5000 || crossings == 0 {
		t.Errorf("test too weak: %d containments, %d crossings", hits, crossings)
	}
	t.Logf("%d containments, %d crossings", hits, crossings)
}

func TestIndexZeroAllocs(t *testing.T) {
	cat, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := NewIndex(cat)
	if err != nil {
		t.Fatal(err)
	}
	dst := make([]*sitrep.Site, 0, 16)
	from, to := sitrep.LatLon{Lat: 35.95, Lon: -5.7}, sitrep.LatLon{Lat: 35.95, Lon: -5.5}
	allocs := testing.AllocsPerRun(100, func() {
		dst = ix.Containing(dst[:0], 34.912, 35.871)
		dst = ix.Crossed(dst[:0], from, to)
	})
	if allocs != 0 {
		t.Errorf("%v allocations per query pair", allocs)
	}
	if len(ix.Containing(dst[:0], 34.912, 35.871)) != 3 || len(ix.Crossed(dst[:0], from, to)) != 1 {
		t.Errorf("queries found nothing: the allocation count means nothing")
	}
}

// TestIndexOddInput: invalid coordinates find nothing and do not panic.
func TestIndexOddInput(t *testing.T) {
	cat, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := NewIndex(cat)
	if err != nil {
		t.Fatal(err)
	}
	nan, inf := math.NaN(), math.Inf(1)
	for _, p := range [][2]float64{{nan, 0}, {0, nan}, {inf, 0}, {0, -inf}, {91, 0}, {0, 540}, {-90, -180}, {90, 180}} {
		if got := ix.Containing(nil, p[0], p[1]); len(got) != 0 {
			t.Errorf("Containing(%v) = %v", p, ids(got))
		}
		if got := ix.Crossed(nil, sitrep.LatLon{Lat: p[0], Lon: p[1]}, sitrep.LatLon{Lat: 35.95, Lon: -5.5}); len(got) > 1 {
			t.Errorf("Crossed(%v) = %v", p, ids(got))
		}
	}
	if got := ix.Crossed(nil, sitrep.LatLon{Lat: 35.95, Lon: -5.6}, sitrep.LatLon{Lat: 35.95, Lon: -5.6}); len(got) != 0 {
		t.Errorf("a zero-length step on the gate crossed %v", ids(got))
	}
}
