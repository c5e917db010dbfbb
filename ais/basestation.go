package ais

// BaseStationReport is a base station report, type 4, or a UTC and date
// response, type 11 (168 bits). Both carry the station's UTC date and time
// and its position.
type BaseStationReport struct {
	Header
	Year     Opt[uint16]  `json:"year,omitzero"`   // UTC year 1..9999; 0 "not available" is absent
	Month    Opt[uint8]   `json:"month,omitzero"`  // 1..12; 0 is absent
	Day      Opt[uint8]   `json:"day,omitzero"`    // 1..31; 0 is absent
	Hour     Opt[uint8]   `json:"hour,omitzero"`   // 0..23; 24 is absent
	Minute   Opt[uint8]   `json:"minute,omitzero"` // 0..59; 60 is absent
	Second   Opt[uint8]   `json:"second,omitzero"` // 0..59; 60 is absent
	Accuracy bool         `json:"accuracy"`        // true: high (<= 10 m)
	Lon      Opt[float64] `json:"lon,omitzero"`    // degrees, resolution 1/10000 minute
	Lat      Opt[float64] `json:"lat,omitzero"`
	EPFD     Opt[uint8]   `json:"epfd,omitzero"` // type of position fixing device; 0 "undefined" is absent
	// LongRange is the M.1371-5 "transmission control for long-range
	// broadcast" bit: true requests Class A stations in the base station's
	// coverage area to transmit message 27.
	LongRange bool   `json:"long_range"`
	RAIM      bool   `json:"raim"`
	Radio     uint32 `json:"radio"` // SOTDMA communication state, 19 bits
}

const baseStationBits = 168

func (m *BaseStationReport) decode(b *bits, _ *Decoder) error {
	m.Header.decode(b)
	m.Year = uintOpt[uint16](b, 38, 14, 0)
	m.Month = uintOpt[uint8](b, 52, 4, 0)
	m.Day = uintOpt[uint8](b, 56, 5, 0)
	m.Hour = uintOpt[uint8](b, 61, 5, 24)
	m.Minute = uintOpt[uint8](b, 66, 6, 60)
	m.Second = uintOpt[uint8](b, 72, 6, 60)
	m.Accuracy = flagAt(b, 78)
	m.Lon, m.Lat = lonLat(b, 79, 28, 27, 600000)
	m.EPFD = uintOpt[uint8](b, 134, 4, 0)
	m.LongRange = flagAt(b, 138)
	m.RAIM = flagAt(b, 148)
	m.Radio = uint32(uintAt(b, 149, 19))
	return short(b, int(m.Type), baseStationBits)
}

// WriteFields implements Message.
func (m *BaseStationReport) WriteFields(w FieldWriter) {
	m.Header.write(w)
	writeUint(w, "year", m.Year)
	writeUint(w, "month", m.Month)
	writeUint(w, "day", m.Day)
	writeUint(w, "hour", m.Hour)
	writeUint(w, "minute", m.Minute)
	writeUint(w, "second", m.Second)
	w.Bool("accuracy", m.Accuracy)
	writeFloat(w, "lon", m.Lon, decDegrees)
	writeFloat(w, "lat", m.Lat, decDegrees)
	writeUint(w, "epfd", m.EPFD)
	w.Bool("long_range", m.LongRange)
	w.Bool("raim", m.RAIM)
	w.Int("radio", int64(m.Radio))
}

// UTCInquiry is a UTC and date inquiry, type 10 (72 bits); the addressed
// station answers with a type 11 BaseStationReport.
type UTCInquiry struct {
	Header
	DestMMSI uint32 `json:"dest_mmsi"`
}

const utcInquiryBits = 72

func (m *UTCInquiry) decode(b *bits, _ *Decoder) error {
	m.Header.decode(b)
	m.DestMMSI = uint32(uintAt(b, 40, 30))
	return short(b, 10, utcInquiryBits)
}

// WriteFields implements Message.
func (m *UTCInquiry) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.Int("dest_mmsi", int64(m.DestMMSI))
}
