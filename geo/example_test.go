package geo_test

import (
	"fmt"

	"github.com/sitrep-osint/sitrep/geo"
)

func ExampleDistance() {
	tartus := geo.Point{Lat: 34.8900, Lon: 35.8686}
	gibraltar := geo.Point{Lat: 36.1408, Lon: -5.3536}
	fmt.Printf("%.0f km, initial bearing %.0f°\n", geo.Distance(tartus, gibraltar)/1000, geo.Bearing(tartus, gibraltar))
	// Output: 3705 km, initial bearing 284°
}

func ExampleBox_Contains() {
	// Around Fiji, across the antimeridian: MinLon > MaxLon wraps.
	fiji := geo.Box{MinLat: -20, MinLon: 175, MaxLat: -15, MaxLon: -178}
	fmt.Println(fiji.Contains(geo.Point{Lat: -17, Lon: 179}), fiji.Contains(geo.Point{Lat: -17, Lon: -179}), fiji.Contains(geo.Point{Lat: -17, Lon: 0}))
	// Output: true true false
}

func ExampleLine_Crosses() {
	// A gate across the Strait of Gibraltar, drawn from Europe to Africa.
	gate := geo.Line{{Lat: 36.10, Lon: -5.60}, {Lat: 35.85, Lon: -5.60}}
	crossed, side := gate.Crosses(geo.Point{Lat: 35.95, Lon: -5.8}, geo.Point{Lat: 35.95, Lon: -5.4})
	fmt.Println(crossed, side == geo.RightToLeft) // eastbound, into the Mediterranean
	// Output: true true
}

func ExamplePointIndex_Search() {
	var vessels geo.PointIndex
	_ = vessels.Set(273000001, geo.Point{Lat: 34.89, Lon: 35.87}) // at Tartus
	_ = vessels.Set(273000002, geo.Point{Lat: 36.14, Lon: -5.35}) // at Gibraltar
	_ = vessels.Set(273000001, geo.Point{Lat: 34.95, Lon: 35.80}) // moved
	eastMed := geo.Box{MinLat: 30, MinLon: 25, MaxLat: 37, MaxLon: 37}
	vessels.Search(eastMed, func(mmsi uint32, p geo.Point) bool {
		fmt.Println(mmsi, p.Lat, p.Lon)
		return true
	})
	// Output: 273000001 34.95 35.8
}

func ExampleShapeIndex_Query() {
	sites := []geo.Shape{
		geo.Circle{Center: geo.Point{Lat: 34.89, Lon: 35.87}, Radius: 5000}, // Tartus port
		geo.Polygon{Outer: []geo.Point{ // a box around Tartus naval facility
			{Lat: 34.90, Lon: 35.86}, {Lat: 34.90, Lon: 35.88}, {Lat: 34.92, Lon: 35.88}, {Lat: 34.92, Lon: 35.86},
		}},
		geo.Circle{Center: geo.Point{Lat: 36.14, Lon: -5.35}, Radius: 8000}, // Gibraltar
	}
	idx, err := geo.NewShapeIndex(sites, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	idx.Query(geo.Point{Lat: 34.91, Lon: 35.87}, func(i int) bool {
		fmt.Println("inside site", i)
		return true
	})
	// Unordered output:
	// inside site 0
	// inside site 1
}
