package chunk

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// TestTruncated: every proper prefix of a chunk is rejected, with its
// checksum as written and with the checksum fixed.
func TestTruncated(t *testing.T) {
	b := encode(t, simulatedTrack(30, 12))
	for n := 0; n < len(b); n++ {
		for _, c := range [][]byte{b[:n], fixCRC(b[:n])} {
			if _, err := Decode(c, nil); !errors.Is(err, ErrCorrupt) {
				t.Fatalf("prefix of %d bytes: %v, want ErrCorrupt", n, err)
			}
		}
	}
}

// TestBitFlips: flipping any bit is caught by the checksum; with the
// checksum fixed it either fails as corrupt or decodes to something that
// re-encodes consistently (checkDecode), and never panics.
func TestBitFlips(t *testing.T) {
	b := encode(t, simulatedTrack(20, 13))
	for i := range b {
		for bit := range 8 {
			c := append([]byte(nil), b...)
			c[i] ^= 1 << bit
			if _, err := Decode(c, nil); err == nil {
				t.Fatalf("flip of byte %d bit %d not detected", i, bit)
			}
			checkDecode(t, fixCRC(c))
		}
	}
}

// TestCorruptCases breaks one invariant at a time (checksum fixed) and
// checks the error names it.
func TestCorruptCases(t *testing.T) {
	ps := []Point{
		{T: 1000, Lat: 100, Lon: 200, SOG: 10},
		{T: 2000, Lat: 110, Lon: 190, SOG: 11},
		{T: 3000, Lat: 120, Lon: 180, SOG: 11},
	}
	good := encode(t, ps)
	body := HeaderSize + FirstPointSize
	edit := func(f func(b []byte) []byte) []byte {
		return fixCRC(f(append([]byte(nil), good...)))
	}
	cases := []struct {
		name string
		b    []byte
		want string
	}{
		{"bad magic", edit(func(b []byte) []byte { b[0] = 0; return b }), "magic"},
		{"short", good[:HeaderSize-1], "shorter than"},
		{"empty with box", edit(func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[offCount:], 0)
			return b[:HeaderSize]
		}), "empty chunk"},
		{"count too big", edit(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[offCount:], 1<<31); return b }), "does not fit"},
		{"count too small", edit(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[offCount:], 2); return b }), "trailing"},
		{"trailing byte", edit(func(b []byte) []byte { return append(b, 0) }), "trailing"},
		{"max time", edit(func(b []byte) []byte { binary.LittleEndian.PutUint64(b[offMaxT:], 2999); return b }), "last time"},
		{"time inverted", edit(func(b []byte) []byte { binary.LittleEndian.PutUint64(b[offMaxT:], 999); return b }), "inverted"},
		{"box too small", edit(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[offMaxLat:], 115); return b }), "outside the box"},
		{"box inverted", edit(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[offMaxLat:], 50); return b }), "inverted"},
		{"first outside box", edit(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[offMaxLon:], 195); return b }), "first position"},
		{"reserved position mode", edit(func(b []byte) []byte { b[body] |= posBad; return b }), "reserved position"},
		{"extension zero", edit(func(b []byte) []byte {
			b[len(b)-1-recordLen(t, b)+1] |= ctlExt // last record: set ext, append a zero ext byte
			return append(b, 0)
		}), "extension byte 0x00"},
		{"extension reserved", edit(func(b []byte) []byte {
			b[len(b)-1-recordLen(t, b)+1] |= ctlExt
			return append(b, 0x08)
		}), "extension byte 0x08"},
		{"overlong varint", edit(func(b []byte) []byte {
			b[len(b)-1-recordLen(t, b)+1] |= ctlSOG // SOG varint of 3 continuation bytes
			return append(b, 0x80, 0x80, 0x80, 0x01)
		}), "bad SOG"},
		{"zero delta", edit(func(b []byte) []byte {
			b[len(b)-1-recordLen(t, b)+1] |= ctlHeading
			return append(b, 0)
		}), "zero heading"},
		{"version", edit(func(b []byte) []byte { b[1] = 2; return b }), "version"},
	}
	for _, c := range cases {
		_, err := Decode(c.b, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error mentioning %q", c.name, err, c.want)
			continue
		}
		if c.name == "version" {
			if !errors.Is(err, ErrVersion) {
				t.Errorf("version: %v is not ErrVersion", err)
			}
			continue
		}
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v is not ErrCorrupt", c.name, err)
		}
		var ce *CorruptError
		if !errors.As(err, &ce) {
			t.Errorf("%s: %v is not a *CorruptError", c.name, err)
		}
	}
	if _, err := Decode(fixCRC(good), nil); err != nil {
		t.Fatalf("the unedited chunk: %v", err)
	}
	bad := append([]byte(nil), good...)
	bad[len(bad)-1] ^= 0xFF
	if _, err := NewIterator(bad); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("bad checksum: %v", err)
	}
}

// recordLen returns the length of the last record of a chunk of the three
// points of TestCorruptCases, whose last record has an unchanged time, a
// linear position and unchanged slow fields: the control byte alone.
func recordLen(t *testing.T, b []byte) int {
	t.Helper()
	last := b[len(b)-1]
	if last&^ctlLinear != 0 {
		t.Fatalf("last record is 0x%02x, not a lone control byte: the test's premise changed", last)
	}
	return 1
}

func TestCorruptErrorIndex(t *testing.T) {
	ps := simulatedTrack(10, 14)
	good := encode(t, ps)
	// The first 9 points encode the same alone, so the last record (point 9)
	// starts where their chunk ends.
	lastStart := len(encode(t, ps[:9]))
	c := append([]byte(nil), good...)
	c[lastStart] |= posBad
	got, err := Decode(fixCRC(c), nil)
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Index != 9 {
		t.Fatalf("err %v, want a CorruptError at point 9", err)
	}
	if len(got) != 9 || got[8] != ps[8] {
		t.Fatalf("Decode returned %d points before the error, want the 9 good ones", len(got))
	}
}
