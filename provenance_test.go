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

func TestProvenanceSimulated(t *testing.T) {
	for _, c := range []struct {
		p    Provenance
		want bool
	}{
		{Provenance{Station: "sitrep-simulated"}, true},
		{Provenance{Station: "sitrep-simulated-tartus"}, true},
		{Provenance{Feed: "sitrep-simulated-demo"}, true},
		{Provenance{Feed: "aishub", Station: "rORBCOMM000"}, false},
		{Provenance{Feed: "simulated"}, false}, // only the prefix sitrep writes counts
	} {
		if got := c.p.Simulated(); got != c.want {
			t.Errorf("%+v.Simulated() = %v, want %v", c.p, got, c.want)
		}
	}
	e := Event{Evidence: []EventFix{{Sources: []Provenance{{Feed: "a"}}}, {Sources: []Provenance{{Feed: "b"}, {Station: "sitrep-simulated"}}}}}
	if !e.Simulated() {
		t.Error("an event with a simulated fix is simulated")
	}
	e.Evidence = e.Evidence[:1]
	if e.Simulated() {
		t.Error("an event with only real fixes is not simulated")
	}
}
