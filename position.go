package sitrep

import (
	"math"
	"slices"
	"strings"
	"time"
)

// Position is one accepted position fix of an AIS station, in event time.
// Optional kinematic values (SOG, COG, Heading, NavStatus) are meaningful only
// when their bit is set in Has; use the accessor methods, which say so, and
// the Set methods, which keep Has in step. Lat and Lon are always present:
// a message without a position yields no Position.
type Position struct {
	MMSI MMSI `json:"mmsi"`
	// Time is the event time (when the fix was made or heard, per
	// TimeSource), not when sitrep processed it.
	Time       time.Time  `json:"time"`
	TimeSource TimeSource `json:"time_source"`
	// Lat and Lon are WGS 84 degrees, north and east positive.
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
	// SOG is speed over ground in knots, valid when Has&HasSOG.
	SOG float32 `json:"sog"`
	// COG is course over ground in degrees 0 <= COG < 360, valid when
	// Has&HasCOG.
	COG float32 `json:"cog"`
	// Heading is true heading in degrees 0..359, valid when Has&HasHeading.
	Heading uint16 `json:"heading"`
	// NavStatus is the declared navigational status, valid when
	// Has&HasNavStatus.
	NavStatus NavStatus `json:"nav_status"`
	// Has says which optional values above are present.
	Has PositionFields `json:"has"`
	// Accuracy is the AIS position accuracy flag: true for high (< 10 m,
	// e.g. DGNSS), false for low or unknown.
	Accuracy bool        `json:"accuracy"`
	Class    VesselClass `json:"class"`
	// Flags marks what ingest found suspicious; the fix is kept either way.
	Flags PositionFlags `json:"flags,omitempty"`
	// Sources lists every receipt of this fix (one per receiver that heard
	// it, after deduplication), earliest first.
	Sources []Provenance `json:"sources,omitempty"`
}

// SpeedOverGround returns SOG in knots and whether it is present.
func (p *Position) SpeedOverGround() (float32, bool) { return p.SOG, p.Has&HasSOG != 0 }

// CourseOverGround returns COG in degrees and whether it is present.
func (p *Position) CourseOverGround() (float32, bool) { return p.COG, p.Has&HasCOG != 0 }

// TrueHeading returns Heading in degrees and whether it is present.
func (p *Position) TrueHeading() (uint16, bool) { return p.Heading, p.Has&HasHeading != 0 }

// NavigationStatus returns NavStatus and whether it is present.
func (p *Position) NavigationStatus() (NavStatus, bool) {
	return p.NavStatus, p.Has&HasNavStatus != 0
}

// SetSOG sets SOG in knots and marks it present.
func (p *Position) SetSOG(knots float32) { p.SOG = knots; p.Has |= HasSOG }

// SetCOG sets COG in degrees and marks it present.
func (p *Position) SetCOG(deg float32) { p.COG = deg; p.Has |= HasCOG }

// SetHeading sets Heading in degrees and marks it present.
func (p *Position) SetHeading(deg uint16) { p.Heading = deg; p.Has |= HasHeading }

// SetNavStatus sets NavStatus and marks it present.
func (p *Position) SetNavStatus(s NavStatus) { p.NavStatus = s; p.Has |= HasNavStatus }

// ValidCoordinates reports whether lat is in [-90, 90] and lon in
// [-180, 180] (neither NaN). It does not reject 0,0, which is a real place
// and a common GNSS fault; plausibility checks are ingest's.
func ValidCoordinates(lat, lon float64) bool {
	return !math.IsNaN(lat) && !math.IsNaN(lon) &&
		lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
}

// PositionFields is a set of the optional values of a Position that are
// present. It marshals to text as names joined by "|" ("sog|cog").
type PositionFields uint8

// Optional Position values.
const (
	HasSOG       PositionFields = 1 << iota // SOG is present
	HasCOG                                  // COG is present
	HasHeading                              // Heading is present
	HasNavStatus                            // NavStatus is present
)

// positionFieldNames holds the text names of PositionFields bits, bit i at
// index i; read-only.
var positionFieldNames = []string{"sog", "cog", "heading", "nav_status"}

// String returns the names of the bits in f joined by "|", "" for none.
// Undefined bits are left out.
func (f PositionFields) String() string { return bitsString(uint8(f), positionFieldNames) }

// MarshalText encodes f as its String form.
func (f PositionFields) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText decodes a String form. An unknown name fails with an *Error
// of code EINVALID and leaves f unchanged.
func (f *PositionFields) UnmarshalText(b []byte) error {
	v, err := parseBits(string(b), positionFieldNames, "position field")
	if err != nil {
		return err
	}
	*f = PositionFields(v)
	return nil
}

