package geo

import "math"

// EarthRadius is the radius in metres of the sphere used for distances,
// bearings, destinations and circles: the IUGG mean Earth radius R1.
//
// Against geodesics on the WGS84 ellipsoid, spherical distances are off by
// at most about 0.56%: north-south distances are up to 0.56% too long near
// the equator and up to 0.45% too short near the poles, east-west distances
// along the equator are 0.11% too short. Over the few kilometres of a
// geofence that is tens of metres at most; the tests measure it against
// Vincenty's ellipsoidal formula.
const EarthRadius = 6371008.8

const (
	deg2rad = math.Pi / 180
	rad2deg = 180 / math.Pi
	// metresPerDegree is the length of one degree of arc on the sphere.
	metresPerDegree = EarthRadius * deg2rad
)

// Point is a position in WGS84 degrees. The zero value is 0°N 0°E.
type Point struct {
	Lat float64 // degrees north, -90..90
	Lon float64 // degrees east, -180..180
}

// Valid reports whether p is finite with Lat in [-90, 90] and Lon in
// [-180, 180]. The functions of this package accept invalid points but give
// meaningless results for them; PointIndex.Set rejects them.
func (p Point) Valid() bool {
	return p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180
}

// NormalizeLon maps any finite longitude in degrees to the equivalent one in
// [-180, 180); 180 becomes -180. NaN and infinities give NaN.
func NormalizeLon(lon float64) float64 {
	if lon >= -180 && lon < 180 {
		return lon
	}
	lon = math.Mod(lon+180, 360)
	if lon < 0 {
		lon += 360
	}
	return lon - 180
}

// Distance returns the great-circle distance in metres between a and b on a
// sphere of radius EarthRadius (haversine formula, accurate for antipodal
// and coincident points alike). See EarthRadius for the error against the
// WGS84 ellipsoid.
func Distance(a, b Point) float64 {
	return EarthRadius * centralAngle(a, b)
}

// centralAngle returns the angle in radians subtended at the centre of the
// sphere by a and b.
func centralAngle(a, b Point) float64 {
	φ1, φ2 := a.Lat*deg2rad, b.Lat*deg2rad
	sdφ := math.Sin((φ2 - φ1) / 2)
	sdλ := math.Sin((b.Lon - a.Lon) * deg2rad / 2)
	h := sdφ*sdφ + math.Cos(φ1)*math.Cos(φ2)*sdλ*sdλ
	if h > 1 {
		h = 1
	}
	return 2 * math.Asin(math.Sqrt(h))
}

// Bearing returns the initial bearing in degrees clockwise from true north,
// in [0, 360), of the great circle from a to b. It is 0 when a and b
// coincide, and for a at a pole it follows the meridian of b as seen from
// longitude a.Lon.
func Bearing(a, b Point) float64 {
	φ1, φ2 := a.Lat*deg2rad, b.Lat*deg2rad
	dλ := (b.Lon - a.Lon) * deg2rad
	y := math.Sin(dλ) * math.Cos(φ2)
	x := math.Cos(φ1)*math.Sin(φ2) - math.Sin(φ1)*math.Cos(φ2)*math.Cos(dλ)
	θ := math.Atan2(y, x) * rad2deg
	if θ < 0 {
		θ += 360
	}
	if θ >= 360 { // -0 rounding
		θ -= 360
	}
	return θ
}

// Destination returns the point reached by travelling metres along the great
// circle that leaves p at bearingDeg (degrees clockwise from north). Negative
// distances travel backwards. The result's longitude is normalized with
// NormalizeLon.
func Destination(p Point, bearingDeg, metres float64) Point {
	δ := metres / EarthRadius
	θ := bearingDeg * deg2rad
	φ1, λ1 := p.Lat*deg2rad, p.Lon*deg2rad
	sφ1, cφ1 := math.Sincos(φ1)
	sδ, cδ := math.Sincos(δ)
	sθ, cθ := math.Sincos(θ)
	sφ2 := sφ1*cδ + cφ1*sδ*cθ
	if sφ2 > 1 {
		sφ2 = 1
	} else if sφ2 < -1 {
		sφ2 = -1
	}
	φ2 := math.Asin(sφ2)
	λ2 := λ1 + math.Atan2(sθ*sδ*cφ1, cδ-sφ1*sφ2)
	return Point{Lat: φ2 * rad2deg, Lon: NormalizeLon(λ2 * rad2deg)}
}
