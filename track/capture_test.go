package track

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ingest"
	"github.com/sitrep-osint/sitrep/internal/capturetest"
)

// replay feeds every bundled capture through nmea, ais and ingest into s
// and returns the ingest counters and the identity changes Apply reported.
func replay(tb testing.TB, s *State) (ingest.Stats, []sitrep.IdentityChange) {
	tb.Helper()
	var changes []sitrep.IdentityChange
	st := ingest.New(ingest.Config{Feed: "testdata"}, ingest.Sink{
		Position: s.Observe,
		Identity: func(u ingest.IdentityUpdate) { changes = append(changes, s.Apply(u)...) },
	})
	capturetest.Replay(tb, "../testdata/ais/*.nmea", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), st.Handle)
	return st.Stats(), changes
}

// TestRealCaptures replays the bundled captures and checks that the state
// they leave is sane.
func TestRealCaptures(t *testing.T) {
	s := newState(t, Config{})
	stats, changes := replay(t, s)
	mmsis := s.InArea(world, nil)
	located, named, mergedB, histFixes := len(mmsis), 0, 0, 0
	for _, m := range mmsis {
		v, ok := s.Vessel(m)
		if !ok {
			t.Fatalf("%v indexed but not held", m)
		}
		lp := v.LastPosition
		if lp == nil || !sitrep.ValidCoordinates(lp.Lat, lp.Lon) || lp.Flags.Implausible() {
			t.Errorf("%v: indexed with position %+v", m, lp)
			continue
		}
		if lp.Time.Before(v.FirstSeen) || lp.Time.After(v.LastSeen) {
			t.Errorf("%v: position time %v outside heard span %v..%v", m, lp.Time, v.FirstSeen, v.LastSeen)
		}
		h := s.History(m, nil)
		if len(h) == 0 || len(h) > DefaultHistory {
			t.Errorf("%v: %d fixes in history", m, len(h))
		}
		for i := 1; i < len(h); i++ {
			if h[i].Time.Before(h[i-1].Time) {
				t.Errorf("%v: history out of order at %d", m, i)
			}
		}
		histFixes += len(h)
		if v.Name != "" {
			named++
		}
		if v.Class == sitrep.ClassB && v.Name != "" && v.Callsign != "" {
			mergedB++
		}
	}
	t.Logf("ingest %+v", stats)
	t.Logf("%d vessels, %d located, %d located and named, %d Class B with type 24 A and B merged, %d history fixes, %d identity changes",
		s.Len(), located, named, mergedB, histFixes, len(changes))

	if s.Len() < 100 || located < 100 || named < 20 || mergedB == 0 || len(changes) == 0 {
		t.Errorf("too little state: %d vessels, %d located, %d named", s.Len(), located, named)
	}
	if int64(histFixes) > stats.Positions || histFixes < int(stats.Positions)/2 {
		t.Errorf("%d history fixes from %d positions", histFixes, stats.Positions)
	}
	for _, c := range changes {
		if c.Old == "" || c.New == "" || c.Old == c.New || c.Field == sitrep.FieldFlag {
			t.Errorf("odd change %+v", c)
		}
	}
}
