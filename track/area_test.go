package track

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ingest"
)

// TestInAreaBruteForce compares InArea with a scan of every vessel's
// LastPosition over random boxes, including boxes across the antimeridian,
// thin boxes and boxes beyond the data.
func TestInAreaBruteForce(t *testing.T) {
	fleet := simFleet(20_000, 7)
	s := newState(t, Config{})
	for _, p := range fleet {
		s.Observe(p)
	}
	// Move a quarter of the fleet, so the index holds moved entries too.
	for i := range fleet {
		if i%4 == 0 {
			step(&fleet[i], 0.7, 600e9)
			s.Observe(fleet[i])
		}
	}
	brute := func(a sitrep.Area) []sitrep.MMSI {
		var out []sitrep.MMSI
		for _, p := range fleet {
			if a.Contains(p.Lat, p.Lon) {
				out = append(out, p.MMSI)
			}
		}
		return out
	}
	fixed := []sitrep.Area{
		{MinLat: 30, MinLon: 22, MaxLat: 41, MaxLon: 37},     // eastern Mediterranean
		{MinLat: 45, MinLon: 170, MaxLat: 60, MaxLon: -170},  // Bering Sea across the antimeridian
		{MinLat: -30, MinLon: 175, MaxLat: -5, MaxLon: -175}, // Fiji across the antimeridian
		{MinLat: 60, MinLon: -10, MaxLat: 89, MaxLon: 50},    // sparse north
		{MinLat: 10, MinLon: 10, MaxLat: 9, MaxLon: 20},      // empty (MinLat > MaxLat)
		{MinLat: -90, MinLon: -180, MaxLat: 90, MaxLon: 180}, // everything
	}
	rng := rand.New(rand.NewPCG(3, 4))
	areas := fixed
	for range 300 {
		lat := rng.Float64()*160 - 80
		h := rng.Float64() * 20 * rng.Float64()
		lon := rng.Float64()*360 - 180
		w := rng.Float64() * 60 * rng.Float64()
		areas = append(areas, sitrep.Area{MinLat: lat, MinLon: lon, MaxLat: lat + h, MaxLon: wrapLon(lon + w)})
	}
	crossing, nonEmpty := 0, 0
	for _, a := range areas {
		got := located(s, a)
		want := brute(a)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("InArea(%+v): %d vessels, brute force %d", a, len(got), len(want))
		}
		if a.MinLon > a.MaxLon {
			crossing++
		}
		if len(want) > 0 {
			nonEmpty++
		}
	}
	if crossing < 10 || nonEmpty < 100 {
		t.Errorf("weak sample: %d antimeridian boxes, %d with vessels", crossing, nonEmpty)
	}
	if got := len(located(s, fixed[1])); got == 0 {
		t.Error("no vessel across the antimeridian in the Bering Sea box")
	}
}

// EachInArea visits the vessels InArea returns, with their state, and
// stops when fn returns false.
func TestEachInArea(t *testing.T) {
	s := newState(t, Config{})
	fleet := simFleet(2000, 1)
	for _, p := range fleet {
		s.Observe(p)
	}
	byMMSI := map[sitrep.MMSI]sitrep.Position{}
	for _, p := range fleet {
		byMMSI[p.MMSI] = p
	}
	for _, a := range []sitrep.Area{eastMed, world, {MinLat: 45, MinLon: 170, MaxLat: 60, MaxLon: -170}} {
		var got []sitrep.MMSI
		s.EachInArea(a, func(v *sitrep.Vessel) bool {
			got = append(got, v.MMSI)
			if p := byMMSI[v.MMSI]; v.LastPosition == nil || v.LastPosition.Lat != p.Lat || v.LastPosition.Lon != p.Lon ||
				v.LastPosition.MMSI != v.MMSI || !v.LastSeen.Equal(p.Time) {
				t.Errorf("%v: vessel %+v, last position %+v, want position %v,%v", v.MMSI, v, v.LastPosition, p.Lat, p.Lon)
			}
			return true
		})
		slices.Sort(got)
		if want := located(s, a); !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("EachInArea(%+v) visited %d vessels, InArea returned %d", a, len(got), len(want))
		}
	}
	n := 0
	s.EachInArea(world, func(*sitrep.Vessel) bool { n++; return n < 3 })
	if n != 3 {
		t.Errorf("fn called %d times after returning false at 3", n)
	}
}

func TestEach(t *testing.T) {
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	// Simulated: one vessel with a position, one known from static data only.
	t0 := time.Date(2025, 1, 28, 0, 0, 0, 0, time.UTC)
	s.Observe(sitrep.Position{MMSI: 273000001, Time: t0, Lat: 34.9, Lon: 35.85})
	s.Apply(ingest.IdentityUpdate{Time: t0, Identity: sitrep.Identity{MMSI: 273000002, Name: "SPARTA II"}, Fields: ingest.HasName})
	seen := map[sitrep.MMSI]bool{}
	s.Each(func(v *sitrep.Vessel) bool {
		seen[v.MMSI] = v.LastPosition != nil
		return true
	})
	if len(seen) != 2 || !seen[273000001] || seen[273000002] {
		t.Errorf("seen %v", seen)
	}
	n := 0
	s.Each(func(*sitrep.Vessel) bool { n++; return false })
	if n != 1 {
		t.Errorf("Each went on after fn returned false: %d calls", n)
	}
}
