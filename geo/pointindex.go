package geo

import (
	"errors"
	"fmt"
)

// ErrInvalidPoint is returned (wrapped) by PointIndex.Set for a point that
// is not Valid.
var ErrInvalidPoint = errors.New("geo: invalid point")

// PointIndex is a spatial index of live points keyed by a uint32 id (for
// vessels, the MMSI): "which vessels are in this box now".
//
// It is a uniform latitude/longitude grid. Each occupied cell keeps its
// points in a slice; a map from id to (cell, slot) finds a point's entry,
// and removal swaps the last entry of the cell into the hole. Get and
// moving a point within its cell cost one map lookup; moving it to another
// cell or deleting it costs a few more map operations and no allocation once
// the cells have grown to their working size. Search visits only the cells
// that overlap the box (or, for boxes larger than the occupied area, the
// occupied cells), so its cost follows the number of points near the box,
// not the total.
//
// Each point costs about 56 bytes (an id, its exact Point and its map
// entry; measured with 200,000 simulated vessels by
// BenchmarkPointIndexMemory). A cell that empties keeps its storage for the
// next point to arrive, so the remaining overhead follows the number of
// distinct cells ever occupied (at most 259,200 at the default 0.5° size).
//
// The zero value is an empty index with cell size DefaultCellSize. A
// PointIndex must not be copied after first use, and is not safe for
// concurrent use when any goroutine calls Set or Delete; concurrent Get,
// Len and Search calls are safe.
type PointIndex struct {
	g     grid
	where map[uint32]loc    // id -> position of its entry
	cells []cell            // occupied (or once occupied) cells
	byKey map[uint32]uint32 // grid cell number -> index in cells
}

// loc is where an id's entry lives: cells[cell].items[slot].
type loc struct {
	cell, slot uint32
}

// cell is one grid cell with its entries.
type cell struct {
	key   uint32
	items []item
}

// item is an indexed point.
type item struct {
	p  Point
	id uint32
}

// NewPointIndex returns an empty index whose grid cells are cellDeg degrees
// square; cellDeg 0 means DefaultCellSize. It returns an error wrapping
// ErrCellSize when cellDeg is NaN, negative, below MinCellSize or above 90.
// Smaller cells make small-box searches cheaper and moves across cells more
// frequent; 0.25° to 1° suits vessel traffic.
func NewPointIndex(cellDeg float64) (*PointIndex, error) {
	if cellDeg == 0 {
		cellDeg = DefaultCellSize
	}
	g, err := newGrid(cellDeg)
	if err != nil {
		return nil, err
	}
	return &PointIndex{g: g}, nil
}

// init prepares a zero PointIndex.
func (x *PointIndex) init() {
	if x.g.size == 0 {
		x.g, _ = newGrid(DefaultCellSize)
	}
	if x.where == nil {
		x.where = make(map[uint32]loc)
		x.byKey = make(map[uint32]uint32)
	}
}

// Len returns the number of indexed points.
func (x *PointIndex) Len() int { return len(x.where) }

// Get returns the point indexed under id and whether there is one.
func (x *PointIndex) Get(id uint32) (Point, bool) {
	l, ok := x.where[id]
	if !ok {
		return Point{}, false
	}
	return x.cells[l.cell].items[l.slot].p, true
}

// Set indexes p under id, replacing any earlier point for id. It returns an
// error wrapping ErrInvalidPoint, and leaves the index unchanged, when p is
// not Valid.
func (x *PointIndex) Set(id uint32, p Point) error {
	if !p.Valid() {
		return fmt.Errorf("%w: id %d at %v,%v", ErrInvalidPoint, id, p.Lat, p.Lon)
	}
	x.init()
	k := x.g.key(p)
	if l, ok := x.where[id]; ok {
		c := &x.cells[l.cell]
		if c.key == k {
			c.items[l.slot].p = p
			return nil
		}
		x.remove(l)
	}
	ci, ok := x.byKey[k]
	if !ok {
		ci = uint32(len(x.cells))
		x.cells = append(x.cells, cell{key: k})
		x.byKey[k] = ci
	}
	c := &x.cells[ci]
	x.where[id] = loc{cell: ci, slot: uint32(len(c.items))}
	c.items = append(c.items, item{p: p, id: id})
	return nil
}

// Delete removes id from the index; it does nothing when id is absent.
func (x *PointIndex) Delete(id uint32) {
	l, ok := x.where[id]
	if !ok {
		return
	}
	x.remove(l)
	delete(x.where, id)
}

// remove takes the entry at l out of its cell by moving the cell's last
// entry into its slot. It does not touch where[id] of the removed entry.
func (x *PointIndex) remove(l loc) {
	c := &x.cells[l.cell]
	last := len(c.items) - 1
	if int(l.slot) != last {
		moved := c.items[last]
		c.items[l.slot] = moved
		x.where[moved.id] = l
	}
	c.items = c.items[:last]
}

// Search calls fn for every indexed point inside box (see Box.Contains,
// edges included, wrapping boxes allowed) until fn returns false. The order
// is unspecified. fn must not call Set or Delete on x.
func (x *PointIndex) Search(box Box, fn func(id uint32, p Point) bool) {
	if len(x.where) == 0 {
		return
	}
	r0, r1, c0, c1, all, ok := x.g.span(box)
	if !ok {
		return
	}
	// visit reports c's points in box; an interior cell, which lies wholly
	// inside box, skips the per-point test.
	visit := func(c *cell, interior bool) bool {
		for i := range c.items {
			it := &c.items[i]
			if (interior || box.Contains(it.p)) && !fn(it.id, it.p) {
				return false
			}
		}
		return true
	}
	n := x.g.ncols(c0, c1)
	if (r1-r0+1)*n > len(x.cells) {
		// The box covers more cells than are occupied: scan those.
		for i := range x.cells {
			c := &x.cells[i]
			r, col := int(c.key)/x.g.cols, int(c.key)%x.g.cols
			if r >= r0 && r <= r1 && colIn(col, c0, c1) && !visit(c, false) {
				return
			}
		}
		return
	}
	for r := r0; r <= r1; r++ {
		base := r * x.g.cols
		col := c0
		for j := range n {
			// Unless the walk covers all columns, cells strictly inside
			// the row and column range lie wholly inside box.
			interior := !all && r > r0 && r < r1 && j > 0 && j < n-1
			if ci, ok := x.byKey[uint32(base+col)]; ok && !visit(&x.cells[ci], interior) {
				return
			}
			if col++; col == x.g.cols {
				col = 0
			}
		}
	}
}
