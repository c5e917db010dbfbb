package detect

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

func TestFlushReportsOpenEvents(t *testing.T) {
	d, r := newDetector(t, newScanIndex(tartus), nil)
	ps := callAtPort(201000002)
	feed(d, ps[:80]) // moored inside, not yet gone
	n := len(r.all)
	d.Flush()
	flushed := r.all[n:]
	if len(flushed) != 1 || flushed[0].Kind != sitrep.EventVisit || !flushed[0].Open() {
		t.Fatalf("Flush emitted %v, want the open visit", flushed)
	}
	want := ps[79].Time.Sub(r.kind(sitrep.EventArrival)[0].Start).Hours()
	if flushed[0].Attrs["dwell_h"] != fmtF(want, 2) {
		t.Errorf("dwell so far %s, want %.2f", flushed[0].Attrs["dwell_h"], want)
	}
	// Flush changes nothing: the visit closes as if it had not been called.
	feed(d, ps[80:])
	if v := r.kind(sitrep.EventVisit); len(v) != 1 || v[0].Open() || v[0].ID != flushed[0].ID {
		t.Errorf("after Flush: %v", v)
	}
}

func TestPolygonHysteresis(t *testing.T) {
	s := boxSite("pier", sitrep.SiteNavalBase, 34.89, 35.86, 34.91, 35.88)
	edge := geo.Point{Lat: 34.91, Lon: 35.87}
	for _, tc := range []struct {
		metres float64
		near   bool
	}{{100, true}, {240, true}, {300, false}, {1000, false}} {
		p := geo.Destination(edge, 0, tc.metres) // north of the north edge
		if got := nearShape(&s, p, 250); got != tc.near {
			t.Errorf("%v m outside: near = %v, want %v", tc.metres, got, tc.near)
		}
	}
	// On the jittering boundary of a polygon: one visit.
	d, r := newDetector(t, newScanIndex(s), map[string]float64{"confirm_fixes": 1})
	var ps []sitrep.Position
	for i := range 60 {
		m := -50.0
		if i%2 == 1 {
			m = 50
		}
		q := geo.Destination(edge, 0, m)
		ps = append(ps, fix(5, t0.Add(time.Duration(i)*time.Minute), q.Lat, q.Lon, 0))
	}
	feed(d, ps)
	if es := r.final(); count(es, sitrep.EventArrival) != 1 || count(es, sitrep.EventDeparture) != 0 {
		t.Errorf("polygon jitter: %v", es)
	}
}
