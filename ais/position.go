package ais

// PositionReport is a Class A position report, types 1, 2 and 3 (168 bits).
type PositionReport struct {
	Header
	NavStatus Opt[uint8]   `json:"nav_status,omitzero"` // 0..14; 15 "not defined" is absent
	ROT       Opt[float64] `json:"rot,omitzero"`        // rate of turn, degrees per minute, positive to starboard
	// Turn is +1 (right) or -1 (left) when the transmitter reports turning
	// faster than 5° per 30 s without a turn indicator (ROT ±127); ROT is
	// then absent.
	Turn     Turn         `json:"turn,omitzero"`
	SOG      Opt[float64] `json:"sog,omitzero"` // knots; 102.2 means 102.2 or more
	Accuracy bool         `json:"accuracy"`     // true: high (<= 10 m)
	Lon      Opt[float64] `json:"lon,omitzero"` // degrees, east positive
	Lat      Opt[float64] `json:"lat,omitzero"` // degrees, north positive
	COG      Opt[float64] `json:"cog,omitzero"` // degrees true
	Heading  Opt[uint16]  `json:"heading,omitzero"`
	Second   Opt[uint8]   `json:"second,omitzero"`   // UTC second of the fix; 61..63 are the M.1371 special codes
	Maneuver Opt[uint8]   `json:"maneuver,omitzero"` // 1 no special, 2 special manoeuvre
	RAIM     bool         `json:"raim"`
	Radio    uint32       `json:"radio"` // communication state, 19 bits
}

const positionBits = 168

func (m *PositionReport) decode(b *bits, _ *Decoder) error {
	m.Header.decode(b)
	m.NavStatus = uintOpt[uint8](b, 38, 4, 15)
	m.ROT, m.Turn = rot(b, 42)
	m.SOG = tenths(b, 50, 10, 1023)
	m.Accuracy = flagAt(b, 60)
	m.Lon, m.Lat = lonLat(b, 61, 28, 27, 600000)
	m.COG = tenths(b, 116, 12, 3600)
	m.Heading = uintOpt[uint16](b, 128, 9, 511)
	m.Second = uintOpt[uint8](b, 137, 6, 60)
	m.Maneuver = uintOpt[uint8](b, 143, 2, 0)
	m.RAIM = flagAt(b, 148)
	m.Radio = uint32(uintAt(b, 149, 19))
	return short(b, int(m.Type), positionBits)
}

// WriteFields implements Message.
func (m *PositionReport) WriteFields(w FieldWriter) {
	m.Header.write(w)
	writeUint(w, "nav_status", m.NavStatus)
	writeFloat(w, "rot", m.ROT, decROT)
	writeTurn(w, m.Turn)
	writeFloat(w, "sog", m.SOG, decTenths)
	w.Bool("accuracy", m.Accuracy)
	writeFloat(w, "lon", m.Lon, decDegrees)
	writeFloat(w, "lat", m.Lat, decDegrees)
	writeFloat(w, "cog", m.COG, decTenths)
	writeUint(w, "heading", m.Heading)
	writeUint(w, "second", m.Second)
	writeUint(w, "maneuver", m.Maneuver)
	w.Bool("raim", m.RAIM)
	w.Int("radio", int64(m.Radio))
}

func (m *PositionReport) encode(bw *bitWriter) {
	t := m.Type
	if t < 1 || t > 3 {
		t = 1
	}
	m.Header.encode(bw, t)
	putUintOpt(bw, m.NavStatus, 4, 15)
	putROT(bw, m.ROT, m.Turn)
	putTenths(bw, m.SOG, 10, 1023)
	bw.putFlag(m.Accuracy)
	putLonLat(bw, m.Lon, m.Lat, 28, 27, 600000)
	putTenths(bw, m.COG, 12, 3600)
	putUintOpt(bw, m.Heading, 9, 511)
	putUintOpt(bw, m.Second, 6, 60)
	putUintOpt(bw, m.Maneuver, 2, 0)
	bw.put(0, 3)
	bw.putFlag(m.RAIM)
	bw.put(uint64(m.Radio), 19)
}

// ClassBPosition is a standard Class B position report, type 18 (168 bits).
type ClassBPosition struct {
	Header
	SOG      Opt[float64] `json:"sog,omitzero"`
	Accuracy bool         `json:"accuracy"`
	Lon      Opt[float64] `json:"lon,omitzero"`
	Lat      Opt[float64] `json:"lat,omitzero"`
	COG      Opt[float64] `json:"cog,omitzero"`
	Heading  Opt[uint16]  `json:"heading,omitzero"`
	Second   Opt[uint8]   `json:"second,omitzero"`
	Regional uint8        `json:"regional"` // 2 bits reserved for regional applications
	CS       bool         `json:"cs"`       // true: carrier-sense (CS) unit, false: SOTDMA
	Display  bool         `json:"display"`  // has an integrated display for messages 12 and 14
	DSC      bool         `json:"dsc"`      // attached to a VHF with DSC
	Band     bool         `json:"band"`     // can use the whole marine band
	Msg22    bool         `json:"msg22"`    // accepts channel management by message 22
	Assigned bool         `json:"assigned"` // assigned mode
	RAIM     bool         `json:"raim"`
	Radio    uint32       `json:"radio"` // communication state, 20 bits
}

