package ingest

import (
	"math/rand/v2"
	"testing"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// TestPlausibleFastPathAgreesWithHaversine: the equirectangular shortcut
// decides exactly as the great-circle distance does, away from a hair's
// breadth around the threshold.
func TestPlausibleFastPathAgreesWithHaversine(t *testing.T) {
	c := newPlausibility(map[sitrep.VesselClass]float64{sitrep.ClassSARAircraft: 600}, 60, 500)
	r := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for range 200_000 {
		a := fix{t: 0, lat: r.Float64()*170 - 85, lon: r.Float64()*360 - 180}
		b := fix{t: int64(r.IntN(120_000)), lat: a.lat + (r.Float64()-0.5)*0.8, lon: a.lon + (r.Float64()-0.5)*0.8}
		if b.lat > 90 || b.lat < -90 || b.lon >= 180 || b.lon < -180 {
			continue
		}
		cl := sitrep.ClassA
		if r.IntN(10) == 0 {
			cl = sitrep.ClassSARAircraft
		}
		limit := c.limits[cl]
		allowed := max(500, limit*knot*(float64(b.t)/1000+1))
		d := geo.Distance(geo.Point{Lat: a.lat, Lon: a.lon}, geo.Point{Lat: b.lat, Lon: b.lon})
		if d > allowed*0.999 && d < allowed*1.001 {
			continue
		}
		if got, want := c.plausible(cl, a, b), d <= allowed; got != want {
			t.Fatalf("%+v -> %+v (class %v): plausible %v, distance %.1f m allowed %.1f m", a, b, cl, got, d, allowed)
		}
		checked++
	}
	if checked < 100_000 {
		t.Fatalf("only %d pairs checked", checked)
	}
}

// TestRefTable: every MMSI gets its own slot across growth, 0 included.
func TestRefTable(t *testing.T) {
	var tb refTable
	const n = 50_000
	for i := range n {
		r, ok := tb.get(sitrep.MMSI(i * 7))
		if ok {
			t.Fatalf("MMSI %d found before it was added", i*7)
		}
		r.last.t = int64(i)
	}
	for i := range n {
		r, ok := tb.get(sitrep.MMSI(i * 7))
		if !ok || r.last.t != int64(i) {
			t.Fatalf("MMSI %d: found %v, t %d", i*7, ok, r.last.t)
		}
	}
	if tb.n != n || len(tb.slots) < 2*n {
		t.Errorf("%d entries in %d slots", tb.n, len(tb.slots))
	}
}