// PositionFlags is a set of findings that make a Position suspect. It
// marshals to text as names joined by "|".
type PositionFlags uint8

// Position flags, set by ingest.
const (
	// FlagInvalidCoordinates: latitude or longitude out of range.
	FlagInvalidCoordinates PositionFlags = 1 << iota
	// FlagSpeedJump: reaching this fix from the previous one needs an
	// implausible speed.
	FlagSpeedJump
	// FlagDuplicate: the same fix was already accepted from another
	// receipt; this one only adds provenance.
	FlagDuplicate
)

// positionFlagNames holds the text names of PositionFlags bits, bit i at
// index i; read-only.
var positionFlagNames = []string{"invalid_coordinates", "speed_jump", "duplicate"}

// Implausible reports whether f holds a finding that makes the fix
// physically doubtful (invalid coordinates or a speed jump); Duplicate is not
// one.
func (f PositionFlags) Implausible() bool {
	return f&(FlagInvalidCoordinates|FlagSpeedJump) != 0
}

// String returns the names of the bits in f joined by "|", "" for none.
// Undefined bits are left out.
func (f PositionFlags) String() string { return bitsString(uint8(f), positionFlagNames) }

// MarshalText encodes f as its String form.
func (f PositionFlags) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText decodes a String form. An unknown name fails with an *Error
// of code EINVALID and leaves f unchanged.
func (f *PositionFlags) UnmarshalText(b []byte) error {
	v, err := parseBits(string(b), positionFlagNames, "position flag")
	if err != nil {
		return err
	}
	*f = PositionFlags(v)
	return nil
}

// bitsString joins the names of the set bits of v; names[i] names bit i.
func bitsString(v uint8, names []string) string {
	var set []string
	for i, n := range names {
		if v&(1<<i) != 0 {
			set = append(set, n)
		}
	}
	return strings.Join(set, "|")
}

// parseBits is the inverse of bitsString; what names the set for errors.
func parseBits(s string, names []string, what string) (uint8, error) {
	var v uint8
	if s == "" {
		return 0, nil
	}
	for n := range strings.SplitSeq(s, "|") {
		i := slices.Index(names, n)
		if i < 0 {
			return 0, Errorf(EINVALID, "%s %q: want one of %v", what, n, names)
		}
		v |= 1 << i
	}
	return v, nil
}

// NavStatus is the AIS navigational status (ITU-R M.1371-5 Table 45 /
// message 1 field), 0..14; 15 "not defined" is represented by absence
// (Position.Has lacks HasNavStatus).
type NavStatus uint8

// Navigational statuses.
const (
	NavUnderWayEngine       NavStatus = 0  // under way using engine
	NavAtAnchor             NavStatus = 1  // at anchor
	NavNotUnderCommand      NavStatus = 2  // not under command
	NavRestricted           NavStatus = 3  // restricted manoeuvrability
	NavConstrainedByDraught NavStatus = 4  // constrained by her draught
	NavMoored               NavStatus = 5  // moored
	NavAground              NavStatus = 6  // aground
	NavFishing              NavStatus = 7  // engaged in fishing
	NavUnderWaySailing      NavStatus = 8  // under way sailing
	NavTowingAstern         NavStatus = 11 // power-driven vessel towing astern (regional use)
	NavPushingAhead         NavStatus = 12 // power-driven vessel pushing ahead or towing alongside (regional use)
	NavSARTActive           NavStatus = 14 // AIS-SART, MOB-AIS or EPIRB-AIS active
	NavNotDefined           NavStatus = 15 // not defined (the AIS default)
)

// navStatusNames holds NavStatus.String values; read-only.
var navStatusNames = [16]string{
	"Under way using engine",
	"At anchor",
	"Not under command",
	"Restricted manoeuvrability",
	"Constrained by her draught",
	"Moored",
	"Aground",
	"Engaged in fishing",
	"Under way sailing",
	"Reserved (HSC)",
	"Reserved (WIG)",
	"Towing astern",
	"Pushing ahead or towing alongside",
	"Reserved",
	"AIS-SART active",
	"Not defined",
}

// String returns the M.1371 name of s ("At anchor", "Moored", ...); values
// above 15 return "Not defined".
func (s NavStatus) String() string {
	if int(s) < len(navStatusNames) {
		return navStatusNames[s]
	}
	return "Not defined"
}
