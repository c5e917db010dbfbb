package geo

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
)

// ErrNilShape is returned (wrapped) by NewShapeIndex for a nil Shape.
var ErrNilShape = errors.New("geo: nil shape")

// maxShapeCells is the number of grid cells above which a shape is kept on
// a list that every query checks instead of being entered in each cell.
const maxShapeCells = 4096

// ShapeIndex answers "which sites contain this point" over a fixed set of
// shapes. It is a uniform grid over the shapes' bounding boxes: each cell
// lists the shapes whose box overlaps it, so a query looks at one cell and
// tests only the shapes near the point. Its cost follows the number of
// shapes overlapping that cell, not the total; only shapes so large that
// their box covers more than 4096 cells are tested by every query.
//
// A ShapeIndex is immutable once built and safe for concurrent use. It keeps
// the Shapes it was given; they must not change afterwards.
type ShapeIndex struct {
	g      grid
	shapes []Shape
	bounds []Box
	spans  map[uint32]span // cell number -> its run in ids
	ids    []int32         // shape numbers, grouped by cell
	big    []int32         // shapes tested by every query
}

// span is a run ids[lo:hi].
type span struct{ lo, hi uint32 }

// NewShapeIndex builds an index over shapes; Query reports shapes by their
// position in this slice. cellDeg is the grid cell size in degrees; 0 picks
// one from the shapes, twice the median box extent rounded up to a power of
// two and kept within [1/64°, 8°]. It returns an error wrapping ErrNilShape
// for a nil element, or ErrCellSize for a cellDeg that is NaN, negative,
// below MinCellSize or above 90. Shapes with empty bounds are accepted and
// never match.
func NewShapeIndex(shapes []Shape, cellDeg float64) (*ShapeIndex, error) {
	x := &ShapeIndex{shapes: shapes, bounds: make([]Box, len(shapes))}
	for i, s := range shapes {
		if s == nil {
			return nil, fmt.Errorf("%w at index %d", ErrNilShape, i)
		}
		x.bounds[i] = s.Bounds()
	}
	if cellDeg == 0 {
		cellDeg = autoCellSize(x.bounds)
	}
	g, err := newGrid(cellDeg)
	if err != nil {
		return nil, err
	}
	x.g = g
	type entry struct {
		key uint32
		id  int32
	}
	var entries []entry
	for i, b := range x.bounds {
		r0, r1, c0, c1, _, ok := g.span(b)
		if !ok {
			continue
		}
		n := g.ncols(c0, c1)
		if (r1-r0+1)*n > maxShapeCells {
			x.big = append(x.big, int32(i))
			continue
		}
		for r := r0; r <= r1; r++ {
			col := c0
			for range n {
				entries = append(entries, entry{uint32(r*g.cols + col), int32(i)})
				if col++; col == g.cols {
					col = 0
				}
			}
		}
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
	x.ids = make([]int32, len(entries))
	x.spans = make(map[uint32]span)
	for i, e := range entries {
		x.ids[i] = e.id
		s, ok := x.spans[e.key]
		if !ok {
			s.lo = uint32(i)
		}
		s.hi = uint32(i + 1)
		x.spans[e.key] = s
	}
	return x, nil
}

// autoCellSize picks a grid cell size from the median extent of the boxes.
func autoCellSize(bounds []Box) float64 {
	ext := make([]float64, 0, len(bounds))
	for _, b := range bounds {
		if !b.Empty() {
			ext = append(ext, math.Max(b.MaxLat-b.MinLat, b.LonSpan()))
		}
	}
	if len(ext) == 0 {
		return 1
	}
	slices.Sort(ext)
	m := 2 * ext[len(ext)/2]
	size := 1.0 / 64
	for size < m && size < 8 {
		size *= 2
	}
	return size
}

// Len returns the number of shapes the index was built from.
func (x *ShapeIndex) Len() int { return len(x.shapes) }

// Query calls fn with the position in the build slice of every shape that
// contains p, until fn returns false. Each shape is reported at most once;
// the order is unspecified.
func (x *ShapeIndex) Query(p Point, fn func(i int) bool) {
	if s, ok := x.spans[x.g.key(p)]; ok {
		for _, id := range x.ids[s.lo:s.hi] {
			if x.bounds[id].Contains(p) && x.shapes[id].Contains(p) && !fn(int(id)) {
				return
			}
		}
	}
	for _, id := range x.big {
		if x.bounds[id].Contains(p) && x.shapes[id].Contains(p) && !fn(int(id)) {
			return
		}
	}
}
