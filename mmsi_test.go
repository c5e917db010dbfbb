package sitrep

import (
	"strconv"
	"testing"
)

// The MMSIs below are constructed to exercise digit patterns; they are not
// claimed to belong to real stations.
func TestMMSI(t *testing.T) {
	tests := []struct {
		m     MMSI
		str   string
		valid bool
		kind  MMSIKind
		mid   int
		flag  string // "" when Flag reports false
	}{
		{232001000, "232001000", true, MMSIShip, 232, "GB"},
		{273123456, "273123456", true, MMSIShip, 273, "RU"},
		{636012345, "636012345", true, MMSIShip, 636, "LR"},
		{538001234, "538001234", true, MMSIShip, 538, "MH"},
		{217123456, "217123456", true, MMSIShip, 217, ""}, // MID not allocated
		{23212345, "023212345", true, MMSIGroup, 232, "GB"},
		{2320001, "002320001", true, MMSICoastStation, 232, "GB"},
		{2442000, "002442000", true, MMSICoastStation, 244, "NL"},
		{111232501, "111232501", true, MMSISARAircraft, 232, "GB"},
		{823212345, "823212345", true, MMSIHandheld, 232, "GB"},
		{982320001, "982320001", true, MMSIAuxiliary, 232, "GB"},
		{992321234, "992321234", true, MMSIAtoN, 232, "GB"},
		{970123456, "970123456", true, MMSISART, 0, ""},
		{972123456, "972123456", true, MMSIMOB, 0, ""},
		{974123456, "974123456", true, MMSIEPIRB, 0, ""},
		{976123456, "976123456", true, MMSIUnknown, 0, ""},
		{123456789, "123456789", true, MMSIUnknown, 0, ""}, // 1 but not 111
		{111123456, "111123456", true, MMSIUnknown, 0, ""}, // 111 then MID starting 1
		{1234567, "001234567", true, MMSIUnknown, 0, ""},   // 00 then MID starting 1
		{12345678, "012345678", true, MMSIUnknown, 0, ""},  // 0 then MID starting 1
		{999999999, "999999999", true, MMSIUnknown, 0, ""}, // 99 then MID starting 9
		{800000000, "800000000", true, MMSIUnknown, 0, ""}, // 8 then MID starting 0
		{1, "000000001", true, MMSIUnknown, 0, ""},
		{0, "000000000", false, MMSIUnknown, 0, ""},
		{1_000_000_000, "1000000000", false, MMSIUnknown, 0, ""},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.str {
			t.Errorf("MMSI(%d).String() = %q; want %q", uint32(tt.m), got, tt.str)
		}
		if got := tt.m.Valid(); got != tt.valid {
			t.Errorf("%s.Valid() = %v; want %v", tt.str, got, tt.valid)
		}
		if got := tt.m.Kind(); got != tt.kind {
			t.Errorf("%s.Kind() = %v; want %v", tt.str, got, tt.kind)
		}
		if got := tt.m.MID(); got != tt.mid {
			t.Errorf("%s.MID() = %d; want %d", tt.str, got, tt.mid)
		}
		c, ok := tt.m.Flag()
		if ok != (tt.flag != "") || c.Code != tt.flag {
			t.Errorf("%s.Flag() = %+v, %v; want code %q", tt.str, c, ok, tt.flag)
		}
	}
}

func TestMMSIKindString(t *testing.T) {
	seen := map[string]MMSIKind{}
	for k := MMSIUnknown; k <= MMSIEPIRB; k++ {
		s := k.String()
		if s == "" || (k != MMSIUnknown && s == "unknown") {
			t.Errorf("MMSIKind(%d).String() = %q", k, s)
		}
		if prev, ok := seen[s]; ok {
			t.Errorf("MMSIKind %d and %d both print %q", prev, k, s)
		}
		seen[s] = k
	}
	if got := (MMSIEPIRB + 1).String(); got != "unknown" {
		t.Errorf("undefined MMSIKind prints %q; want unknown", got)
	}
}

func TestParseMMSI(t *testing.T) {
	tests := []struct {
		in   string
		want MMSI // 0: expect an EINVALID error
	}{
		{"232001000", 232001000},
		{"002320001", 2320001},
		{"2320001", 2320001},
		{"1", 1},
		{"999999999", 999999999},
		{"", 0},
		{"0", 0},
		{"000000000", 0},
		{"1000000000", 0},
		{"-232001000", 0},
		{"+232001000", 0},
		{" 232001000", 0},
		{"232001000 ", 0},
		{"23200100a", 0},
		{"0x1F", 0},
	}
	for _, tt := range tests {
		got, err := ParseMMSI(tt.in)
		if tt.want == 0 {
			if err == nil || ErrorCode(err) != EINVALID {
				t.Errorf("ParseMMSI(%q) = %d, %v; want an EINVALID error", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseMMSI(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func FuzzParseMMSI(f *testing.F) {
	for _, s := range []string{"232001000", "002320001", "0", "", "1000000000", "9x", "-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMMSI(s)
		digits := len(s) >= 1 && len(s) <= 9
		for i := 0; i < len(s); i++ {
			digits = digits && s[i] >= '0' && s[i] <= '9'
		}
		n, _ := strconv.ParseUint(s, 10, 64)
		wantOK := digits && n != 0
		if (err == nil) != wantOK {
			t.Fatalf("ParseMMSI(%q) = %d, %v; want ok=%v", s, m, err, wantOK)
		}
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("ParseMMSI(%q) error code %q; want EINVALID", s, ErrorCode(err))
			}
			return
		}
		if uint64(m) != n || !m.Valid() {
			t.Fatalf("ParseMMSI(%q) = %d; want %d", s, m, n)
		}
		back, err := ParseMMSI(m.String())
		if err != nil || back != m || len(m.String()) != 9 {
			t.Fatalf("round trip %q -> %d -> %q -> %d, %v", s, m, m.String(), back, err)
		}
		m.Kind() // must not panic
		m.Flag()
	})
}

func BenchmarkMMSIFlag(b *testing.B) {
	b.ReportAllocs()
	ms := []MMSI{232001000, 2320001, 111232501, 992321234, 970123456}
	for i := 0; b.Loop(); i++ {
		ms[i%len(ms)].Flag()
	}
}
