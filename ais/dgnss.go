package ais

// DGNSSBroadcast is a GNSS broadcast binary message, type 17 (80 to 816
// bits): differential corrections from a base station, in the RTCM SC-104
// (ITU-R M.823) format without parity.
type DGNSSBroadcast struct {
	Header
	Lon Opt[float64] `json:"lon,omitzero"` // reference station position, resolution 1/10 minute
	Lat Opt[float64] `json:"lat,omitzero"`
	// Data is the correction data after the 80-bit head, left aligned,
	// DataBits bits long; it aliases the Decoder's buffer and is valid until
	// the next Decode. A station with no corrections sends none.
	Data     BinaryData `json:"data,omitempty"`
	DataBits int        `json:"data_bits,omitzero"`
	// The RTCM message header that starts Data, present when Data holds
	// its 40 bits.
	RTCMType  Opt[uint8]   `json:"rtcm_type,omitzero"`  // RTCM message type, 1..63
	StationID Opt[uint16]  `json:"station_id,omitzero"` // reference station ID, 0..1023
	ZCount    Opt[float64] `json:"z_count,omitzero"`    // seconds into the hour, resolution 0.6 s
	Sequence  Opt[uint8]   `json:"sequence,omitzero"`   // 0..7
	Words     Opt[uint8]   `json:"words,omitzero"`      // number of 24-bit data words that follow the header
	Health    Opt[uint8]   `json:"health,omitzero"`     // station health, 0..7
}

const dgnssBits = 80

func (m *DGNSSBroadcast) decode(b *bits, d *Decoder) error {
	m.Header.decode(b)
	m.Lon, m.Lat = lonLat(b, 40, 18, 17, 600)
	m.Data, m.DataBits = dataAt(b, d, 80)
	m.RTCMType, m.StationID, m.ZCount = Opt[uint8]{}, Opt[uint16]{}, Opt[float64]{}
	m.Sequence, m.Words, m.Health = Opt[uint8]{}, Opt[uint8]{}, Opt[uint8]{}
	if b.has(80, 40) {
		m.RTCMType = Some(uint8(b.u(80, 6)))
		m.StationID = Some(uint16(b.u(86, 10)))
		m.ZCount = Some(float64(b.u(96, 13)*6) / 10)
		m.Sequence = Some(uint8(b.u(109, 3)))
		m.Words = Some(uint8(b.u(112, 5)))
		m.Health = Some(uint8(b.u(117, 3)))
	}
	return short(b, 17, dgnssBits)
}

// WriteFields implements Message.
func (m *DGNSSBroadcast) WriteFields(w FieldWriter) {
	m.Header.write(w)
	writeFloat(w, "lon", m.Lon, decDegrees)
	writeFloat(w, "lat", m.Lat, decDegrees)
	writeData(w, m.Data, m.DataBits)
	writeUint(w, "rtcm_type", m.RTCMType)
	writeUint(w, "station_id", m.StationID)
	writeFloat(w, "z_count", m.ZCount, decTenths)
	writeUint(w, "sequence", m.Sequence)
	writeUint(w, "words", m.Words)
	writeUint(w, "health", m.Health)
}
