package live

import (
	"slices"

	"github.com/sitrep-osint/sitrep"
)

// Message kinds.
const (
	KindPosition = "position"
	KindEvent    = "event"
)

// Filter selects the messages a subscriber receives. Zero fields do not
// filter.
type Filter struct {
	// Area keeps positions inside it and events whose Lat/Lon lies in it
	// (MinLon > MaxLon crosses the antimeridian).
	Area *sitrep.Area
	// MMSI keeps positions of that vessel and events whose MMSI or Other
	// it is.
	MMSI sitrep.MMSI
	// Kinds keeps messages whose Kind is set in it; nil keeps all.
	Kinds map[string]bool
	// EventKinds keeps events of these kinds; empty keeps all.
	EventKinds []sitrep.EventKind
}

// Match reports whether m passes f. A message of kind position without a
// Vessel, or of kind event without an Event, never passes.
func (f *Filter) Match(m *Message) bool {
	if f.Kinds != nil && !f.Kinds[m.Kind] {
		return false
	}
	switch m.Kind {
	case KindPosition:
		v := m.Vessel
		if v == nil {
			return false
		}
		if f.MMSI != 0 && v.MMSI != f.MMSI {
			return false
		}
		return f.Area == nil || f.Area.Contains(v.Lat, v.Lon)
	case KindEvent:
		e := m.Event
		if e == nil {
			return false
		}
		if f.MMSI != 0 && e.MMSI != f.MMSI && e.Other != f.MMSI {
			return false
		}
		if len(f.EventKinds) > 0 && !slices.Contains(f.EventKinds, e.Kind) {
			return false
		}
		return f.Area == nil || f.Area.Contains(e.Lat, e.Lon)
	}
	return false
}
