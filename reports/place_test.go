package reports

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

func TestWhenOverlapsHonoursPrecision(t *testing.T) {
	at := func(h float64, p sitrep.TimePrecision) sitrep.When {
		return sitrep.When{From: time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC).Add(time.Duration(h * float64(time.Hour))), Precision: p}
	}
	span := func(h1, h2 float64, p sitrep.TimePrecision) sitrep.When {
		w := at(h1, p)
		w.To = at(h2, p).From
		return w
	}
	tests := []struct {
		name string
		a, b sitrep.When
		want bool
	}{
		{"same minute", at(14, sitrep.TimeMinute), at(14, sitrep.TimeMinute), true},
		{"3 min apart, minute", at(14, sitrep.TimeMinute), at(14.05, sitrep.TimeMinute), false},
		{"90 s apart, minute", at(14, sitrep.TimeMinute), at(14+1.5/60, sitrep.TimeMinute), true},
		{"2 min apart, minute: touching is not overlapping", at(14, sitrep.TimeMinute), at(14+2.0/60, sitrep.TimeMinute), false},
		{"about 17:00 local vs 15:30 UTC fix", at(14, sitrep.TimeHour), at(15.5, sitrep.TimeMinute), false},
		{"about 17:00 local vs 14:55 UTC fix", at(14, sitrep.TimeHour), at(14.9, sitrep.TimeMinute), true},
		{"hour: margins add", at(14, sitrep.TimeHour), at(15.9, sitrep.TimeHour), true},
		{"hour: just beyond", at(14, sitrep.TimeHour), at(16.1, sitrep.TimeHour), false},
		{"morning vs 14:30", span(3, 9, sitrep.TimePartOfDay), at(14.5, sitrep.TimeMinute), false},
		{"morning vs 11:30", span(3, 9, sitrep.TimePartOfDay), at(11.5, sitrep.TimeMinute), true},
		{"day vs next day's noon", span(0, 24, sitrep.TimeDay), at(36, sitrep.TimeMinute), true},
		{"26 vs 29 January", span(-24*15, -24*14, sitrep.TimeDay), span(-24*12, -24*11, sitrep.TimeDay), false},
		{"late January vs 1 Feb", span(-24*15, -24*10, sitrep.TimeApproximate), span(-24*9, -24*8, sitrep.TimeDay), true},
		{"interval contains instant", span(6, 14, sitrep.TimeMinute), at(10, sitrep.TimeMinute), true},
	}
	for _, tc := range tests {
		if got := tc.a.Overlaps(tc.b); got != tc.want {
			fa, ta := tc.a.Widened()
			fb, tb := tc.b.Widened()
			t.Errorf("%s: Overlaps = %v, want %v (%v..%v vs %v..%v)", tc.name, got, tc.want, fa, ta, fb, tb)
		}
		if tc.a.Overlaps(tc.b) != tc.b.Overlaps(tc.a) {
			t.Errorf("%s: not symmetric", tc.name)
		}
	}
}

