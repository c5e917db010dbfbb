package detect

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// A gate polygon across the Strait of Gibraltar drawn as the catalogue
// draws them: a band across the strait (north-south, 24 km), thin along
// the traffic (east-west, 10 km).
var gibraltarGate = boxSite("strait-gibraltar", sitrep.SiteStrait, 35.84, -5.655, 36.06, -5.545)

// An illustrative line gate across the strait, drawn north to south.
var gibraltarLine = sitrep.Site{ID: "gibraltar-line", Name: "Gibraltar line", Kind: sitrep.SiteStrait,
	Shape: sitrep.Shape{Kind: sitrep.ShapeLine, Line: []sitrep.LatLon{{Lat: 36.2, Lon: -5.6}, {Lat: 35.8, Lon: -5.6}}}}

func TestPolygonTransitDirection(t *testing.T) {
	for _, tc := range []struct {
		name     string
		lon, brg float64
		want     string
	}{{"westbound", -5.0, 270, "westbound"}, {"eastbound", -6.3, 90, "eastbound"}} {
		t.Run(tc.name, func(t *testing.T) {
			d, r := newDetector(t, newScanIndex(gibraltarGate), nil)
			ps := leg(273000002, t0, 36.0, tc.lon, tc.brg, 12, 2*time.Minute, 160)
			feed(d, ps)
			tr := r.kind(sitrep.EventTransit)
			checkExplained(t, tr)
			if len(tr) != 1 {
				t.Fatalf("%d transits, want 1: %v", len(tr), r.final())
			}
			e := tr[0]
			var firstIn, firstOut time.Time
			for _, p := range ps {
				if inside(gibraltarGate, p) && firstIn.IsZero() {
					firstIn = p.Time
				} else if !firstIn.IsZero() && firstOut.IsZero() && !inside(gibraltarGate, p) &&
					(p.Lon < -5.655-0.003 || p.Lon > -5.545+0.003) {
					firstOut = p.Time
				}
			}
			if e.Attrs["direction"] != tc.want || !e.Start.Equal(firstIn) || !e.End.Equal(firstOut) || e.SiteID != gibraltarGate.ID {
				t.Errorf("transit %s %v..%v, want %s %v..%v", e.Attrs["direction"], e.Start, e.End, tc.want, firstIn, firstOut)
			}
			if n := len(r.final()) - len(tr); n != 0 {
				t.Errorf("%d other events for a strait (no arrivals/visits at passages): %v", n, r.final())
			}
		})
	}
}

func TestFerryAcrossStraitIsNoTransit(t *testing.T) {
	d, r := newDetector(t, newScanIndex(gibraltarGate), nil)
	feed(d, leg(224000003, t0, 35.8, -5.6, 0, 20, time.Minute, 100))
	// A vessel that clips the band's corner, mostly along it.
	feed(d, leg(224000005, t0, 35.8, -5.58, 10, 12, time.Minute, 100))
	if n := len(r.kind(sitrep.EventTransit)); n != 0 {
		t.Errorf("%d transits for a ferry crossing the strait", n)
	}
	// A vessel entering the gate and leaving by the side it came in.
	d, r = newDetector(t, newScanIndex(gibraltarGate), nil)
	in := leg(224000004, t0, 36.0, -5.5, 270, 10, 2*time.Minute, 14)
	last := in[len(in)-1]
	feed(d, append(in, leg(224000004, last.Time.Add(2*time.Minute), last.Lat, last.Lon, 90, 10, 2*time.Minute, 20)...))
	if !inside(gibraltarGate, last) {
		t.Fatalf("the vessel that turned back never entered the gate: %+v", last)
	}
	if n := len(r.kind(sitrep.EventTransit)); n != 0 {
		t.Errorf("%d transits for a vessel that turned back", n)
	}
}

func TestLineGateTransitDedup(t *testing.T) {
	d, r := newDetector(t, newScanIndex(gibraltarLine), nil)
	ps := leg(273000005, t0, 36.0, -5.3, 270, 12, 2*time.Minute, 30)
	// Jitter back and forth across the line, then on westwards.
	last := ps[len(ps)-1]
	at := last.Time
	for i, lon := range []float64{-5.6 + 0.002, -5.6 - 0.002, -5.6 + 0.002, -5.6 - 0.002} {
		ps = append(ps, fix(273000005, at.Add(time.Duration(i+1)*2*time.Minute), 36.0, lon, 1))
	}
	ps = append(ps, leg(273000005, at.Add(10*time.Minute), 36.0, -5.61, 270, 12, 2*time.Minute, 10)...)
	feed(d, ps)
	tr := r.kind(sitrep.EventTransit)
	if len(tr) != 1 {
		t.Fatalf("%d transits, want 1 after de-duplication: %v", len(tr), tr)
	}
	if tr[0].Attrs["direction"] != "westbound" || tr[0].Attrs["gate"] != "line" || len(tr[0].Evidence) != 2 {
		t.Errorf("transit %+v", tr[0])
	}
	// Without the window every crossing counts.
	d, r = newDetector(t, newScanIndex(gibraltarLine), map[string]float64{"transit_dedup_h": 0})
	feed(d, ps)
	if n := len(r.kind(sitrep.EventTransit)); n != 3 {
		t.Errorf("%d transits without de-duplication, want 3 (W, E, W)", n)
	}
}

func TestDirection(t *testing.T) {
	for brg, want := range map[float64]string{0: "northbound", 44: "northbound", 45: "eastbound", 134: "eastbound",
		135: "southbound", 224: "southbound", 225: "westbound", 314: "westbound", 315: "northbound", 359.9: "northbound"} {
		if got := direction(brg); got != want {
			t.Errorf("direction(%v) = %s, want %s", brg, got, want)
		}
	}
}
