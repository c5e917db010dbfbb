package geo

import (
	"errors"
	"fmt"
	"math"
)

// ErrCellSize is returned (wrapped) for a grid cell size that is NaN,
// smaller than MinCellSize or larger than 90 degrees.
var ErrCellSize = errors.New("geo: invalid grid cell size")

// Grid cell sizes, in degrees, of the spatial indexes.
const (
	DefaultCellSize = 0.5  // PointIndex cell size when none is given
	MinCellSize     = 0.01 // smallest accepted cell size
)

// grid maps points to square cells of a uniform latitude/longitude grid and
// numbers each cell row*cols+col.
type grid struct {
	size       float64 // cell edge, degrees
	inv        float64 // 1/size
	rows, cols int
}

// newGrid returns the grid of the given cell size in degrees.
func newGrid(size float64) (grid, error) {
	if !(size >= MinCellSize && size <= 90) {
		return grid{}, fmt.Errorf("%w: %v degrees (want %v..90)", ErrCellSize, size, MinCellSize)
	}
	return grid{
		size: size,
		inv:  1 / size,
		rows: int(math.Ceil(180 / size)),
		cols: int(math.Ceil(360 / size)),
	}, nil
}

// row returns the row of latitude lat, clamped to the grid.
func (g *grid) row(lat float64) int {
	r := int(math.Floor((lat + 90) * g.inv))
	return min(max(r, 0), g.rows-1)
}

// col returns the column of longitude lon. Longitudes are normalized first
// (NormalizeLon), so 180 falls in column 0 with -180 whatever the cell size.
func (g *grid) col(lon float64) int {
	if lon < -180 || lon >= 180 {
		lon = NormalizeLon(lon)
	}
	c := int(math.Floor((lon + 180) * g.inv))
	return min(max(c, 0), g.cols-1)
}

// key returns the cell number of p.
func (g *grid) key(p Point) uint32 {
	return uint32(g.row(p.Lat)*g.cols + g.col(p.Lon))
}

// span returns the cells that b overlaps: rows r0..r1 and columns c0..c1
// walking east with wrap-around (c0 > c1 crosses column 0). When b is
// nearly 360° wide all is true and c0..c1 covers every column, so columns
// strictly between c0 and c1 are not necessarily inside b. ok is false for
// an empty box or one beyond the poles.
func (g *grid) span(b Box) (r0, r1, c0, c1 int, all, ok bool) {
	if b.Empty() || b.MaxLat < -90 || b.MinLat > 90 {
		return 0, 0, 0, 0, false, false
	}
	r0, r1 = g.row(b.MinLat), g.row(b.MaxLat)
	if b.LonSpan()+2*g.size >= 360 {
		return r0, r1, 0, g.cols - 1, true, true
	}
	return r0, r1, g.col(b.MinLon), g.col(b.MaxLon), false, true
}

// ncols returns the number of columns from c0 to c1 walking east.
func (g *grid) ncols(c0, c1 int) int {
	if c0 <= c1 {
		return c1 - c0 + 1
	}
	return g.cols - c0 + c1 + 1
}

// colIn reports whether column c lies on the walk from c0 to c1.
func colIn(c, c0, c1 int) bool {
	if c0 <= c1 {
		return c >= c0 && c <= c1
	}
	return c >= c0 || c <= c1
}
