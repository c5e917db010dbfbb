package detect

import (
	"math"

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

// siteMask marks the cells of a 0.25° grid that the bounding box of some
// area site reaches (with a margin of one cell), in 1,440 × 720 bits
// (130 KiB, small enough to stay in the CPU's L2 cache).
type siteMask struct {
	bits []uint64
}

const (
	maskCellDeg = 0.25
	maskRows    = 720  // 180 / maskCellDeg
	maskCols    = 1440 // 360 / maskCellDeg
)

func maskRow(lat float64) int {
	return min(max(int(math.Floor((lat+90)/maskCellDeg)), 0), maskRows-1)
}

func maskCol(lon float64) int {
	return min(max(int(math.Floor((lon+180)/maskCellDeg)), 0), maskCols-1)
}

// newSiteMask returns the mask of the circle and polygon sites of ss.
func newSiteMask(ss []sitrep.Site) *siteMask {
	m := &siteMask{bits: make([]uint64, (maskRows*maskCols+63)/64)}
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
		m.addBox(b)
	}
	return m
}

// addBox marks the cells b reaches, one more all round; a box that
// reaches within a cell of ±180° marks both edge columns, since
// geo.Box.Contains takes 180 and -180 for one another.
func (m *siteMask) addBox(b geo.Box) {
	if !(b.MinLat <= b.MaxLat) || math.IsNaN(b.MinLon) || math.IsNaN(b.MaxLon) {
		return // empty
	}
	r0, r1 := max(maskRow(b.MinLat)-1, 0), min(maskRow(b.MaxLat)+1, maskRows-1)
	c0, c1 := maskCol(b.MinLon)-1, maskCol(b.MaxLon)+1
	var cols []int
	if b.MinLon <= b.MaxLon {
		for c := c0; c <= c1; c++ {
			cols = append(cols, c)
		}
	} else { // wraps across 180°
		for c := c0; c <= maskCols; c++ {
			cols = append(cols, c)
		}
		for c := -1; c <= c1; c++ {
			cols = append(cols, c)
		}
	}
	if b.MinLon <= -180+maskCellDeg || b.MaxLon >= 180-maskCellDeg || b.MinLon > b.MaxLon {
		cols = append(cols, 0, maskCols-1)
	}
	for r := r0; r <= r1; r++ {
		for _, c := range cols {
			c = (c%maskCols + maskCols) % maskCols
			i := r*maskCols + c
			m.bits[i/64] |= 1 << (i % 64)
		}
	}
}

// may reports whether an area site's bounding box may contain the point.
func (m *siteMask) may(lat, lon float64) bool {
	i := maskRow(lat)*maskCols + maskCol(lon)
	return m.bits[i/64]&(1<<(i%64)) != 0
}
