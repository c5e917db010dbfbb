package ais

// Reservation is one block of slots reserved by a type 20 message.
type Reservation struct {
	Offset  uint16     `json:"offset"`           // first reserved slot, offset from the message's slot, 1..4095
	Number  uint8      `json:"number"`           // consecutive slots reserved, 1..15
	Timeout Opt[uint8] `json:"timeout,omitzero"` // minutes, 1..7; 0 (not available) is absent
	// Increment is the distance in slots between repeated blocks; 0 means
	// one reservation per frame.
	Increment uint16 `json:"increment"`
}

// DataLinkManagement is a data link management message, type 20 (72 to 160
// bits): a base station reserves one to four blocks of slots. Reservations
// holds one entry per complete 30-bit block in the payload, except the
// blocks whose offset and number are both 0 ("not available"), which some
// stations send to fill a 160-bit message.
type DataLinkManagement struct {
	Header
	// Reservations aliases storage inside the message and is valid until
	// the next Decode.
	Reservations []Reservation `json:"reservations"`
	res          [4]Reservation
}

const dataLinkBits = 72

func (m *DataLinkManagement) decode(b *bits, _ *Decoder) error {
	m.Header.decode(b)
	n := 0
	for pos := 40; pos < 160 && b.has(pos, 30); pos += 30 {
		off, num := uint16(b.u(pos, 12)), uint8(b.u(pos+12, 4))
		if off == 0 && num == 0 {
			continue
		}
		m.res[n] = Reservation{Offset: off, Number: num, Timeout: uintOpt[uint8](b, pos+16, 3, 0), Increment: uint16(b.u(pos+19, 11))}
		n++
	}
	m.Reservations = m.res[:n]
	return short(b, 20, dataLinkBits)
}

// WriteFields implements Message.
func (m *DataLinkManagement) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.BeginArray("reservations")
	for _, r := range m.Reservations {
		w.BeginObject("")
		w.Int("offset", int64(r.Offset))
		w.Int("number", int64(r.Number))
		writeUint(w, "timeout", r.Timeout)
		w.Int("increment", int64(r.Increment))
		w.EndObject()
	}
	w.EndArray()
}
