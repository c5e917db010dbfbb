package geo

import (
	"math"
	"slices"
)

// Width is the narrowest extent of a shape: the least distance between two
// parallel lines that enclose it, and the direction across them.
type Width struct {
	// Metres is the width; 0 for fewer than three distinct points.
	Metres float64
	// East and North are the unit vector, in a local east/north frame in
	// metres, along which the width is measured (across the narrowest
	// extent). Its sign is arbitrary.
	East, North float64
}

// Across returns the component along w's direction of the displacement
// from a to b, in metres, in the same local frame (equirectangular about
// a's latitude: good for the few tens of kilometres of a gate). The sign
// follows w's direction; use its absolute value.
func (w Width) Across(a, b Point) float64 {
	e, n := localMetres(a, b, math.Cos(a.Lat*deg2rad))
	return e*w.East + n*w.North
}

// MinWidth returns the narrowest extent of the polygon ring (degrees; any
// orientation, closed or not): the minimum, over the edges of its convex
// hull, of the farthest hull vertex from the edge's line (rotating
// calipers), computed in a local frame about the ring's first point. A
// strait's gate drawn as a band across the strait is narrowest along the
// traffic, so a vessel that goes through the strait crosses that width. It
// is meant for shapes tens of kilometres across, away from the poles and
// not across the antimeridian.
func MinWidth(ring []Point) Width {
	if len(ring) < 3 {
		return Width{}
	}
	o := ring[0]
	cos := math.Cos(o.Lat * deg2rad)
	pts := make([][2]float64, len(ring))
	for i, p := range ring {
		e, n := localMetres(o, p, cos)
		pts[i] = [2]float64{e, n}
	}
	h := hull(pts)
	if len(h) < 3 {
		return Width{}
	}
	best := Width{Metres: math.Inf(1)}
	for i := range h {
		a, b := h[i], h[(i+1)%len(h)]
		dx, dy := b[0]-a[0], b[1]-a[1]
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		// The unit normal of edge a-b, and the farthest vertex from it.
		nx, ny := -dy/l, dx/l
		far := 0.0
		for _, p := range h {
			far = max(far, math.Abs((p[0]-a[0])*nx+(p[1]-a[1])*ny))
		}
		if far < best.Metres {
			best = Width{Metres: far, East: nx, North: ny}
		}
	}
	if math.IsInf(best.Metres, 1) {
		return Width{}
	}
	return best
}

// localMetres returns b's offset east and north of a in metres, on an
// equirectangular projection with cos the cosine of the reference latitude.
func localMetres(a, b Point, cos float64) (east, north float64) {
	dLon := NormalizeLon(b.Lon - a.Lon)
	return dLon * metresPerDegree * cos, (b.Lat - a.Lat) * metresPerDegree
}

// hull returns the convex hull of pts, counter-clockwise, without
// collinear points (Andrew's monotone chain). pts is reordered.
func hull(pts [][2]float64) [][2]float64 {
	slices.SortFunc(pts, func(a, b [2]float64) int {
		if a[0] != b[0] {
			if a[0] < b[0] {
				return -1
			}
			return 1
		}
		switch {
		case a[1] < b[1]:
			return -1
		case a[1] > b[1]:
			return 1
		}
		return 0
	})
	cross := func(o, a, b [2]float64) float64 {
		return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
	}
	h := make([][2]float64, 0, 2*len(pts))
	for _, p := range pts { // lower hull
		for len(h) >= 2 && cross(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	for i, lower := len(pts)-2, len(h)+1; i >= 0; i-- { // upper hull
		p := pts[i]
		for len(h) >= lower && cross(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	return h[:len(h)-1] // the last point is the first again
}
