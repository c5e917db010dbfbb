package storetest

import (
	"context"
	"testing"

	"github.com/sitrep-osint/sitrep"
)

// OpenFunc opens the store kept in dir, creating it when dir is empty. The
// suite calls it more than once with the same dir (after closing the
// previous store) to check persistence, and closes every store it opens.
// It reports problems through t (t.Fatal).
type OpenFunc func(t *testing.T, dir string) sitrep.Store

// Run runs the contract suite against the stores open makes, each subtest
// in a fresh t.TempDir().
func Run(t *testing.T, open OpenFunc) {
	tests := []struct {
		name string
		fn   func(*testing.T, *harness)
	}{
		{"PositionRoundTrip", testRoundTrip},
		{"TrackOrderAndOutOfOrderBatches", testTrackOrder},
		{"TimeRangeHalfOpen", testTimeRange},
		{"PositionsInArea", testArea},
		{"PositionsInAntimeridian", testAntimeridian},
		{"PositionsInLimit", testLimit},
		{"ManyVessels", testManyVessels},
		{"AddSources", testAddSources},
		{"EmptyResults", testEmpty},
		{"VesselNotFound", testVesselNotFound},
		{"PutVesselReplaces", testPutVessel},
		{"VesselsSearch", testVesselsSearch},
		{"IdentityHistory", testIdentityHistory},
		{"Persistence", testPersistence},
		{"ContextCancelled", testCancelled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := &harness{t: t, open: open, dir: t.TempDir()}
			tc.fn(t, h)
		})
	}
}

// harness opens and closes stores in one directory for one subtest.
type harness struct {
	t    *testing.T
	open OpenFunc
	dir  string
}

// store opens the store in the subtest's directory; the test closes it at
// the end unless the returned close function is called first.
func (h *harness) store() (sitrep.Store, func()) {
	s := h.open(h.t, h.dir)
	closed := false
	closeFn := func() {
		if closed {
			return
		}
		closed = true
		if err := s.Close(); err != nil {
			h.t.Errorf("Close: %v", err)
		}
	}
	h.t.Cleanup(closeFn)
	return s, closeFn
}

// ctx returns a context that ends with the test.
func ctx(t *testing.T) context.Context { return t.Context() }
