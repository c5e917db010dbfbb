package sitrep

import (
	"strings"
	"testing"
)

func TestCountryByMIDKnown(t *testing.T) {
	tests := []struct {
		mids []int
		code string
	}{
		{[]int{201}, "AL"},
		{[]int{232, 233, 234, 235}, "GB"},
		{[]int{211, 218}, "DE"},
		{[]int{219, 220}, "DK"},
		{[]int{273}, "RU"},
		{[]int{244, 245, 246}, "NL"},
		{[]int{257, 258, 259}, "NO"},
		{[]int{265, 266}, "SE"},
		{[]int{230}, "FI"},
		{[]int{636, 637}, "LR"},
		{[]int{538}, "MH"},
		{[]int{477}, "HK"},
		{[]int{412, 413, 414}, "CN"},
		{[]int{431, 432}, "JP"},
		{[]int{503}, "AU"},
		{[]int{303, 338, 366, 367, 368, 369}, "US"},
		{[]int{316}, "CA"},
		{[]int{468}, "SY"},
		{[]int{271}, "TR"},
		{[]int{247}, "IT"},
		{[]int{224, 225}, "ES"},
		{[]int{226, 227, 228}, "FR"},
		{[]int{237, 239, 240, 241}, "GR"},
		{[]int{209, 210, 212}, "CY"},
		{[]int{215, 229, 248, 249, 256}, "MT"},
		{[]int{351, 352, 353, 354, 355, 356, 357, 370, 371, 372, 373, 374}, "PA"},
		{[]int{204, 255, 263}, "PT"},
		{[]int{563, 564, 565, 566}, "SG"},
		{[]int{308, 309, 311}, "BS"},
		{[]int{775}, "VE"},
	}
	for _, tt := range tests {
		for _, mid := range tt.mids {
			c, ok := CountryByMID(mid)
			if !ok || c.Code != tt.code {
				t.Errorf("CountryByMID(%d) = %+v, %v; want code %s", mid, c, ok, tt.code)
			}
		}
	}
}

func TestCountryByMIDUnallocated(t *testing.T) {
	for _, mid := range []int{-1, 0, 100, 200, 217, 221, 222, 223, 260, 280, 302, 400, 500, 600, 700, 776, 800, 999} {
		if c, ok := CountryByMID(mid); ok {
			t.Errorf("CountryByMID(%d) = %+v, true; want unallocated", mid, c)
		}
	}
}

// TestMIDTableWellFormed checks the invariants CountryByMID relies on and
// that a transcription slip would break.
func TestMIDTableWellFormed(t *testing.T) {
	if len(midTable) == 0 {
		t.Fatal("empty MID table")
	}
	if first, last := midTable[0], midTable[len(midTable)-1]; first.mid != 201 || first.Name != "Albania" || last.mid != 775 || last.Name != "Venezuela" {
		t.Errorf("table runs %d %s .. %d %s; want 201 Albania .. 775 Venezuela", first.mid, first.Name, last.mid, last.Name)
	}
	// name by code, for allocations that name the state itself (no
	// parenthesised part); all must agree.
	names := map[string]string{}
	for i, e := range midTable {
		if e.mid < 201 || e.mid > 775 || e.mid%100 == 0 {
			t.Errorf("entry %d: MID %d outside the allocatable 201..775", i, e.mid)
		}
		if i > 0 && e.mid <= midTable[i-1].mid {
			t.Errorf("entry %d: MID %d after %d: not strictly ascending (duplicate or out of order)", i, e.mid, midTable[i-1].mid)
		}
		if len(e.Code) != 2 || e.Code[0] < 'A' || e.Code[0] > 'Z' || e.Code[1] < 'A' || e.Code[1] > 'Z' {
			t.Errorf("MID %d: code %q is not two upper-case letters", e.mid, e.Code)
		}
		if e.Name == "" || strings.TrimSpace(e.Name) != e.Name {
			t.Errorf("MID %d: bad name %q", e.mid, e.Name)
		}
		if strings.Contains(e.Name, "(") {
			continue
		}
		if prev, ok := names[e.Code]; ok && prev != e.Name {
			t.Errorf("MID %d: code %s named %q here and %q elsewhere", e.mid, e.Code, e.Name, prev)
		}
		names[e.Code] = e.Name
	}
}

// TestCountryByMIDMatchesScan checks the binary search against a linear scan
// for every MID in and around the allocatable range.
func TestCountryByMIDMatchesScan(t *testing.T) {
	for mid := -1; mid <= 1000; mid++ {
		var want Country
		var wantOK bool
		for _, e := range midTable {
			if e.mid == mid {
				want, wantOK = e.Country, true
			}
		}
		got, ok := CountryByMID(mid)
		if got != want || ok != wantOK {
			t.Errorf("CountryByMID(%d) = %+v, %v; table has %+v, %v", mid, got, ok, want, wantOK)
		}
	}
}

func BenchmarkCountryByMID(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		CountryByMID(201 + i%575)
	}
}
