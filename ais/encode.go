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
	e, ok := m.(encodable)
	if !ok {
		return nil, 0, fmt.Errorf("%w: %T", ErrNotEncodable, m)
	}
	var bw bitWriter
	e.encode(&bw)
	p, f := bw.armored()
	return p, f, nil
}
