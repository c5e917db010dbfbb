package track

import (
	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// box converts an Area to the geo.Box of the same meaning.
func box(a sitrep.Area) geo.Box {
	return geo.Box{MinLat: a.MinLat, MinLon: a.MinLon, MaxLat: a.MaxLat, MaxLon: a.MaxLon}
}

// InArea appends to dst the MMSIs of the vessels whose LastPosition lies in
// a, in no particular order, and returns the extended slice. Edges are
// included; a box with MinLon > MaxLon crosses the antimeridian, and
// longitudes 180 and -180 are the same meridian. Vessels without a
// plausible position are not included.
//
// It reads only the spatial index, so its cost follows the number of
// vessels near a (tens of nanoseconds each), not the total; use Vessel or
// EachInArea for what is known about them.
func (s *State) InArea(a sitrep.Area, dst []sitrep.MMSI) []sitrep.MMSI {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.index.Search(box(a), func(id uint32, _ geo.Point) bool {
		dst = append(dst, sitrep.MMSI(id))
		return true
	})
	return dst
}

// EachInArea calls fn with each vessel that InArea would return, in no
// particular order, until fn returns false.
//
// v and what it points to are valid only during the call and are shared
// with the State: fn must not modify or retain them (copy what it keeps),
// and must not call the State's methods (it runs under the read lock, and
// writers wait for it). Each vessel costs a map lookup and a copy of its
// state, several times what InArea costs per vessel.
func (s *State) EachInArea(a sitrep.Area, fn func(v *sitrep.Vessel) bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var (
		out sitrep.Vessel
		pos sitrep.Position
	)
	s.index.Search(box(a), func(id uint32, _ geo.Point) bool {
		s.vessels.get(sitrep.MMSI(id)).snapshot(&out, &pos)
		return fn(&out)
	})
}
