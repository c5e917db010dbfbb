package ais

// safetyText decodes the 6-bit text from pos to the end of the payload: as
// many whole characters as it holds, trailing '@' and spaces stripped.
func safetyText(b *bits, d *Decoder, pos int) string {
	// The text can exceed the Decoder's 64-byte text scratch; the binary
	// scratch, unused by these messages, holds any conforming text.
	return d.str(b.text(pos, MaxPayloadBits/6, d.bin[:0]))
}

// AddressedSafety is an addressed safety related message, type 12 (72 to
// 1008 bits): up to 156 characters of 6-bit text for one destination.
type AddressedSafety struct {
	Header
	SeqNo      uint8  `json:"seqno"` // sequence number 0..3, for the acknowledgement (type 13)
	DestMMSI   uint32 `json:"dest_mmsi"`
	Retransmit bool   `json:"retransmit"` // the message is a retransmission
	Text       string `json:"text,omitempty"`
}

const addressedSafetyBits = 72

func (m *AddressedSafety) decode(b *bits, d *Decoder) error {
	m.Header.decode(b)
	m.SeqNo = uint8(uintAt(b, 38, 2))
	m.DestMMSI = uint32(uintAt(b, 40, 30))
	m.Retransmit = flagAt(b, 70)
	m.Text = safetyText(b, d, 72)
	return short(b, 12, addressedSafetyBits)
}

// WriteFields implements Message.
func (m *AddressedSafety) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.Int("seqno", int64(m.SeqNo))
	w.Int("dest_mmsi", int64(m.DestMMSI))
	w.Bool("retransmit", m.Retransmit)
	writeString(w, "text", m.Text)
}

// SafetyBroadcast is a safety related broadcast message, type 14 (40 to
// 1008 bits): up to 161 characters of 6-bit text.
type SafetyBroadcast struct {
	Header
	Text string `json:"text,omitempty"`
}

const safetyBroadcastBits = 40

func (m *SafetyBroadcast) decode(b *bits, d *Decoder) error {
	m.Header.decode(b)
	m.Text = safetyText(b, d, 40)
	return short(b, 14, safetyBroadcastBits)
}

// WriteFields implements Message.
func (m *SafetyBroadcast) WriteFields(w FieldWriter) {
	m.Header.write(w)
	writeString(w, "text", m.Text)
}
