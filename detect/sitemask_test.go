package detect

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// hidden hides the SiteLister of an index, so that a Detector queries it
// at every fix.
type hidden struct{ SiteIndex }

// TestSiteMaskSkipsOnlyEmptyQueries checks, over random circles and
// polygons (some across 180° and near the poles) and random points (some
// at ±180°), that a point any site contains is never outside the mask.
func TestSiteMaskSkipsOnlyEmptyQueries(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var ss []sitrep.Site
	for i := range 200 {
		lat := -89.9 + rng.Float64()*179.8
		lon := -180 + rng.Float64()*360
		if i%4 == 0 {
			lon = 179.9 + rng.Float64()*0.2 // across 180°
			if lon >= 180 {
				lon -= 360
			}
		}
		if i%2 == 0 {
			ss = append(ss, circleSite("c", sitrep.SitePort, lat, lon, 100+rng.Float64()*30_000))
			continue
		}
		d := 0.01 + rng.Float64()*0.5
		s := boxSite("p", sitrep.SitePort, lat-d, lon-d, lat+d, lon+d)
		for j := range s.Shape.Rings[0] {
			q := &s.Shape.Rings[0][j]
			q.Lat = min(max(q.Lat, -90), 90)
			if q.Lon > 180 {
				q.Lon -= 360
			} else if q.Lon < -180 {
				q.Lon += 360
			}
		}
		ss = append(ss, s)
	}
	idx := newScanIndex(ss...)
	m := newSiteMask(ss)
	var buf []*sitrep.Site
	check := func(lat, lon float64) {
		buf = idx.Containing(buf[:0], lat, lon)
		if len(buf) > 0 && !m.may(lat, lon) {
			t.Fatalf("%v,%v: in %d sites but outside the mask", lat, lon, len(buf))
		}
	}
	in := 0
	for i := range 50_000 {
		s := ss[i%len(ss)]
		c := siteCenter(&s)
		lat := c.Lat + (rng.Float64()-0.5)*0.6
		lon := c.Lon + (rng.Float64()-0.5)*0.6
		lat = min(max(lat, -90), 90)
		if lon > 180 {
			lon -= 360
		} else if lon < -180 {
			lon += 360
		}
		if i%50 == 0 {
			lon = []float64{180, -180}[i%2]
		}
		check(lat, lon)
		if len(buf) > 0 {
			in++
		}
	}
	if in < 300 {
		t.Fatalf("only %d points inside sites: the test tests little", in)
	}
	// Points on and just inside the edges of every site's bounding box,
	// where the fine cells end.
	for i := range ss {
		sh, _ := shapeOf(&ss[i])
		b := sh.Bounds()
		for _, e := range []float64{0, 1e-9, 1e-6} {
			for k := range 9 {
				f := float64(k) / 8
				lon := b.MinLon + f*(b.MaxLon-b.MinLon)
				if b.MinLon > b.MaxLon {
					lon = b.MinLon + f*(b.MaxLon+360-b.MinLon)
					if lon > 180 {
						lon -= 360
					}
				}
				for _, lat := range []float64{b.MinLat + e, b.MaxLat - e, b.MinLat + f*(b.MaxLat-b.MinLat)} {
					check(min(max(lat, -90), 90), lon)
				}
				check(b.MinLat+f*(b.MaxLat-b.MinLat), min(max(b.MinLon+e, -180), 180))
				check(b.MinLat+f*(b.MaxLat-b.MinLat), min(max(b.MaxLon-e, -180), 180))
			}
		}
	}
}

// TestSiteMaskSameEvents replays a simulated capture over the bundled
// sites with and without the mask: the emissions must be the same.
func TestSiteMaskSameEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("replays a simulated capture twice")
	}
	idx := catalogueIndex(t)
	data := simCapture(t, 800, 2*time.Hour)
	a := runNMEA(t, data, idx, nil)
	b := runNMEA(t, data, hidden{idx}, nil)
	if len(a.all) == 0 || count(a.final(), sitrep.EventArrival) == 0 {
		t.Fatalf("no arrivals from the simulated capture (%d emissions)", len(a.all))
	}
	if !reflect.DeepEqual(a.all, b.all) {
		t.Errorf("with and without the mask: %d and %d emissions differ", len(a.all), len(b.all))
	}
	t.Logf("%d emissions: %s", len(a.all), kindCounts(a.final()))
}

// TestMayHaveSitesRemembersCells: the answer a vessel remembers for its
// cell is the mask's, along random walks that stay in cells, leave them
// and come back, near sites and far from them.
func TestMayHaveSitesRemembersCells(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var ss []sitrep.Site
	for range 300 {
		lat, lon := -60+rng.Float64()*120, -180+rng.Float64()*359
		ss = append(ss, circleSite("c", sitrep.SitePort, lat, lon, 200+rng.Float64()*5_000))
	}
	d := &Detector{mask: newSiteMask(ss)}
	differ := 0
	for w := range 200 {
		var v vessel
		s := ss[w%len(ss)].Shape.Center
		lat, lon := s.Lat, s.Lon
		for range 500 {
			lat += (rng.Float64() - 0.5) * 0.01
			lon += (rng.Float64() - 0.5) * 0.01
			got, want := d.mayHaveSites(&v, lat, lon), d.mask.may(lat, lon)
			if got != want {
				t.Fatalf("%v,%v: remembered %v, mask %v", lat, lon, got, want)
			}
			if !want {
				differ++
			}
		}
	}
	if differ == 0 {
		t.Error("the walks never left the mask: the test proves little")
	}
}
