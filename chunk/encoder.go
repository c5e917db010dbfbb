package chunk

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// Encoder builds one chunk from points appended in non-decreasing time order.
// It appends nothing but the chunk to the buffer it was given, and allocates
// only when that buffer must grow: with a buffer of enough capacity (after a
// Reset, for instance) Append allocates nothing.
//
// An Encoder is not safe for concurrent use.
type Encoder struct {
	buf   []byte // the caller's prefix, then the chunk being built
	start int    // offset of the chunk in buf
	count uint32
	box   BBox
	minT  int64
	prev  Point
	// deltas of the previous point from the one before it; zero after the
	// first point.
	dT         int64
	dLat, dLon int32
}

// NewEncoder returns an Encoder that appends a new, empty chunk to dst: the
// bytes of dst are kept, and its spare capacity is used before any
// allocation.
func NewEncoder(dst []byte) *Encoder {
	e := &Encoder{}
	e.Reset(dst)
	return e
}

// Reset discards the chunk being built and starts a new, empty one appended
// to dst, as NewEncoder does, keeping nothing from before.
func (e *Encoder) Reset(dst []byte) {
	*e = Encoder{buf: dst, start: len(dst)}
	e.buf = append(e.buf, make([]byte, HeaderSize)...)
}

// Len returns the number of points in the chunk.
func (e *Encoder) Len() int { return int(e.count) }

// Size returns the length in bytes of the chunk as Bytes would return it,
// not counting the prefix given to NewEncoder or Reset.
func (e *Encoder) Size() int { return len(e.buf) - e.start }

// MinTime returns the time of the first point, or 0 when the chunk is empty.
func (e *Encoder) MinTime() int64 { return e.minT }

// MaxTime returns the time of the last point, or 0 when the chunk is empty.
func (e *Encoder) MaxTime() int64 { return e.prev.T }

// BBox returns the smallest box that contains every position of the chunk;
// the zero BBox when it is empty.
func (e *Encoder) BBox() BBox { return e.box }

// Touch reads the end of the chunk built so far, where the next Append
// writes, and returns a byte of it. It changes nothing: a caller that
// appends to many encoders calls it for the next few first, so that the
// processor fetches their cache lines from memory together rather than one
// Append after another.
func (e *Encoder) Touch() byte {
	if len(e.buf) == 0 {
		return 0
	}
	return e.buf[len(e.buf)-1]
}

// Bytes completes the header and returns the buffer: the prefix given to
// NewEncoder or Reset followed by the chunk, which is buf[len(prefix):].
// The result aliases the Encoder's buffer; it stays valid until the next
// Append or Reset. More points may be appended after Bytes, and Bytes
// called again.
func (e *Encoder) Bytes() []byte {
	h := e.buf[e.start:]
	putHeader(h, e.count, e.minT, e.prev.T, e.box)
	binary.LittleEndian.PutUint32(h[offCRC:], checksum(h))
	return e.buf
}

// AppendChunk appends a copy of the chunk built so far, header completed,
// to dst and returns it. Unlike Bytes it does not write to the Encoder, so
// several goroutines may call it at once while no Append or Reset runs.
func (e *Encoder) AppendChunk(dst []byte) []byte {
	n := len(dst)
	dst = append(dst, e.buf[e.start:]...)
	h := dst[n:]
	putHeader(h, e.count, e.minT, e.prev.T, e.box)
	binary.LittleEndian.PutUint32(h[offCRC:], checksum(h))
	return dst
}

