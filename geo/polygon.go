package geo

import "math"

// Polygon is an area bounded by an outer ring with optional holes. Each ring
// is a sequence of vertices, closed (last vertex equal to the first) or not;
// rings with fewer than three distinct vertices enclose nothing.
//
// Edges are straight lines in the longitude/latitude plane, not great
// circles. For sites tens of kilometres across the difference is metres;
// do not use it for ocean-sized areas. A polygon that straddles the
// antimeridian is written with continuous longitudes past ±180 (for example
// 179.5 to 180.5); Contains and Bounds account for it.
type Polygon struct {
	Outer []Point   // the outer boundary
	Holes [][]Point // areas cut out of the outer ring
}

// Contains reports whether p is inside the polygon by the even-odd rule over
// all rings (ray casting in the longitude/latitude plane): inside the outer
// ring and outside every hole. Points exactly on an edge may be reported
// either way. Cost is linear in the number of vertices.
func (g Polygon) Contains(p Point) bool {
	in, lo, hi := g.crossings(p)
	if in {
		return true
	}
	if hi > 180 && p.Lon+360 <= hi {
		if in, _, _ = g.crossings(Point{Lat: p.Lat, Lon: p.Lon + 360}); in {
			return true
		}
	}
	if lo < -180 && p.Lon-360 >= lo {
		in, _, _ = g.crossings(Point{Lat: p.Lat, Lon: p.Lon - 360})
	}
	return in
}

// crossings runs the even-odd test for p over every ring and returns the
// result with the minimum and maximum longitude of the outer ring.
func (g Polygon) crossings(p Point) (in bool, lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range g.Outer {
		lo = math.Min(lo, v.Lon)
		hi = math.Max(hi, v.Lon)
	}
	in = ringCrossings(g.Outer, p)
	for _, h := range g.Holes {
		if ringCrossings(h, p) {
			in = !in
		}
	}
	return in, lo, hi
}

// ringCrossings reports whether a ray from p towards increasing longitude
// crosses the ring an odd number of times. An explicitly closed ring is
// treated exactly like the open one.
func ringCrossings(ring []Point, p Point) bool {
	in := false
	n := len(ring)
	for n > 1 && ring[0] == ring[n-1] { // closed: the closing edge is implicit
		ring, n = ring[:n-1], n-1
	}
	if n < 3 {
		return false
	}
	j := ring[n-1]
	for _, i := range ring {
		if (i.Lat > p.Lat) != (j.Lat > p.Lat) &&
			p.Lon < (j.Lon-i.Lon)*(p.Lat-i.Lat)/(j.Lat-i.Lat)+i.Lon {
			in = !in
		}
		j = i
	}
	return in
}

// Bounds returns the box of the outer ring's vertices. A ring written with
// longitudes past ±180 gives a wrapping box; one spanning 360° or more gives
// all longitudes. A polygon without vertices gives an empty box.
func (g Polygon) Bounds() Box {
	if len(g.Outer) == 0 {
		return EmptyBox()
	}
	b := Box{MinLat: math.Inf(1), MinLon: math.Inf(1), MaxLat: math.Inf(-1), MaxLon: math.Inf(-1)}
	for _, v := range g.Outer {
		b.MinLat = math.Min(b.MinLat, v.Lat)
		b.MaxLat = math.Max(b.MaxLat, v.Lat)
		b.MinLon = math.Min(b.MinLon, v.Lon)
		b.MaxLon = math.Max(b.MaxLon, v.Lon)
	}
	return unwrapBox(b)
}

// unwrapBox turns a box whose longitudes may run past ±180 (MinLon <=
// MaxLon, continuous) into a normalized Box.
func unwrapBox(b Box) Box {
	if b.MaxLon-b.MinLon >= 360 {
		b.MinLon, b.MaxLon = -180, 180
		return b
	}
	if b.MinLon >= -180 && b.MaxLon <= 180 {
		return b
	}
	b.MinLon, b.MaxLon = NormalizeLon(b.MinLon), NormalizeLon(b.MaxLon)
	if b.MaxLon == -180 { // ended exactly at 180
		b.MaxLon = 180
	}
	return b
}
