package geo

import (
	"math/rand/v2"
	"testing"
)

var (
	// square 10..20 x 10..20 (lat, lon), open ring.
	square = []Point{{10, 10}, {10, 20}, {20, 20}, {20, 10}}
	// uShape is concave: the notch 12..20 lat x 14..16 lon is outside.
	uShape = []Point{{10, 10}, {10, 20}, {20, 20}, {20, 16}, {12, 16}, {12, 14}, {20, 14}, {20, 10}, {10, 10}}
	// holeA is 12..14 x 12..14 inside the square; holeB 16..18 x 16..18.
	holeA = []Point{{12, 12}, {12, 14}, {14, 14}, {14, 12}}
	holeB = []Point{{16, 16}, {16, 18}, {18, 18}, {18, 16}, {16, 16}}
	// antimeridianPoly straddles ±180, written with continuous longitudes.
	antimeridianPoly = []Point{{-20, 178}, {-20, 182}, {-15, 182}, {-15, 178}}
)

func TestPolygonContains(t *testing.T) {
	tests := []struct {
		name string
		g    Polygon
		p    Point
		want bool
	}{
		{"square inside", Polygon{Outer: square}, Point{15, 15}, true},
		{"square outside", Polygon{Outer: square}, Point{25, 15}, false},
		{"square outside same lat", Polygon{Outer: square}, Point{15, 5}, false},
		{"square closed ring", Polygon{Outer: append(square, square[0])}, Point{15, 15}, true},
		{"square reversed", Polygon{Outer: []Point{square[3], square[2], square[1], square[0]}}, Point{15, 15}, true},
		{"concave arm", Polygon{Outer: uShape}, Point{18, 12}, true},
		{"concave other arm", Polygon{Outer: uShape}, Point{18, 18}, true},
		{"concave notch", Polygon{Outer: uShape}, Point{18, 15}, false},
		{"concave base", Polygon{Outer: uShape}, Point{11, 15}, true},
		{"hole", Polygon{Outer: square, Holes: [][]Point{holeA, holeB}}, Point{13, 13}, false},
		{"closed hole", Polygon{Outer: square, Holes: [][]Point{holeA, holeB}}, Point{17, 17}, false},
		{"between holes", Polygon{Outer: square, Holes: [][]Point{holeA, holeB}}, Point{15, 15}, true},
		{"outside with holes", Polygon{Outer: square, Holes: [][]Point{holeA}}, Point{13, 25}, false},
		{"antimeridian east side", Polygon{Outer: antimeridianPoly}, Point{-17, 179}, true},
		{"antimeridian west side", Polygon{Outer: antimeridianPoly}, Point{-17, -179}, true},
		{"antimeridian at -180", Polygon{Outer: antimeridianPoly}, Point{-17, -180}, true},
		{"antimeridian outside", Polygon{Outer: antimeridianPoly}, Point{-17, -177}, false},
		{"antimeridian far", Polygon{Outer: antimeridianPoly}, Point{-17, 0}, false},
		{"too few vertices", Polygon{Outer: square[:2]}, Point{10, 15}, false},
		{"empty", Polygon{}, Point{0, 0}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.g.Contains(tt.p); got != tt.want {
				t.Errorf("Contains(%v) = %v, want %v", tt.p, got, tt.want)
			}
		})
	}
}

// TestPolygonContainsBoxes checks that a rectangle polygon agrees with the
// equivalent Box at random points, with and without a rectangular hole.
func TestPolygonContainsBoxes(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		b := randBox(r, 20)
		if b.Wraps() || b.LonSpan() == 0 || b.MaxLat == b.MinLat {
			continue
		}
		rect := func(b Box) []Point {
			return []Point{{b.MinLat, b.MinLon}, {b.MinLat, b.MaxLon}, {b.MaxLat, b.MaxLon}, {b.MaxLat, b.MinLon}}
		}
		hole := Box{
			MinLat: b.MinLat + (b.MaxLat-b.MinLat)/4, MaxLat: b.MaxLat - (b.MaxLat-b.MinLat)/4,
			MinLon: b.MinLon + b.LonSpan()/4, MaxLon: b.MaxLon - b.LonSpan()/4,
		}
		g := Polygon{Outer: rect(b), Holes: [][]Point{rect(hole)}}
		for range 50 {
			p := randPointIn(r, Box{b.MinLat - 1, b.MinLon - 1, b.MaxLat + 1, b.MaxLon + 1})
			onEdge := p.Lat == b.MinLat || p.Lat == b.MaxLat || p.Lon == b.MinLon || p.Lon == b.MaxLon
			if onEdge {
				continue
			}
			want := b.Contains(p) && !hole.Contains(p)
			if got := g.Contains(p); got != want {
				t.Fatalf("polygon of %+v minus %+v: Contains(%v) = %v, want %v", b, hole, p, got, want)
			}
		}
	}
}

func TestPolygonBounds(t *testing.T) {
	tests := []struct {
		name string
		g    Polygon
		want Box
	}{
		{"square", Polygon{Outer: square}, Box{10, 10, 20, 20}},
		{"holes ignored", Polygon{Outer: square, Holes: [][]Point{holeA}}, Box{10, 10, 20, 20}},
		{"antimeridian wraps", Polygon{Outer: antimeridianPoly}, Box{-20, 178, -15, -178}},
		{"ends at 180", Polygon{Outer: []Point{{0, 170}, {0, 180}, {1, 180}}}, Box{0, 170, 1, 180}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.g.Bounds(); got != tt.want {
				t.Errorf("Bounds() = %+v, want %+v", got, tt.want)
			}
		})
	}
	if b := (Polygon{}).Bounds(); !b.Empty() {
		t.Errorf("empty polygon Bounds() = %+v, want empty", b)
	}
}
