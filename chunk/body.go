package chunk

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Body returns the chunk built so far without its header: the first point
// (but for its time, which is MinTime) and the records after it. A
// write-ahead log that keeps Len, MinTime and Body has everything FromBody
// needs to rebuild the chunk, in 42 bytes less than Bytes. The result
// aliases the Encoder's buffer; it stays valid until the next Append or
// Reset. It is empty when the chunk is.
func (e *Encoder) Body() []byte {
	if e.count == 0 {
		return nil
	}
	return e.buf[e.start+HeaderSize:]
}

// FromBody appends to dst the chunk of count points whose first time is
// minT and whose body (as Encoder.Body returned it) is body, with its
// header computed by decoding the body, and returns dst.
//
// Errors: a *CorruptError (wrapping ErrCorrupt) when count is below 1 or
// body does not decode to exactly count points; dst is then returned
// unchanged. A chunk FromBody returns decodes without error.
func FromBody(dst []byte, count int, minT int64, body []byte) ([]byte, error) {
	if count < 1 || uint64(count) > MaxPoints {
		return dst, corrupt(-1, fmt.Sprintf("body of %d points", count))
	}
	if len(body) < FirstPointSize || uint64(count-1) > uint64(len(body)-FirstPointSize) {
		return dst, corrupt(-1, fmt.Sprintf("count %d does not fit in a body of %d bytes", count, len(body)))
	}
	n := len(dst)
	dst = append(dst, make([]byte, HeaderSize)...)
	dst = append(dst, body...)
	c := dst[n:]
	binary.LittleEndian.PutUint64(c[offMinT:], uint64(minT)) // where readFirst reads the first time
	// The box is what the decoding finds: let every position in.
	all := BBox{MinLat: math.MinInt32, MaxLat: math.MaxInt32, MinLon: math.MinInt32, MaxLon: math.MaxInt32}
	it := Iterator{b: c, n: count, pos: HeaderSize + FirstPointSize, p: readFirst(c), i: 1, info: Info{BBox: all}}
	box := BBox{MinLat: it.p.Lat, MaxLat: it.p.Lat, MinLon: it.p.Lon, MaxLon: it.p.Lon}
	for ; it.i < it.n; it.i++ {
		if err := it.record(); err != nil {
			return dst[:n], err
		}
		box.extend(it.p.Lat, it.p.Lon)
	}
	if it.pos != len(c) {
		return dst[:n], corrupt(-1, fmt.Sprintf("%d trailing bytes after the last point", len(c)-it.pos))
	}
	putHeader(c, uint32(count), minT, it.p.T, box)
	binary.LittleEndian.PutUint32(c[offCRC:], checksum(c))
	return dst, nil
}
