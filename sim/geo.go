package sim

import "math"

const (
	degToRad = math.Pi / 180
	radToDeg = 180 / math.Pi
)

// distanceNM returns the distance in nautical miles between two points, on
// a local flat-earth approximation (good to a fraction of a percent over
// the legs of a few hundred miles used here).
func distanceNM(lat1, lon1, lat2, lon2 float64) float64 {
	dy := (lat2 - lat1) * 60
	dx := (lon2 - lon1) * 60 * math.Cos((lat1+lat2)/2*degToRad)
	return math.Hypot(dx, dy)
}

// bearing returns the initial course in degrees (0..360) from the first
// point to the second, on the same approximation as distanceNM.
func bearing(lat1, lon1, lat2, lon2 float64) float64 {
	dy := lat2 - lat1
	dx := (lon2 - lon1) * math.Cos((lat1+lat2)/2*degToRad)
	return normDeg(math.Atan2(dx, dy) * radToDeg)
}

// move returns the point reached from (lat, lon) after nm nautical miles on
// course cog (degrees).
func move(lat, lon, cog, nm float64) (float64, float64) {
	s, c := math.Sincos(cog * degToRad)
	lat2 := lat + nm*c/60
	lon2 := lon + nm*s/(60*math.Cos((lat+lat2)/2*degToRad))
	return lat2, lon2
}

// normDeg maps an angle to [0, 360).
func normDeg(d float64) float64 {
	d = math.Mod(d, 360)
	if d < 0 {
		d += 360
	}
	return d
}

// wrapDeg maps an angle in [-360, 720) to [0, 360), faster than normDeg.
func wrapDeg(d float64) float64 {
	switch {
	case d < 0:
		return d + 360
	case d >= 360:
		return d - 360
	}
	return d
}

// turnDeg returns the signed smallest turn from course a to course b, both
// in [0, 360), in (-180, 180]: positive to starboard.
func turnDeg(a, b float64) float64 {
	d := b - a
	switch {
	case d > 180:
		d -= 360
	case d <= -180:
		d += 360
	}
	return d
}
