package ais

// Assignment is one assignment of type 16: the station, its first slot
// offset and the slot increment.
type Assignment struct {
	MMSI   uint32 `json:"mmsi"`
	Offset uint16 `json:"offset"` // offset of the first assigned slot
	// Increment is the slot increment; 0 assigns a reporting rate instead,
	// given by Offset (reports per 10 minutes).
	Increment uint16 `json:"increment"`
}

// AssignmentCommand is an assigned mode command from a base station,
// type 16 (96 bits for one destination, 144 for two).
type AssignmentCommand struct {
	Header
	// Assignments aliases storage inside the message and is valid until
	// the next Decode.
	Assignments []Assignment `json:"assignments"`
	asg         [2]Assignment
}

const assignmentBits = 96

func (m *AssignmentCommand) decode(b *bits, _ *Decoder) error {
	m.Header.decode(b)
	n := 0
	for pos := 40; n < len(m.asg) && b.has(pos, 52); pos += 52 {
		m.asg[n] = Assignment{MMSI: uint32(b.u(pos, 30)), Offset: uint16(b.u(pos+30, 12)), Increment: uint16(b.u(pos+42, 10))}
		n++
	}
	m.Assignments = m.asg[:n]
	return short(b, 16, assignmentBits)
}

// WriteFields implements Message.
func (m *AssignmentCommand) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.BeginArray("assignments")
	for _, a := range m.Assignments {
		w.BeginObject("")
		w.Int("mmsi", int64(a.MMSI))
		w.Int("offset", int64(a.Offset))
		w.Int("increment", int64(a.Increment))
		w.EndObject()
	}
	w.EndArray()
}
