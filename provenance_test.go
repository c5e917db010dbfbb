package sitrep

import "testing"

func TestTimeSourceText(t *testing.T) {
	seen := map[string]bool{}
	for s := TimeSourceUnknown; s <= TimeSourceReceive; s++ {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatalf("%d.MarshalText: %v", s, err)
		}
		if seen[string(b)] {
			t.Errorf("TimeSource %d: text %q used twice", s, b)
		}
		seen[string(b)] = true
		var back TimeSource = 99
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("TimeSource %d -> %q -> %d, %v", s, b, back, err)
		}
	}
	s := TimeSourcePGHP
	if err := s.UnmarshalText([]byte("gps")); ErrorCode(err) != EINVALID || s != TimeSourcePGHP {
		t.Errorf("UnmarshalText(gps) = %v, %v; want EINVALID and unchanged", err, s)
	}
	if got := (TimeSourceReceive + 1).String(); got != "unknown" {
		t.Errorf("undefined TimeSource prints %q; want unknown", got)
	}
}
