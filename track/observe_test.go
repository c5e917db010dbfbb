package track

import (
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ingest"
)

// world is the area of the whole globe.
var world = sitrep.Area{MinLat: -90, MinLon: -180, MaxLat: 90, MaxLon: 180}

// located returns the MMSIs InArea returns for a, sorted.
func located(s *State, a sitrep.Area) []sitrep.MMSI {
	got := s.InArea(a, nil)
	slices.Sort(got)
	return got
}

func TestObserve(t *testing.T) {
	flagged := func(p sitrep.Position, f sitrep.PositionFlags) sitrep.Position { p.Flags |= f; return p }
	tests := []struct {
		name     string
		in       []sitrep.Position
		wantLast int // seconds after t0 of LastPosition; -1 for none
		wantLat  float64
		wantHist []int // history times
		first    int   // FirstSeen and LastSeen, seconds after t0
		lastSeen int
	}{
		{"in order", []sitrep.Position{fixAt(sparta, 0, 34.9, 35.8), fixAt(sparta, 10, 34.91, 35.8)},
			10, 34.91, []int{0, 10}, 0, 10},
		{"late fix goes to history only", []sitrep.Position{fixAt(sparta, 0, 34.9, 35.8), fixAt(sparta, 20, 34.92, 35.8),
			fixAt(sparta, 10, 34.91, 35.8)}, 20, 34.92, []int{0, 10, 20}, 0, 20},
		{"late fix before the first widens FirstSeen", []sitrep.Position{fixAt(sparta, 20, 34.92, 35.8),
			fixAt(sparta, 5, 34.9, 35.8)}, 20, 34.92, []int{5, 20}, 5, 20},
		{"speed jump kept in history, not moved", []sitrep.Position{fixAt(sparta, 0, 34.9, 35.8),
			flagged(fixAt(sparta, 10, 10, 10), sitrep.FlagSpeedJump), fixAt(sparta, 20, 34.91, 35.8)},
			20, 34.91, []int{0, 10, 20}, 0, 20},
		{"newest fix implausible: previous stays", []sitrep.Position{fixAt(sparta, 0, 34.9, 35.8),
			flagged(fixAt(sparta, 10, 10, 10), sitrep.FlagSpeedJump)}, 0, 34.9, []int{0, 10}, 0, 10},
		{"invalid coordinates only: no position", []sitrep.Position{
			flagged(fixAt(sparta, 0, 91, 181), sitrep.FlagInvalidCoordinates)}, -1, 0, []int{0}, 0, 0},
		{"unflagged invalid coordinates not indexed", []sitrep.Position{fixAt(sparta, 0, 34.9, 35.8), fixAt(sparta, 10, 95, 35.8)},
			0, 34.9, []int{0, 10}, 0, 10},
		{"duplicate flag is plausible", []sitrep.Position{fixAt(sparta, 0, 34.9, 35.8),
			flagged(fixAt(sparta, 10, 34.95, 35.8), sitrep.FlagDuplicate)}, 10, 34.95, []int{0, 10}, 0, 10},
		{"same time: later observation wins", []sitrep.Position{fixAt(sparta, 10, 34.9, 35.8), fixAt(sparta, 10, 34.95, 35.8)},
			10, 34.95, []int{10, 10}, 10, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newState(t, Config{})
			for _, p := range tt.in {
				s.Observe(p)
			}
			v, ok := s.Vessel(sparta)
			if !ok || s.Len() != 1 {
				t.Fatalf("vessel held %v, Len %d", ok, s.Len())
			}
			if tt.wantLast < 0 {
				if v.LastPosition != nil {
					t.Errorf("LastPosition %+v, want none", v.LastPosition)
				}
				if got := located(s, world); got != nil {
					t.Errorf("indexed %v, want nothing", got)
				}
			} else {
				lp := v.LastPosition
				if lp == nil || !lp.Time.Equal(t0.Add(time.Duration(tt.wantLast)*time.Second)) || lp.Lat != tt.wantLat {
					t.Fatalf("LastPosition %+v, want t0+%ds lat %v", lp, tt.wantLast, tt.wantLat)
				}
				// The index follows LastPosition.
				near := sitrep.Area{MinLat: tt.wantLat - 1e-9, MinLon: 35.8 - 1e-9, MaxLat: tt.wantLat + 1e-9, MaxLon: 35.8 + 1e-9}
				if got := located(s, near); !slices.Equal(got, []sitrep.MMSI{sparta}) {
					t.Errorf("InArea at LastPosition = %v", got)
				}
			}
			h := s.History(sparta, nil)
			if !slices.Equal(secs(h), tt.wantHist) {
				t.Errorf("history %v, want %v", secs(h), tt.wantHist)
			}
			for i, p := range h {
				if want := tt.in[slices.IndexFunc(tt.in, func(q sitrep.Position) bool {
					return q.Time.Equal(p.Time) && q.Lat-p.Lat < 1e-5 && p.Lat-q.Lat < 1e-5
				})]; p.Flags != want.Flags {
					t.Errorf("history[%d] flags %v, want %v", i, p.Flags, want.Flags)
				}
			}
			if !v.FirstSeen.Equal(t0.Add(time.Duration(tt.first)*time.Second)) ||
				!v.LastSeen.Equal(t0.Add(time.Duration(tt.lastSeen)*time.Second)) {
				t.Errorf("first %v last %v, want +%ds +%ds", v.FirstSeen, v.LastSeen, tt.first, tt.lastSeen)
			}
		})
	}
}

