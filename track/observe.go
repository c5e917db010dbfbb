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
// Observe keeps p.Sources (the caller hands it over, as ingest does) and no
// other reference to p. It allocates only for a new vessel or while a
// vessel's history grows towards its limit.
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
		for i := range ps[:n] {
			s.observe(&ps[i])
		}
		s.mu.Unlock()
		ps = ps[n:]
	}
}

// observe is Observe with s.mu held.
func (s *State) observe(p *sitrep.Position) {
	v := s.heard(p.MMSI, p.Time)
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
	v.last, v.hasLast = *p, true
	if !s.batch {
		// Valid coordinates are a valid geo.Point, so Set cannot fail.
		_ = s.index.Set(uint32(p.MMSI), geo.Point{Lat: p.Lat, Lon: p.Lon})
	}
}
