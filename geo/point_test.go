package geo

import (
	"math"
	"testing"
)

var (
	tartus    = Point{Lat: 34.8900, Lon: 35.8686}
	gibraltar = Point{Lat: 36.1408, Lon: -5.3536}
)

// vectorDistance is an independent spherical distance: the angle between
// the two position vectors via atan2(|a×b|, a·b).
func vectorDistance(a, b Point) float64 {
	v := func(p Point) [3]float64 {
		φ, λ := p.Lat*math.Pi/180, p.Lon*math.Pi/180
		return [3]float64{math.Cos(φ) * math.Cos(λ), math.Cos(φ) * math.Sin(λ), math.Sin(φ)}
	}
	u, w := v(a), v(b)
	cx := u[1]*w[2] - u[2]*w[1]
	cy := u[2]*w[0] - u[0]*w[2]
	cz := u[0]*w[1] - u[1]*w[0]
	dot := u[0]*w[0] + u[1]*w[1] + u[2]*w[2]
	return 6371008.8 * math.Atan2(math.Sqrt(cx*cx+cy*cy+cz*cz), dot)
}

// vincenty is Vincenty's inverse formula on the WGS84 ellipsoid (metres),
// used to measure the spherical error. It does not converge for nearly
// antipodal points; the tests avoid them.
func vincenty(t *testing.T, p1, p2 Point) float64 {
	const a, f = 6378137.0, 1 / 298.257223563
	b := a * (1 - f)
	L := (p2.Lon - p1.Lon) * math.Pi / 180
	U1 := math.Atan((1 - f) * math.Tan(p1.Lat*math.Pi/180))
	U2 := math.Atan((1 - f) * math.Tan(p2.Lat*math.Pi/180))
	sU1, cU1 := math.Sincos(U1)
	sU2, cU2 := math.Sincos(U2)
	λ := L
	for range 200 {
		sλ, cλ := math.Sincos(λ)
		sσ := math.Hypot(cU2*sλ, cU1*sU2-sU1*cU2*cλ)
		if sσ == 0 {
			return 0
		}
		cσ := sU1*sU2 + cU1*cU2*cλ
		σ := math.Atan2(sσ, cσ)
		sα := cU1 * cU2 * sλ / sσ
		c2α := 1 - sα*sα
		c2σm := 0.0
		if c2α != 0 {
			c2σm = cσ - 2*sU1*sU2/c2α
		}
		C := f / 16 * c2α * (4 + f*(4-3*c2α))
		λp := λ
		λ = L + (1-C)*f*sα*(σ+C*sσ*(c2σm+C*cσ*(-1+2*c2σm*c2σm)))
		if math.Abs(λ-λp) < 1e-13 {
			u2 := c2α * (a*a - b*b) / (b * b)
			A := 1 + u2/16384*(4096+u2*(-768+u2*(320-175*u2)))
			B := u2 / 1024 * (256 + u2*(-128+u2*(74-47*u2)))
			dσ := B * sσ * (c2σm + B/4*(cσ*(-1+2*c2σm*c2σm)-B/6*c2σm*(-3+4*sσ*sσ)*(-3+4*c2σm*c2σm)))
			return b * A * (σ - dσ)
		}
	}
	t.Fatalf("vincenty did not converge for %v %v", p1, p2)
	return 0
}

func TestDistance(t *testing.T) {
	const R = 6371008.8
	tests := []struct {
		name string
		a, b Point
		want float64 // metres
		tol  float64 // metres
	}{
		{"same point", tartus, tartus, 0, 0},
		{"1 deg lon on equator", Point{0, 0}, Point{0, 1}, 111195.0802, 0.01},
		{"1 deg lat on meridian", Point{10, 20}, Point{11, 20}, 111195.0802, 0.01},
		{"equator to pole", Point{0, 0}, Point{90, 0}, math.Pi * R / 2, 1e-6},
		{"antipodes", Point{0, 0}, Point{0, 180}, math.Pi * R, 1e-6},
		{"pole to pole", Point{90, 0}, Point{-90, 0}, math.Pi * R, 1e-6},
		{"across antimeridian", Point{0, 179.5}, Point{0, -179.5}, 111195.0802, 0.01},
		{"tartus to gibraltar", tartus, gibraltar, vectorDistance(tartus, gibraltar), 1e-3},
		{"gibraltar to tartus", gibraltar, tartus, vectorDistance(tartus, gibraltar), 1e-3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Distance(tt.a, tt.b); math.Abs(got-tt.want) > tt.tol {
				t.Errorf("Distance(%v, %v) = %.4f m, want %.4f ± %v", tt.a, tt.b, got, tt.want, tt.tol)
			}
		})
	}
}

