package geo

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"
)

// benchPoints is the number of simulated live vessels in index benchmarks.
const benchPoints = 200_000

func BenchmarkDistance(b *testing.B) {
	b.ReportAllocs()
	var sink float64
	for b.Loop() {
		sink += Distance(tartus, gibraltar)
	}
	_ = sink
}

func BenchmarkCircleContains(b *testing.B) {
	c := Circle{tartus, 5000}
	near := Destination(tartus, 45, 4000) // passes the cheap latitude reject
	far := gibraltar
	for _, bc := range []struct {
		name string
		p    Point
	}{{"near", near}, {"far", far}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.Contains(bc.p)
			}
		})
	}
}

func BenchmarkPolygonContains(b *testing.B) {
	// A 64-vertex ring, roughly a 10 km harbour.
	var ring []Point
	for i := range 64 {
		ring = append(ring, Destination(tartus, float64(i)*360/64, 5000+float64(i%3)*500))
	}
	g := Polygon{Outer: ring}
	b.ReportAllocs()
	for b.Loop() {
		g.Contains(tartus)
	}
}

func BenchmarkLineCrosses(b *testing.B) {
	a, c := Point{35.95, -5.8}, Point{35.95, -5.4}
	b.ReportAllocs()
	for b.Loop() {
		gibraltarGate.Crosses(a, c)
	}
}

// simIndex returns an index of benchPoints simulated vessels (ids
// 0..benchPoints-1) and their positions.
func simIndex(tb testing.TB, cell float64) (*PointIndex, []Point) {
	tb.Helper()
	pts := simTraffic(rand.New(rand.NewPCG(1, 1)), benchPoints)
	x, err := NewPointIndex(cell)
	if err != nil {
		tb.Fatal(err)
	}
	for i, p := range pts {
		if err := x.Set(uint32(i), p); err != nil {
			tb.Fatal(err)
		}
	}
	return x, pts
}

// analystBoxes returns 1000 query boxes of one kind: "eastmed" is the
// eastern Mediterranean 30–37°N 25–37°E jittered by up to ±1°; "1deg" is a
// 1°×1° box centred on a simulated vessel, so boxes fall where traffic
// (and analysts' attention) is.
func analystBoxes(kind string, pts []Point) []Box {
	r := rand.New(rand.NewPCG(2, 2))
	boxes := make([]Box, 1000)
	for i := range boxes {
		switch kind {
		case "eastmed":
			dLat, dLon := r.Float64()*2-1, r.Float64()*2-1
			boxes[i] = Box{30 + dLat, 25 + dLon, 37 + dLat, 37 + dLon}
		case "1deg":
			c := pts[r.IntN(len(pts))]
			boxes[i] = Box{c.Lat - 0.5, NormalizeLon(c.Lon - 0.5), c.Lat + 0.5, NormalizeLon(c.Lon + 0.5)}
		}
	}
	return boxes
}

// BenchmarkSearch reports the cost of one Search over 200,000 simulated
// vessels (ns/op is per query) and the mean number of vessels found.
func BenchmarkSearch(b *testing.B) {
	for _, cell := range []float64{0.25, 0.5, 1} {
		x, pts := simIndex(b, cell)
		for _, kind := range []string{"eastmed", "1deg"} {
			boxes := analystBoxes(kind, pts)
			b.Run(kind+"/cell="+ftoa(cell), func(b *testing.B) {
				b.ReportAllocs()
				found, i := 0, 0
				for b.Loop() {
					x.Search(boxes[i%len(boxes)], func(uint32, Point) bool { found++; return true })
					i++
				}
				b.ReportMetric(float64(found)/float64(i), "found/op")
			})
		}
	}
}

// BenchmarkSearchLatency measures the latency distribution of Search: each
// iteration times 1,000 analyst queries one by one over 200,000 simulated
// vessels and the benchmark reports the p50 and p99 of all timed queries.
// It asserts nothing; it is a measurement.
func BenchmarkSearchLatency(b *testing.B) {
	x, pts := simIndex(b, 0)
	for _, kind := range []string{"eastmed", "1deg"} {
		boxes := analystBoxes(kind, pts)
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			lat := make([]time.Duration, 0, 64*len(boxes))
			found := 0
			for b.Loop() {
				for _, q := range boxes {
					t0 := time.Now()
					x.Search(q, func(uint32, Point) bool { found++; return true })
					lat = append(lat, time.Since(t0))
				}
			}
			slices.Sort(lat)
			p50, p99 := lat[len(lat)/2], lat[len(lat)*99/100]
			b.ReportMetric(float64(p50.Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(p99.Nanoseconds()), "p99-ns")
			b.ReportMetric(float64(found)/float64(len(lat)), "found/query")
			b.Logf("%s: %d queries over %d simulated vessels: p50 %v p99 %v max %v", kind, len(lat), x.Len(), p50, p99, lat[len(lat)-1])
		})
	}
}

