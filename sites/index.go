package sites

import (
	"fmt"
	"math"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// Gate grid: line sites are listed in the cells of a lineCellDeg grid
// that their bounding box overlaps; a step whose box covers more than
// maxStepCells cells (a long reception gap) is tested against every line.
const (
	lineCellDeg  = 0.5
	maxStepCells = 64
)

// Index answers the two questions detection asks of every fix: which
// sites contain it (Containing) and which gates the step from the previous
// fix crossed (Crossed). Polygon and circle sites go in a geo.ShapeIndex,
// line sites in a grid of their bounding boxes, so the cost of a query
// follows the number of sites near the point, not the total.
//
// The Index keeps its own copy of the sites; the *sitrep.Site it returns
// point into that copy and must not be modified. An Index is immutable and
// safe for concurrent use.
type Index struct {
	sites   []sitrep.Site
	areas   *geo.ShapeIndex
	areaIDs []int32 // shape position in areas -> position in sites

	lines     []geo.Line
	lineIDs   []int32           // position in lines -> position in sites
	lineCells map[int32][]int32 // grid cell -> positions in lines
	cols      int
}

// NewIndex builds an index over sites, of which it keeps a deep copy.
//
// Errors: EINVALID naming the site when one fails sitrep.Site.Validate or
// when two share an ID.
func NewIndex(sites []sitrep.Site) (*Index, error) {
	ix := &Index{sites: make([]sitrep.Site, len(sites)), lineCells: map[int32][]int32{},
		cols: int(math.Ceil(360 / lineCellDeg))}
	for i, s := range sites {
		ix.sites[i] = Clone(s)
	}
	seen := make(map[string]bool, len(sites))
	var shapes []geo.Shape
	for i, s := range ix.sites {
		if err := s.Validate(); err != nil {
			return nil, err
		}
		if seen[s.ID] {
			return nil, sitrep.Errorf(sitrep.EINVALID, "site %q appears twice", s.ID)
		}
		seen[s.ID] = true
		if s.Shape.Kind == sitrep.ShapeLine {
			l := make(geo.Line, len(s.Shape.Line))
			for j, p := range s.Shape.Line {
				l[j] = geo.Point{Lat: p.Lat, Lon: p.Lon}
			}
			ix.addLine(l, s.Shape.Bounds(), int32(i))
			continue
		}
		shapes = append(shapes, GeoShape(s.Shape))
		ix.areaIDs = append(ix.areaIDs, int32(i))
	}
	var err error
	if ix.areas, err = geo.NewShapeIndex(shapes, 0); err != nil {
		return nil, fmt.Errorf("sites.NewIndex: %w", err)
	}
	return ix, nil
}

// GeoShape returns the geo.Shape of a polygon or circle shape: a
// geo.Polygon (first ring outer, the others holes) or a geo.Circle. A line
// contains nothing: it gives an empty geo.Box.
func GeoShape(sh sitrep.Shape) geo.Shape {
	switch sh.Kind {
	case sitrep.ShapeCircle:
		return geo.Circle{Center: geo.Point{Lat: sh.Center.Lat, Lon: sh.Center.Lon}, Radius: sh.RadiusM}
	case sitrep.ShapePolygon:
		var g geo.Polygon
		for i, r := range sh.Rings {
			ring := make([]geo.Point, len(r))
			for j, p := range r {
				ring[j] = geo.Point{Lat: p.Lat, Lon: p.Lon}
			}
			if i == 0 {
				g.Outer = ring
			} else {
				g.Holes = append(g.Holes, ring)
			}
		}
		return g
	}
	return geo.EmptyBox()
}

func (ix *Index) addLine(l geo.Line, b sitrep.Area, site int32) {
	n := int32(len(ix.lines))
	ix.lines = append(ix.lines, l)
	ix.lineIDs = append(ix.lineIDs, site)
	lo, hi := b.MinLon, b.MaxLon
	if hi < lo {
		hi += 360
	}
	ix.eachCell(b.MinLat, b.MaxLat, lo, hi, func(c int32) {
		ix.lineCells[c] = append(ix.lineCells[c], n)
	})
}

// eachCell calls fn for every grid cell the box overlaps; lo..hi is a
// continuous longitude range (hi may exceed 180).
func (ix *Index) eachCell(minLat, maxLat, lo, hi float64, fn func(int32)) {
	r0, r1 := cellRow(minLat), cellRow(maxLat)
	c0 := int(math.Floor((lo + 180) / lineCellDeg))
	c1 := int(math.Floor((hi + 180) / lineCellDeg))
	if c1-c0 >= ix.cols {
		c0, c1 = 0, ix.cols-1
	}
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			cc := ((c % ix.cols) + ix.cols) % ix.cols
			fn(int32(r*ix.cols + cc))
		}
	}
}

func cellRow(lat float64) int {
	r := int(math.Floor((lat + 90) / lineCellDeg))
	return min(max(r, 0), int(180/lineCellDeg)-1)
}

// Len returns the number of sites in the index.
func (ix *Index) Len() int { return len(ix.sites) }

// Sites returns the indexed sites, in the order NewIndex was given them.
// The slice is the index's own: do not modify it.
func (ix *Index) Sites() []sitrep.Site { return ix.sites }

// Containing appends to dst the sites whose shape contains the point and
// returns it. Line sites contain nothing. The order is unspecified. It
// allocates only when dst must grow.
func (ix *Index) Containing(dst []*sitrep.Site, lat, lon float64) []*sitrep.Site {
	ix.areas.Query(geo.Point{Lat: lat, Lon: lon}, func(i int) bool {
		dst = append(dst, &ix.sites[ix.areaIDs[i]])
		return true
	})
	return dst
}

// Crossed appends to dst the line-shaped sites whose line the segment
// from→to crosses (in either direction; geo.Line.Crosses gives the side)
// and returns it. The segment is taken the short way round in longitude,
// so a step across the antimeridian is a short step. Each site is
// reported once; the order is unspecified. It allocates only when dst must
// grow.
func (ix *Index) Crossed(dst []*sitrep.Site, from, to sitrep.LatLon) []*sitrep.Site {
	if len(ix.lines) == 0 {
		return dst
	}
	a, b := geo.Point{Lat: from.Lat, Lon: from.Lon}, geo.Point{Lat: to.Lat, Lon: to.Lon}
	lo, hi := from.Lon, to.Lon
	if d := hi - lo; d > 180 {
		hi -= 360
	} else if d < -180 {
		hi += 360
	}
	if hi < lo {
		lo, hi = hi, lo
	}
	minLat, maxLat := min(from.Lat, to.Lat), max(from.Lat, to.Lat)
	rows := cellRow(maxLat) - cellRow(minLat) + 1
	cols := int(math.Floor((hi+180)/lineCellDeg)) - int(math.Floor((lo+180)/lineCellDeg)) + 1
	start := len(dst)
	test := func(n int32) {
		if ok, _ := ix.lines[n].Crosses(a, b); !ok {
			return
		}
		s := &ix.sites[ix.lineIDs[n]]
		for _, d := range dst[start:] {
			if d == s {
				return
			}
		}
		dst = append(dst, s)
	}
	if rows*cols > maxStepCells {
		for n := range ix.lines {
			test(int32(n))
		}
		return dst
	}
	ix.eachCell(minLat, maxLat, lo, hi, func(c int32) {
		for _, n := range ix.lineCells[c] {
			test(n)
		}
	})
	return dst
}
