package geo

import (
	"math"
	"testing"
)

func TestMinWidth(t *testing.T) {
	// A band 10 km wide (east-west) and about 26 km long (north-south)
	// at the latitude of Gibraltar, drawn with an extra collinear point
	// and not closed.
	lat := 36.0
	dLon := 10_000 / (metresPerDegree * math.Cos(lat*deg2rad))
	dLat := 26_000 / metresPerDegree
	band := []Point{{lat, -5.6}, {lat, -5.6 + dLon}, {lat + dLat/2, -5.6 + dLon}, {lat + dLat, -5.6 + dLon}, {lat + dLat, -5.6}}
	w := MinWidth(band)
	if math.Abs(w.Metres-10_000) > 50 {
		t.Errorf("band width %.0f m, want 10000", w.Metres)
	}
	if math.Abs(math.Abs(w.East)-1) > 1e-6 || math.Abs(w.North) > 1e-6 {
		t.Errorf("band width measured along (%.3f, %.3f), want east-west", w.East, w.North)
	}
	// Going through the band west to east crosses its width; crossing it
	// south to north (a ferry across the strait) does not.
	through := math.Abs(w.Across(Point{lat + 0.1, -5.6}, Point{lat + 0.1, -5.6 + dLon}))
	along := math.Abs(w.Across(Point{lat, -5.6 + dLon/2}, Point{lat + dLat, -5.6 + dLon/2}))
	if math.Abs(through-10_000) > 50 || along > 50 {
		t.Errorf("across: through %.0f m (want 10000), along %.0f m (want 0)", through, along)
	}

	// A square rotated by 45°: its width is its side, not its diagonal.
	s := 5_000 / metresPerDegree
	c := math.Cos(lat * deg2rad)
	diamond := []Point{{lat, 0}, {lat + s, s / c}, {lat, 2 * s / c}, {lat - s, s / c}, {lat, 0}}
	if w := MinWidth(diamond); math.Abs(w.Metres-5_000*math.Sqrt2) > 50 {
		t.Errorf("diamond width %.0f m, want %.0f", w.Metres, 5_000*math.Sqrt2)
	}

	for _, degenerate := range [][]Point{nil, {{1, 1}}, {{1, 1}, {2, 2}}, {{1, 1}, {2, 2}, {3, 3}}, {{1, 1}, {1, 1}, {1, 1}}} {
		if w := MinWidth(degenerate); w.Metres != 0 {
			t.Errorf("MinWidth(%v) = %v, want 0", degenerate, w)
		}
	}
}
