package ingest

import (
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
)

// IdentityFields is the set of identity and voyage values an update carries.
type IdentityFields uint16

// The values an IdentityUpdate can carry.
const (
	HasName IdentityFields = 1 << iota
	HasCallsign
	HasIMO
	HasShipType
	HasDimensions
	HasDestination
	HasETA
	HasDraught
	HasMothership
)

// IdentityUpdate is what one static message says about a vessel: only the
// fields in Fields are meaningful. The flag (country) comes from the MMSI.
type IdentityUpdate struct {
	Time       time.Time
	Identity   sitrep.Identity
	Voyage     sitrep.Voyage
	Mothership sitrep.MMSI // for an auxiliary craft's type 24 part B
	Fields     IdentityFields
	Source     sitrep.Provenance
}

// identity converts the static message types (5, 19, 21, 24) into an
// identity update; ok is false for other types.
func identity(m ais.Message, mmsi sitrep.MMSI, t time.Time) (u IdentityUpdate, ok bool) {
	u.Time = t
	id := &u.Identity
	id.MMSI = mmsi
	if c, ok := mmsi.Flag(); ok {
		id.Flag = c.Code
	}
	switch v := m.(type) {
	case *ais.StaticVoyageData:
		id.Class = sitrep.ClassA
		u.setName(v.Name)
		u.setCallsign(v.Callsign)
		if v.IMO.OK {
			id.IMO, u.Fields = v.IMO.V, u.Fields|HasIMO
		}
		u.setShipType(v.ShipType)
		u.setDims(v.ToBow, v.ToStern, v.ToPort, v.ToStarboard)
		if v.Destination != "" {
			u.Voyage.Destination, u.Fields = v.Destination, u.Fields|HasDestination
		}
		if v.ETAMonth.OK && v.ETADay.OK {
			hour, minute := 24, 60 // ETAFrom's "not available"
			if v.ETAHour.OK {
				hour = int(v.ETAHour.V)
			}
			if v.ETAMinute.OK {
				minute = int(v.ETAMinute.V)
			}
			if eta, ok := sitrep.ETAFrom(int(v.ETAMonth.V), int(v.ETADay.V), hour, minute, t); ok {
				u.Voyage.ETA, u.Fields = eta, u.Fields|HasETA
			}
		}
		if v.Draught.OK {
			u.Voyage.Draught, u.Fields = float32(v.Draught.V), u.Fields|HasDraught
		}
	case *ais.ClassBExtended:
		id.Class = sitrep.ClassB
		u.setName(v.Name)
		u.setShipType(v.ShipType)
		u.setDims(v.ToBow, v.ToStern, v.ToPort, v.ToStarboard)
	case *ais.StaticDataReport:
		id.Class = sitrep.ClassB
		switch v.Part {
		case 0:
			u.setName(v.Name)
		case 1:
			u.setCallsign(v.Callsign)
			u.setShipType(v.ShipType)
			if v.MothershipMMSI.OK {
				u.Mothership, u.Fields = sitrep.MMSI(v.MothershipMMSI.V), u.Fields|HasMothership
			} else {
				u.setDims(v.ToBow, v.ToStern, v.ToPort, v.ToStarboard)
			}
		default:
			return u, false
		}
	case *ais.AidToNavigation:
		id.Class = sitrep.ClassAtoN
		u.setName(v.Name)
		u.setDims(v.ToBow, v.ToStern, v.ToPort, v.ToStarboard)
	default:
		return u, false
	}
	return u, u.Fields != 0
}

func (u *IdentityUpdate) setName(s string) {
	if s != "" {
		u.Identity.Name, u.Fields = s, u.Fields|HasName
	}
}

func (u *IdentityUpdate) setCallsign(s string) {
	if s != "" {
		u.Identity.Callsign, u.Fields = s, u.Fields|HasCallsign
	}
}

func (u *IdentityUpdate) setShipType(t ais.Opt[uint8]) {
	if t.OK {
		u.Identity.ShipType, u.Fields = sitrep.ShipType(t.V), u.Fields|HasShipType
	}
}

func (u *IdentityUpdate) setDims(bow, stern ais.Opt[uint16], port, starboard ais.Opt[uint8]) {
	if bow.OK || stern.OK || port.OK || starboard.OK {
		u.Identity.SetDimensions(bow.V, stern.V, uint16(port.V), uint16(starboard.V))
		u.Fields |= HasDimensions
	}
}