// Vessel returns a copy that the caller may change without touching the
// State.
func TestVesselIsACopy(t *testing.T) {
	s := newState(t, Config{})
	p := fixAt(sparta, 0, 34.9, 35.8)
	p.Sources = []sitrep.Provenance{{Feed: "test", Station: "rx-1"}}
	s.Observe(p)
	v, _ := s.Vessel(sparta)
	v.LastPosition.Lat = 0
	v.LastPosition.Sources[0].Station = "changed"
	v.Name = "changed"
	again, _ := s.Vessel(sparta)
	if again.LastPosition.Lat != 34.9 || again.LastPosition.Sources[0].Station != "rx-1" || again.Name != "" {
		t.Errorf("state changed through a returned Vessel: %+v", again)
	}
	if _, ok := s.Vessel(1); ok {
		t.Error("Vessel of an unknown MMSI reported found")
	}
}

// Observe keeps no reference to the array of the Sources it is given
// (ingest may share one among positions: Config.SourceSlab), also when a
// later fix replaces the last one.
func TestObserveCopiesSources(t *testing.T) {
	s := newState(t, Config{Batch: true})
	shared := []sitrep.Provenance{{Feed: "test", Station: "rx-1"}, {Feed: "test", Station: "rx-2"}}
	p := fixAt(sparta, 0, 34.9, 35.8)
	p.Sources = shared[:1:1]
	s.Observe(p)
	q := fixAt(sparta, 60, 34.91, 35.8)
	q.Sources = shared[1:2:2]
	s.Observe(q)
	shared[0].Station, shared[1].Station = "reused", "reused"
	v, _ := s.Vessel(sparta)
	if got := v.LastPosition.Sources; len(got) != 1 || got[0].Station != "rx-2" {
		t.Errorf("LastPosition.Sources %+v, want the one of rx-2", got)
	}
}

func TestExpire(t *testing.T) {
	s := newState(t, Config{})
	s.Observe(fixAt(100000001, 0, 1, 1)) // silent since t0
	s.Observe(fixAt(100000002, 0, 2, 2)) // heard again at t0+600 by a position
	s.Observe(fixAt(100000002, 600, 2, 2))
	s.Apply(update(100000003, 0, 0, nil))   // static data only, at t0
	s.Apply(update(100000004, 300, 0, nil)) // static data only, at t0+300
	s.Observe(fixAt(100000004, 0, 4, 4))    // late fix does not make it older
	tests := []struct {
		before  int // seconds after t0
		removed int
		left    []sitrep.MMSI
	}{
		{0, 0, []sitrep.MMSI{100000001, 100000002, 100000003, 100000004}},
		{1, 2, []sitrep.MMSI{100000002, 100000004}},
		{300, 0, []sitrep.MMSI{100000002, 100000004}}, // heard exactly at the cut-off stays
		{301, 1, []sitrep.MMSI{100000002}},
		{10_000, 1, nil},
	}
	for _, tt := range tests {
		if got := s.Expire(t0.Add(time.Duration(tt.before) * time.Second)); got != tt.removed {
			t.Errorf("Expire(+%ds) = %d, want %d", tt.before, got, tt.removed)
		}
		var left []sitrep.MMSI
		for _, m := range []sitrep.MMSI{100000001, 100000002, 100000003, 100000004} {
			if _, ok := s.Vessel(m); ok {
				left = append(left, m)
			}
		}
		if !slices.Equal(left, tt.left) || s.Len() != len(tt.left) {
			t.Errorf("after Expire(+%ds) held %v (Len %d), want %v", tt.before, left, s.Len(), tt.left)
		}
		// Expired vessels leave the index too (100000003 never had a position).
		want := slices.DeleteFunc(slices.Clone(tt.left), func(m sitrep.MMSI) bool { return m == 100000003 })
		if got := located(s, world); !slices.Equal(got, want) {
			t.Errorf("after Expire(+%ds) indexed %v, want %v", tt.before, got, want)
		}
	}
}

