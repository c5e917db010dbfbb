package chunk

import (
	"encoding/binary"
	"fmt"
)

// Iterator decodes the points of a chunk one at a time, in order, without
// allocating. It checks the chunk as it goes: a corrupt chunk ends the
// iteration with an error wrapping ErrCorrupt, never with a panic, and every
// call to Next consumes at least one byte of the input.
//
// An Iterator is not safe for concurrent use.
type Iterator struct {
	b     []byte
	pos   int // next record in b
	i     int // index of the next point
	n     int // number of points
	info  Info
	p     Point // the current point
	dT    int64
	dLat  int32
	dLon  int32
	err   error
	ended bool
}

// NewIterator returns an Iterator over the chunk b, positioned before its
// first point. It verifies the header (see Stat) and the checksum; the points
// are verified as Next decodes them. The Iterator reads b in place: b must not
// change during the iteration.
//
// Errors: those of Stat, and a *CorruptError when the checksum does not
// match.
func NewIterator(b []byte) (*Iterator, error) {
	it := &Iterator{}
	if err := it.Reset(b); err != nil {
		return nil, err
	}
	return it, nil
}

// Reset makes it iterate over chunk b from the start, as NewIterator does,
// reusing it without allocating. On error it is left empty: Next returns
// false and Err returns the error.
func (it *Iterator) Reset(b []byte) error {
	*it = Iterator{}
	info, err := Stat(b)
	if err == nil {
		if got, want := checksum(b), binary.LittleEndian.Uint32(b[offCRC:]); got != want {
			err = corrupt(-1, fmt.Sprintf("checksum %08x, header says %08x", got, want))
		}
	}
	if err != nil {
		it.err, it.ended = err, true
		return err
	}
	it.b, it.info, it.n = b, info, info.Count
	it.pos = HeaderSize + FirstPointSize
	return nil
}

// Info returns what the header says about the chunk (the zero Info when
// Reset or NewIterator failed).
func (it *Iterator) Info() Info { return it.info }

// At returns the current point: the one the last successful Next decoded.
func (it *Iterator) At() Point { return it.p }

// Err returns the error that ended the iteration, or nil when it ended at
// the last point or has not ended.
func (it *Iterator) Err() error { return it.err }

// Next decodes the next point and reports whether there is one. It returns
// false at the end of the chunk and on error; Err tells which. After the
// last point it checks that the chunk ends there and that the last time
// matches the header.
func (it *Iterator) Next() bool {
	if it.i >= it.n {
		if !it.ended {
			it.finish()
		}
		return false
	}
	if it.i == 0 {
		it.p = readFirst(it.b)
		it.i = 1
		return true
	}
	if err := it.record(); err != nil {
		it.err, it.ended, it.n = err, true, it.i
		return false
	}
	it.i++
	return true
}

// finish checks the end of the chunk.
func (it *Iterator) finish() {
	it.ended = true
	switch {
	case it.n == 0:
	case it.pos != len(it.b):
		it.err = corrupt(-1, fmt.Sprintf("%d trailing bytes after the last point", len(it.b)-it.pos))
	case it.p.T != it.info.MaxTime:
		it.err = corrupt(it.n-1, fmt.Sprintf("last time %d, header says %d", it.p.T, it.info.MaxTime))
	}
}

