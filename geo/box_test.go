package geo

import (
	"math"
	"math/rand/v2"
	"testing"
)

var (
	eastMed   = Box{MinLat: 30, MinLon: 25, MaxLat: 37, MaxLon: 37}
	fijiWrap  = Box{MinLat: -20, MinLon: 175, MaxLat: -15, MaxLon: -178} // wraps
	worldBox  = Box{MinLat: -90, MinLon: -180, MaxLat: 90, MaxLon: 180}
	toAntimer = Box{MinLat: 50, MinLon: 170, MaxLat: 60, MaxLon: 180}
)

func TestBoxContains(t *testing.T) {
	tests := []struct {
		name string
		b    Box
		p    Point
		want bool
	}{
		{"inside", eastMed, tartus, true},
		{"outside west", eastMed, gibraltar, false},
		{"corner", eastMed, Point{30, 25}, true},
		{"edge", eastMed, Point{37, 30}, true},
		{"north of box", eastMed, Point{37.0001, 30}, false},
		{"wrap east part", fijiWrap, Point{-17, 178}, true},
		{"wrap west part", fijiWrap, Point{-17, -179}, true},
		{"wrap at 180", fijiWrap, Point{-17, 180}, true},
		{"wrap at -180", fijiWrap, Point{-17, -180}, true},
		{"wrap gap", fijiWrap, Point{-17, 0}, false},
		{"wrap gap near edge", fijiWrap, Point{-17, -177.9}, false},
		{"wrap gap other edge", fijiWrap, Point{-17, 174.9}, false},
		{"ends at 180 contains -180", toAntimer, Point{55, -180}, true},
		{"ends at 180 not -179", toAntimer, Point{55, -179}, false},
		{"world", worldBox, Point{-89, 3}, true},
		{"empty", EmptyBox(), Point{0, 0}, false},
		{"zero box is a point", Box{}, Point{0, 0}, true},
		{"NaN point", eastMed, Point{math.NaN(), 30}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.b.Contains(tt.p); got != tt.want {
				t.Errorf("%+v.Contains(%v) = %v, want %v", tt.b, tt.p, got, tt.want)
			}
		})
	}
}

func TestBoxLonSpan(t *testing.T) {
	tests := []struct {
		b    Box
		want float64
	}{
		{eastMed, 12}, {fijiWrap, 7}, {worldBox, 360}, {EmptyBox(), 0}, {toAntimer, 10},
	}
	for _, tt := range tests {
		if got := tt.b.LonSpan(); got != tt.want {
			t.Errorf("%+v.LonSpan() = %v, want %v", tt.b, got, tt.want)
		}
	}
}

