package ais

import "fmt"

// encodable is implemented by the message types the encoder supports.
type encodable interface {
	Message
	encode(bw *bitWriter)
}

// ErrNotEncodable is returned by Encode for message types it does not support.
var ErrNotEncodable = fmt.Errorf("message type cannot be encoded")

// Encode returns the armored 6-bit payload of m and its number of fill bits.
// It supports *PositionReport (types 1-3), *StaticVoyageData (5),
// *ClassBPosition (18), *ClassBExtended (19), *StaticDataReport (24) and
// *LongRangePosition (27). The header's Type selects the type number for
// position reports; values are rounded to the field resolution and clipped
// to the field width. Decode(Encode(m)) equals m for any m that holds values
// at field resolution.
func Encode(m Message) (payload []byte, fill int, err error) {
	var e Encoder
	return e.Append(nil, m)
}

// Encoder encodes messages like Encode, reusing its buffer: Append
// allocates nothing when dst has room. It is not safe for concurrent use.
type Encoder struct {
	bw bitWriter
}

// Append appends the armored payload of m to dst and returns it with the
// number of fill bits. Errors as Encode; dst is returned unchanged then.
func (e *Encoder) Append(dst []byte, m Message) ([]byte, int, error) {
	enc, ok := m.(encodable)
	if !ok {
		return dst, 0, fmt.Errorf("%w: %T", ErrNotEncodable, m)
	}
	e.bw = bitWriter{}
	enc.encode(&e.bw)
	dst, fill := e.bw.appendArmored(dst)
	return dst, fill, nil
}
