package sim

import "github.com/sitrep-osint/sitrep/ais"

// The two messages that make up most of the traffic (types 1-3 and 18) are
// built in structs the Generator reuses and encoded by its ais.Encoder, so
// a position report costs no allocation.

// posFields are the values of a simulated position report, at field
// resolution: speed and course in tenths, heading 511 when not available.
type posFields struct {
	typ      uint8 // 1, 2, 3 or 18
	mmsi     uint32
	status   uint8   // types 1-3
	rot      float64 // degrees per minute, types 1-3
	sog      float64 // knots
	accuracy bool
	lon, lat float64
	cog      float64
	heading  uint16
	second   uint8
	raim     bool
}

// message returns f as an AIS position report in one of g's reused
// structs: *ais.PositionReport (types 1-3) or *ais.ClassBPosition (type 18,
// a Class B "SO" unit with DSC, whole band and message 22 capability).
func (f *posFields) message(g *Generator) ais.Message {
	var heading ais.Opt[uint16]
	if f.heading != 511 {
		heading = ais.Some(f.heading)
	}
	if f.typ == 18 {
		g.cb = ais.ClassBPosition{Header: ais.Header{Type: 18, MMSI: f.mmsi}, SOG: ais.Some(f.sog),
			Accuracy: f.accuracy, Lon: ais.Some(f.lon), Lat: ais.Some(f.lat), COG: ais.Some(f.cog),
			Heading: heading, Second: ais.Some(f.second), DSC: true, Band: true, Msg22: true, RAIM: f.raim}
		return &g.cb
	}
	g.pr = ais.PositionReport{Header: ais.Header{Type: f.typ, MMSI: f.mmsi}, NavStatus: ais.Some(f.status),
		ROT: ais.Some(f.rot), SOG: ais.Some(f.sog), Accuracy: f.accuracy, Lon: ais.Some(f.lon),
		Lat: ais.Some(f.lat), COG: ais.Some(f.cog), Heading: heading, Second: ais.Some(f.second), RAIM: f.raim}
	return &g.pr
}
