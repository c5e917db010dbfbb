package ais

// Ack is one acknowledged addressed message: the MMSI of the station that
// sent it and its sequence number.
type Ack struct {
	MMSI  uint32 `json:"mmsi"`
	SeqNo uint8  `json:"seqno"` // 0..3
}

// BinaryAck is a binary acknowledgement, type 7, or a safety related
// acknowledgement, type 13 (72, 104, 136 or 168 bits): it acknowledges one
// to four addressed messages (types 6 and 12). Acks holds one entry per
// complete 32-bit block in the payload.
type BinaryAck struct {
	Header
	// Acks aliases storage inside the message and is valid until the next
	// Decode.
	Acks []Ack `json:"acks"`
	acks [4]Ack
}

const binaryAckBits = 72

func (m *BinaryAck) decode(b *bits, _ *Decoder) error {
	m.Header.decode(b)
	n := 0
	for pos := 40; n < len(m.acks) && b.has(pos, 32); pos += 32 {
		m.acks[n] = Ack{MMSI: uint32(b.u(pos, 30)), SeqNo: uint8(b.u(pos+30, 2))}
		n++
	}
	m.Acks = m.acks[:n]
	return short(b, int(m.Type), binaryAckBits)
}

// WriteFields implements Message.
func (m *BinaryAck) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.BeginArray("acks")
	for _, a := range m.Acks {
		w.BeginObject("")
		w.Int("mmsi", int64(a.MMSI))
		w.Int("seqno", int64(a.SeqNo))
		w.EndObject()
	}
	w.EndArray()
}
