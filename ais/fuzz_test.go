package ais

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// addSeeds seeds a fuzz target with up to n real payloads (every type).
func addSeeds(f *testing.F, n int) {
	f.Helper()
	files := collectPayloads()
	seen := map[byte]int{}
	for _, p := range files {
		if seen[p.data[0]] >= n {
			continue
		}
		seen[p.data[0]]++
		f.Add(string(p.data), uint8(p.fill))
	}
	// A few that need no capture.
	f.Add("15RTgt0PAso;90TKcjM8h6g208CQ", uint8(0))
	f.Add("55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp888888888880", uint8(2))
	f.Add("", uint8(0))
	f.Add("w", uint8(5))
}

// FuzzDecode: any payload decodes or fails with a known error, never
// panics, and a decoded message always writes valid JSON.
func FuzzDecode(f *testing.F) {
	addSeeds(f, 5)
	d := NewDecoder()
	f.Fuzz(func(t *testing.T, p string, fill uint8) {
		m, err := d.Decode([]byte(p), int(fill))
		if err != nil {
			known := false
			for _, e := range []error{ErrEmpty, ErrBadChar, ErrFillBits, ErrTooLong, ErrUnknownType, ErrShort} {
				known = known || errors.Is(err, e)
			}
			if !known {
				t.Fatalf("unexpected error %v", err)
			}
			if m != nil && !errors.Is(err, ErrShort) {
				t.Fatalf("message returned with %v", err)
			}
		}
		if m == nil {
			return
		}
		if js := AppendJSON(nil, m); !json.Valid(js) {
			t.Fatalf("invalid JSON %s", js)
		}
	})
}

// FuzzRoundTrip: for the encodable types, Decode(Encode(Decode(p))) equals
// Decode(p).
func FuzzRoundTrip(f *testing.F) {
	addSeeds(f, 5)
	f.Fuzz(func(t *testing.T, p string, fill uint8) {
		m, err := NewDecoder().Decode([]byte(p), int(fill))
		if err != nil || m == nil {
			return
		}
		if _, ok := m.(encodable); !ok {
			return
		}
		if sd, ok := m.(*StaticDataReport); ok && sd.Part > 1 {
			return // parts 2 and 3 are undefined; the encoder writes part B's layout
		}
		enc, efill, err := Encode(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := NewDecoder().Decode(enc, efill)
		if err != nil {
			t.Fatalf("re-encoded %s: %v", enc, err)
		}
		got.Head().Bits = m.Head().Bits
		if !reflect.DeepEqual(got, m) {
			t.Fatalf("round trip of %q:\n got %+v\nwant %+v", p, got, m)
		}
	})
}
