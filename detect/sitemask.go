package detect

import (
	"math"
	"math/bits"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// SiteLister is implemented by a SiteIndex that can list its sites, as
// *sites.Index does. Sites must return every site Containing can return
// (and must not change while a Detector uses the index). A Detector then
// skips the Containing query for fixes outside the bounding box of every
// circle and polygon site (geo.Circle.Bounds, geo.Polygon.Bounds), where
// by the SiteIndex contract it would find nothing: most fixes at sea.
type SiteLister interface {
	Sites() []sitrep.Site
}

// siteMask marks the cells of a 1/32° grid (about 3.5 km) that the
// bounding box of some area site reaches, with a margin of one cell, in two
// levels small enough to stay in the CPU's L2 cache: a bitmap of the 0.25°
// cells that hold a marked cell (1,440 × 720 bits, 130 KiB) and, for each
// of those, a word of its 8 × 8 fine cells (found by counting the bits
// before it: rank). A fix in a marked 0.25° cell but an unmarked fine
// cell, a few kilometres off a site, skips the query too.
type siteMask struct {
	bits []uint64 // coarse cells
	rank []uint32 // rank[w]: the set bits in bits[:w]
	fine []uint64 // fine cells, one word per set coarse bit, in order
}

const (
	maskCellDeg = 0.25
	maskRows    = 720  // 180 / maskCellDeg
	maskCols    = 1440 // 360 / maskCellDeg
	maskSub     = 8    // fine cells per coarse cell, each way
	fineCellDeg = maskCellDeg / maskSub
	fineRows    = maskRows * maskSub
	fineCols    = maskCols * maskSub
)

// fineRow returns the fine row of a latitude, clamped to the grid. Its
// coarse row is fineRow/maskSub: scaling by a power of two is exact.
func fineRow(lat float64) int {
	return min(max(int(math.Floor((lat+90)/fineCellDeg)), 0), fineRows-1)
}

// fineCol returns the fine column of a longitude, clamped to the grid.
func fineCol(lon float64) int {
	return min(max(int(math.Floor((lon+180)/fineCellDeg)), 0), fineCols-1)
}

// newSiteMask returns the mask of the circle and polygon sites of ss.
func newSiteMask(ss []sitrep.Site) *siteMask {
	cells := map[int]uint64{} // coarse cell -> its fine cells
	for i := range ss {
		s := &ss[i]
		var b geo.Box
		switch s.Shape.Kind {
		case sitrep.ShapeCircle:
			b = geo.Circle{Center: geo.Point{Lat: s.Shape.Center.Lat, Lon: s.Shape.Center.Lon}, Radius: s.Shape.RadiusM}.Bounds()
		case sitrep.ShapePolygon:
			if len(s.Shape.Rings) == 0 {
				continue
			}
			outer := make([]geo.Point, len(s.Shape.Rings[0]))
			for j, p := range s.Shape.Rings[0] {
				outer[j] = geo.Point{Lat: p.Lat, Lon: p.Lon}
			}
			b = geo.Polygon{Outer: outer}.Bounds()
		default:
			continue // lines contain nothing
		}
		addBox(cells, b)
	}
	m := &siteMask{bits: make([]uint64, (maskRows*maskCols+63)/64)}
	for i := range cells {
		m.bits[i/64] |= 1 << (i % 64)
	}
	m.rank = make([]uint32, len(m.bits))
	n := uint32(0)
	for w, x := range m.bits {
		m.rank[w] = n
		n += uint32(bits.OnesCount64(x))
	}
	m.fine = make([]uint64, n)
	for i, f := range cells {
		m.fine[m.index(i)] = f
	}
	return m
}

// addBox marks in cells the fine cells b reaches, one more all round; a
// box that reaches within a cell of ±180° marks both edge columns, since
// geo.Box.Contains takes 180 and -180 for one another.
func addBox(cells map[int]uint64, b geo.Box) {
	if !(b.MinLat <= b.MaxLat) || math.IsNaN(b.MinLon) || math.IsNaN(b.MaxLon) {
		return // empty
	}
	r0, r1 := max(fineRow(b.MinLat)-1, 0), min(fineRow(b.MaxLat)+1, fineRows-1)
	c0, c1 := fineCol(b.MinLon)-1, fineCol(b.MaxLon)+1
	var cols []int
	if b.MinLon <= b.MaxLon {
		for c := c0; c <= c1; c++ {
			cols = append(cols, c)
		}
	} else { // wraps across 180°
		for c := c0; c <= fineCols; c++ {
			cols = append(cols, c)
		}
		for c := -1; c <= c1; c++ {
			cols = append(cols, c)
		}
	}
	if b.MinLon <= -180+fineCellDeg || b.MaxLon >= 180-fineCellDeg || b.MinLon > b.MaxLon {
		cols = append(cols, 0, fineCols-1)
	}
	for r := r0; r <= r1; r++ {
		for _, c := range cols {
			c = (c%fineCols + fineCols) % fineCols
			i := (r/maskSub)*maskCols + c/maskSub
			cells[i] |= 1 << ((r%maskSub)*maskSub + c%maskSub)
		}
	}
}

// index returns the position in fine of coarse cell i, whose bit is set.
func (m *siteMask) index(i int) uint32 {
	w := m.bits[i/64]
	return m.rank[i/64] + uint32(bits.OnesCount64(w&(1<<(i%64)-1)))
}

// may reports whether an area site's bounding box may contain the point.
func (m *siteMask) may(lat, lon float64) bool { return m.mayCell(m.cell(lat, lon)) }

// The fine cells are numbered in a uint32 (a constant overflow would not
// compile).
const _ = uint32(fineRows * fineCols)

// cell returns the fine cell of the point: row*fineCols + column.
func (m *siteMask) cell(lat, lon float64) uint32 {
	return uint32(fineRow(lat)*fineCols + fineCol(lon))
}

// mayCell is may for every point of the fine cell c.
func (m *siteMask) mayCell(c uint32) bool {
	r, col := int(c)/fineCols, int(c)%fineCols
	i := (r/maskSub)*maskCols + col/maskSub
	if m.bits[i/64]&(1<<(i%64)) == 0 {
		return false
	}
	return m.fine[m.index(i)]&(1<<((r%maskSub)*maskSub+col%maskSub)) != 0
}
