package ais

import "testing"

// TestFastJSONMatchesWriteFields: for every real message, WriteMessage
// writes exactly what WriteFields through a JSONWriter writes.
func TestFastJSONMatchesWriteFields(t *testing.T) {
	d := NewDecoder()
	var slow, fast JSONWriter
	n := 0
	for _, p := range singlePayloads(t) {
		m, _ := d.Decode(p.data, p.fill)
		if m == nil {
			continue
		}
		slow.Reset(nil)
		slow.Begin()
		slow.Int("x", 1) // a field before, as the CLI's envelope may add
		m.WriteFields(&slow)
		slow.End()
		fast.Reset(nil)
		fast.Begin()
		fast.Int("x", 1)
		fast.WriteMessage(m)
		fast.End()
		if string(slow.Bytes()) != string(fast.Bytes()) {
			t.Fatalf("%s:\nWriteFields  %s\nWriteMessage %s", p.data, slow.Bytes(), fast.Bytes())
		}
		if _, ok := m.(fastJSON); ok {
			n++
		}
	}
	if n < 10000 {
		t.Errorf("only %d messages took the fast path", n)
	}
	// Absent values and both turn directions, which the captures may lack.
	for _, m := range []Message{
		&PositionReport{Header: Header{Type: 1, MMSI: 1}, Turn: TurnLeft},
		&PositionReport{Header: Header{Type: 3, MMSI: 2}, Turn: TurnRight, ROT: Some(-0.5), Maneuver: Some[uint8](2)},
		&ClassBPosition{Header: Header{Type: 18, MMSI: 3}},
	} {
		slow.Reset(nil)
		slow.Begin()
		m.WriteFields(&slow)
		slow.End()
		fast.Reset(nil)
		fast.Begin()
		fast.WriteMessage(m)
		fast.End()
		if string(slow.Bytes()) != string(fast.Bytes()) {
			t.Errorf("WriteFields %s\nWriteMessage %s", slow.Bytes(), fast.Bytes())
		}
	}
}
