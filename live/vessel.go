package live

import (
	"time"

	"github.com/sitrep-osint/sitrep"
)

// SimulatedPrefix starts the feed or station name of simulated traffic
// (sitrep.SimulatedPrefix).
const SimulatedPrefix = sitrep.SimulatedPrefix

// Values of Vessel.SOG, COG and Heading when the fix did not report them:
// the AIS "not available" values.
const (
	SOGNotAvailable     float32 = 102.3
	COGNotAvailable     float32 = 360
	HeadingNotAvailable uint16  = 511
)

// Vessel is the compact live view of one vessel for the map and the
// stream: its latest plausible fix and the identity known at the time. It
// marshals to the API contract's LiveVessel.
//
// SOG (knots), COG (degrees) and Heading (degrees) hold the AIS "not
// available" values SOGNotAvailable (102.3), COGNotAvailable (360) and
// HeadingNotAvailable (511) when the fix did not report them; a valid
// heading is below 360. TypeName is the ship type's category (cargo,
// tanker, ...; see sitrep.ShipType.Category), empty when no type is known.
// Class is "A", "B", "base_station", "aton", "sar_aircraft" or "unknown".
// Simulated is true when the fix came from a feed or station whose name
// starts with SimulatedPrefix.
type Vessel struct {
	MMSI      sitrep.MMSI `json:"mmsi"`
	Lat       float64     `json:"lat"`
	Lon       float64     `json:"lon"`
	SOG       float32     `json:"sog"`
	COG       float32     `json:"cog"`
	Heading   uint16      `json:"heading"`
	Time      time.Time   `json:"time"`
	Name      string      `json:"name,omitempty"`
	ShipType  uint8       `json:"ship_type,omitempty"`
	TypeName  string      `json:"type_name,omitempty"`
	Class     string      `json:"class"`
	Flag      string      `json:"flag,omitempty"`
	Simulated bool        `json:"simulated,omitempty"`
}

// FromPosition returns the live view of fix p of a vessel whose identity is
// id (nil when unknown: then only what the fix and its MMSI tell is set).
// It keeps no reference to p or id.
func FromPosition(p *sitrep.Position, id *sitrep.Identity) Vessel {
	v := Vessel{MMSI: p.MMSI, Lat: p.Lat, Lon: p.Lon, Time: p.Time,
		SOG: SOGNotAvailable, COG: COGNotAvailable, Heading: HeadingNotAvailable,
		Simulated: Simulated(p.Sources)}
	if sog, ok := p.SpeedOverGround(); ok {
		v.SOG = sog
	}
	if cog, ok := p.CourseOverGround(); ok {
		v.COG = cog
	}
	if h, ok := p.TrueHeading(); ok {
		v.Heading = h
	}
	class := p.Class
	if id != nil {
		v.Name, v.Flag = id.Name, id.Flag
		if id.ShipType != 0 {
			v.ShipType, v.TypeName = uint8(id.ShipType), id.ShipType.Category()
		}
		if id.Class != sitrep.ClassUnknown {
			class = id.Class
		}
	} else if c, ok := p.MMSI.Flag(); ok {
		v.Flag = c.Code
	}
	v.Class = class.String()
	return v
}

// FromVessel returns the live view of v, and false when v has no position.
func FromVessel(v *sitrep.Vessel) (Vessel, bool) {
	if v.LastPosition == nil {
		return Vessel{}, false
	}
	return FromPosition(v.LastPosition, &v.Identity), true
}

// Simulated reports whether any of srcs names a feed or station starting
// with SimulatedPrefix (sitrep.AnySimulated).
func Simulated(srcs []sitrep.Provenance) bool { return sitrep.AnySimulated(srcs) }
