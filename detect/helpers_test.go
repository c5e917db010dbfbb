package detect

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
	"github.com/sitrep-osint/sitrep/sites"
)

// scanIndex is a SiteIndex that tests every site: enough for a few sites.
type scanIndex struct {
	sites  []*sitrep.Site
	shapes []geo.Shape // nil for lines
	lines  []geo.Line  // nil for areas
}

func shapeOf(s *sitrep.Site) (geo.Shape, geo.Line) {
	switch s.Shape.Kind {
	case sitrep.ShapeCircle:
		return geo.Circle{Center: geo.Point{Lat: s.Shape.Center.Lat, Lon: s.Shape.Center.Lon}, Radius: s.Shape.RadiusM}, nil
	case sitrep.ShapePolygon:
		var g geo.Polygon
		for i, r := range s.Shape.Rings {
			ring := make([]geo.Point, len(r))
			for j, p := range r {
				ring[j] = geo.Point{Lat: p.Lat, Lon: p.Lon}
			}
			if i == 0 {
				g.Outer = ring
			} else {
				g.Holes = append(g.Holes, ring)
			}
		}
		return g, nil
	default:
		l := make(geo.Line, len(s.Shape.Line))
		for j, p := range s.Shape.Line {
			l[j] = geo.Point{Lat: p.Lat, Lon: p.Lon}
		}
		return nil, l
	}
}

func newScanIndex(sites ...sitrep.Site) *scanIndex {
	x := &scanIndex{}
	for i := range sites {
		s := &sites[i]
		sh, l := shapeOf(s)
		x.sites, x.shapes, x.lines = append(x.sites, s), append(x.shapes, sh), append(x.lines, l)
	}
	return x
}

func (x *scanIndex) Containing(dst []*sitrep.Site, lat, lon float64) []*sitrep.Site {
	for i, sh := range x.shapes {
		if sh != nil && sh.Contains(geo.Point{Lat: lat, Lon: lon}) {
			dst = append(dst, x.sites[i])
		}
	}
	return dst
}

func (x *scanIndex) Crossed(dst []*sitrep.Site, from, to sitrep.LatLon) []*sitrep.Site {
	for i, l := range x.lines {
		if l == nil {
			continue
		}
		if ok, _ := l.Crosses(geo.Point{Lat: from.Lat, Lon: from.Lon}, geo.Point{Lat: to.Lat, Lon: to.Lon}); ok {
			dst = append(dst, x.sites[i])
		}
	}
	return dst
}

// recorder collects what a Detector emits.
type recorder struct {
	all []sitrep.Event // every emission, in order
}

func (r *recorder) sink(e sitrep.Event) { r.all = append(r.all, e) }

// final returns the latest version of every event, ordered by Start then ID.
func (r *recorder) final() []sitrep.Event {
	byID := map[string]sitrep.Event{}
	for _, e := range r.all {
		byID[e.ID] = e
	}
	out := make([]sitrep.Event, 0, len(byID))
	for _, e := range byID {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b sitrep.Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

func (r *recorder) kind(k sitrep.EventKind) []sitrep.Event {
	var out []sitrep.Event
	for _, e := range r.final() {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

func newDetector(t testing.TB, idx SiteIndex, set map[string]float64) (*Detector, *recorder) {
	t.Helper()
	p := DefaultParams()
	for n, v := range set {
		if err := p.Set(n, v); err != nil {
			t.Fatal(err)
		}
	}
	r := &recorder{}
	d, err := New(Config{Params: p, Sites: idx, Sink: r.sink})
	if err != nil {
		t.Fatal(err)
	}
	return d, r
}

var t0 = time.Date(2025, 1, 21, 18, 0, 0, 0, time.UTC)

// fix makes a Class A position with SOG.
func fix(mmsi sitrep.MMSI, at time.Time, lat, lon float64, sog float32) sitrep.Position {
	p := sitrep.Position{MMSI: mmsi, Time: at, Lat: lat, Lon: lon, Class: sitrep.ClassA,
		Sources: []sitrep.Provenance{{Feed: "test"}}}
	p.SetSOG(sog)
	return p
}

// leg returns n fixes every step sailing at kn knots on bearing brg from
// (lat, lon), starting at start; the first fix is at the start point.
func leg(mmsi sitrep.MMSI, start time.Time, lat, lon, brg, kn float64, step time.Duration, n int) []sitrep.Position {
	out := make([]sitrep.Position, n)
	p := geo.Point{Lat: lat, Lon: lon}
	for i := range out {
		q := geo.Destination(p, brg, kn*1852*step.Hours()*float64(i))
		out[i] = fix(mmsi, start.Add(time.Duration(i)*step), q.Lat, q.Lon, float32(kn))
	}
	return out
}

// merge orders positions of several vessels by time (stable for ties).
func merge(tracks ...[]sitrep.Position) []sitrep.Position {
	var all []sitrep.Position
	for _, t := range tracks {
		all = append(all, t...)
	}
	slices.SortStableFunc(all, func(a, b sitrep.Position) int { return a.Time.Compare(b.Time) })
	return all
}

func feed(d *Detector, ps []sitrep.Position) {
	for _, p := range ps {
		d.Position(p)
	}
}

func circleSite(id string, kind sitrep.SiteKind, lat, lon, r float64) sitrep.Site {
	return sitrep.Site{ID: id, Name: id, Kind: kind, Shape: sitrep.Shape{Kind: sitrep.ShapeCircle,
		Center: sitrep.LatLon{Lat: lat, Lon: lon}, RadiusM: r}}
}

func boxSite(id string, kind sitrep.SiteKind, minLat, minLon, maxLat, maxLon float64) sitrep.Site {
	return sitrep.Site{ID: id, Name: id, Kind: kind, Shape: sitrep.Shape{Kind: sitrep.ShapePolygon,
		Rings: [][]sitrep.LatLon{{{Lat: minLat, Lon: minLon}, {Lat: minLat, Lon: maxLon}, {Lat: maxLat, Lon: maxLon}, {Lat: maxLat, Lon: minLon}}}}}
}

func count(es []sitrep.Event, k sitrep.EventKind) int {
	n := 0
	for _, e := range es {
		if e.Kind == k {
			n++
		}
	}
	return n
}

// checkExplained fails unless every event names a rule with parameters
// (where the rule has any), carries evidence and a summary.
func checkExplained(t *testing.T, es []sitrep.Event) {
	t.Helper()
	for _, e := range es {
		if e.Rule.Name == "" || e.Summary == "" || e.Evidence == nil || e.ID == "" || !e.Kind.Valid() {
			t.Errorf("unexplained event %+v", e)
		}
		for _, f := range e.Evidence {
			if f.Time.IsZero() || f.Role == "" {
				t.Errorf("%s: evidence without time or role: %+v", e.ID, f)
			}
		}
	}
}

// catalogueIndex returns the index of every bundled site that detection
// uses (sites.Catalogue, sites.ForDetection), as the replay builds it.
func catalogueIndex(tb testing.TB) *sites.Index {
	tb.Helper()
	cat, err := sites.Catalogue()
	if err != nil {
		tb.Fatal(err)
	}
	idx, err := sites.NewIndex(sites.ForDetection(cat))
	if err != nil {
		tb.Fatal(err)
	}
	return idx
}
