package ais

// GroupAssignment is a group assignment command from a base station,
// type 23 (160 bits): it sets the reporting interval and quiet time of the
// stations of a given type inside a region.
type GroupAssignment struct {
	Header
	// NE and SW corners of the region, resolution 1/10 minute.
	NELon Opt[float64] `json:"ne_lon,omitzero"`
	NELat Opt[float64] `json:"ne_lat,omitzero"`
	SWLon Opt[float64] `json:"sw_lon,omitzero"`
	SWLat Opt[float64] `json:"sw_lat,omitzero"`
	// StationType selects the stations: 0 all mobile stations, 1 Class A,
	// 2 all Class B, 3 SAR airborne, 4 Class B SOTDMA, 5 Class B CS,
	// 6 inland waterways, 7..9 regional, 10..15 reserved.
	StationType uint8 `json:"station_type"`
	// ShipType selects ships by type of ship and cargo (as in type 5);
	// 0 selects all types.
	ShipType uint8 `json:"ship_type"`
	TxRx     uint8 `json:"txrx"` // transmit/receive mode, as in type 22 (0..3)
	// Interval is the reporting interval code of M.1371-5 table 77:
	// 0 autonomous mode, 1 10 min, 2 6 min, 3 3 min, 4 1 min, 5 30 s,
	// 6 15 s, 7 10 s, 8 5 s, 9 next shorter, 10 next longer, 11 2 s
	// (12..15 reserved).
	Interval uint8 `json:"interval"`
	Quiet    uint8 `json:"quiet"` // quiet time in minutes, 1..15; 0 none
}

const groupBits = 160

func (m *GroupAssignment) decode(b *bits, _ *Decoder) error {
	m.Header.decode(b)
	m.NELon, m.NELat = lonLat(b, 40, 18, 17, 600)
	m.SWLon, m.SWLat = lonLat(b, 75, 18, 17, 600)
	m.StationType = uint8(uintAt(b, 110, 4))
	m.ShipType = uint8(uintAt(b, 114, 8))
	m.TxRx = uint8(uintAt(b, 144, 2))
	m.Interval = uint8(uintAt(b, 146, 4))
	m.Quiet = uint8(uintAt(b, 150, 4))
	return short(b, 23, groupBits)
}

// WriteFields implements Message.
func (m *GroupAssignment) WriteFields(w FieldWriter) {
	m.Header.write(w)
	writeFloat(w, "ne_lon", m.NELon, decDegrees)
	writeFloat(w, "ne_lat", m.NELat, decDegrees)
	writeFloat(w, "sw_lon", m.SWLon, decDegrees)
	writeFloat(w, "sw_lat", m.SWLat, decDegrees)
	w.Int("station_type", int64(m.StationType))
	w.Int("ship_type", int64(m.ShipType))
	w.Int("txrx", int64(m.TxRx))
	w.Int("interval", int64(m.Interval))
	w.Int("quiet", int64(m.Quiet))
}
