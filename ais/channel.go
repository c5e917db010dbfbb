package ais

// ChannelManagement is a channel management command from a base station,
// type 22 (168 bits). It applies either to a region, given by its
// north-east and south-west corners (broadcast), or to one or two stations
// (Addressed). Corner coordinates are absent in an addressed message and
// destinations absent in a broadcast one.
type ChannelManagement struct {
	Header
	ChannelA uint16 `json:"channel_a"` // ITU-R M.1084 channel number
	ChannelB uint16 `json:"channel_b"`
	// TxRx is the transmit/receive mode: 0 Tx A and B, Rx A and B;
	// 1 Tx A, Rx A and B; 2 Tx B, Rx A and B (3..15 reserved).
	TxRx  uint8 `json:"txrx"`
	Power bool  `json:"power"` // true: low power
	// NE and SW corners of the region, resolution 1/10 minute.
	NELon Opt[float64] `json:"ne_lon,omitzero"`
	NELat Opt[float64] `json:"ne_lat,omitzero"`
	SWLon Opt[float64] `json:"sw_lon,omitzero"`
	SWLat Opt[float64] `json:"sw_lat,omitzero"`
	// Destinations of an addressed message; the second is absent when 0.
	DestMMSI1 Opt[uint32] `json:"dest_mmsi1,omitzero"`
	DestMMSI2 Opt[uint32] `json:"dest_mmsi2,omitzero"`
	Addressed bool        `json:"addressed"`
	// BandA and BandB were the 12.5 kHz bandwidth flags of channels A and
	// B in M.1371-1; M.1371-5 makes them spare (0).
	BandA bool `json:"band_a"`
	BandB bool `json:"band_b"`
	// ZoneSize is the transitional zone size code: the zone is ZoneSize+1
	// nautical miles wide.
	ZoneSize uint8 `json:"zonesize"`
}

const channelBits = 168

func (m *ChannelManagement) decode(b *bits, _ *Decoder) error {
	m.Header.decode(b)
	m.ChannelA = uint16(uintAt(b, 40, 12))
	m.ChannelB = uint16(uintAt(b, 52, 12))
	m.TxRx = uint8(uintAt(b, 64, 4))
	m.Power = flagAt(b, 68)
	m.Addressed = flagAt(b, 139)
	m.NELon, m.NELat, m.SWLon, m.SWLat = Opt[float64]{}, Opt[float64]{}, Opt[float64]{}, Opt[float64]{}
	m.DestMMSI1, m.DestMMSI2 = Opt[uint32]{}, Opt[uint32]{}
	if m.Addressed {
		m.DestMMSI1 = uintOpt[uint32](b, 69, 30, 1<<30)
		m.DestMMSI2 = uintOpt[uint32](b, 104, 30, 0)
	} else {
		m.NELon, m.NELat = lonLat(b, 69, 18, 17, 600)
		m.SWLon, m.SWLat = lonLat(b, 104, 18, 17, 600)
	}
	m.BandA = flagAt(b, 140)
	m.BandB = flagAt(b, 141)
	m.ZoneSize = uint8(uintAt(b, 142, 3))
	return short(b, 22, channelBits)
}

// WriteFields implements Message.
func (m *ChannelManagement) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.Int("channel_a", int64(m.ChannelA))
	w.Int("channel_b", int64(m.ChannelB))
	w.Int("txrx", int64(m.TxRx))
	w.Bool("power", m.Power)
	writeFloat(w, "ne_lon", m.NELon, decDegrees)
	writeFloat(w, "ne_lat", m.NELat, decDegrees)
	writeFloat(w, "sw_lon", m.SWLon, decDegrees)
	writeFloat(w, "sw_lat", m.SWLat, decDegrees)
	writeUint(w, "dest_mmsi1", m.DestMMSI1)
	writeUint(w, "dest_mmsi2", m.DestMMSI2)
	w.Bool("addressed", m.Addressed)
	w.Bool("band_a", m.BandA)
	w.Bool("band_b", m.BandB)
	w.Int("zonesize", int64(m.ZoneSize))
}
