package geo

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestShapeIndexVsBruteForce compares Query with testing every shape, for
// circles, polygons (some straddling the antimeridian), boxes and a few
// huge shapes, at points near the shapes and elsewhere.
func TestShapeIndexVsBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	shapes := simSites(r, 1500)
	for range 200 {
		c := simPoint(r)
		w, h := 0.05+r.Float64()*0.5, 0.05+r.Float64()*0.5
		shapes = append(shapes, Polygon{Outer: []Point{
			{c.Lat - h, c.Lon - w}, {c.Lat - h, c.Lon + w}, {c.Lat, c.Lon}, {c.Lat + h, c.Lon + w}, {c.Lat + h, c.Lon - w},
		}})
	}
	shapes = append(shapes,
		Polygon{Outer: antimeridianPoly},
		Circle{Point{0, 179.99}, 20000},
		fijiWrap,
		worldBox,                          // huge: on the every-query list
		Box{-60, -170, 60, 170},           // huge
		Circle{Point{89.95, 0}, 30000},    // around the pole
		Polygon{},                         // empty: never matches
		Circle{Point{10, 10}, math.NaN()}, // empty bounds
	)
	for _, cell := range []float64{0, 0.1, 1, 1.7, 45} {
		x, err := NewShapeIndex(shapes, cell)
		if err != nil {
			t.Fatal(err)
		}
		if x.Len() != len(shapes) {
			t.Fatalf("Len() = %d, want %d", x.Len(), len(shapes))
		}
		queries := []Point{{0, 180}, {0, -180}, {-17, 179.5}, {-17, -179.9}, {90, 0}, {89.99, 120}}
		for range 3000 {
			queries = append(queries, simPoint(r))
		}
		// Points inside shapes, so that matches are common.
		for _, s := range shapes[:500] {
			if c, ok := s.(Circle); ok {
				queries = append(queries, Destination(c.Center, r.Float64()*360, c.Radius*r.Float64()))
			}
		}
		matched := 0
		for _, p := range queries {
			var got []int
			x.Query(p, func(i int) bool { got = append(got, i); return true })
			slices.Sort(got)
			var want []int
			for i, s := range shapes {
				if s.Contains(p) {
					want = append(want, i)
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("cell %v: Query(%v) = %v, brute force %v", cell, p, got, want)
			}
			if len(want) > 2 { // beyond the two huge shapes
				matched++
			}
		}
		if matched < 400 {
			t.Fatalf("cell %v: only %d queries matched a site; the test is too weak", cell, matched)
		}
	}
}

func TestShapeIndexQueryStops(t *testing.T) {
	shapes := []Shape{worldBox, Circle{tartus, 1000}, Box{34, 35, 35, 36}}
	x, err := NewShapeIndex(shapes, 0)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	x.Query(tartus, func(int) bool { calls++; return false })
	if calls != 1 {
		t.Errorf("fn called %d times after returning false, want 1", calls)
	}
	calls = 0
	x.Query(tartus, func(int) bool { calls++; return true })
	if calls != 3 {
		t.Errorf("fn called %d times, want 3", calls)
	}
}

func TestNewShapeIndexErrors(t *testing.T) {
	if _, err := NewShapeIndex([]Shape{Circle{}, nil}, 0); !errors.Is(err, ErrNilShape) {
		t.Errorf("nil shape: error %v, want ErrNilShape", err)
	}
	if _, err := NewShapeIndex([]Shape{Circle{}}, -1); !errors.Is(err, ErrCellSize) {
		t.Errorf("bad cell: error %v, want ErrCellSize", err)
	}
	x, err := NewShapeIndex(nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	x.Query(tartus, func(int) bool { t.Error("empty index matched"); return true })
}

func TestAutoCellSize(t *testing.T) {
	tests := []struct {
		name   string
		shapes []Shape
		want   float64
	}{
		{"none", nil, 1},
		{"ports", []Shape{Circle{tartus, 5000}, Circle{gibraltar, 10000}, Circle{tartus, 20000}}, 0.5}, // median 0.22° wide, doubled, rounded up
		{"huge", []Shape{worldBox}, 8},
		{"tiny", []Shape{Circle{tartus, 10}}, 1.0 / 64},
	}
	for _, tt := range tests {
		bounds := make([]Box, len(tt.shapes))
		for i, s := range tt.shapes {
			bounds[i] = s.Bounds()
		}
		if got := autoCellSize(bounds); got != tt.want {
			t.Errorf("%s: autoCellSize = %v, want %v", tt.name, got, tt.want)
		}
	}
}
