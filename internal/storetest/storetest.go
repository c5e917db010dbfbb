package storetest

import (
	"context"
	"io"
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
	return s, closeOnce(h.t, s)
}

// closeOnce returns a function that closes s (when it is an io.Closer) the
// first time it is called, reporting a failure to t; t calls it at its end.
func closeOnce(t *testing.T, s any) func() {
	closed := false
	closeFn := func() {
		if c, ok := s.(io.Closer); ok && !closed {
			closed = true
			if err := c.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		}
	}
	t.Cleanup(closeFn)
	return closeFn
}

// ctx returns a context that ends with the test.
func ctx(t *testing.T) context.Context { return t.Context() }
