package chunk

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// Format constants of version 1; doc.go describes the layout.
const (
	// Magic is the first byte of every chunk.
	Magic byte = 0xA7
	// Version is the format version this package writes (byte 1).
	Version byte = 1
	// HeaderSize is the size of the fixed header, which is all an empty
	// chunk holds.
	HeaderSize = 42
	// FirstPointSize is the size of the first point's fields after T, stored
	// in full right after the header when the chunk is not empty.
	FirstPointSize = 18
	// MaxPoints is the most points one chunk holds.
	MaxPoints = 1<<32 - 1
	// maxRecord bounds the size of one encoded point after the first:
	// control 1, time 10, position 2*5, SOG/COG/heading 3*3, extension
	// 1+1+1+3.
	maxRecord = 1 + 10 + 10 + 9 + 6
)

// Header field offsets.
const (
	offMagic   = 0
	offVersion = 1
	offCRC     = 2 // CRC-32C (Castagnoli) of b[offCount:]
	offCount   = 6
	offMinT    = 10
	offMaxT    = 18
	offMinLat  = 26
	offMaxLat  = 30
	offMinLon  = 34
	offMaxLon  = 38
)

// checksum returns the CRC-32C a chunk stores at offCRC; b must hold at least
// HeaderSize bytes.
// crc32.MakeTable caches the Castagnoli table, so this allocates nothing.
func checksum(b []byte) uint32 {
	return crc32.Checksum(b[offCount:], crc32.MakeTable(crc32.Castagnoli))
}

// Info is what the header of a chunk says about its points.
type Info struct {
	Count   int   // number of points, 0..MaxPoints
	MinTime int64 // T of the first point; 0 when Count is 0
	MaxTime int64 // T of the last point; 0 when Count is 0
	BBox    BBox  // a box containing every position (Encoder writes the smallest); zero when Count is 0
	Size    int   // length of the chunk in bytes (the whole input)
}

// Stat reads the header of chunk b without decoding its points and without
// verifying the checksum, in constant time. b must be exactly one chunk.
//
// Errors: ErrVersion (wrapped) for a version other than Version; a
// *CorruptError (wrapping ErrCorrupt) when the header is malformed or
// inconsistent with the length of b: bad magic, too short, a count that the
// bytes cannot hold, inverted time range or box, or a first point outside the
// box. A chunk that Stat accepts may still fail to decode; NewIterator
// verifies the checksum and every point.
func Stat(b []byte) (Info, error) {
	if len(b) < HeaderSize {
		return Info{}, corrupt(-1, fmt.Sprintf("%d bytes, shorter than the %d-byte header", len(b), HeaderSize))
	}
	if b[offMagic] != Magic {
		return Info{}, corrupt(-1, fmt.Sprintf("bad magic byte 0x%02x", b[offMagic]))
	}
	if b[offVersion] != Version {
		return Info{}, fmt.Errorf("%w: %d (this reader reads %d)", ErrVersion, b[offVersion], Version)
	}
	in := Info{
		Count:   int(binary.LittleEndian.Uint32(b[offCount:])),
		MinTime: int64(binary.LittleEndian.Uint64(b[offMinT:])),
		MaxTime: int64(binary.LittleEndian.Uint64(b[offMaxT:])),
		BBox: BBox{
			MinLat: int32(binary.LittleEndian.Uint32(b[offMinLat:])),
			MaxLat: int32(binary.LittleEndian.Uint32(b[offMaxLat:])),
			MinLon: int32(binary.LittleEndian.Uint32(b[offMinLon:])),
			MaxLon: int32(binary.LittleEndian.Uint32(b[offMaxLon:])),
		},
		Size: len(b),
	}
	if in.Count == 0 {
		if len(b) != HeaderSize {
			return Info{}, corrupt(-1, fmt.Sprintf("empty chunk of %d bytes, want %d", len(b), HeaderSize))
		}
		if in.MinTime != 0 || in.MaxTime != 0 || in.BBox != (BBox{}) {
			return Info{}, corrupt(-1, "empty chunk with a non-zero time range or box")
		}
		return in, nil
	}
	body := len(b) - HeaderSize - FirstPointSize
	if body < 0 {
		return Info{}, corrupt(0, fmt.Sprintf("%d bytes, too short for the first point", len(b)))
	}
	// Every point after the first takes at least its control byte.
	if uint64(in.Count-1) > uint64(body) {
		return Info{}, corrupt(-1, fmt.Sprintf("count %d does not fit in %d bytes", in.Count, len(b)))
	}
	if in.MinTime > in.MaxTime {
		return Info{}, corrupt(-1, fmt.Sprintf("time range %d..%d inverted", in.MinTime, in.MaxTime))
	}
	if !in.BBox.valid() {
		return Info{}, corrupt(-1, fmt.Sprintf("box %+v inverted", in.BBox))
	}
	first := readFirst(b)
	if !in.BBox.Contains(first.Lat, first.Lon) {
		return Info{}, corrupt(0, "first position outside the box")
	}
	return in, nil
}

// putHeader writes the header fields other than the checksum into h, which
// holds at least HeaderSize bytes.
func putHeader(h []byte, count uint32, minT, maxT int64, box BBox) {
	h[offMagic] = Magic
	h[offVersion] = Version
	binary.LittleEndian.PutUint32(h[offCount:], count)
	binary.LittleEndian.PutUint64(h[offMinT:], uint64(minT))
	binary.LittleEndian.PutUint64(h[offMaxT:], uint64(maxT))
	binary.LittleEndian.PutUint32(h[offMinLat:], uint32(box.MinLat))
	binary.LittleEndian.PutUint32(h[offMaxLat:], uint32(box.MaxLat))
	binary.LittleEndian.PutUint32(h[offMinLon:], uint32(box.MinLon))
	binary.LittleEndian.PutUint32(h[offMaxLon:], uint32(box.MaxLon))
}

// putFirst writes every field of p but T into f, which holds at least
// FirstPointSize bytes.
func putFirst(f []byte, p Point) {
	_ = f[FirstPointSize-1]
	binary.LittleEndian.PutUint32(f[0:], uint32(p.Lat))
	binary.LittleEndian.PutUint32(f[4:], uint32(p.Lon))
	binary.LittleEndian.PutUint16(f[8:], p.SOG)
	binary.LittleEndian.PutUint16(f[10:], p.COG)
	binary.LittleEndian.PutUint16(f[12:], p.Heading)
	f[14] = p.NavStatus
	f[15] = p.Flags
	binary.LittleEndian.PutUint16(f[16:], p.Source)
}

// readFirst reads the first point of a chunk whose header says it has one;
// b holds at least HeaderSize+FirstPointSize bytes.
func readFirst(b []byte) Point {
	f := b[HeaderSize : HeaderSize+FirstPointSize]
	return Point{
		T:         int64(binary.LittleEndian.Uint64(b[offMinT:])),
		Lat:       int32(binary.LittleEndian.Uint32(f[0:])),
		Lon:       int32(binary.LittleEndian.Uint32(f[4:])),
		SOG:       binary.LittleEndian.Uint16(f[8:]),
		COG:       binary.LittleEndian.Uint16(f[10:]),
		Heading:   binary.LittleEndian.Uint16(f[12:]),
		NavStatus: f[14],
		Flags:     f[15],
		Source:    binary.LittleEndian.Uint16(f[16:]),
	}
}
