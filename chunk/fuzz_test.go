package chunk

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"
)

// fixCRC returns a copy of b with a correct checksum, so that tests and the
// fuzzer reach the checks behind it. b shorter than a header is returned as is.
func fixCRC(b []byte) []byte {
	c := append([]byte(nil), b...)
	if len(c) >= HeaderSize {
		binary.LittleEndian.PutUint32(c[offCRC:], checksum(c))
	}
	return c
}

// fuzzSeeds are chunks worth starting from.
func fuzzSeeds(tb testing.TB) [][]byte {
	seeds := [][]byte{
		encode(tb, nil),
		encode(tb, []Point{{T: 5, Lat: 1, Lon: 2}}),
		encode(tb, simulatedTrack(40, 11)),
		encode(tb, []Point{{T: math.MinInt64, Lat: math.MinInt32, Lon: math.MinInt32},
			{T: math.MaxInt64, Lat: math.MaxInt32, Lon: math.MaxInt32, SOG: 1, COG: 2, Heading: 3, NavStatus: 4, Flags: 5, Source: 600}}),
		{Magic, Version},
		{},
	}
	return seeds
}

// checkDecode decodes b every way and checks that the ways agree, that
// nothing runs away and that whatever decodes re-encodes to the same points.
func checkDecode(t *testing.T, b []byte) {
	info, statErr := Stat(b)
	it, itErr := NewIterator(b)
	ps, decErr := Decode(b, nil)
	if itErr != nil && (decErr == nil || decErr.Error() != itErr.Error()) {
		t.Fatalf("NewIterator: %v, Decode: %v", itErr, decErr)
	}
	if itErr == nil && statErr != nil {
		t.Fatalf("NewIterator accepts what Stat rejects: %v", statErr)
	}
	if decErr != nil {
		if !errors.Is(decErr, ErrCorrupt) && !errors.Is(decErr, ErrVersion) {
			t.Fatalf("Decode error %v wraps neither ErrCorrupt nor ErrVersion", decErr)
		}
		if len(ps) > len(b) {
			t.Fatalf("%d points from %d bytes before the error", len(ps), len(b))
		}
		return
	}
	n := 0
	for it.Next() {
		if it.At() != ps[n] {
			t.Fatalf("point %d: Iterator %+v, Decode %+v", n, it.At(), ps[n])
		}
		n++
	}
	if it.Err() != nil || n != len(ps) || n != info.Count {
		t.Fatalf("Iterator: %d points, %v; Decode %d; Stat %d", n, it.Err(), len(ps), info.Count)
	}
	if n > 0 && (ps[0].T != info.MinTime || ps[n-1].T != info.MaxTime) {
		t.Fatalf("times %d..%d, header %d..%d", ps[0].T, ps[n-1].T, info.MinTime, info.MaxTime)
	}
	for i, p := range ps {
		if !info.BBox.Contains(p.Lat, p.Lon) {
			t.Fatalf("point %d outside the header box", i)
		}
	}
	again, err := Decode(encode(t, ps), nil)
	if err != nil || len(again) != len(ps) {
		t.Fatalf("re-encoding: %v, %d points of %d", err, len(again), len(ps))
	}
	for i := range ps {
		if again[i] != ps[i] {
			t.Fatalf("re-encoding changed point %d", i)
		}
	}
}

// FuzzDecode feeds arbitrary bytes to every reader, as they are and with the
// checksum fixed so that the structural checks are reached.
func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkDecode(t, b)
		checkDecode(t, fixCRC(b))
	})
}

// pointsFromBytes derives a time-ordered track from fuzz input: each point
// takes a selector byte saying which fields change, then the new values.
func pointsFromBytes(data []byte) []Point {
	var ps []Point
	var p Point
	take := func(n int) uint64 {
		var v uint64
		for i := 0; i < n && len(data) > 0; i++ {
			v = v<<8 | uint64(data[0])
			data = data[1:]
		}
		return v
	}
	first := true
	for len(data) > 0 {
		sel := take(1)
		var d int64 // non-negative; the addition saturates
		switch sel & 3 {
		case 1:
			d = int64(take(1))
		case 2:
			d = int64(take(3))
		case 3:
			d = int64(take(8) >> 1)
		}
		if p.T > math.MaxInt64-d {
			p.T = math.MaxInt64
		} else {
			p.T += d
		}
		if first && sel&4 != 0 {
			p.T = int64(take(8))
		}
		if sel&8 != 0 {
			p.Lat += int32(int8(take(1)))
			p.Lon += int32(int8(take(1)))
		}
		if sel&16 != 0 {
			p.Lat, p.Lon = int32(take(4)), int32(take(4))
		}
		if sel&32 != 0 {
			p.SOG, p.COG, p.Heading = uint16(take(2)), uint16(take(2)), uint16(take(2))
		}
		if sel&64 != 0 {
			p.SOG++
			p.COG--
		}
		if sel&128 != 0 {
			p.NavStatus, p.Flags, p.Source = uint8(take(1)), uint8(take(1)), uint16(take(2))
		}
		ps = append(ps, p)
		first = false
	}
	return ps
}

// FuzzRoundTrip encodes tracks derived from fuzz input and checks that they
// decode to themselves, and that an older point is refused.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0x01, 0x10})
	f.Add([]byte{0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22})
	f.Add([]byte{0x0B, 1, 2, 0x0B, 3, 4, 0x0B, 5, 6, 0x4A, 2, 0x83, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3, 4})
	f.Fuzz(func(t *testing.T, data []byte) {
		ps := pointsFromBytes(data)
		roundTrip(t, ps)
		if len(ps) > 0 && ps[len(ps)-1].T > math.MinInt64 {
			e := NewEncoder(nil)
			for _, p := range ps {
				if err := e.Append(p); err != nil {
					t.Fatal(err)
				}
			}
			older := ps[len(ps)-1]
			older.T--
			if err := e.Append(older); !errors.Is(err, ErrOutOfOrder) {
				t.Fatalf("Append of an older point: %v", err)
			}
		}
	})
}
