package detect

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// meeting: two vessels drifting side by side 200 m apart at 0.5 kn for 3 h,
// reporting every 3 minutes, then both leave at 12 kn.
func meeting(a, b sitrep.MMSI, lat, lon, apart float64) []sitrep.Position {
	pa := leg(a, t0, lat, lon, 45, 0.5, 3*time.Minute, 60)
	q := geo.Destination(geo.Point{Lat: lat, Lon: lon}, 135, apart)
	pb := leg(b, t0.Add(90*time.Second), q.Lat, q.Lon, 45, 0.5, 3*time.Minute, 60)
	la, lb := pa[len(pa)-1], pb[len(pb)-1]
	pa = append(pa, leg(a, la.Time.Add(3*time.Minute), la.Lat, la.Lon, 0, 12, time.Minute, 10)...)
	pb = append(pb, leg(b, lb.Time.Add(3*time.Minute), lb.Lat, lb.Lon, 180, 12, time.Minute, 10)...)
	return merge(pa, pb)
}

func TestEncounter(t *testing.T) {
	d, r := newDetector(t, nil, nil)
	// Many other slow vessels elsewhere, which must not meet anyone.
	var others [][]sitrep.Position
	for i := range 50 {
		others = append(others, leg(sitrep.MMSI(300000000+i), t0, 30+float64(i)*0.1, 20, 0, 1, 5*time.Minute, 40))
	}
	feed(d, merge(append(others, meeting(273000020, 273000021, 34.5, 33.0, 200))...))
	es := r.kind(sitrep.EventEncounter)
	checkExplained(t, es)
	if len(es) != 1 {
		t.Fatalf("%d encounters, want 1: %v", len(es), es)
	}
	e := es[0]
	if e.MMSI != 273000020 || e.Other != 273000021 || e.Open() {
		t.Errorf("encounter %+v", e)
	}
	if h := e.End.Sub(e.Start).Hours(); h < 2.8 || h > 3 {
		t.Errorf("encounter lasted %.2f h, want about 3", h)
	}
	if e.Attrs["min_distance_m"] == "" || e.Rule.Params["encounter_distance_m"] != 500 {
		t.Errorf("attrs %v rule %v", e.Attrs, e.Rule)
	}
	var opened int
	for _, x := range r.all {
		if x.Kind == sitrep.EventEncounter && x.Open() {
			opened++
			if x.ID != e.ID {
				t.Errorf("open encounter under ID %s, closed under %s", x.ID, e.ID)
			}
		}
	}
	if opened != 1 {
		t.Errorf("encounter opened %d times", opened)
	}
}

func TestNoEncounter(t *testing.T) {
	excl := circleSite("busy-harbour", sitrep.SitePort, 34.5, 33.0, 3000)
	excl.Params = map[string]float64{"encounter_exclude": 1}
	for _, tc := range []struct {
		name  string
		idx   SiteIndex
		apart float64
		set   map[string]float64
	}{
		{"too far apart", nil, 900, nil},
		{"excluded site", newScanIndex(excl), 200, nil},
		{"too short", nil, 200, map[string]float64{"encounter_min_h": 3.5}},
		{"too fast", nil, 200, map[string]float64{"encounter_max_sog_kn": 0.4}},
	} {
		d, r := newDetector(t, tc.idx, tc.set)
		feed(d, meeting(273000020, 273000021, 34.5, 33.0, tc.apart))
		if n := len(r.kind(sitrep.EventEncounter)); n != 0 {
			t.Errorf("%s: %d encounters", tc.name, n)
		}
	}
}
