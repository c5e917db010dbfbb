package ais

// Request is one interrogation of type 15: the interrogated station, the
// message type it is asked to send and the slot offset of its response.
type Request struct {
	MMSI       uint32 `json:"mmsi"`
	MsgType    uint8  `json:"msg_type"`    // requested message type
	SlotOffset uint16 `json:"slot_offset"` // response slot offset from the interrogation; 0 gives none
}

// Interrogation is an interrogation, type 15 (88 to 160 bits). It asks one
// station for one or two messages, or two stations for one message each.
// Requests holds, in payload order, the first station's first request
// (88 bits and more), its second (108 bits and more, left out when its
// message type is 0, the "no request" value) and the second station's request
// (158 bits and more).
type Interrogation struct {
	Header
	// Requests aliases storage inside the message and is valid until the
	// next Decode.
	Requests []Request `json:"requests"`
	reqs     [3]Request
}

const interrogationBits = 88

func (m *Interrogation) decode(b *bits, _ *Decoder) error {
	m.Header.decode(b)
	n := 0
	if b.has(40, 48) {
		m.reqs[n] = Request{MMSI: uint32(b.u(40, 30)), MsgType: uint8(b.u(70, 6)), SlotOffset: uint16(b.u(76, 12))}
		n++
		if b.has(90, 18) && b.u(90, 6) != 0 {
			m.reqs[n] = Request{MMSI: m.reqs[0].MMSI, MsgType: uint8(b.u(90, 6)), SlotOffset: uint16(b.u(96, 12))}
			n++
		}
		if b.has(110, 48) {
			m.reqs[n] = Request{MMSI: uint32(b.u(110, 30)), MsgType: uint8(b.u(140, 6)), SlotOffset: uint16(b.u(146, 12))}
			n++
		}
	}
	m.Requests = m.reqs[:n]
	return short(b, 15, interrogationBits)
}

// WriteFields implements Message.
func (m *Interrogation) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.BeginArray("requests")
	for _, r := range m.Requests {
		w.BeginObject("")
		w.Int("mmsi", int64(r.MMSI))
		w.Int("msg_type", int64(r.MsgType))
		w.Int("slot_offset", int64(r.SlotOffset))
		w.EndObject()
	}
	w.EndArray()
}
