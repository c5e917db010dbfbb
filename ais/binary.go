package ais

import (
	"encoding/hex"
	"fmt"
)

// BinaryData is the binary payload of a message, left aligned and zero
// padded to whole bytes; the message's DataBits field gives its length in
// bits. encoding/json marshals it, like JSONWriter.Binary, as a lower-case
// hex string.
type BinaryData []byte

// MarshalJSON encodes the bytes as a hex string.
func (b BinaryData) MarshalJSON() ([]byte, error) {
	out := make([]byte, 0, 2*len(b)+2)
	out = append(out, '"')
	out = hex.AppendEncode(out, b)
	return append(out, '"'), nil
}

// UnmarshalJSON decodes a hex string.
func (b *BinaryData) UnmarshalJSON(data []byte) error {
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return fmt.Errorf("ais: binary data %s is not a hex string", data)
	}
	v, err := hex.AppendDecode(nil, data[1:len(data)-1])
	if err != nil {
		return fmt.Errorf("ais: binary data: %w", err)
	}
	*b = v
	return nil
}

// Application is the decoded application data of a binary message, chosen by
// the message's DAC (designated area code) and FI (function identifier).
// Concrete types are pointers to the application structs of this package
// (*MetHydro31, *MetHydro11, *InlandStatic); like the message that holds
// them they are owned by the Decoder and valid until the next Decode.
type Application interface {
	// WriteFields writes the application's fields, in a fixed order, to w.
	// Absent fields are not written. Messages write them inside an "app"
	// object.
	WriteFields(w FieldWriter)
}

// writeApp writes a as the nested object "app".
func writeApp(w FieldWriter, a Application) {
	if a == nil {
		return
	}
	w.BeginObject("app")
	a.WriteFields(w)
	w.EndObject()
}

// dataAt copies the bits from pos to the end of the payload into the
// Decoder's scratch buffer (see Decoder.binaryAt), and returns no data when
// pos lies beyond the payload.
func dataAt(b *bits, d *Decoder, pos int) (BinaryData, int) {
	if pos >= b.n {
		return d.bin[:0], 0
	}
	return d.binaryAt(b, pos)
}

// writeData writes the binary data and its bit count, when there is any.
func writeData(w FieldWriter, data BinaryData, n int) {
	if n > 0 {
		w.Binary("data", data, n)
	}
}

// AddressedBinary is an addressed binary message, type 6 (88 to 1008 bits):
// application data for one destination, identified by DAC and FI.
type AddressedBinary struct {
	Header
	SeqNo      uint8  `json:"seqno"` // sequence number 0..3, for the acknowledgement (type 7)
	DestMMSI   uint32 `json:"dest_mmsi"`
	Retransmit bool   `json:"retransmit"` // the message is a retransmission
	DAC        uint16 `json:"dac"`        // designated area code, 10 bits
	FI         uint8  `json:"fi"`         // function identifier, 6 bits
	// Data is the application data after the FI, left aligned and zero
	// padded, DataBits bits long. It aliases the Decoder's buffer and is
	// valid until the next Decode.
	Data     BinaryData `json:"data,omitempty"`
	DataBits int        `json:"data_bits,omitzero"`
	// App is the decoded application data, or nil when the DAC/FI is not
	// one this package decodes (no addressed application is decoded yet).
	App Application `json:"app,omitempty"`
}

const addressedBinaryBits = 88

func (m *AddressedBinary) decode(b *bits, d *Decoder) error {
	m.Header.decode(b)
	m.SeqNo = uint8(uintAt(b, 38, 2))
	m.DestMMSI = uint32(uintAt(b, 40, 30))
	m.Retransmit = flagAt(b, 70)
	m.DAC = uint16(uintAt(b, 72, 10))
	m.FI = uint8(uintAt(b, 82, 6))
	m.Data, m.DataBits = dataAt(b, d, 88)
	m.App = nil
	return short(b, 6, addressedBinaryBits)
}

// WriteFields implements Message.
func (m *AddressedBinary) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.Int("seqno", int64(m.SeqNo))
	w.Int("dest_mmsi", int64(m.DestMMSI))
	w.Bool("retransmit", m.Retransmit)
	w.Int("dac", int64(m.DAC))
	w.Int("fi", int64(m.FI))
	writeData(w, m.Data, m.DataBits)
	writeApp(w, m.App)
}

// BinaryBroadcast is a broadcast binary message, type 8 (56 to 1008 bits):
// application data identified by DAC and FI. The applications decoded into
// App are DAC 1 FI 31 (MetHydro31), DAC 1 FI 11 (MetHydro11) and DAC 200
// FI 10 (InlandStatic).
type BinaryBroadcast struct {
	Header
	DAC uint16 `json:"dac"` // designated area code, 10 bits
	FI  uint8  `json:"fi"`  // function identifier, 6 bits
	// Data is the application data after the FI, left aligned and zero
	// padded, DataBits bits long. It aliases the Decoder's buffer and is
	// valid until the next Decode. It is present even when App is decoded.
	Data     BinaryData `json:"data,omitempty"`
	DataBits int        `json:"data_bits,omitzero"`
	// App is the decoded application data, or nil for an application this
	// package does not decode or a message without application data. A
	// short application payload decodes the fields it holds.
	App Application `json:"app,omitempty"`

	// storage for App, reused like the message itself
	met31  MetHydro31
	met11  MetHydro11
	inland InlandStatic
}

const binaryBroadcastBits = 56