// BenchmarkSet measures moving vessels in a 200,000-point index; ns/op is
// per move. Within a cell a vessel shifts by metres; across cells each
// vessel jumps between two simulated positions in different cells. Both
// are warmed up first so that cells are at their working size: steady
// state allocates nothing.
func BenchmarkSet(b *testing.B) {
	x, pts := simIndex(b, 0)
	r := rand.New(rand.NewPCG(3, 3))
	alt := make([]Point, len(pts))
	for i, p := range pts {
		for {
			alt[i] = simPoint(r)
			if x.g.key(alt[i]) != x.g.key(p) {
				break
			}
		}
	}
	// within-cell cycles through all 200,000 vessels, so each move pays
	// cache misses; within-cell-hot cycles through 1,000 of them and shows
	// the cost of the code path alone.
	for _, hot := range []struct {
		name string
		n    int
	}{{"within-cell", len(pts)}, {"within-cell-hot", 1000}} {
		b.Run(hot.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				id := i % hot.n
				p := pts[id]
				p.Lat += float64(i&1) * 1e-7
				if err := x.Set(uint32(id), p); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
	b.Run("across-cells", func(b *testing.B) {
		move := func(i int) {
			id := i % len(pts)
			p := pts[id]
			if (i/len(pts))&1 == 0 {
				p = alt[id]
			}
			if err := x.Set(uint32(id), p); err != nil {
				b.Fatal(err)
			}
		}
		for i := range 4 * len(pts) { // warm up: two full round trips
			move(i)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			move(i)
			i++
		}
	})
}

// BenchmarkPointIndexMemory reports the heap the index holds per indexed
// point (B/point) for 200,000 simulated vessels, from runtime.MemStats
// before and after building it, and the number of occupied cells. Its
// ns/op (forced GCs included) means nothing.
func BenchmarkPointIndexMemory(b *testing.B) {
	pts := simTraffic(rand.New(rand.NewPCG(1, 1)), benchPoints)
	for _, cell := range []float64{0.25, 0.5, 1} {
		b.Run("cell="+ftoa(cell), func(b *testing.B) {
			var perPoint float64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				x, err := NewPointIndex(cell)
				if err != nil {
					b.Fatal(err)
				}
				for i, p := range pts {
					_ = x.Set(uint32(i), p)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				perPoint = float64(after.HeapAlloc-before.HeapAlloc) / float64(x.Len())
				b.ReportMetric(float64(len(x.cells)), "cells")
				runtime.KeepAlive(x)
			}
			b.ReportMetric(perPoint, "B/point")
		})
	}
}

// BenchmarkShapeIndexQuery measures site lookup for one position among n
// simulated site circles (2–20 km radius, strung along coasts and lanes):
// a point in open sea, a point in a busy port, and a random simulated
// vessel. The linear variant tests every shape, for contrast.
func BenchmarkShapeIndexQuery(b *testing.B) {
	sea := Point{30, -40} // mid-Atlantic
	port := Point{34.89, 35.87}
	vessels := simTraffic(rand.New(rand.NewPCG(5, 5)), 1024)
	for _, n := range []int{1000, 4000, 16000} {
		shapes := simSites(rand.New(rand.NewPCG(4, 4)), n)
		x, err := NewShapeIndex(shapes, 0)
		if err != nil {
			b.Fatal(err)
		}
		for _, q := range []struct {
			name string
			next func(i int) Point
		}{
			{"sea", func(int) Point { return sea }},
			{"port", func(int) Point { return port }},
			{"vessel", func(i int) Point { return vessels[i%len(vessels)] }},
		} {
			b.Run(q.name+"/n="+itoa(n), func(b *testing.B) {
				b.ReportAllocs()
				hits, i := 0, 0
				for b.Loop() {
					x.Query(q.next(i), func(int) bool { hits++; return true })
					i++
				}
				b.ReportMetric(float64(hits)/float64(i), "hits/op")
			})
		}
		if n == 4000 {
			b.Run("linear/port/n=4000", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					for _, s := range shapes {
						s.Contains(port)
					}
				}
			})
		}
	}
}

func ftoa(f float64) string {
	switch f {
	case 0.25:
		return "0.25"
	case 0.5:
		return "0.5"
	}
	return itoa(int(f))
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