func TestBoxIntersects(t *testing.T) {
	tests := []struct {
		name string
		a, b Box
		want bool
	}{
		{"overlap", eastMed, Box{35, 36, 40, 40}, true},
		{"touching edge", eastMed, Box{37, 37, 40, 40}, true},
		{"disjoint lon", eastMed, Box{30, 38, 37, 40}, false},
		{"disjoint lat", eastMed, Box{38, 25, 40, 37}, false},
		{"inside", eastMed, Box{33, 30, 34, 31}, true},
		{"wrap vs east part", fijiWrap, Box{-18, 176, -16, 177}, true},
		{"wrap vs west part", fijiWrap, Box{-18, -179, -16, -178.5}, true},
		{"wrap vs gap", fijiWrap, Box{-18, -170, -16, 170}, false},
		{"wrap vs wrap", fijiWrap, Box{-16, 179, -10, -170}, true},
		{"ends at 180 vs starts at -180", toAntimer, Box{50, -180, 60, -170}, true},
		{"world vs anything", worldBox, fijiWrap, true},
		{"empty", EmptyBox(), worldBox, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Intersects(tt.b); got != tt.want {
				t.Errorf("%+v.Intersects(%+v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := tt.b.Intersects(tt.a); got != tt.want {
				t.Errorf("%+v.Intersects(%+v) = %v, want %v (reversed)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

// TestBoxIntersectsSampled checks Intersects against a dense sampling of
// points on random boxes: boxes that share a sampled point must intersect.
func TestBoxIntersectsSampled(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		a, b := randBox(r, 60), randBox(r, 60)
		shared := false
		for range 400 {
			p := randPointIn(r, a)
			if b.Contains(p) {
				shared = true
				break
			}
		}
		if shared && !a.Intersects(b) {
			t.Fatalf("%+v and %+v share a point but Intersects is false", a, b)
		}
	}
}

func TestBoxExtend(t *testing.T) {
	tests := []struct {
		name string
		b    Box
		p    Point
		want Box
	}{
		{"empty", EmptyBox(), tartus, Box{tartus.Lat, tartus.Lon, tartus.Lat, tartus.Lon}},
		{"inside", eastMed, tartus, eastMed},
		{"north", eastMed, Point{40, 30}, Box{30, 25, 40, 37}},
		{"west", eastMed, Point{33, 20}, Box{30, 20, 37, 37}},
		{"east across antimeridian", Box{0, 170, 1, 175}, Point{0.5, -178}, Box{0, 170, 1, -178}},
		{"west across antimeridian", Box{0, -175, 1, -170}, Point{0.5, 178}, Box{0, 178, 1, -170}},
		{"wrapping box grows", fijiWrap, Point{-17, -170}, Box{-20, 175, -15, -170}},
		{"lon 180 into box ending at 180", toAntimer, Point{55, -180}, toAntimer},
		{"lon normalized", Box{0, 170, 1, 175}, Point{0.5, 182}, Box{0, 170, 1, -178}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.b.Extend(tt.p); got != tt.want {
				t.Errorf("%+v.Extend(%v) = %+v, want %+v", tt.b, tt.p, got, tt.want)
			}
		})
	}
}

// TestBoxExtendProperty grows boxes point by point and checks that the box
// contains every point so far and never grows more than needed.
func TestBoxExtendProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		center := randPoint(r)
		b := EmptyBox()
		var pts []Point
		for range 20 {
			p := Point{
				Lat: math.Max(-90, math.Min(90, center.Lat+r.NormFloat64()*3)),
				Lon: NormalizeLon(center.Lon + r.NormFloat64()*3),
			}
			prev := b
			b = b.Extend(p)
			pts = append(pts, p)
			for _, q := range pts {
				if !b.Contains(q) {
					t.Fatalf("after Extend(%v), %+v lacks %v", p, b, q)
				}
			}
			if prev.Contains(p) && b != prev {
				t.Fatalf("%+v.Extend(%v) grew to %+v although it contained the point", prev, p, b)
			}
		}
		if b.LonSpan() > 60 {
			t.Fatalf("points within a few degrees of %v gave a box %v wide: %+v", center, b.LonSpan(), b)
		}
	}
}

// randPoint returns a uniformly random valid point (uniform in degrees).
func randPoint(r *rand.Rand) Point {
	return Point{Lat: r.Float64()*180 - 90, Lon: r.Float64()*360 - 180}
}

// randBox returns a random box up to maxDeg wide and tall; about a third
// wrap across the antimeridian.
func randBox(r *rand.Rand, maxDeg float64) Box {
	lat := r.Float64()*170 - 85
	h := r.Float64() * maxDeg
	w := r.Float64() * maxDeg
	lon := r.Float64()*360 - 180
	if r.IntN(3) == 0 {
		lon = 180 - w*r.Float64() // straddle the antimeridian
	}
	return Box{
		MinLat: lat, MaxLat: math.Min(90, lat+h),
		MinLon: lon, MaxLon: NormalizeLon(lon + w),
	}
}

// randPointIn returns a random point inside b.
func randPointIn(r *rand.Rand, b Box) Point {
	return Point{
		Lat: b.MinLat + r.Float64()*(b.MaxLat-b.MinLat),
		Lon: NormalizeLon(b.MinLon + r.Float64()*b.LonSpan()),
	}
}