func (m *BinaryBroadcast) decode(b *bits, d *Decoder) error {
	m.Header.decode(b)
	m.DAC = uint16(uintAt(b, 40, 10))
	m.FI = uint8(uintAt(b, 50, 6))
	m.Data, m.DataBits = dataAt(b, d, 56)
	m.App = nil
	if m.DataBits > 0 {
		switch {
		case m.DAC == 1 && m.FI == 31:
			m.met31.decode(b, 56)
			m.App = &m.met31
		case m.DAC == 1 && m.FI == 11:
			m.met11.decode(b, 56)
			m.App = &m.met11
		case m.DAC == 200 && m.FI == 10:
			m.inland.decode(b, d, 56)
			m.App = &m.inland
		}
	}
	return short(b, 8, binaryBroadcastBits)
}

// WriteFields implements Message.
func (m *BinaryBroadcast) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.Int("dac", int64(m.DAC))
	w.Int("fi", int64(m.FI))
	writeData(w, m.Data, m.DataBits)
	writeApp(w, m.App)
}

// slotBinaryHead decodes the flags, destination and application identifier
// that start types 25 and 26, and returns the position of the data.
func slotBinaryHead(b *bits) (addressed, structured bool, dest Opt[uint32], dac Opt[uint16], fi Opt[uint8], pos int) {
	addressed, structured = flagAt(b, 38), flagAt(b, 39)
	pos = 40
	if addressed {
		// Every value is a destination. No spare bits follow it (as gpsd,
		// libais and pyais read M.1371).
		dest = uintOpt[uint32](b, 40, 30, 1<<30)
		pos = 70
	}
	if structured {
		dac = uintOpt[uint16](b, pos, 10, 1<<10)
		fi = uintOpt[uint8](b, pos+10, 6, 1<<6)
		pos += 16
	}
	return addressed, structured, dest, dac, fi, pos
}

// SingleSlotBinary is a single-slot binary message, type 25 (40 to 168
// bits). The Addressed flag says whether a destination MMSI precedes the
// data, the Structured flag whether a DAC and FI do.
type SingleSlotBinary struct {
	Header
	Addressed  bool        `json:"addressed"`
	Structured bool        `json:"structured"`
	DestMMSI   Opt[uint32] `json:"dest_mmsi,omitzero"` // addressed messages only
	DAC        Opt[uint16] `json:"dac,omitzero"`       // structured messages only
	FI         Opt[uint8]  `json:"fi,omitzero"`        // structured messages only
	// Data is the binary data, left aligned, DataBits bits long; it aliases
	// the Decoder's buffer and is valid until the next Decode.
	Data     BinaryData `json:"data,omitempty"`
	DataBits int        `json:"data_bits,omitzero"`
}

func (m *SingleSlotBinary) decode(b *bits, d *Decoder) error {
	m.Header.decode(b)
	var pos int
	m.Addressed, m.Structured, m.DestMMSI, m.DAC, m.FI, pos = slotBinaryHead(b)
	m.Data, m.DataBits = dataAt(b, d, pos)
	return short(b, 25, pos)
}

// WriteFields implements Message.
func (m *SingleSlotBinary) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.Bool("addressed", m.Addressed)
	w.Bool("structured", m.Structured)
	writeUint(w, "dest_mmsi", m.DestMMSI)
	writeUint(w, "dac", m.DAC)
	writeUint(w, "fi", m.FI)
	writeData(w, m.Data, m.DataBits)
}

// MultiSlotBinary is a multiple-slot binary message with communication
// state, type 26 (60 to 1064 bits). It is laid out like type 25 and ends
// with a 20-bit radio status. A payload too short for the head and the radio
// status has no data and no radio status.
type MultiSlotBinary struct {
	Header
	Addressed  bool        `json:"addressed"`
	Structured bool        `json:"structured"`
	DestMMSI   Opt[uint32] `json:"dest_mmsi,omitzero"` // addressed messages only
	DAC        Opt[uint16] `json:"dac,omitzero"`       // structured messages only
	FI         Opt[uint8]  `json:"fi,omitzero"`        // structured messages only
	// Data is the binary data between the head and the radio status, left
	// aligned, DataBits bits long; it aliases the Decoder's buffer and is
	// valid until the next Decode.
	Data     BinaryData `json:"data,omitempty"`
	DataBits int        `json:"data_bits,omitzero"`
	// Radio is the communication state: the selector flag (0 SOTDMA,
	// 1 ITDMA) followed by 19 bits of state, 20 bits in all.
	Radio uint32 `json:"radio"`
}

func (m *MultiSlotBinary) decode(b *bits, d *Decoder) error {
	m.Header.decode(b)
	var pos int
	m.Addressed, m.Structured, m.DestMMSI, m.DAC, m.FI, pos = slotBinaryHead(b)
	need := pos + 20
	m.Data, m.DataBits, m.Radio = d.bin[:0], 0, 0
	if b.n >= need {
		m.Data, m.DataBits = b.bytes(pos, b.n-20-pos, d.bin[:0])
		m.Radio = uint32(b.u(b.n-20, 20))
	}
	return short(b, 26, need)
}

// WriteFields implements Message.
func (m *MultiSlotBinary) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.Bool("addressed", m.Addressed)
	w.Bool("structured", m.Structured)
	writeUint(w, "dest_mmsi", m.DestMMSI)
	writeUint(w, "dac", m.DAC)
	writeUint(w, "fi", m.FI)
	writeData(w, m.Data, m.DataBits)
	w.Int("radio", int64(m.Radio))
}
