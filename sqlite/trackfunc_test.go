package sqlite

import (
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// TestTrackFuncStopsDecoder checks that when fn fails in the middle of a
// track of many chunks, TrackFunc returns fn's error at once and its
// decoding goroutine ends, and that the next walk is whole.
func TestTrackFuncStopsDecoder(t *testing.T) {
	s, err := Open(t.Context(), t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f := newSimFleet(2, 1) // SIMULATED
	v := &f.vessels[0]
	v.moored, v.sog, v.interval, v.next = false, 12, 60_000, f.now
	const total = 6 * 24 * 60 // six days, a fix a minute
	for done := 0; done < total; {
		ps := f.batch(min(5_000, total-done))
		if err := s.AddPositions(t.Context(), ps); err != nil {
			t.Fatal(err)
		}
		done += len(ps)
	}
	if err := s.Compact(t.Context(), time.UnixMilli(f.now+1)); err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	stop := errors.New("enough")
	for _, at := range []int{1, 1500, total - 1} {
		n := 0
		err := s.TrackFunc(t.Context(), v.mmsi, sitrep.TimeRange{}, func(*sitrep.Position) error {
			n++
			if n == at {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != at {
			t.Fatalf("stop at %d: %d calls, err %v", at, n, err)
		}
	}
	n := 0
	var last time.Time
	if err := s.TrackFunc(t.Context(), v.mmsi, sitrep.TimeRange{}, func(p *sitrep.Position) error {
		if p.Time.Before(last) {
			t.Fatalf("position %d at %v before %v", n, p.Time, last)
		}
		last = p.Time
		n++
		return nil
	}); err != nil || n != total {
		t.Fatalf("whole walk: %d positions, %v; want %d", n, err, total)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines after the walks, %d before", g, before)
	}
}