// Append adds p to the chunk.
//
// Errors: ErrOutOfOrder (wrapped, naming both times) when p.T is before the
// time of the previous point; equal times are accepted. ErrFull when the
// chunk holds MaxPoints points. On error the chunk is unchanged.
func (e *Encoder) Append(p Point) error {
	if e.count == 0 {
		e.first(p)
		return nil
	}
	if p.T < e.prev.T {
		return fmt.Errorf("%w: point %d at %d ms is before the previous one at %d ms",
			ErrOutOfOrder, e.count, p.T, e.prev.T)
	}
	if e.count == MaxPoints {
		return ErrFull
	}
	if cap(e.buf)-len(e.buf) < maxRecord+2 {
		e.grow()
	}
	n := len(e.buf)
	b := e.buf[n : n+maxRecord+2] // put16 writes up to 2 bytes past the record
	i := 1
	var ctl byte

	// Time: delta-of-delta, omitted when zero. Wrapping arithmetic keeps
	// every int64 sequence lossless.
	dT := p.T - e.prev.T
	if dod := dT - e.dT; dod != 0 {
		ctl |= ctlTime
		i = putUvarint(b, i, zig64(dod))
	}

	// Position: the residual from the previous position or from linear
	// extrapolation, whichever has the smaller magnitude (wrapping 32-bit
	// arithmetic). A residual fits a nibble exactly when its zigzag form is
	// below 16.
	dLat, dLon := p.Lat-e.prev.Lat, p.Lon-e.prev.Lon
	zLat, zLon := zig32(dLat), zig32(dLon)
	lLat, lLon := zig32(dLat-e.dLat), zig32(dLon-e.dLon)
	if lLat|lLon < zLat|zLon {
		ctl |= ctlLinear
		zLat, zLon = lLat, lLon
	}
	if m := zLat | zLon; m >= 16 {
		ctl |= posVarint
		i = putUvarint(b, i, uint64(zLat))
		i = putUvarint(b, i, uint64(zLon))
	} else if m != 0 {
		ctl |= posNibble
		b[i] = byte(zag32(zLat))<<4 | byte(zag32(zLon))&0x0F
		i++
	}

	// Slowly changing fields: present only when they change.
	var c byte
	i, c = put16(b, i, zig16(p.SOG-e.prev.SOG))
	ctl |= ctlSOG & c
	i, c = put16(b, i, zig16(p.COG-e.prev.COG))
	ctl |= ctlCOG & c
	i, c = put16(b, i, zig16(p.Heading-e.prev.Heading))
	ctl |= ctlHeading & c
	if p.NavStatus != e.prev.NavStatus || p.Flags != e.prev.Flags || p.Source != e.prev.Source {
		ctl |= ctlExt
		i = e.ext(b, i, p)
	}
	b[0] = ctl
	e.buf = e.buf[:n+i]

	e.box.extend(p.Lat, p.Lon)
	e.dT, e.dLat, e.dLon = dT, dLat, dLon
	e.prev = p
	e.count++
	return nil
}

// ext writes the extension byte and the rare fields of p that changed at
// b[i:] and returns the index after them.
func (e *Encoder) ext(b []byte, i int, p Point) int {
	x := i
	i++
	var ext byte
	if p.NavStatus != e.prev.NavStatus {
		ext |= extStatus
		b[i] = p.NavStatus
		i++
	}
	if p.Flags != e.prev.Flags {
		ext |= extFlags
		b[i] = p.Flags
		i++
	}
	if p.Source != e.prev.Source {
		ext |= extSource
		i = putUvarint(b, i, uint64(p.Source))
	}
	b[x] = ext
	return i
}

// first starts the chunk with p, stored in full.
func (e *Encoder) first(p Point) {
	n := len(e.buf)
	e.buf = append(e.buf, make([]byte, FirstPointSize)...)
	putFirst(e.buf[n:], p)
	e.minT = p.T
	e.box = BBox{MinLat: p.Lat, MaxLat: p.Lat, MinLon: p.Lon, MaxLon: p.Lon}
	e.prev = p
	e.count = 1
}

// grow makes room for at least one more record, doubling the capacity.
func (e *Encoder) grow() {
	nb := make([]byte, len(e.buf), 2*cap(e.buf)+maxRecord+2)
	copy(nb, e.buf)
	e.buf = nb
}

// put16 writes the zigzag delta z of a 16-bit field as a varint at b[i:]
// (which has room for 3 bytes) and returns the index after it and 0xFF when
// z is non-zero; when z is zero it returns i and 0. It has no branches:
// whether a field changes is unpredictable.
func put16(b []byte, i int, z uint16) (int, byte) {
	b[i] = byte(z) | 0x80
	b[i+1] = byte(z>>7) | 0x80
	b[i+2] = byte(z >> 14)
	n := 1 + (bits.Len16(z|1)-1)/7
	b[i+n-1] &= 0x7F
	c := -int(uint(-int(z)) >> 63) // -1 when z != 0, else 0
	return i + n&c, byte(c)
}
