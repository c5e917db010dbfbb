package detect

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

func TestLoitering(t *testing.T) {
	slow := leg(273000030, t0, 34.8, 35.5, 200, 1, 5*time.Minute, 61) // 5 h at 1 kn
	last := slow[len(slow)-1]
	ps := append(slow, leg(273000030, last.Time.Add(5*time.Minute), last.Lat, last.Lon, 0, 10, 5*time.Minute, 3)...)

	d, r := newDetector(t, nil, nil)
	feed(d, ps)
	ls := r.kind(sitrep.EventLoitering)
	checkExplained(t, ls)
	if len(ls) != 1 || !ls[0].Start.Equal(t0) || !ls[0].End.Equal(last.Time) || ls[0].Attrs["mean_sog_kn"] != "1.0" {
		t.Fatalf("loitering %+v", ls)
	}
	// The same inside an anchorage is expected, not loitering.
	anch := circleSite("anchorage", sitrep.SiteAnchorage, 34.8, 35.5, 20000)
	d, r = newDetector(t, newScanIndex(anch), nil)
	feed(d, ps)
	if n := len(r.kind(sitrep.EventLoitering)); n != 0 {
		t.Errorf("%d loitering events in an anchorage", n)
	}
	// Shorter than loiter_min_h.
	d, r = newDetector(t, nil, map[string]float64{"loiter_min_h": 6})
	feed(d, ps)
	if n := len(r.kind(sitrep.EventLoitering)); n != 0 {
		t.Errorf("%d loitering events under loiter_min_h", n)
	}
	// SOG 102.3 ("not available" range) is missing, not fast: it does not
	// end the run.
	odd := append([]sitrep.Position(nil), ps...)
	odd[30].SetSOG(102.3)
	d, r = newDetector(t, nil, nil)
	feed(d, odd)
	if ls := r.kind(sitrep.EventLoitering); len(ls) != 1 || !ls[0].Start.Equal(t0) {
		t.Errorf("SOG 102.3 broke the run: %v", ls)
	}
}
