package detect

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

func TestGapClosed(t *testing.T) {
	for _, tc := range []struct {
		silence  time.Duration
		severity string // "" for no gap
	}{{5 * time.Hour, ""}, {7 * time.Hour, "flagged"}, {13 * time.Hour, "suspicious"}} {
		d, r := newDetector(t, nil, nil)
		a := fix(273000010, t0, 36.0, -5.0, 12)
		b := fix(273000010, t0.Add(tc.silence), 36.0, -6.0, 12)
		feed(d, []sitrep.Position{a, b})
		gaps := r.kind(sitrep.EventGap)
		if tc.severity == "" {
			if len(gaps) != 0 {
				t.Errorf("%v: %d gaps, want none", tc.silence, len(gaps))
			}
			continue
		}
		checkExplained(t, gaps)
		if len(gaps) != 1 {
			t.Fatalf("%v: %d gaps", tc.silence, len(gaps))
		}
		g := gaps[0]
		dist := distance(&a, &b)
		if g.Attrs["severity"] != tc.severity || !g.Start.Equal(a.Time) || !g.End.Equal(b.Time) ||
			g.Attrs["distance_km"] != fmtF(dist/1000, 1) || g.Attrs["implied_speed_kn"] != fmtF(dist/1852/tc.silence.Hours(), 1) {
			t.Errorf("%v: gap %+v", tc.silence, g)
		}
	}
}

func TestGapOpenThroughTick(t *testing.T) {
	d, r := newDetector(t, nil, nil)
	a := fix(273000011, t0, 36.0, -5.0, 12)
	d.Position(a)
	d.Tick(t0.Add(5 * time.Hour))
	if len(r.all) != 0 {
		t.Fatalf("gap reported after 5 h: %v", r.all)
	}
	d.Tick(t0.Add(7 * time.Hour))
	d.Tick(t0.Add(8 * time.Hour)) // same level: not again
	d.Tick(t0.Add(13 * time.Hour))
	if len(r.all) != 2 || !r.all[0].Open() || r.all[0].Attrs["severity"] != "flagged" || r.all[1].Attrs["severity"] != "suspicious" {
		t.Fatalf("open gap emissions %v", r.all)
	}
	d.Position(fix(273000011, t0.Add(20*time.Hour), 36.0, -5.1, 12))
	gaps := r.kind(sitrep.EventGap)
	if len(gaps) != 1 || gaps[0].Open() || gaps[0].ID != r.all[0].ID || gaps[0].Attrs["duration_h"] != "20.00" {
		t.Errorf("closed gap %v, want the open one's ID %s closed after 20 h", gaps, r.all[0].ID)
	}
}