// TestDistanceVsEllipsoid checks the error documented on EarthRadius
// against Vincenty's formula on WGS84.
func TestDistanceVsEllipsoid(t *testing.T) {
	tests := []struct {
		name   string
		a, b   Point
		maxRel float64 // documented bound for this case
	}{
		{"tartus-gibraltar", tartus, gibraltar, 0.0057},
		{"meridian at equator", Point{-0.5, 10}, Point{0.5, 10}, 0.0057},
		{"meridian near pole", Point{88.5, 10}, Point{89.5, 10}, 0.0057},
		{"along equator", Point{0, 10}, Point{0, 11}, 0.0012},
		{"strait-sized", Point{35.95, -5.6}, Point{36.0, -5.55}, 0.0057},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e := Distance(tt.a, tt.b), vincenty(t, tt.a, tt.b)
			rel := math.Abs(s-e) / e
			t.Logf("sphere %.1f m, WGS84 %.1f m, error %.3f%%", s, e, rel*100)
			if rel > tt.maxRel {
				t.Errorf("relative error %.4f%% > %.4f%%", rel*100, tt.maxRel*100)
			}
		})
	}
}

func TestBearing(t *testing.T) {
	tests := []struct {
		name string
		a, b Point
		want float64
	}{
		{"north", Point{0, 0}, Point{1, 0}, 0},
		{"east on equator", Point{0, 0}, Point{0, 1}, 90},
		{"south", Point{1, 0}, Point{0, 0}, 180},
		{"west on equator", Point{0, 1}, Point{0, 0}, 270},
		{"east across antimeridian", Point{0, 179.5}, Point{0, -179.5}, 90},
		{"west across antimeridian", Point{0, -179.5}, Point{0, 179.5}, 270},
		{"same point", tartus, tartus, 0},
		// Great circle from 60N 0E to 60N 90E: atan(sin90 cos60 / (cos60 sin60)) = atan(2/sqrt3).
		{"great circle", Point{60, 0}, Point{60, 90}, 49.106605350869},
		// Tangent of the great circle projected on the local north/east
		// vectors at Tartus (independent vector computation in Python).
		{"tartus to gibraltar", tartus, gibraltar, 284.36721209545885},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Bearing(tt.a, tt.b); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Bearing(%v, %v) = %.12f, want %.12f", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestDestination(t *testing.T) {
	tests := []struct {
		name    string
		p       Point
		bearing float64
		metres  float64
		want    Point
	}{
		{"1 deg north", Point{0, 0}, 0, 111195.0802, Point{1, 0}},
		{"1 deg east", Point{0, 0}, 90, 111195.0802, Point{0, 1}},
		{"over antimeridian", Point{0, 179.5}, 90, 111195.0802, Point{0, -179.5}},
		{"backwards", Point{0, 0}, 90, -111195.0802, Point{0, -1}},
		{"zero", tartus, 123, 0, tartus},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Destination(tt.p, tt.bearing, tt.metres)
			if math.Abs(got.Lat-tt.want.Lat) > 1e-6 || math.Abs(got.Lon-tt.want.Lon) > 1e-6 {
				t.Errorf("Destination = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDestinationRoundTrip checks Destination against Distance and Bearing
// from many starting points.
func TestDestinationRoundTrip(t *testing.T) {
	for lat := -80.0; lat <= 80; lat += 20 {
		for lon := -180.0; lon < 180; lon += 45 {
			for brg := 0.0; brg < 360; brg += 30 {
				for _, d := range []float64{10, 5000, 1e6} {
					p := Point{lat, lon}
					q := Destination(p, brg, d)
					if !q.Valid() {
						t.Fatalf("Destination(%v, %v, %v) = %v, not valid", p, brg, d, q)
					}
					if got := Distance(p, q); math.Abs(got-d) > 1e-6*d+1e-6 {
						t.Errorf("Distance(p, Destination(%v, %v, %v)) = %v", p, brg, d, got)
					}
					db := math.Abs(Bearing(p, q) - brg)
					if db > 180 {
						db = 360 - db
					}
					if db > 1e-6 {
						t.Errorf("Bearing(p, Destination(%v, %v, %v)) = %v", p, brg, d, Bearing(p, q))
					}
				}
			}
		}
	}
}

func TestNormalizeLon(t *testing.T) {
	tests := []struct{ in, want float64 }{
		{0, 0}, {-180, -180}, {180, -180}, {179.5, 179.5}, {190, -170}, {-190, 170},
		{360, 0}, {540, -180}, {-540, -180}, {725, 5}, {-0.5, -0.5},
	}
	for _, tt := range tests {
		if got := NormalizeLon(tt.in); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("NormalizeLon(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for _, in := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got := NormalizeLon(in); !math.IsNaN(got) {
			t.Errorf("NormalizeLon(%v) = %v, want NaN", in, got)
		}
	}
}

func TestPointValid(t *testing.T) {
	tests := []struct {
		p    Point
		want bool
	}{
		{Point{0, 0}, true},
		{Point{90, 180}, true},
		{Point{-90, -180}, true},
		{Point{90.0001, 0}, false},
		{Point{0, -180.0001}, false},
		{Point{math.NaN(), 0}, false},
		{Point{0, math.NaN()}, false},
		{Point{0, math.Inf(1)}, false},
	}
	for _, tt := range tests {
		if got := tt.p.Valid(); got != tt.want {
			t.Errorf("%v.Valid() = %v, want %v", tt.p, got, tt.want)
		}
	}
}
