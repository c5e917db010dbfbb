package track

import (
	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// Observe records the position fix p of vessel p.MMSI, creating the vessel
// when it is new, and widens its first/last heard span to p.Time.
//
// Every fix enters the vessel's history in event-time order, so a fix that
// arrives late lands among the fixes it precedes (and is dropped if it is
// older than all of a full history). Only a fix that is plausible (no
// Implausible flag, valid coordinates) and not older than the latest one
// becomes the vessel's LastPosition and moves it in the spatial index: an
// implausible fix is kept in the history, with its flag, for the record and
// for the detectors, but does not move the vessel on the map. Among fixes of
// the same event time the one observed last wins.
//
// Observe keeps no reference to p or to the array of p.Sources (it copies
// them into the vessel's own). It allocates only for a new vessel, while a
// vessel's history grows towards its limit, or when a fix has more
// Sources than the vessel's earlier ones.
func (s *State) Observe(p sitrep.Position) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.observe(&p)
}

// ObserveAll observes each of ps in order, as Observe does, taking the lock
// once for every few hundred positions rather than for each (readers wait
// for one group at most).
func (s *State) ObserveAll(ps []sitrep.Position) {
	const group = 256
	for len(ps) > 0 {
		n := min(len(ps), group)
		s.mu.Lock()
		for i := 0; i < n; i += warmBlock {
			blk := ps[i:min(i+warmBlock, n)]
			vs := s.lookupAll(blk)
			for j := range blk {
				s.observeAt(vs[j], &blk[j])
			}
		}
		s.mu.Unlock()
		ps = ps[n:]
	}
}

// warmBlock is how many positions ObserveAll looks up at once.
const warmBlock = 32

// lookupAll returns the vessels of ps (at most warmBlock; nil for a vessel
// not held yet) and loads the first cache line of each. With thousands of
// vessels each is a miss to main memory; made one after another, as
// observing position after position would, the processor waits for each in
// turn, whereas these lookups and loads do not depend on one another and
// overlap. The caller holds the write lock.
func (s *State) lookupAll(ps []sitrep.Position) *[warmBlock]*vessel {
	vs := &s.lookups
	t := &s.vessels
	var x int64
	if len(t.slots) > 0 {
		// The table slots first (their addresses need no load), then the
		// lookups, which find them in the cache, then the vessels.
		for i := range ps {
			x ^= int64(t.slots[t.home(ps[i].MMSI)].key)
		}
	}
	for i := range ps {
		vs[i] = t.get(ps[i].MMSI)
	}
	for _, v := range vs[:len(ps)] {
		if v != nil {
			x ^= v.seen
		}
	}
	s.warm = x // keeps the loads
	return vs
}

// observe is Observe with s.mu held.
func (s *State) observe(p *sitrep.Position) { s.observeAt(nil, p) }

// observeAt is observe for the vessel v of p.MMSI, already looked up (nil
// when it was not held then: it is looked up again, since an earlier
// position of the same block may have created it).
func (s *State) observeAt(v *vessel, p *sitrep.Position) {
	if v == nil {
		v = s.heard(p.MMSI, p.Time)
	} else {
		v.widen(nanos(p.Time))
	}
	if !s.hasEpoch {
		s.epoch, s.hasEpoch = p.Time.Unix(), true
	}
	if !s.batch {
		v.hist.insert(encodeFix(p, s.epoch), s.limit)
	}
	if p.Class != sitrep.ClassUnknown {
		v.id.Class = p.Class
	}
	if p.Flags.Implausible() || !sitrep.ValidCoordinates(p.Lat, p.Lon) {
		return
	}
	if v.hasLast && p.Time.Before(v.last.Time) {
		return
	}
	// Sources into the vessel's own array (reused from fix to fix): a
	// caller's array may be shared (ingest.Config.SourceSlab), and keeping
	// it would keep all of it.
	buf := v.last.Sources[:0]
	v.last, v.hasLast = *p, true
	v.last.Sources = append(buf, p.Sources...)
	if !s.batch {
		// Valid coordinates are a valid geo.Point, so Set cannot fail.
		_ = s.index.Set(uint32(p.MMSI), geo.Point{Lat: p.Lat, Lon: p.Lon})
	}
}
