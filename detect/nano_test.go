package detect

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// TestSinceLast checks vessel.sinceLast against time.Time.Sub for times in
// and out of unixNano's range, at its edges and far beyond.
func TestSinceLast(t *testing.T) {
	edge := int64(nanoLimit / 1_000_000_000)
	secs := []int64{0, 1, -1, edge - 2, edge - 1, edge, -edge + 1, -edge, 1 << 40, -(1 << 40), 253402300799, -62135596800}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		secs = append(secs, rng.Int64N(2*edge)-edge, rng.Int64N(1<<36)-1<<35)
	}
	var times []time.Time
	for _, s := range secs {
		times = append(times, time.Unix(s, 0), time.Unix(s, 999_999_999), time.Unix(s, rng.Int64N(1e9)))
	}
	times = append(times, time.Time{}, time.Unix(1<<62, 0), time.Unix(-1<<62, 0))
	for _, last := range times {
		v := &vessel{fixes: new([2]sitrep.Position), hasLast: true, lastNano: unixNano(last)}
		v.fixes[v.cur] = sitrep.Position{Time: last}
		for _, at := range times {
			if got, want := v.sinceLast(unixNano(at), at), at.Sub(last); got != want {
				t.Fatalf("sinceLast(%v) after %v = %v, want %v", at, last, got, want)
			}
		}
	}
}
