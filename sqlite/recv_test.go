package sqlite

import (
	"errors"
	"slices"
	"testing"
)

func TestRecvRoundTrip(t *testing.T) {
	for _, lat := range [][]int64{
		nil,
		{0},
		{0, 0, 0, 0},
		{1500, 1500, -3, 0, 0, 7, 1 << 62, -1 << 63},
	} {
		b := appendRecv([]byte("prefix"), lat)
		got, err := decodeRecv(b[len("prefix"):], len(lat), []int64{42})
		if err != nil {
			t.Fatalf("%v: %v", lat, err)
		}
		if !slices.Equal(got[1:], lat) || got[0] != 42 {
			t.Errorf("decode(encode(%v)) = %v", lat, got[1:])
		}
	}
}

func TestRecvCorrupt(t *testing.T) {
	good := appendRecv(nil, []int64{5, 5, 6})
	for name, b := range map[string][]byte{
		"empty":       nil,
		"version":     {2, 1, 0},
		"short":       good[:len(good)-1],
		"too many":    good,
		"zero run":    {recvVersion, 0, 0},
		"truncated":   {recvVersion, 0x80},
		"no latency":  {recvVersion, 1},
		"trailing":    append(slices.Clone(good), 1),
		"huge run":    {recvVersion, 0xff, 0xff, 0xff, 0xff, 0x0f, 0},
		"not enough":  {recvVersion, 1, 0},
		"long varint": {recvVersion, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01},
	} {
		n := 4
		if name == "too many" {
			n = 2
		}
		got, err := decodeRecv(b, n, []int64{9})
		if !errors.Is(err, errRecv) {
			t.Errorf("%s: err = %v, want errRecv", name, err)
		}
		if !slices.Equal(got, []int64{9}) {
			t.Errorf("%s: dst changed to %v", name, got)
		}
	}
}

// FuzzDecodeRecv checks that decodeRecv never panics, returns exactly n
// values on success, and that what it accepts re-encodes canonically to
// something that decodes to the same values.
func FuzzDecodeRecv(f *testing.F) {
	f.Add(appendRecv(nil, []int64{0, 0, 1000, -5}), 4)
	f.Add([]byte{recvVersion}, 0)
	f.Add([]byte{recvVersion, 3, 2}, 3)
	f.Fuzz(func(t *testing.T, b []byte, n int) {
		if n < 0 || n > 1<<16 {
			return
		}
		got, err := decodeRecv(b, n, nil)
		if err != nil {
			if len(got) != 0 {
				t.Fatalf("error %v with %d values", err, len(got))
			}
			return
		}
		if len(got) != n {
			t.Fatalf("%d values, want %d", len(got), n)
		}
		again, err := decodeRecv(appendRecv(nil, got), n, nil)
		if err != nil || !slices.Equal(again, got) {
			t.Fatalf("re-encoding: %v, %v != %v", err, again, got)
		}
	})
}
