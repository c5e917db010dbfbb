package track

import (
	"math/rand/v2"
	"testing"

	"github.com/sitrep-osint/sitrep"
)

// TestVesselTable runs random puts, gets and deletes against a Go map,
// with MMSIs from a narrow range (long probe runs, deletions that shift
// entries back across the end of the array) and a wide one, through
// several growths, and checks each against the map.
func TestVesselTable(t *testing.T) {
	for _, span := range []int{3_000, 1_000_000_000} {
		rng := rand.New(rand.NewPCG(uint64(span), 7))
		var tb vesselTable
		ref := map[sitrep.MMSI]*vessel{}
		for step := range 200_000 {
			m := sitrep.MMSI(rng.IntN(span))
			switch op := rng.IntN(10); {
			case op < 5:
				if ref[m] == nil {
					v := &vessel{}
					tb.put(m, v)
					ref[m] = v
				}
			case op < 8:
				tb.del(m)
				delete(ref, m)
			default:
				if got := tb.get(m); got != ref[m] {
					t.Fatalf("span %d, step %d: get(%d) = %p, want %p", span, step, m, got, ref[m])
				}
			}
			if tb.n != len(ref) {
				t.Fatalf("span %d, step %d: %d entries, want %d", span, step, tb.n, len(ref))
			}
		}
		seen := 0
		tb.each(func(m sitrep.MMSI, v *vessel) bool {
			if ref[m] != v {
				t.Fatalf("span %d: each gives %d -> %p, want %p", span, m, v, ref[m])
			}
			seen++
			return true
		})
		for m, v := range ref {
			if tb.get(m) != v {
				t.Fatalf("span %d: get(%d) lost", span, m)
			}
		}
		if seen != len(ref) {
			t.Fatalf("span %d: each visits %d, want %d", span, seen, len(ref))
		}
	}
}