func TestRegionsMeetHonourPrecision(t *testing.T) {
	tartus := geo.Point{Lat: 34.905, Lon: 35.870}
	// Points at known distances north of Tartus.
	north := func(km float64) *sitrep.LatLon {
		p := geo.Destination(tartus, 0, km*1000)
		return &sitrep.LatLon{Lat: p.Lat, Lon: p.Lon}
	}
	place := func(p *sitrep.LatLon, prec sitrep.PlacePrecision) sitrep.Place {
		return sitrep.Place{Point: p, Precision: prec}
	}
	at := &sitrep.LatLon{Lat: tartus.Lat, Lon: tartus.Lon}
	sites := SiteMap{"tartus": {ID: "tartus", Shape: sitrep.Shape{Kind: sitrep.ShapeCircle, Center: sitrep.LatLon{Lat: tartus.Lat, Lon: tartus.Lon}, RadiusM: 2000}}}
	tests := []struct {
		name string
		a, b sitrep.Place
		want bool
	}{
		{"exact points 150 m apart", place(at, sitrep.PlaceExact), place(north(0.15), sitrep.PlaceExact), true},
		{"exact points 300 m apart", place(at, sitrep.PlaceExact), place(north(0.3), sitrep.PlaceExact), false},
		{"near: 9 km", place(at, sitrep.PlaceNear), place(north(9), sitrep.PlaceExact), true},
		{"near: 11 km", place(at, sitrep.PlaceNear), place(north(11), sitrep.PlaceExact), false},
		{"near + near: 19 km", place(at, sitrep.PlaceNear), place(north(19), sitrep.PlaceNear), true},
		{"region: 45 km", place(at, sitrep.PlaceRegion), place(north(45), sitrep.PlaceExact), true},
		{"region: 55 km", place(at, sitrep.PlaceRegion), place(north(55), sitrep.PlaceExact), false},
		{"site circle 2 km + near: 11.5 km", sitrep.Place{SiteID: "tartus", Precision: sitrep.PlaceNear}, place(north(11.5), sitrep.PlaceExact), true},
		{"site circle 2 km exact: 2.05 km", sitrep.Place{SiteID: "tartus", Precision: sitrep.PlaceExact}, place(north(2.05), sitrep.PlaceExact), true},
		{"site circle 2 km exact: 2.5 km", sitrep.Place{SiteID: "tartus", Precision: sitrep.PlaceExact}, place(north(2.5), sitrep.PlaceExact), false},
		{"unknown site by id", sitrep.Place{SiteID: "elsewhere", Precision: sitrep.PlaceExact}, sitrep.Place{SiteID: "elsewhere", Point: north(300), Precision: sitrep.PlaceExact}, true},
		{"unknown site vs point", sitrep.Place{SiteID: "elsewhere", Precision: sitrep.PlaceRegion}, place(at, sitrep.PlaceRegion), false},
		{"area near: 8 km outside", sitrep.Place{Area: &sitrep.Area{MinLat: 34.86, MinLon: 35.86, MaxLat: 34.94, MaxLon: 35.95}, Precision: sitrep.PlaceNear},
			place(&sitrep.LatLon{Lat: 34.94 + 8.0/111.2, Lon: 35.9}, sitrep.PlaceExact), true},
		{"area near: 12 km outside", sitrep.Place{Area: &sitrep.Area{MinLat: 34.86, MinLon: 35.86, MaxLat: 34.94, MaxLon: 35.95}, Precision: sitrep.PlaceNear},
			place(&sitrep.LatLon{Lat: 34.94 + 12.0/111.2, Lon: 35.9}, sitrep.PlaceExact), false},
		{"point inside area", sitrep.Place{Area: &sitrep.Area{MinLat: 34.86, MinLon: 35.86, MaxLat: 34.94, MaxLon: 35.95}, Precision: sitrep.PlaceExact}, place(at, sitrep.PlaceExact), true},
		{"areas across the antimeridian", sitrep.Place{Area: &sitrep.Area{MinLat: 0, MinLon: 179, MaxLat: 1, MaxLon: -179}, Precision: sitrep.PlaceExact},
			place(&sitrep.LatLon{Lat: 0.5, Lon: -179.5}, sitrep.PlaceExact), true},
	}
	for _, tc := range tests {
		a, err := resolve(t.Context(), sites, tc.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := resolve(t.Context(), sites, tc.b)
		if err != nil {
			t.Fatal(err)
		}
		got, d := meet(a, b)
		if got != tc.want {
			t.Errorf("%s: meet = %v (distance %.0f m, margins %.0f + %.0f), want %v", tc.name, got, d, a.margin, b.margin, tc.want)
		}
		if back, _ := meet(b, a); back != got {
			t.Errorf("%s: not symmetric", tc.name)
		}
	}
}
