package chunk

// Control byte of a point record (every point after the first); doc.go
// describes the record.
const (
	ctlTime    = 0x01 // a time delta-of-delta follows (zigzag varint, non-zero)
	ctlLinear  = 0x02 // positions are predicted by linear extrapolation, not by the previous position
	ctlPosMask = 0x0C // position residual mode, see pos* below
	ctlSOG     = 0x10 // a SOG delta follows (zigzag varint of the 16-bit difference, non-zero)
	ctlCOG     = 0x20 // a COG delta follows
	ctlHeading = 0x40 // a heading delta follows
	ctlExt     = 0x80 // an extension byte follows
)

// Position residual modes (ctlPosMask).
const (
	posZero   = 0x00 // both residuals are zero; nothing follows
	posNibble = 0x04 // one byte: lat residual in the high nibble, lon in the low, both signed 4-bit
	posVarint = 0x08 // lat then lon residual, zigzag varints of the 32-bit difference
	posBad    = 0x0C // reserved
)

// Extension byte.
const (
	extStatus = 0x01 // the NavStatus byte follows
	extFlags  = 0x02 // the Flags byte follows
	extSource = 0x04 // Source follows as a varint
	extKnown  = extStatus | extFlags | extSource
)

// Zigzag coding maps small signed numbers to small unsigned ones (0, -1, 1,
// -2 ... to 0, 1, 2, 3 ...). The 16-bit pair works on the wrapping difference
// of two uint16 fields, read as an int16.
func zig64(v int64) uint64  { return uint64(v<<1) ^ uint64(v>>63) }
func zag64(u uint64) int64  { return int64(u>>1) ^ -int64(u&1) }
func zig32(v int32) uint32  { return uint32(v<<1) ^ uint32(v>>31) }
func zag32(u uint32) int32  { return int32(u>>1) ^ -int32(u&1) }
func zig16(v uint16) uint16 { return v<<1 ^ uint16(int16(v)>>15) }
func zag16(u uint16) uint16 { return u>>1 ^ -(u & 1) }

// putUvarint writes v as a varint (7 bits a byte, low first) at b[n:] and
// returns the new n. The caller guarantees room.
func putUvarint(b []byte, n int, v uint64) int {
	for v >= 0x80 {
		b[n] = byte(v) | 0x80
		v >>= 7
		n++
	}
	b[n] = byte(v)
	return n + 1
}

// uvarint reads a varint at b[i:] of at most maxBits bits. It returns the value
// and the index after it, or ok false when the input ends first, the varint
// is longer than max bits need, or its value does not fit in max bits.
func uvarint(b []byte, i int, maxBits uint) (v uint64, next int, ok bool) {
	var s uint
	for ; i < len(b); i++ {
		c := b[i]
		if s >= maxBits {
			return 0, i, false
		}
		v |= uint64(c&0x7F) << s
		if c < 0x80 {
			if maxBits < 64 && v>>maxBits != 0 {
				return 0, i, false
			}
			if s+7 > maxBits && c>>(maxBits-s) != 0 { // bits beyond 64
				return 0, i, false
			}
			return v, i + 1, true
		}
		s += 7
	}
	return 0, i, false
}
