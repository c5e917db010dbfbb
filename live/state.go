package live

import (
	"sync"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/track"
)

// State is a goroutine-safe view over a track.State for readers while one
// pipeline writes to it.
//
// Writers go through Update, which serialises them. Readers go through
// InBox, Vessel and Len, which take the track state's read lock only for
// the time of their query; the track state's batched writes
// (track.State.ObserveAll) release its lock every few hundred positions,
// so neither side waits long for the other.
type State struct {
	wmu sync.Mutex // serialises Update
	st  *track.State
}

// NewState returns a State over st. st must not be written to other than
// through Update from then on.
func NewState(st *track.State) *State { return &State{st: st} }

// Update calls fn with the track state, one Update at a time. fn may call
// any method of st; it should apply positions with ObserveAll (not one
// Observe per fix under a lock of its own) so that readers are not held
// up, and must not call the State's methods.
func (s *State) Update(fn func(st *track.State)) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	fn(s.st)
}

// InBox returns the vessels whose latest plausible fix lies in a (edges
// included; MinLon > MaxLon crosses the antimeridian), at most limit of
// them (limit <= 0: all) in no particular order, and how many there are in
// all. total > len(vs) means the result was truncated.
func (s *State) InBox(a sitrep.Area, limit int) (vs []Vessel, total int) {
	if limit <= 0 {
		vs = make([]Vessel, 0, len(s.st.InArea(a, nil)))
		s.st.EachInArea(a, func(v *sitrep.Vessel) bool {
			if lv, ok := FromVessel(v); ok {
				vs = append(vs, lv)
			}
			return true
		})
		return vs, len(vs)
	}
	// The index alone counts them (tens of nanoseconds each); only the
	// vessels returned are copied out.
	total = len(s.st.InArea(a, nil))
	vs = make([]Vessel, 0, min(limit, total))
	s.st.EachInArea(a, func(v *sitrep.Vessel) bool {
		if lv, ok := FromVessel(v); ok {
			vs = append(vs, lv)
		}
		return len(vs) < limit
	})
	// The pipeline may have moved vessels between the two reads.
	total = max(total, len(vs))
	return vs, total
}

// Vessel returns what the track state knows of m (a copy), and false when
// m is not held.
func (s *State) Vessel(m sitrep.MMSI) (sitrep.Vessel, bool) { return s.st.Vessel(m) }

// Live returns the live view of m, and false when m is not held or has no
// plausible fix yet.
func (s *State) Live(m sitrep.MMSI) (Vessel, bool) {
	v, ok := s.st.Vessel(m)
	if !ok {
		return Vessel{}, false
	}
	return FromVessel(&v)
}

// Len returns the number of vessels held, with or without a position.
func (s *State) Len() int { return s.st.Len() }
