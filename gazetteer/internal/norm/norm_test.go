package norm

import (
	"slices"
	"testing"
)

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ST.PETERSBURG", "SAINT PETERSBURG"},
		{"St Petersburg", "SAINT PETERSBURG"},
		{"  saint-petersburg  ", "SAINT PETERSBURG"},
		{"Sankt-Peterburg", "SANKT PETERBURG"},
		{"L'POOL", "LPOOL"},
		{"TG.PRIOK", "TANJUNG PRIOK"},
		{"BARROW IS", "BARROW ISLAND"},
		{"Ft. Lauderdale", "FORT LAUDERDALE"},
		{"Pto. Cabello", "PUERTO CABELLO"},
		{"São Luís", "SÃO LUÍS"},
		{"Côte d’Ivoire", "CÔTE DIVOIRE"},
		{"STE. ROSE", "SAINTE ROSE"},
		{"BOTANY_BAY", "BOTANY BAY"},
		{"@@@", ""},
		{"", ""},
		{"STONE", "STONE"}, // whole words only
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRawTokens(t *testing.T) {
	if got, want := RawTokens(`"SG SIN/TG LFW"`), []string{"SG", "SIN", "TG", "LFW"}; !slices.Equal(got, want) {
		t.Errorf("RawTokens = %q, want %q", got, want)
	}
}

// FuzzKey checks that Key is idempotent and yields only single-spaced words.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"ST.PETERSBURG", "RU-LED", "São Luís", "L'POOL", "\xff\xfe", "  a  b  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Fatalf("Key(%q) = %q, but Key of that is %q", s, k, Key(k))
		}
		if len(k) > 0 && (k[0] == ' ' || k[len(k)-1] == ' ') {
			t.Fatalf("Key(%q) = %q has outer spaces", s, k)
		}
	})
}

func BenchmarkKey(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Key("ST.PETERSBURG ANCH")
	}
}