func TestNewConfig(t *testing.T) {
	tests := []struct {
		cfg Config
		ok  bool
	}{
		{Config{}, true},
		{Config{History: 1, CellSize: 1}, true},
		{Config{History: MaxHistory}, true},
		{Config{History: -1}, false},
		{Config{History: MaxHistory + 1}, false},
		{Config{CellSize: -1}, false},
	}
	for _, tt := range tests {
		_, err := New(tt.cfg)
		if (err == nil) != tt.ok {
			t.Errorf("New(%+v) error %v, want ok %v", tt.cfg, err, tt.ok)
		}
	}
}

// One writer and several readers may use a State at once (run with -race).
func TestConcurrentReaders(t *testing.T) {
	s := newState(t, Config{History: 8})
	fleet := simFleet(500, 5)
	done := make(chan struct{})
	var readers sync.WaitGroup
	for r := range 3 {
		readers.Go(func() {
			var ids []sitrep.MMSI
			var hist []sitrep.Position
			for {
				select {
				case <-done:
					return
				default:
				}
				ids = s.InArea(eastMed, ids[:0])
				for _, m := range ids {
					if v, ok := s.Vessel(m); !ok || v.LastPosition == nil {
						t.Errorf("reader %d: %v in area but not held with a position", r, m)
						return
					}
					hist = s.History(m, hist[:0])
				}
				s.EachInArea(world, func(v *sitrep.Vessel) bool { return v.LastPosition != nil })
				_ = s.Len()
			}
		})
	}
	for k := range 20 {
		for i := range fleet {
			step(&fleet[i], 0.01, time.Minute)
			s.Observe(fleet[i])
		}
		s.Apply(update(fleet[k].MMSI, k, ingest.HasName, func(u *ingest.IdentityUpdate) { u.Identity.Name = "X" }))
	}
	close(done)
	readers.Wait()
	if s.Len() != len(fleet) {
		t.Errorf("Len %d, want %d", s.Len(), len(fleet))
	}
}

// TestObserveAllMatchesObserve: ObserveAll leaves the same state as
// Observe called for each position in turn.
func TestObserveAllMatchesObserve(t *testing.T) {
	var ps []sitrep.Position
	// New vessels heard twice within one of ObserveAll's blocks first.
	for _, p := range simFleet(20, 99) {
		q := p
		q.Time = q.Time.Add(time.Second)
		ps = append(ps, p, q)
	}
	for r := range 3 { // several rounds: histories grow, vessels move
		ps = append(ps, simFleet(700, uint64(7+r))...)
	}
	one, all := newState(t, Config{}), newState(t, Config{})
	for _, p := range ps {
		one.Observe(p)
	}
	all.ObserveAll(ps)
	if one.Len() != all.Len() {
		t.Fatalf("Len %d vs %d", one.Len(), all.Len())
	}
	one.Each(func(v *sitrep.Vessel) bool {
		w, ok := all.Vessel(v.MMSI)
		if !ok || !reflect.DeepEqual(*v, w) {
			t.Fatalf("vessel %v differs:\n%+v\n%+v", v.MMSI, *v, w)
		}
		if h1, h2 := one.History(v.MMSI, nil), all.History(v.MMSI, nil); !reflect.DeepEqual(h1, h2) {
			t.Fatalf("history of %v differs", v.MMSI)
		}
		return true
	})
	if got, want := located(all, world), located(one, world); !slices.Equal(got, want) {
		t.Errorf("indexed %d vessels, want %d", len(got), len(want))
	}
}

// TestBatchKeepsVesselsOnly: a Batch state holds the same vessels as a
// full one, with no history and nothing in the spatial index.
func TestBatchKeepsVesselsOnly(t *testing.T) {
	var ps []sitrep.Position
	for r := range 3 {
		ps = append(ps, simFleet(500, uint64(11+r))...)
	}
	full, batch := newState(t, Config{}), newState(t, Config{Batch: true})
	full.ObserveAll(ps)
	batch.ObserveAll(ps)
	if full.Len() != batch.Len() {
		t.Fatalf("Len %d vs %d", full.Len(), batch.Len())
	}
	full.Each(func(v *sitrep.Vessel) bool {
		w, ok := batch.Vessel(v.MMSI)
		if !ok || !reflect.DeepEqual(*v, w) {
			t.Fatalf("vessel %v differs:\n%+v\n%+v", v.MMSI, *v, w)
		}
		if h := batch.History(v.MMSI, nil); len(h) != 0 {
			t.Fatalf("batch state kept %d history fixes", len(h))
		}
		return true
	})
	if got := located(batch, world); len(got) != 0 {
		t.Errorf("batch state indexed %d vessels", len(got))
	}
}
