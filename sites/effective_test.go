package sites

import (
	"context"
	"errors"
	"testing"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/sqlite"
)

func TestEffective(t *testing.T) {
	st, err := sqlite.Open(t.Context(), t.TempDir(), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mine := sitrep.Site{ID: "tartus-port", Name: "Tartus port (redrawn)", Kind: sitrep.SitePort,
		Shape: sitrep.Shape{Kind: sitrep.ShapeCircle, Center: sitrep.LatLon{Lat: 34.91, Lon: 35.87}, RadiusM: 1500}}
	extra := sitrep.Site{ID: "aaa-first", Name: "First", Kind: sitrep.SiteCustom,
		Shape: sitrep.Shape{Kind: sitrep.ShapeCircle, Center: sitrep.LatLon{Lat: 1, Lon: 1}, RadiusM: 100}}
	for _, s := range []sitrep.Site{mine, extra} {
		if err := st.PutSite(t.Context(), s); err != nil {
			t.Fatal(err)
		}
	}
	eff, err := Effective(t.Context(), st)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	if len(eff) != len(cat)+1 || eff[0].ID != "aaa-first" {
		t.Errorf("%d sites (catalogue %d), first %s", len(eff), len(cat), eff[0].ID)
	}
	n := 0
	for i, s := range eff {
		if i > 0 && eff[i-1].ID >= s.ID {
			t.Fatalf("not sorted at %s", s.ID)
		}
		if s.ID == "tartus-port" {
			n++
			if s.Name != mine.Name || s.Shape.RadiusM != 1500 {
				t.Errorf("the stored site did not win: %+v", s)
			}
		}
	}
	if n != 1 {
		t.Errorf("tartus-port %d times", n)
	}
	c, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Effective(c, st); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestOverlay(t *testing.T) {
	a := []sitrep.Site{{ID: "b", Name: "base b"}, {ID: "a", Name: "base a"}}
	b := []sitrep.Site{{ID: "c", Name: "over c"}, {ID: "b", Name: "over b"}, {ID: "c", Name: "over c2"}}
	got := Overlay(a, b)
	want := []string{"a:base a", "b:over b", "c:over c2"}
	if len(got) != len(want) {
		t.Fatalf("%v", got)
	}
	for i, s := range got {
		if s.ID+":"+s.Name != want[i] {
			t.Errorf("%d: %s:%s, want %s", i, s.ID, s.Name, want[i])
		}
	}
}
