package geo

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestPointIndexBasics(t *testing.T) {
	var x PointIndex // zero value is ready
	if _, ok := x.Get(1); ok || x.Len() != 0 {
		t.Fatal("empty index has entries")
	}
	x.Search(worldBox, func(uint32, Point) bool { t.Fatal("empty index found a point"); return true })
	steps := []struct {
		op  string
		id  uint32
		p   Point
		len int
	}{
		{"set", 1, tartus, 1},
		{"set", 2, gibraltar, 2},
		{"set", 1, Point{34.8901, 35.8687}, 2}, // same cell
		{"set", 2, Point{36.9, -5.2}, 2},       // another cell
		{"set", 3, Point{0, 180}, 3},
		{"delete", 9, Point{}, 3}, // absent: no-op
		{"delete", 2, Point{}, 2},
		{"set", 2, gibraltar, 3},
	}
	want := map[uint32]Point{}
	for _, s := range steps {
		switch s.op {
		case "set":
			if err := x.Set(s.id, s.p); err != nil {
				t.Fatal(err)
			}
			want[s.id] = s.p
		case "delete":
			x.Delete(s.id)
			delete(want, s.id)
		}
		if x.Len() != s.len {
			t.Fatalf("after %s %d: Len() = %d, want %d", s.op, s.id, x.Len(), s.len)
		}
		for id, p := range want {
			if got, ok := x.Get(id); !ok || got != p {
				t.Fatalf("after %s %d: Get(%d) = %v, %v; want %v", s.op, s.id, id, got, ok, p)
			}
		}
	}
	if _, ok := x.Get(9); ok {
		t.Error("Get(9) found a deleted id")
	}
	// The point at lon 180 is found by boxes ending at 180 or starting at -180.
	for _, b := range []Box{{-1, 179, 1, 180}, {-1, -180, 1, -179}, {-1, 179, 1, -179}} {
		if got := searchIDs(&x, b); !slices.Equal(got, []uint32{3}) {
			t.Errorf("Search(%+v) = %v, want [3]", b, got)
		}
	}
}

// TestPointIndexAntimeridian checks points on ±180 against boxes touching
// the antimeridian, for cell sizes that do and do not divide 360.
func TestPointIndexAntimeridian(t *testing.T) {
	boxes := []Box{
		{-1, 170, 1, 180}, {-1, -180, 1, -170}, {-1, 179, 1, -179}, {-1, 179.5, 1, 179.99},
		{-1, -179.99, 1, -179.5}, {-1, 0, 1, 180}, {-1, -180, 1, 0}, {-1, 1, 1, 0},
	}
	pts := []Point{{0, 180}, {0, -180}, {0, 179.9}, {0, -179.9}, {0, 179.7}, {0, 0}}
	for _, cell := range []float64{0.5, 1.3, 1.7, 7, 90} {
		x, err := NewPointIndex(cell)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range pts {
			mustSet(t, x, uint32(i), p)
		}
		for _, b := range boxes {
			var want []uint32
			for i, p := range pts {
				if b.Contains(p) {
					want = append(want, uint32(i))
				}
			}
			if got := searchIDs(x, b); !slices.Equal(got, want) {
				t.Errorf("cell %v: Search(%+v) = %v, want %v", cell, b, got, want)
			}
		}
	}
}

func TestPointIndexSetInvalid(t *testing.T) {
	var x PointIndex
	if err := x.Set(1, tartus); err != nil {
		t.Fatal(err)
	}
	for _, p := range []Point{{91, 0}, {0, 181}, {math.NaN(), 0}, {0, math.Inf(-1)}} {
		if err := x.Set(1, p); !errors.Is(err, ErrInvalidPoint) {
			t.Errorf("Set(%v) error = %v, want ErrInvalidPoint", p, err)
		}
	}
	if got, _ := x.Get(1); got != tartus {
		t.Errorf("failed Set changed the point to %v", got)
	}
}

