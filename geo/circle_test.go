package geo

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestCircleContains(t *testing.T) {
	port := Circle{Center: tartus, Radius: 5000}
	tests := []struct {
		name string
		c    Circle
		p    Point
		want bool
	}{
		{"centre", port, tartus, true},
		{"just inside north", port, Destination(tartus, 0, 4999), true},
		{"just outside north", port, Destination(tartus, 0, 5001), false},
		{"just inside east", port, Destination(tartus, 90, 4999), true},
		{"just outside east", port, Destination(tartus, 90, 5001), false},
		{"far away", port, gibraltar, false},
		{"across antimeridian", Circle{Point{0, 179.99}, 5000}, Point{0, -179.99}, true},
		{"negative radius", Circle{tartus, -1}, tartus, false},
		{"zero radius centre", Circle{tartus, 0}, tartus, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Contains(tt.p); got != tt.want {
				t.Errorf("Contains(%v) = %v, want %v", tt.p, got, tt.want)
			}
		})
	}
}

// TestCircleBounds checks that the box holds points on the circle's rim in
// every direction, is tight, and handles the antimeridian and the poles.
func TestCircleBounds(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	centres := []Point{tartus, gibraltar, {0, 0}, {0, 179.95}, {0, -179.95}, {60, 179.9}, {-89.99, 0}, {89.9, 45}, {75, 10}}
	for i := range 200 {
		c := Circle{Radius: 2000 + r.Float64()*20000}
		if i < len(centres) {
			c.Center = centres[i]
		} else {
			c.Center = Point{Lat: r.Float64()*178 - 89, Lon: r.Float64()*360 - 180}
		}
		b := c.Bounds()
		if b.Empty() {
			t.Fatalf("%+v: empty bounds", c)
		}
		for brg := 0.0; brg < 360; brg += 0.5 {
			p := Destination(c.Center, brg, c.Radius*(1-1e-9))
			if !b.Contains(p) {
				t.Fatalf("%+v: Bounds %+v lacks rim point %v (bearing %v)", c, b, p, brg)
			}
		}
		// Tight: no more than 1% taller than the diameter.
		if h := (b.MaxLat - b.MinLat) * metresPerDegree; h > 2*c.Radius*1.01 && b.MaxLat < 90 && b.MinLat > -90 {
			t.Errorf("%+v: Bounds %+v is %v m tall", c, b, h)
		}
		if b.LonSpan() < 360 && math.Abs(c.Center.Lat) < 80 {
			w := b.LonSpan() * metresPerDegree * math.Cos(c.Center.Lat*deg2rad)
			if w > 2*c.Radius*1.05 {
				t.Errorf("%+v: Bounds %+v is %v m wide", c, b, w)
			}
		}
	}
	if got := (Circle{Point{89.99, 0}, 5000}).Bounds(); got.LonSpan() != 360 || got.MaxLat != 90 {
		t.Errorf("circle around the pole: Bounds %+v, want all longitudes up to 90", got)
	}
	if got := (Circle{tartus, math.NaN()}).Bounds(); !got.Empty() {
		t.Errorf("NaN radius: Bounds %+v, want empty", got)
	}
}
