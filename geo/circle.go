package geo

import "math"

// Circle is the set of points within Radius metres (great-circle distance on
// the sphere of radius EarthRadius) of Center. A negative or NaN radius
// contains nothing.
type Circle struct {
	Center Point
	Radius float64 // metres
}

// Contains reports whether Distance(c.Center, p) <= c.Radius.
func (c Circle) Contains(p Point) bool {
	// Cheap reject: the latitude difference alone is a lower bound on the
	// distance.
	if math.Abs(p.Lat-c.Center.Lat)*metresPerDegree > c.Radius {
		return false
	}
	return Distance(c.Center, p) <= c.Radius
}

// Bounds returns the smallest latitude/longitude box that contains the
// circle. It wraps when the circle crosses the antimeridian, spans all
// longitudes when the circle contains a pole, and is empty when the radius
// is negative or NaN.
func (c Circle) Bounds() Box {
	if !(c.Radius >= 0) {
		return EmptyBox()
	}
	δ := c.Radius / EarthRadius // angular radius
	dLat := δ * rad2deg
	b := Box{MinLat: c.Center.Lat - dLat, MaxLat: c.Center.Lat + dLat}
	if b.MaxLat >= 90 || b.MinLat <= -90 || δ >= math.Pi/2 {
		b.MinLat = math.Max(b.MinLat, -90)
		b.MaxLat = math.Min(b.MaxLat, 90)
		b.MinLon, b.MaxLon = -180, 180
		return b
	}
	// Widest longitude offset of a small circle (tangent meridians).
	s := math.Sin(δ) / math.Cos(c.Center.Lat*deg2rad)
	if s >= 1 {
		b.MinLon, b.MaxLon = -180, 180
		return b
	}
	dLon := math.Asin(s) * rad2deg
	return unwrapBox(Box{MinLat: b.MinLat, MaxLat: b.MaxLat, MinLon: c.Center.Lon - dLon, MaxLon: c.Center.Lon + dLon})
}