func TestNewPointIndex(t *testing.T) {
	tests := []struct {
		cell float64
		ok   bool
	}{
		{0, true}, {0.5, true}, {0.01, true}, {90, true}, {1.7, true},
		{-1, false}, {0.001, false}, {91, false}, {math.NaN(), false}, {math.Inf(1), false},
	}
	for _, tt := range tests {
		x, err := NewPointIndex(tt.cell)
		if tt.ok != (err == nil) || tt.ok != (x != nil) {
			t.Errorf("NewPointIndex(%v) = %v, %v", tt.cell, x, err)
		}
		if !tt.ok && !errors.Is(err, ErrCellSize) {
			t.Errorf("NewPointIndex(%v) error %v, want ErrCellSize", tt.cell, err)
		}
	}
}

func TestPointIndexSearchStops(t *testing.T) {
	var x PointIndex
	r := rand.New(rand.NewPCG(11, 12))
	for i, p := range simTraffic(r, 1000) {
		_ = x.Set(uint32(i), p)
	}
	for _, b := range []Box{worldBox, eastMed} {
		calls := 0
		x.Search(b, func(uint32, Point) bool { calls++; return calls < 3 })
		if calls != 3 {
			t.Errorf("Search(%+v) called fn %d times after it returned false, want 3", b, calls)
		}
	}
}

// TestPointIndexVsBruteForce applies random sets, moves and deletes and
// compares Search with a linear scan for random boxes, including wrapping
// ones, on several cell sizes.
func TestPointIndexVsBruteForce(t *testing.T) {
	for _, cell := range []float64{0.25, 0.5, 1.3, 10, 90} {
		r := rand.New(rand.NewPCG(13, uint64(cell*100)))
		x, err := NewPointIndex(cell)
		if err != nil {
			t.Fatal(err)
		}
		model := map[uint32]Point{}
		for round := range 20 {
			for range 500 {
				id := uint32(r.IntN(3000))
				switch u := r.Float64(); {
				case u < 0.1:
					x.Delete(id)
					delete(model, id)
				case u < 0.4:
					// Move a little, often within the cell.
					p, ok := model[id]
					if !ok {
						p = simPoint(r)
					}
					p.Lat = math.Max(-90, math.Min(90, p.Lat+r.NormFloat64()*0.05))
					p.Lon = NormalizeLon(p.Lon + r.NormFloat64()*0.05)
					mustSet(t, x, id, p)
					model[id] = p
				case u < 0.45:
					p := []Point{{0, 180}, {0, -180}, {90, 0}, {-90, 179.99}}[r.IntN(4)]
					mustSet(t, x, id, p)
					model[id] = p
				default:
					p := simPoint(r)
					mustSet(t, x, id, p)
					model[id] = p
				}
			}
			if x.Len() != len(model) {
				t.Fatalf("cell %v: Len() = %d, want %d", cell, x.Len(), len(model))
			}
			for id, p := range model {
				if got, ok := x.Get(id); !ok || got != p {
					t.Fatalf("cell %v: Get(%d) = %v, %v; want %v", cell, id, got, ok, p)
				}
			}
			boxes := []Box{worldBox, eastMed, fijiWrap, toAntimer, {-90, 179, 90, -179}, {89, -180, 90, 180}}
			for range 50 {
				boxes = append(boxes, randBox(r, []float64{1, 10, 100, 360}[r.IntN(4)]))
			}
			for _, b := range boxes {
				got := searchIDs(x, b)
				var want []uint32
				for id, p := range model {
					if b.Contains(p) {
						want = append(want, id)
					}
				}
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Fatalf("cell %v round %d: Search(%+v) found %d ids, brute force %d", cell, round, b, len(got), len(want))
				}
			}
		}
	}
}

func mustSet(t *testing.T, x *PointIndex, id uint32, p Point) {
	t.Helper()
	if err := x.Set(id, p); err != nil {
		t.Fatal(err)
	}
}

// searchIDs returns the sorted ids that Search reports for b, failing on
// duplicates by returning them twice.
func searchIDs(x *PointIndex, b Box) []uint32 {
	var ids []uint32
	x.Search(b, func(id uint32, p Point) bool {
		if !b.Contains(p) {
			ids = append(ids, math.MaxUint32) // never in a brute-force result
		}
		ids = append(ids, id)
		return true
	})
	slices.Sort(ids)
	return ids
}
