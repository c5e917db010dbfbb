package ais

// SARPosition is a standard search and rescue aircraft position report,
// type 9 (168 bits).
type SARPosition struct {
	Header
	// Alt is the altitude in metres (GNSS or barometric); 4094 means 4094 m
	// or higher, 4095 (not available) is absent.
	Alt Opt[uint16] `json:"alt,omitzero"`
	// SOG is the speed over ground in whole knots; 1022 means 1022 kn or
	// more, 1023 (not available) is absent.
	SOG      Opt[float64] `json:"sog,omitzero"`
	Accuracy bool         `json:"accuracy"`     // true: high (<= 10 m)
	Lon      Opt[float64] `json:"lon,omitzero"` // degrees, resolution 1/10000 minute
	Lat      Opt[float64] `json:"lat,omitzero"`
	COG      Opt[float64] `json:"cog,omitzero"`    // degrees true, resolution 0.1
	Second   Opt[uint8]   `json:"second,omitzero"` // UTC second of the fix; 61..63 are the M.1371 special codes
	// Regional is the 8-bit field after the time stamp, reserved for regional
	// applications in earlier editions; M.1371-5 uses its first bit as the
	// altitude sensor flag (1: barometric) and leaves the rest spare.
	Regional uint8 `json:"regional"`
	// DTE is true when the data terminal is ready (the payload's DTE bit is 0).
	DTE      bool `json:"dte"`
	Assigned bool `json:"assigned"` // assigned mode
	RAIM     bool `json:"raim"`
	// Radio is the communication state: the selector flag (0 SOTDMA,
	// 1 ITDMA) followed by 19 bits of state, 20 bits in all.
	Radio uint32 `json:"radio"`
}

const sarBits = 168

func (m *SARPosition) decode(b *bits, _ *Decoder) error {
	m.Header.decode(b)
	m.Alt = uintOpt[uint16](b, 38, 12, 4095)
	m.SOG = Opt[float64]{}
	if v := uintOpt[uint16](b, 50, 10, 1023); v.OK {
		m.SOG = Some(float64(v.V))
	}
	m.Accuracy = flagAt(b, 60)
	m.Lon, m.Lat = lonLat(b, 61, 28, 27, 600000)
	m.COG = tenths(b, 116, 12, 3600)
	m.Second = uintOpt[uint8](b, 128, 6, 60)
	m.Regional = uint8(uintAt(b, 134, 8))
	m.DTE = b.has(142, 1) && !b.flag(142)
	m.Assigned = flagAt(b, 146)
	m.RAIM = flagAt(b, 147)
	m.Radio = uint32(uintAt(b, 148, 20))
	return short(b, 9, sarBits)
}

// WriteFields implements Message.
func (m *SARPosition) WriteFields(w FieldWriter) {
	m.Header.write(w)
	writeUint(w, "alt", m.Alt)
	writeFloat(w, "sog", m.SOG, 0)
	w.Bool("accuracy", m.Accuracy)
	writeFloat(w, "lon", m.Lon, decDegrees)
	writeFloat(w, "lat", m.Lat, decDegrees)
	writeFloat(w, "cog", m.COG, decTenths)
	writeUint(w, "second", m.Second)
	w.Int("regional", int64(m.Regional))
	w.Bool("dte", m.DTE)
	w.Bool("assigned", m.Assigned)
	w.Bool("raim", m.RAIM)
	w.Int("radio", int64(m.Radio))
}
