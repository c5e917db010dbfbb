package ais

import (
	"errors"
	"fmt"
)

// Message is a decoded AIS message. Concrete types are pointers to the
// structs of this package (*PositionReport, *StaticVoyageData, ...).
type Message interface {
	// Head returns the fields every message starts with.
	Head() *Header
	// WriteFields writes the message's fields, in a fixed order, to w.
	// Absent fields are not written. The header fields come first.
	WriteFields(w FieldWriter)
}

// Header holds the fields common to every AIS message.
type Header struct {
	Type   uint8  `json:"type"`   // message type, 1..27
	Repeat uint8  `json:"repeat"` // repeat indicator, 0..3
	MMSI   uint32 `json:"mmsi"`   // source MMSI (9 digits)
	// Bits is the payload length in bits as received; it is not part of the
	// message's content and is not written by WriteFields.
	Bits int `json:"-"`
}

// Head implements Message.
func (h *Header) Head() *Header { return h }

func (h *Header) decode(b *bits) {
	h.Type = uint8(b.u(0, 6))
	h.Repeat = uint8(b.u(6, 2))
	h.MMSI = uint32(b.u(8, 30))
	h.Bits = b.n
}

func (h *Header) write(w FieldWriter) {
	w.Int("type", int64(h.Type))
	w.Int("repeat", int64(h.Repeat))
	w.Int("mmsi", int64(h.MMSI))
}

// encode writes the header with message type t.
func (h *Header) encode(bw *bitWriter, t uint8) {
	bw.put(uint64(t), 6)
	bw.put(uint64(h.Repeat), 2)
	bw.put(uint64(h.MMSI), 30)
}

// FieldWriter receives a message's fields. Names are snake_case and constant.
// Objects and arrays nest: an element of an array is written with an empty
// name. Implementations must not retain the byte slices they are given.
type FieldWriter interface {
	Int(name string, v int64)
	// Float writes v rounded to the given number of decimals.
	Float(name string, v float64, decimals int)
	Bool(name string, v bool)
	String(name string, v string)
	// Text is String for a byte slice (a decoded 6-bit string).
	Text(name string, v []byte)
	// Binary writes n bits of data (left aligned, zero padded).
	Binary(name string, data []byte, n int)
	BeginObject(name string)
	EndObject()
	BeginArray(name string)
	EndArray()
}

// Sentinel errors returned (possibly wrapped) by Decode.
var (
	ErrEmpty       = errors.New("empty payload")
	ErrBadChar     = errors.New("invalid payload character")
	ErrFillBits    = errors.New("fill bits out of range 0-5")
	ErrTooLong     = fmt.Errorf("payload longer than %d bits", MaxPayloadBits)
	ErrUnknownType = errors.New("unknown message type")
	ErrShort       = errors.New("payload shorter than its type requires")
)

// ShortError reports a payload shorter than its message type requires. The
// message was still decoded: fields that lie wholly inside the payload are
// present, the others absent. It wraps ErrShort.
type ShortError struct {
	Type int // message type
	Bits int // bits received
	Need int // bits the type requires
}

func (e *ShortError) Error() string {
	return fmt.Sprintf("type %d payload has %d bits, needs %d", e.Type, e.Bits, e.Need)
}

// Unwrap returns ErrShort.
func (e *ShortError) Unwrap() error { return ErrShort }

// TypeError reports a message type outside 1..27. It wraps ErrUnknownType.
type TypeError struct{ Type int }

func (e *TypeError) Error() string { return fmt.Sprintf("unknown message type %d", e.Type) }

// Unwrap returns ErrUnknownType.
func (e *TypeError) Unwrap() error { return ErrUnknownType }

// minimum header size in bits: type, repeat, MMSI.
const headerBits = 38
