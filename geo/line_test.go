package geo

import (
	"math/rand/v2"
	"testing"
)

// gibraltarGate runs from Europe (north) to Africa (south), so it faces
// south: west is its right, east its left.
var gibraltarGate = Line{{36.10, -5.60}, {35.85, -5.60}}

func TestLineCrosses(t *testing.T) {
	// bent is a ">" pointing east in the lon/lat plane: (lat, lon) (0,0)
	// north-east to (1,1), then north-west to (2,0).
	bent := Line{{0, 0}, {1, 1}, {2, 0}}
	// straight3 runs north along lon 0 with a vertex in the middle; facing
	// north, west is its left.
	straight3 := Line{{0, 0}, {1, 0}, {2, 0}}
	tests := []struct {
		name    string
		l       Line
		a, b    Point
		crossed bool
		side    int
	}{
		{"eastbound into Med", gibraltarGate, Point{35.95, -5.8}, Point{35.95, -5.4}, true, RightToLeft},
		{"westbound out of Med", gibraltarGate, Point{35.95, -5.4}, Point{35.95, -5.8}, true, LeftToRight},
		{"misses north of gate", gibraltarGate, Point{36.2, -5.8}, Point{36.2, -5.4}, false, 0},
		{"stops short", gibraltarGate, Point{35.95, -5.8}, Point{35.95, -5.65}, false, 0},
		{"parallel", gibraltarGate, Point{35.9, -5.7}, Point{36.0, -5.7}, false, 0},
		{"along the gate", gibraltarGate, Point{35.9, -5.6}, Point{36.0, -5.6}, false, 0},
		{"stationary", gibraltarGate, Point{35.95, -5.6}, Point{35.95, -5.6}, false, 0},
		{"diagonal", gibraltarGate, Point{36.05, -5.7}, Point{35.9, -5.5}, true, RightToLeft},
		{"one point gate", gibraltarGate[:1], Point{35.95, -5.8}, Point{35.95, -5.4}, false, 0},
		{"bent gate once", bent, Point{0.5, 1}, Point{0.5, 0}, true, RightToLeft},
		{"bent gate twice is no net crossing", bent, Point{-1, 0.5}, Point{3, 0.5}, false, 0},
		{"touches bent tip", bent, Point{0, 1}, Point{2, 1}, false, 0},
		{"through middle vertex west to east", straight3, Point{1, -1}, Point{1, 1}, true, LeftToRight},
		{"through middle vertex east to west", straight3, Point{1, 1}, Point{1, -1}, true, RightToLeft},
		{"across antimeridian eastbound", Line{{-10, 180}, {10, 180}}, Point{0, 179.9}, Point{0, -179.9}, true, LeftToRight},
		{"across antimeridian, gate at -180", Line{{-10, -180}, {10, -180}}, Point{0, 179.9}, Point{0, -179.9}, true, LeftToRight},
		{"across antimeridian westbound", Line{{-10, 180}, {10, 180}}, Point{0, -179.9}, Point{0, 179.9}, true, RightToLeft},
		{"gate past 180", Line{{-10, 179}, {10, 181}}, Point{0, -179.5}, Point{0, 179.5}, true, RightToLeft},
		{"far from antimeridian gate", Line{{-10, 180}, {10, 180}}, Point{0, 10}, Point{0, 11}, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			crossed, side := tt.l.Crosses(tt.a, tt.b)
			if crossed != tt.crossed || side != tt.side {
				t.Errorf("Crosses(%v, %v) = %v, %d, want %v, %d", tt.a, tt.b, crossed, side, tt.crossed, tt.side)
			}
		})
	}
}

// TestLineCrossesStopOnGate: a fix exactly on the gate counts as on its
// left, so a vessel that stops on the gate and continues is counted once,
// and one that touches it and turns back has no net crossing.
func TestLineCrossesStopOnGate(t *testing.T) {
	west, on, east := Point{35.95, -5.8}, Point{35.95, -5.6}, Point{35.95, -5.4}
	count := func(track ...Point) (n, net int) {
		for i := 1; i < len(track); i++ {
			if ok, side := gibraltarGate.Crosses(track[i-1], track[i]); ok {
				n++
				net += side
			}
		}
		return n, net
	}
	tests := []struct {
		name   string
		track  []Point
		n, net int
	}{
		{"west, on, east", []Point{west, on, east}, 1, RightToLeft},
		{"east, on, west", []Point{east, on, west}, 1, LeftToRight},
		{"west, on, on, east", []Point{west, on, on, east}, 1, RightToLeft},
		{"west, on, west", []Point{west, on, west}, 2, 0},
		{"east, on, east", []Point{east, on, east}, 0, 0},
	}
	for _, tt := range tests {
		if n, net := count(tt.track...); n != tt.n || net != tt.net {
			t.Errorf("%s: %d crossings, net %d; want %d, %d", tt.name, n, net, tt.n, tt.net)
		}
	}
}

// TestLineCrossesReverse: reversing the track reverses the side; reversing
// the gate reverses it too.
func TestLineCrossesReverse(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	gate := Line{{0, 0}, {0.3, 0.5}, {0.2, 1}, {0.6, 1.4}}
	rev := Line{gate[3], gate[2], gate[1], gate[0]}
	crossings := 0
	for range 5000 {
		a := Point{r.Float64()*2 - 0.5, r.Float64()*2 - 0.3}
		b := Point{r.Float64()*2 - 0.5, r.Float64()*2 - 0.3}
		c1, s1 := gate.Crosses(a, b)
		c2, s2 := gate.Crosses(b, a)
		c3, s3 := rev.Crosses(a, b)
		if c1 != c2 || c1 != c3 || s1 != -s2 || s1 != -s3 {
			t.Fatalf("a=%v b=%v: forward %v,%d reverse track %v,%d reverse gate %v,%d", a, b, c1, s1, c2, s2, c3, s3)
		}
		if c1 {
			crossings++
		}
	}
	if crossings == 0 {
		t.Fatal("no random track crossed the gate")
	}
}
