package sitrep

import (
	"context"
	"time"
)

// EventKind names what an event says happened.
type EventKind string

// Event kinds. Each is produced by one rule of package detect.
const (
	EventArrival           EventKind = "arrival"            // a vessel entered a site (confirmed)
	EventDeparture         EventKind = "departure"          // a vessel left a site (confirmed)
	EventVisit             EventKind = "visit"              // arrival to departure, with dwell and whether it stopped
	EventTransit           EventKind = "transit"            // a passage through a strait or canal, with direction
	EventGap               EventKind = "gap"                // AIS silence
	EventEncounter         EventKind = "encounter"          // two vessels close together, slow, for long
	EventLoitering         EventKind = "loitering"          // slow for long outside port sites
	EventPositionJump      EventKind = "position_jump"      // implied speed above the class's limit
	EventSharedMMSI        EventKind = "shared_mmsi"        // two stations transmitting one MMSI at once
	EventIdentityChange    EventKind = "identity_change"    // name, call sign, IMO, flag or ship type changed
	EventDestinationChange EventKind = "destination_change" // declared destination or ETA changed
	EventDeclaredMismatch  EventKind = "declared_mismatch"  // arrived somewhere other than the declared destination
)

// EventKinds lists every kind, in documentation order.
var EventKinds = []EventKind{EventArrival, EventDeparture, EventVisit, EventTransit, EventGap, EventEncounter,
	EventLoitering, EventPositionJump, EventSharedMMSI, EventIdentityChange, EventDestinationChange, EventDeclaredMismatch}

// Valid reports whether k is one of EventKinds.
func (k EventKind) Valid() bool {
	for _, v := range EventKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Rule is what fired: the detector's rule name and the parameter values
// it ran with (after per-site overrides), so that an analyst can see why.
type Rule struct {
	Name   string             `json:"name"`
	Params map[string]float64 `json:"params"`
}

// EventFix is one fix an event rests on, with a role saying what it shows
// ("last outside", "first inside", "gap start").
type EventFix struct {
	Role    string       `json:"role"`
	MMSI    MMSI         `json:"mmsi"`
	Time    time.Time    `json:"time"`
	Lat     float64      `json:"lat"`
	Lon     float64      `json:"lon"`
	SOG     *float32     `json:"sog,omitempty"`
	Sources []Provenance `json:"sources,omitempty"`
}

// Event is a derived fact with a time span, explainable: it names its rule
// and parameters and carries the fixes it rests on.
type Event struct {
	// ID is deterministic (derived from kind, vessels, site and start), so
	// that replaying the same data yields the same IDs and re-detection
	// replaces rather than duplicates.
	ID   string    `json:"id"`
	Kind EventKind `json:"kind"`
	MMSI MMSI      `json:"mmsi"`
	// Other is the second vessel of an encounter; 0 otherwise.
	Other  MMSI   `json:"other,omitempty"`
	SiteID string `json:"site_id,omitempty"`
	// Start and End bound the event in event time; End is zero while the
	// event is open (a gap still silent, a visit not yet ended).
	Start time.Time `json:"start"`
	End   time.Time `json:"end,omitzero"`
	// StartBounds is set when no fix shows when the event began (for
	// example a vessel first heard inside a site after a reception gap):
	// it began within these bounds, and Start is their end. EndBounds
	// likewise. Nil when the time is observed.
	StartBounds *TimeRange `json:"start_bounds,omitempty"`
	EndBounds   *TimeRange `json:"end_bounds,omitempty"`
	// Lat and Lon place the event on a map (the site, the gap's start, ...).
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
	// Summary is one line for people ("westbound transit of Strait of
	// Gibraltar").
	Summary string `json:"summary"`
	// Attrs holds kind-specific values by documented name (direction,
	// dwell, distance, implied speed, old and new value, ...).
	Attrs    map[string]string `json:"attrs,omitempty"`
	Rule     Rule              `json:"rule"`
	Evidence []EventFix        `json:"evidence"`
}

// Open reports whether the event has not ended yet.
func (e Event) Open() bool { return e.End.IsZero() }

// EventFilter selects events. Zero fields do not filter.
type EventFilter struct {
	Kinds  []EventKind
	MMSI   MMSI // matches MMSI or Other
	SiteID string
	// Area selects events whose Lat/Lon lies in it.
	Area *Area
	// Range selects events whose span [Start, End] meets it (an open event
	// extends to the end of time).
	Range TimeRange
	// Limit caps the result (<= 0: no limit).
	Limit int
}

// EventStore keeps detected events.
type EventStore interface {
	// PutEvents inserts or replaces events by ID (an open event is put
	// again as it grows and when it closes).
	PutEvents(ctx context.Context, es []Event) error
	// Event returns one event; ENOTFOUND when there is none with that ID.
	Event(ctx context.Context, id string) (Event, error)
	// Events returns the events matching f ordered by Start then ID.
	Events(ctx context.Context, f EventFilter) ([]Event, error)
	// DeleteEvents removes the events matching f (Limit ignored) and
	// returns how many; re-detection over a range deletes before it puts.
	DeleteEvents(ctx context.Context, f EventFilter) (int, error)
}

// Simulated reports whether the event rests on simulated data: any of its
// evidence fixes was received from a simulated station or feed (see
// SimulatedPrefix).
func (e *Event) Simulated() bool {
	for i := range e.Evidence {
		if AnySimulated(e.Evidence[i].Sources) {
			return true
		}
	}
	return false
}
