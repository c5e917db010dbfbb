package sitrep

import (
	"slices"
	"time"
)

// Vessel is what sitrep knows about one AIS station at a point in time: its
// current identity and voyage, its last accepted position, and when it was
// first and last heard. Identity history is kept separately as
// IdentityChange records.
type Vessel struct {
	Identity
	Voyage
	// LastPosition is the most recent accepted position, nil until one
	// arrives (a vessel may be known from static data alone).
	LastPosition *Position `json:"last_position,omitempty"`
	// FirstSeen and LastSeen are the event times of the first and latest
	// messages attributed to this MMSI.
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
}

// Identity is the static description a station broadcasts of itself (AIS
// types 5, 19, 24, 21) plus what sitrep derives from its MMSI. Zero values
// mean "not reported": IMO 0, empty strings, ShipType 0, Length/Beam 0.
type Identity struct {
	MMSI MMSI `json:"mmsi"`
	// IMO is the IMO ship identification number (7 digits), 0 when not
	// reported. It is recorded as broadcast; ValidIMO tells whether its
	// check digit holds.
	IMO uint32 `json:"imo,omitempty"`
	// Name and Callsign are as broadcast, with AIS padding ('@', trailing
	// spaces) removed.
	Name     string   `json:"name,omitempty"`
	Callsign string   `json:"callsign,omitempty"`
	ShipType ShipType `json:"ship_type,omitempty"`
	// Flag is the ISO 3166-1 alpha-2 code of the flag state from the MMSI's
	// MID (see MMSI.Flag), empty when it has none.
	Flag string `json:"flag,omitempty"`
	// Length is to_bow+to_stern and Beam to_port+to_starboard, in metres;
	// 0 when not reported. See SetDimensions.
	Length uint16      `json:"length,omitempty"`
	Beam   uint16      `json:"beam,omitempty"`
	Class  VesselClass `json:"class"`
}

// SetDimensions sets Length and Beam from the AIS reference-point distances
// in metres (to bow, stern, port, starboard). A sum of 0 means "not
// reported"; AIS caps each distance (511 m bow/stern, 63 m port/starboard),
// so the sums are lower bounds for very large ships.
func (id *Identity) SetDimensions(toBow, toStern, toPort, toStarboard uint16) {
	id.Length = toBow + toStern
	id.Beam = toPort + toStarboard
}

// ValidIMO reports whether n is a seven-digit IMO ship number whose check
// digit holds: the first six digits weighted 7,6,5,4,3,2 sum to a number
// whose last digit is the seventh (e.g. 9074729). Many AIS transmitters
// broadcast invalid IMO numbers; ingest keeps them but should not join on
// them.
func ValidIMO(n uint32) bool {
	if n < 1_000_000 || n > 9_999_999 {
		return false
	}
	check := n % 10
	rest := n / 10
	var sum uint32
	for w := uint32(2); w <= 7; w++ {
		sum += (rest % 10) * w
		rest /= 10
	}
	return sum%10 == check
}

// IdentityField names the field an IdentityChange concerns.
type IdentityField string

// Identity and voyage fields whose changes sitrep records.
const (
	FieldName        IdentityField = "name"
	FieldCallsign    IdentityField = "callsign"
	FieldIMO         IdentityField = "imo"
	FieldShipType    IdentityField = "ship_type"
	FieldFlag        IdentityField = "flag"
	FieldDimensions  IdentityField = "dimensions"
	FieldDestination IdentityField = "destination"
	FieldETA         IdentityField = "eta"
	FieldDraught     IdentityField = "draught"
)

// IdentityChange records that a vessel's Field went from Old to New. Values
// are in their display form (ShipType and IMO as decimal, dimensions as
// "LxB", ETA as RFC 3339, draught in metres). FirstSeen is the event time of
// the first message carrying New; LastSeen that of the latest, so a value
// that flips back and forth yields one change per flip.
type IdentityChange struct {
	MMSI      MMSI          `json:"mmsi"`
	Field     IdentityField `json:"field"`
	Old       string        `json:"old"`
	New       string        `json:"new"`
	FirstSeen time.Time     `json:"first_seen"`
	LastSeen  time.Time     `json:"last_seen"`
}

// VesselClass is the kind of AIS equipment a station uses, as told by the
// message types it sends.
type VesselClass uint8

// Vessel classes. The zero value is ClassUnknown.
const (
	ClassUnknown     VesselClass = iota // not yet determined
	ClassA                              // SOLAS Class A transponder (types 1-3, 5, 27)
	ClassB                              // Class B transponder (types 18, 19, 24)
	ClassBaseStation                    // AIS base station (types 4, 11)
	ClassAtoN                           // aid to navigation (type 21)
	ClassSARAircraft                    // SAR aircraft (type 9)
)

// vesselClassNames holds the text forms of VesselClass; read-only.
var vesselClassNames = [...]string{
	ClassUnknown:     "unknown",
	ClassA:           "A",
	ClassB:           "B",
	ClassBaseStation: "base_station",
	ClassAtoN:        "aton",
	ClassSARAircraft: "sar_aircraft",
}

// ClassOf returns the class of the station with the given MMSI that sent a
// message of msgType. The message type decides when it is specific to a
// class: 1, 2, 3, 5, 27 are Class A; 18, 19, 24 Class B (also from an
// auxiliary-craft MMSI); 4, 11 base station; 21 aid to navigation; 9 SAR
// aircraft. Other types (binary, safety, acknowledgements...) can come from
// any station; for them the MMSI's kind decides when it denotes a fixed
// station (coast station, AtoN, SAR aircraft) and the result is otherwise
// ClassUnknown.
func ClassOf(msgType int, mmsi MMSI) VesselClass {
	switch msgType {
	case 1, 2, 3, 5, 27:
		return ClassA
	case 18, 19, 24:
		return ClassB
	case 4, 11:
		return ClassBaseStation
	case 21:
		return ClassAtoN
	case 9:
		return ClassSARAircraft
	}
	switch mmsi.Kind() {
	case MMSICoastStation:
		return ClassBaseStation
	case MMSIAtoN:
		return ClassAtoN
	case MMSISARAircraft:
		return ClassSARAircraft
	}
	return ClassUnknown
}

// String returns "A", "B", "base_station", "aton", "sar_aircraft" or
// "unknown" (also for undefined values).
func (c VesselClass) String() string {
	if int(c) < len(vesselClassNames) {
		return vesselClassNames[c]
	}
	return "unknown"
}

// MarshalText encodes c as its String form, so JSON carries names.
func (c VesselClass) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText decodes a String form. Any other text fails with an *Error of
// code EINVALID and leaves c unchanged.
func (c *VesselClass) UnmarshalText(b []byte) error {
	i := slices.Index(vesselClassNames[:], string(b))
	if i < 0 {
		return Errorf(EINVALID, "vessel class %q: want one of %v", b, vesselClassNames)
	}
	*c = VesselClass(i)
	return nil
}
