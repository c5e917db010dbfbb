package sim

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkGenerate measures generation in sentences per second, one op
// being one call to Next (one report: one sentence, or two for a type 5 or
// a type 24 pair), for a small and a large fleet (the large one does not
// fit in the CPU caches).
func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		b.Run(fmt.Sprintf("vessels=%d", n), func(b *testing.B) {
			g, err := New(Config{Vessels: n, Start: time.Date(2025, 1, 25, 0, 0, 0, 0, time.UTC),
				Duration: 10000 * time.Hour, Seed: 1, ClassBShare: 0.2, GapsPerDay: 2})
			if err != nil {
				b.Fatal(err)
			}
			buf := make([]byte, 0, 1024)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if buf, err = g.Next(buf[:0]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(g.Stats().Sentences)/b.Elapsed().Seconds(), "sentences/s")
		})
	}
}
