package sqlite

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortKeys compares sortKeys with slices.Sort on batches of MMSIs
// drawn from few and from many vessels, and on the edge cases.
func TestSortKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		n, vessels int
		base       uint32
	}{{1, 1, 0}, {2, 1, 273990001}, {1000, 3, 211000000}, {50_000, 20_000, 200_000_000}, {7, 7, 0}, {300, 300, 999_999_000}} {
		keys := make([]uint64, tc.n)
		for i := range keys {
			mmsi := tc.base + uint32(r.IntN(tc.vessels))
			if tc.n == 300 && i%2 == 0 {
				mmsi = 1<<32 - 1 - uint32(r.IntN(3)) // every digit in play
			}
			keys[i] = uint64(mmsi)<<32 | uint64(i)
		}
		want := slices.Clone(keys)
		slices.Sort(want)
		sortKeys(keys, make([]uint64, tc.n))
		if !slices.Equal(keys, want) {
			t.Errorf("n=%d vessels=%d: sortKeys differs from slices.Sort", tc.n, tc.vessels)
		}
	}
	sortKeys(nil, nil) // no keys: no panic
}

func BenchmarkSortKeys(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	keys := make([]uint64, 50_000)
	for i := range keys {
		keys[i] = uint64(200_000_000+r.IntN(20_000))<<32 | uint64(i)
	}
	work, tmp := make([]uint64, len(keys)), make([]uint64, len(keys))
	for _, name := range []string{"radix", "slices.Sort"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				copy(work, keys)
				if name == "radix" {
					sortKeys(work, tmp)
				} else {
					slices.Sort(work)
				}
			}
		})
	}
}
