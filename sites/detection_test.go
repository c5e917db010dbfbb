package sites

import (
	"testing"
)

func TestForDetectionDropsDoubles(t *testing.T) {
	all, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	got := ForDetection(all)
	has := map[string]bool{}
	for _, s := range got {
		has[s.ID] = true
	}
	for id, want := range map[string]bool{
		"tartus-port": true, "wpi-45003": false, // same port, curated one kept
		"strait-gibraltar": true, "strait-gibraltar-gate": false,
		"tartus-naval-base": true, "khmeimim-air-base": true,
	} {
		if has[id] != want {
			t.Errorf("%s kept = %v, want %v", id, has[id], want)
		}
	}
	if len(got) < 4000 || len(got) >= len(all) {
		t.Errorf("%d of %d sites kept", len(got), len(all))
	}
	if _, err := NewIndex(got); err != nil {
		t.Fatal(err)
	}
}