// record decodes the point record at it.pos into it.p. The one-byte case of
// every varint is decoded in line: it is the common one.
func (it *Iterator) record() error {
	b, i := it.b, it.pos
	if i >= len(b) {
		return corrupt(it.i, "truncated")
	}
	ctl := b[i]
	i++
	// Scalars rather than a Point copy: they stay in registers.
	t, lat, lon := it.p.T, it.p.Lat, it.p.Lon
	sog, cog, hdg := it.p.SOG, it.p.COG, it.p.Heading
	var (
		u  uint64
		ok bool
	)

	dT := it.dT
	if ctl&ctlTime != 0 {
		if i < len(b) && b[i] < 0x80 {
			u, i = uint64(b[i]), i+1
		} else if u, i, ok = uvarint(b, i, 64); !ok {
			return corrupt(it.i, "bad time delta-of-delta")
		}
		if u == 0 {
			return corrupt(it.i, "zero time delta-of-delta")
		}
		dT += zag64(u)
	}
	// Deltas wrap: the true delta is uint64(dT), and the point is in order
	// exactly when adding it does not pass math.MaxInt64.
	t += dT
	if t < it.p.T {
		return corrupt(it.i, "time goes backwards")
	}

	var rLat, rLon int32
	switch ctl & ctlPosMask {
	case posZero:
	case posNibble:
		if i >= len(b) {
			return corrupt(it.i, "truncated position")
		}
		rLat, rLon = int32(int8(b[i])>>4), int32(int8(b[i]<<4)>>4)
		i++
	case posVarint:
		if i < len(b) && b[i] < 0x80 {
			u, i = uint64(b[i]), i+1
		} else if u, i, ok = uvarint(b, i, 32); !ok {
			return corrupt(it.i, "bad latitude residual")
		}
		rLat = zag32(uint32(u))
		if i < len(b) && b[i] < 0x80 {
			u, i = uint64(b[i]), i+1
		} else if u, i, ok = uvarint(b, i, 32); !ok {
			return corrupt(it.i, "bad longitude residual")
		}
		rLon = zag32(uint32(u))
	default:
		return corrupt(it.i, "reserved position mode")
	}
	dLat, dLon := rLat, rLon
	if ctl&ctlLinear != 0 {
		dLat, dLon = rLat+it.dLat, rLon+it.dLon
	}
	lat += dLat
	lon += dLon
	if !it.info.BBox.Contains(lat, lon) {
		return corrupt(it.i, "position outside the box")
	}

	if ctl&ctlSOG != 0 {
		if i < len(b) && b[i] < 0x80 {
			u, i = uint64(b[i]), i+1
		} else if u, i, ok = uvarint(b, i, 16); !ok {
			return corrupt(it.i, "bad SOG delta")
		}
		if u == 0 {
			return corrupt(it.i, "zero SOG delta")
		}
		sog += zag16(uint16(u))
	}
	if ctl&ctlCOG != 0 {
		if i < len(b) && b[i] < 0x80 {
			u, i = uint64(b[i]), i+1
		} else if u, i, ok = uvarint(b, i, 16); !ok {
			return corrupt(it.i, "bad COG delta")
		}
		if u == 0 {
			return corrupt(it.i, "zero COG delta")
		}
		cog += zag16(uint16(u))
	}
	if ctl&ctlHeading != 0 {
		if i < len(b) && b[i] < 0x80 {
			u, i = uint64(b[i]), i+1
		} else if u, i, ok = uvarint(b, i, 16); !ok {
			return corrupt(it.i, "bad heading delta")
		}
		if u == 0 {
			return corrupt(it.i, "zero heading delta")
		}
		hdg += zag16(uint16(u))
	}
	if ctl&ctlExt != 0 {
		status, flags, source, next, err := it.ext(b, i)
		if err != nil {
			return err
		}
		it.p.NavStatus, it.p.Flags, it.p.Source, i = status, flags, source, next
	}
	it.p.T, it.p.Lat, it.p.Lon = t, lat, lon
	it.p.SOG, it.p.COG, it.p.Heading = sog, cog, hdg
	it.pos = i
	it.dT, it.dLat, it.dLon = dT, dLat, dLon
	return nil
}

// ext decodes the extension byte at b[i] and the fields it announces
// (unchanged ones from it.p) and returns them with the index after them.
func (it *Iterator) ext(b []byte, i int) (status, flags uint8, source uint16, next int, err error) {
	status, flags, source = it.p.NavStatus, it.p.Flags, it.p.Source
	if i >= len(b) {
		return status, flags, source, i, corrupt(it.i, "truncated extension")
	}
	ext := b[i]
	i++
	if ext == 0 || ext&^extKnown != 0 {
		return status, flags, source, i, corrupt(it.i, fmt.Sprintf("bad extension byte 0x%02x", ext))
	}
	if ext&extStatus != 0 {
		if i >= len(b) {
			return status, flags, source, i, corrupt(it.i, "truncated status")
		}
		status = b[i]
		i++
	}
	if ext&extFlags != 0 {
		if i >= len(b) {
			return status, flags, source, i, corrupt(it.i, "truncated flags")
		}
		flags = b[i]
		i++
	}
	if ext&extSource != 0 {
		u, next, ok := uvarint(b, i, 16)
		if !ok {
			return status, flags, source, i, corrupt(it.i, "bad source")
		}
		source, i = uint16(u), next
	}
	return status, flags, source, i, nil
}

// Decode appends the points of chunk b to dst and returns the extended
// slice. It allocates at most once, for the points the header announces
// (bounded by the length of b).
//
// Errors: those of NewIterator and Iterator.Err; on error it returns dst
// with the points decoded before the problem appended.
func Decode(b []byte, dst []Point) ([]Point, error) {
	var it Iterator
	if err := it.Reset(b); err != nil {
		return dst, err
	}
	dst = grow(dst, it.n)
	for it.Next() {
		dst = append(dst, it.p)
	}
	return dst, it.err
}

// grow returns dst with room for n more points.
func grow(dst []Point, n int) []Point {
	if cap(dst)-len(dst) >= n {
		return dst
	}
	nd := make([]Point, len(dst), len(dst)+n)
	copy(nd, dst)
	return nd
}
