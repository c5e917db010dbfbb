package sites

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/geo"
	"github.com/sitrep-osint/sitrep/internal/capturetest"
	"github.com/sitrep-osint/sitrep/nmea"
)

// lanes are waypoints of real shipping lanes (rounded, from chart
// geography): the Tartus sealift route Tartus - Sicily Channel - Gibraltar -
// Dover - Fehmarn Belt - Baltiysk, and Port Said - Suez - Bab el-Mandeb -
// Hormuz, Singapore - Malacca, and a trans-Pacific lane across the
// antimeridian.
var lanes = [][]geo.Point{
	{{Lat: 34.91, Lon: 35.86}, {Lat: 34.5, Lon: 33.0}, {Lat: 35.5, Lon: 24.0}, {Lat: 36.0, Lon: 15.5}, {Lat: 37.3, Lon: 11.8}, {Lat: 37.6, Lon: 9.0}, {Lat: 36.5, Lon: 0.0}, {Lat: 35.95, Lon: -5.4}, {Lat: 35.95, Lon: -5.8},
		{Lat: 36.5, Lon: -9.5}, {Lat: 43.5, Lon: -9.8}, {Lat: 48.5, Lon: -5.5}, {Lat: 50.5, Lon: 0.5}, {Lat: 51.0, Lon: 1.45}, {Lat: 53.5, Lon: 4.5}, {Lat: 57.7, Lon: 10.6}, {Lat: 56.0, Lon: 12.65}, {Lat: 54.6, Lon: 11.3}, {Lat: 54.65, Lon: 19.85}},
	{{Lat: 31.3, Lon: 32.35}, {Lat: 30.8, Lon: 32.32}, {Lat: 29.9, Lon: 32.55}, {Lat: 27.5, Lon: 34.0}, {Lat: 20.0, Lon: 38.5}, {Lat: 12.6, Lon: 43.35}, {Lat: 12.0, Lon: 45.0}, {Lat: 14.5, Lon: 52.0}, {Lat: 22.5, Lon: 60.0}, {Lat: 26.6, Lon: 56.5}, {Lat: 26.2, Lon: 55.0}},
	{{Lat: 1.25, Lon: 103.9}, {Lat: 1.9, Lon: 102.2}, {Lat: 2.3, Lon: 101.65}, {Lat: 4.5, Lon: 99.8}, {Lat: 6.0, Lon: 97.0}},
	{{Lat: 35.0, Lon: 140.0}, {Lat: 45.0, Lon: 170.0}, {Lat: 48.0, Lon: -170.0}, {Lat: 40.0, Lon: -130.0}},
}

// lanePoints returns points every stepKm along the lanes.
func lanePoints(stepKm float64) []geo.Point {
	var out []geo.Point
	for _, lane := range lanes {
		for i := 1; i < len(lane); i++ {
			a, b := lane[i-1], lane[i]
			d := geo.Distance(a, b)
			brg := geo.Bearing(a, b)
			for m := 0.0; m < d; m += stepKm * 1000 {
				out = append(out, geo.Destination(a, brg, m))
			}
		}
	}
	return out
}

// captureFixes returns the positions of the real captures in testdata/ais.
func captureFixes(b *testing.B) []geo.Point {
	var out []geo.Point
	capturetest.Replay(b, "../testdata/ais/*.nmea", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), func(_ *nmea.Message, m ais.Message, _ time.Time) {
		var lat, lon ais.Opt[float64]
		switch p := m.(type) {
		case *ais.PositionReport:
			lat, lon = p.Lat, p.Lon
		case *ais.ClassBPosition:
			lat, lon = p.Lat, p.Lon
		default:
			return
		}
		if lat.OK && lon.OK {
			out = append(out, geo.Point{Lat: lat.V, Lon: lon.V})
		}
	})
	return out
}

func benchIndex(b *testing.B) *Index {
	cat, err := Catalogue()
	if err != nil {
		b.Fatal(err)
	}
	ix, err := NewIndex(cat)
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

// BenchmarkContaining asks which sites contain each point of the lanes
// (every 2 km), with all bundled sites indexed.
func BenchmarkContaining(b *testing.B) {
	ix := benchIndex(b)
	pts := lanePoints(2)
	dst := make([]*sitrep.Site, 0, 16)
	hits := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pts[i%len(pts)]
		dst = ix.Containing(dst[:0], p.Lat, p.Lon)
		hits += len(dst)
	}
	b.ReportMetric(float64(hits)/float64(b.N), "sites/op")
}

// BenchmarkContainingCaptures asks the same of the fixes of the real
// captures (Australian and Danish waters, many of them in port).
func BenchmarkContainingCaptures(b *testing.B) {
	ix := benchIndex(b)
	pts := captureFixes(b)
	dst := make([]*sitrep.Site, 0, 16)
	hits := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pts[i%len(pts)]
		dst = ix.Containing(dst[:0], p.Lat, p.Lon)
		hits += len(dst)
	}
	b.ReportMetric(float64(hits)/float64(b.N), "sites/op")
}

// BenchmarkCrossed tests each 2 km step along the lanes against the gates.
func BenchmarkCrossed(b *testing.B) {
	ix := benchIndex(b)
	pts := lanePoints(2)
	dst := make([]*sitrep.Site, 0, 16)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		j := i % (len(pts) - 1)
		p, q := pts[j], pts[j+1]
		dst = ix.Crossed(dst[:0], sitrep.LatLon{Lat: p.Lat, Lon: p.Lon}, sitrep.LatLon{Lat: q.Lat, Lon: q.Lon})
	}
}

func BenchmarkNewIndex(b *testing.B) {
	cat, err := Catalogue()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := NewIndex(cat); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCatalogue(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Catalogue(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkContainingScale compares an index of the 36 curated sites
// (gates and Tartus story) with one of the whole catalogue, on the fixes of
// the real captures: the cost follows the sites near each fix, not the
// total.
func BenchmarkContainingScale(b *testing.B) {
	cat, err := Catalogue()
	if err != nil {
		b.Fatal(err)
	}
	var curated []sitrep.Site
	for _, s := range cat {
		if !strings.HasPrefix(s.ID, "wpi-") && !strings.HasPrefix(s.ID, "locode-") {
			curated = append(curated, s)
		}
	}
	pts := captureFixes(b)
	for _, set := range [][]sitrep.Site{curated, cat} {
		ix, err := NewIndex(set)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("sites=%d", len(set)), func(b *testing.B) {
			dst := make([]*sitrep.Site, 0, 16)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				p := pts[i%len(pts)]
				dst = ix.Containing(dst[:0], p.Lat, p.Lon)
			}
		})
	}
}
