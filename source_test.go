package sitrep

import "testing"

func TestGrade(t *testing.T) {
	tests := []struct {
		r    Reliability
		c    Credibility
		want string
	}{
		{"B", 2, "B2"}, {"F", 6, "F6"}, {"A", 1, "A1"}, {"", 3, "-3"}, {"G", 3, "-3"}, {"C", 0, "C-"}, {"C", 7, "C-"},
	}
	for _, tc := range tests {
		if got := Grade(tc.r, tc.c); got != tc.want {
			t.Errorf("Grade(%q, %d) = %q, want %q", tc.r, tc.c, got, tc.want)
		}
	}
	if ReliabilityB.Meaning() != "usually reliable" || Credibility(2).Meaning() != "probably true" || Reliability("X").Meaning() != "" {
		t.Error("meanings")
	}
}

func TestSourceValidate(t *testing.T) {
	ok := Source{ID: "trt", Name: "TRT", Kind: SourceOutlet, Reliability: "C"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]Source{
		"id":          {ID: "TRT", Name: "TRT", Kind: SourceOutlet, Reliability: "C"},
		"name":        {ID: "trt", Name: " ", Kind: SourceOutlet, Reliability: "C"},
		"kind":        {ID: "trt", Name: "TRT", Kind: "blog", Reliability: "C"},
		"reliability": {ID: "trt", Name: "TRT", Kind: SourceOutlet, Reliability: "c"},
	} {
		if err := s.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("%s: %v, want EINVALID", name, err)
		}
	}
	if (Source{ID: "a", Origin: "o"}).OriginKey() != "o" || (Source{ID: "a"}).OriginKey() != "a" {
		t.Error("OriginKey")
	}
}

func TestValidSlug(t *testing.T) {
	for s, want := range map[string]bool{"tartus-naval-base": true, "wpi-48680": true, "a.b_c": true, "": false, "-a": false,
		"Tartus": false, "a b": false, "ä": false, string(make([]byte, 65)): false} {
		if ValidSlug(s) != want {
			t.Errorf("ValidSlug(%q) = %v", s, !want)
		}
	}
}