func (m *ClassBPosition) decode(b *bits, _ *Decoder) error {
	m.Header.decode(b)
	m.SOG = tenths(b, 46, 10, 1023)
	m.Accuracy = flagAt(b, 56)
	m.Lon, m.Lat = lonLat(b, 57, 28, 27, 600000)
	m.COG = tenths(b, 112, 12, 3600)
	m.Heading = uintOpt[uint16](b, 124, 9, 511)
	m.Second = uintOpt[uint8](b, 133, 6, 60)
	m.Regional = uint8(uintAt(b, 139, 2))
	m.CS = flagAt(b, 141)
	m.Display = flagAt(b, 142)
	m.DSC = flagAt(b, 143)
	m.Band = flagAt(b, 144)
	m.Msg22 = flagAt(b, 145)
	m.Assigned = flagAt(b, 146)
	m.RAIM = flagAt(b, 147)
	m.Radio = uint32(uintAt(b, 148, 20))
	return short(b, 18, positionBits)
}

// WriteFields implements Message.
func (m *ClassBPosition) WriteFields(w FieldWriter) {
	m.Header.write(w)
	writeFloat(w, "sog", m.SOG, decTenths)
	w.Bool("accuracy", m.Accuracy)
	writeFloat(w, "lon", m.Lon, decDegrees)
	writeFloat(w, "lat", m.Lat, decDegrees)
	writeFloat(w, "cog", m.COG, decTenths)
	writeUint(w, "heading", m.Heading)
	writeUint(w, "second", m.Second)
	w.Int("regional", int64(m.Regional))
	w.Bool("cs", m.CS)
	w.Bool("display", m.Display)
	w.Bool("dsc", m.DSC)
	w.Bool("band", m.Band)
	w.Bool("msg22", m.Msg22)
	w.Bool("assigned", m.Assigned)
	w.Bool("raim", m.RAIM)
	w.Int("radio", int64(m.Radio))
}

func (m *ClassBPosition) encode(bw *bitWriter) {
	m.Header.encode(bw, 18)
	bw.put(0, 8)
	putTenths(bw, m.SOG, 10, 1023)
	bw.putFlag(m.Accuracy)
	putLonLat(bw, m.Lon, m.Lat, 28, 27, 600000)
	putTenths(bw, m.COG, 12, 3600)
	putUintOpt(bw, m.Heading, 9, 511)
	putUintOpt(bw, m.Second, 6, 60)
	bw.put(uint64(m.Regional), 2)
	for _, f := range [...]bool{m.CS, m.Display, m.DSC, m.Band, m.Msg22, m.Assigned, m.RAIM} {
		bw.putFlag(f)
	}
	bw.put(uint64(m.Radio), 20)
}

// LongRangePosition is the long-range broadcast position report, type 27
// (96 bits), sent by Class A units for satellite reception.
type LongRangePosition struct {
	Header
	Accuracy  bool         `json:"accuracy"`
	RAIM      bool         `json:"raim"`
	NavStatus Opt[uint8]   `json:"nav_status,omitzero"`
	Lon       Opt[float64] `json:"lon,omitzero"` // resolution 1/10 minute
	Lat       Opt[float64] `json:"lat,omitzero"`
	SOG       Opt[float64] `json:"sog,omitzero"` // whole knots, 0..62
	COG       Opt[float64] `json:"cog,omitzero"` // whole degrees
	// GNSS is true when the position is the current GNSS position (the
	// payload's "position latency" bit is 0).
	GNSS bool `json:"gnss"`
}

const longRangeBits = 96

func (m *LongRangePosition) decode(b *bits, _ *Decoder) error {
	m.Header.decode(b)
	m.Accuracy = flagAt(b, 38)
	m.RAIM = flagAt(b, 39)
	m.NavStatus = uintOpt[uint8](b, 40, 4, 15)
	m.Lon, m.Lat = lonLat(b, 44, 18, 17, 600)
	m.SOG = Opt[float64]{}
	if v := uintOpt[uint8](b, 79, 6, 63); v.OK {
		m.SOG = Some(float64(v.V))
	}
	m.COG = Opt[float64]{}
	if v := uintOpt[uint16](b, 85, 9, 511); v.OK {
		m.COG = Some(float64(v.V))
	}
	m.GNSS = b.has(94, 1) && !b.flag(94)
	return short(b, 27, longRangeBits)
}

// WriteFields implements Message.
func (m *LongRangePosition) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.Bool("accuracy", m.Accuracy)
	w.Bool("raim", m.RAIM)
	writeUint(w, "nav_status", m.NavStatus)
	writeFloat(w, "lon", m.Lon, decDegrees)
	writeFloat(w, "lat", m.Lat, decDegrees)
	writeFloat(w, "sog", m.SOG, 0)
	writeFloat(w, "cog", m.COG, 0)
	w.Bool("gnss", m.GNSS)
}

func (m *LongRangePosition) encode(bw *bitWriter) {
	m.Header.encode(bw, 27)
	bw.putFlag(m.Accuracy)
	bw.putFlag(m.RAIM)
	putUintOpt(bw, m.NavStatus, 4, 15)
	putLonLat(bw, m.Lon, m.Lat, 18, 17, 600)
	if m.SOG.OK {
		bw.put(uint64(round(m.SOG.V)), 6)
	} else {
		bw.put(63, 6)
	}
	if m.COG.OK {
		bw.put(uint64(round(m.COG.V)), 9)
	} else {
		bw.put(511, 9)
	}
	bw.putFlag(!m.GNSS)
	bw.put(0, 1)
}
