package chunk

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"testing"
)

// TestFromBodyRebuildsChunk: Len, MinTime and Body of an Encoder give back,
// through FromBody, exactly the bytes of the chunk.
func TestFromBodyRebuildsChunk(t *testing.T) {
	for _, ps := range [][]Point{
		{{T: 5, Lat: 1, Lon: 2}},
		simulatedTrack(2, 3),
		simulatedTrack(400, 11),
	} {
		var e Encoder
		e.Reset([]byte("prefix"))
		for _, p := range ps {
			if err := e.Append(p); err != nil {
				t.Fatal(err)
			}
		}
		want := slices.Clone(e.Bytes()[len("prefix"):])
		got, err := FromBody([]byte("x"), e.Len(), e.MinTime(), e.Body())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got[1:], want) || got[0] != 'x' {
			t.Errorf("%d points: FromBody differs from the encoded chunk", len(ps))
		}
	}
	var e Encoder
	e.Reset(nil)
	if b := e.Body(); len(b) != 0 {
		t.Errorf("Body of an empty chunk: %d bytes", len(b))
	}
}

// TestFromBodyRejects bodies that do not hold count points.
func TestFromBodyRejects(t *testing.T) {
	var e Encoder
	e.Reset(nil)
	for _, p := range simulatedTrack(50, 5) {
		_ = e.Append(p)
	}
	body := slices.Clone(e.Body())
	for name, tc := range map[string]struct {
		count int
		body  []byte
	}{
		"zero count":     {0, body},
		"too many":       {51, body},
		"too few":        {49, body},
		"truncated":      {50, body[:len(body)-1]},
		"no first point": {1, body[:FirstPointSize-1]},
		"bad record":     {50, append(slices.Clone(body[:FirstPointSize]), 0xFF, 0xFF, 0xFF)},
	} {
		dst := []byte("kept")
		got, err := FromBody(dst, tc.count, e.MinTime(), tc.body)
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: error %v, want ErrCorrupt", name, err)
		}
		if string(got) != "kept" {
			t.Errorf("%s: dst changed to %q", name, got)
		}
	}
}

// FuzzFromBody: whatever FromBody accepts decodes, to count points starting
// at minT; nothing panics.
func FuzzFromBody(f *testing.F) {
	var e Encoder
	e.Reset(nil)
	for _, p := range simulatedTrack(30, 9) {
		_ = e.Append(p)
	}
	f.Add(30, e.MinTime(), slices.Clone(e.Body()))
	f.Add(1, int64(-7), make([]byte, FirstPointSize))
	f.Add(3, int64(0), []byte{})
	f.Fuzz(func(t *testing.T, count int, minT int64, body []byte) {
		c, err := FromBody(nil, count, minT, body)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		ps, err := Decode(c, nil)
		if err != nil {
			t.Fatalf("FromBody's chunk does not decode: %v", err)
		}
		if len(ps) != count || ps[0].T != minT || int64(binary.LittleEndian.Uint64(c[offMinT:])) != minT {
			t.Fatalf("%d points from %d, first at %d, want %d", len(ps), count, ps[0].T, minT)
		}
	})
}
