package ingest

import (
	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
)

// position converts the message types that report a position (1-3, 4/11,
// 9, 18, 19, 21, 27) into a Position without time or provenance. ok is
// false for other types; located is false when the report has no available
// latitude and longitude.
func position(m ais.Message, mmsi sitrep.MMSI) (p sitrep.Position, located, ok bool) {
	p.MMSI = mmsi
	var lat, lon ais.Opt[float64]
	switch v := m.(type) {
	case *ais.PositionReport:
		lat, lon, p.Accuracy = v.Lat, v.Lon, v.Accuracy
		setNav(&p, v.NavStatus)
		setMotion(&p, v.SOG, v.COG)
		setHeading(&p, v.Heading)
		p.Class = sitrep.ClassA
	case *ais.ClassBPosition:
		lat, lon, p.Accuracy = v.Lat, v.Lon, v.Accuracy
		setMotion(&p, v.SOG, v.COG)
		setHeading(&p, v.Heading)
		p.Class = sitrep.ClassB
	case *ais.ClassBExtended:
		lat, lon, p.Accuracy = v.Lat, v.Lon, v.Accuracy
		setMotion(&p, v.SOG, v.COG)
		setHeading(&p, v.Heading)
		p.Class = sitrep.ClassB
	case *ais.LongRangePosition:
		lat, lon, p.Accuracy = v.Lat, v.Lon, v.Accuracy
		setNav(&p, v.NavStatus)
		setMotion(&p, v.SOG, v.COG)
		p.Class = sitrep.ClassA
	case *ais.SARPosition:
		lat, lon, p.Accuracy = v.Lat, v.Lon, v.Accuracy
		if v.SOG.OK {
			p.SetSOG(float32(v.SOG.V))
		}
		if v.COG.OK {
			p.SetCOG(float32(v.COG.V))
		}
		p.Class = sitrep.ClassSARAircraft
	case *ais.BaseStationReport:
		lat, lon, p.Accuracy = v.Lat, v.Lon, v.Accuracy
		p.Class = sitrep.ClassBaseStation
	case *ais.AidToNavigation:
		lat, lon, p.Accuracy = v.Lat, v.Lon, v.Accuracy
		p.Class = sitrep.ClassAtoN
	default:
		return p, false, false
	}
	if !lat.OK || !lon.OK {
		return p, false, true
	}
	p.Lat, p.Lon = lat.V, lon.V
	return p, true, true
}

func setNav(p *sitrep.Position, s ais.Opt[uint8]) {
	if s.OK {
		p.SetNavStatus(sitrep.NavStatus(s.V))
	}
}

// setMotion copies SOG and COG. AIS's 102.2 kn means "102.2 or more": it is
// kept, and left to the plausibility checks.
func setMotion(p *sitrep.Position, sog, cog ais.Opt[float64]) {
	if sog.OK {
		p.SetSOG(float32(sog.V))
	}
	if cog.OK {
		p.SetCOG(float32(cog.V))
	}
}

func setHeading(p *sitrep.Position, h ais.Opt[uint16]) {
	if h.OK {
		p.SetHeading(h.V)
	}
}
