package sitrep

import (
	"slices"
	"strings"
	"time"
)

// Provenance records one receipt of a message: which feed carried it, which
// receiving station heard it, and when our receiver got it. A Position heard
// by several receivers carries one Provenance per receipt.
type Provenance struct {
	// Feed is the name of the configured feed the line arrived on.
	Feed string `json:"feed"`
	// Station is the receiving station as named by the tag block source
	// (s:), or empty when the line carried none.
	Station string `json:"station,omitempty"`
	// Received is the wall-clock time our process read the line or, for a
	// replayed capture, when the capture says the line was received (its
	// timestamp, else a time the replay was given); it is not the event
	// time (see Position.Time and TimeSource).
	Received time.Time `json:"received"`
}

// TimeSource says where a Position's event time came from. Sources differ in
// trust: a tag block c: is stamped by the receiver, Receive is our own clock
// and includes feed latency.
type TimeSource uint8

// Time sources. The zero value is TimeSourceUnknown.
const (
	TimeSourceUnknown    TimeSource = iota // not recorded
	TimeSourceTagBlock                     // NMEA 4.0 tag block c: (receiver's clock)
	TimeSourceTrailer                      // timestamp appended after the sentence checksum
	TimeSourcePGHP                         // proprietary $PGHP sentence (Gatehouse)
	TimeSourceFileColumn                   // a time column of a capture file (CSV, log prefix)
	TimeSourceReceive                      // our receive time, Provenance.Received
)

// timeSourceNames holds the text forms of TimeSource; read-only.
var timeSourceNames = [...]string{
	TimeSourceUnknown:    "unknown",
	TimeSourceTagBlock:   "tag_block",
	TimeSourceTrailer:    "trailer",
	TimeSourcePGHP:       "pghp",
	TimeSourceFileColumn: "file_column",
	TimeSourceReceive:    "receive",
}

// String returns the snake_case name of s ("tag_block", "receive", ...);
// undefined values return "unknown".
func (s TimeSource) String() string {
	if int(s) < len(timeSourceNames) {
		return timeSourceNames[s]
	}
	return "unknown"
}

// MarshalText encodes s as its String form, so JSON carries names.
func (s TimeSource) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText decodes a String form. Any other text fails with an *Error of
// code EINVALID and leaves s unchanged.
func (s *TimeSource) UnmarshalText(b []byte) error {
	i := slices.Index(timeSourceNames[:], string(b))
	if i < 0 {
		return Errorf(EINVALID, "time source %q: want one of %v", b, timeSourceNames)
	}
	*s = TimeSource(i)
	return nil
}

// SimulatedPrefix starts the station (tag-block s:) or feed name of every
// SIMULATED line sitrep writes (package sim: "sitrep-simulated",
// "sitrep-simulated-tartus"), so that anything built from them can say it
// is simulated.
const SimulatedPrefix = "sitrep-simulated"

// Simulated reports whether this receipt is of simulated data: its station
// or feed name starts with SimulatedPrefix.
func (p Provenance) Simulated() bool {
	return strings.HasPrefix(p.Station, SimulatedPrefix) || strings.HasPrefix(p.Feed, SimulatedPrefix)
}

// AnySimulated reports whether any of the receipts is simulated.
func AnySimulated(ps []Provenance) bool {
	for i := range ps {
		if ps[i].Simulated() {
			return true
		}
	}
	return false
}
