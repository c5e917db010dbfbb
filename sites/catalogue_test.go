package sites

import (
	"strings"
	"testing"

	"github.com/sitrep-osint/sitrep"
)

func TestCatalogue(t *testing.T) {
	cat, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	if len(cat) < 4000 {
		t.Errorf("%d sites, want at least 4000", len(cat))
	}
	byID := map[string]sitrep.Site{}
	counts := map[string]int{}
	for i, s := range cat {
		if err := s.Validate(); err != nil {
			t.Fatal(err)
		}
		if i > 0 && cat[i-1].ID >= s.ID {
			t.Fatalf("not sorted by ID at %s", s.ID)
		}
		if s.Source == "" || !s.Approximate {
			t.Errorf("%s: every bundled geometry has a source and is approximate: %q %v", s.ID, s.Source, s.Approximate)
		}
		byID[s.ID] = s
		prefix, _, _ := strings.Cut(s.ID, "-")
		counts[prefix]++
	}
	// 3,831 WPI rows, four numbers repeated.
	if counts["wpi"] != 3831 {
		t.Errorf("%d WPI sites, want 3831", counts["wpi"])
	}
	for _, id := range []string{"strait-gibraltar", "strait-bosporus", "strait-dardanelles", "strait-kerch", "strait-oresund",
		"strait-great-belt", "strait-dover", "canal-suez", "strait-bab-el-mandeb", "strait-hormuz", "strait-malacca",
		"strait-sicily", "strait-fehmarn-belt"} {
		band, gate := byID[id], byID[id+"-gate"]
		if !band.Kind.IsPassage() || band.Shape.Kind != sitrep.ShapePolygon || gate.Shape.Kind != sitrep.ShapeLine {
			t.Errorf("%s: %+v / %+v", id, band.Kind, gate.Shape.Kind)
		}
	}
	story := map[string]sitrep.SiteKind{"tartus-naval-base": sitrep.SiteNavalBase, "tartus-port": sitrep.SitePort,
		"tartus-checkpoint": sitrep.SiteCheckpoint, "khmeimim-air-base": sitrep.SiteAirBase, "latakia-port": sitrep.SitePort,
		"baltiysk-naval-base": sitrep.SiteNavalBase, "kaliningrad-port": sitrep.SitePort, "st-petersburg-port": sitrep.SitePort,
		"novorossiysk-port": sitrep.SitePort, "sevastopol-naval-base": sitrep.SiteNavalBase}
	for id, kind := range story {
		if s, ok := byID[id]; !ok || s.Kind != kind {
			t.Errorf("%s: %v %v", id, ok, s.Kind)
		}
	}
	// Aliases are searchable.
	for text, id := range map[string]string{"hmeimim": "khmeimim-air-base", "tartous": "tartus-port", "baltiisk": "baltiysk-naval-base", "ruled": "st-petersburg-port"} {
		if !(sitrep.SiteFilter{Text: text}).Match(byID[id]) {
			t.Errorf("%q does not find %s", text, id)
		}
	}
	// WPI: the LOCODE of the wrong country is dropped (St Petersburg, Florida).
	if s := byID["wpi-8680"]; s.Country != "US" || s.LOCODE != "" {
		t.Errorf("wpi-8680 %q %q", s.Country, s.LOCODE)
	}
	// Callers get their own copies.
	cat[0].Name = "changed"
	byID["tartus-port"].Aliases[0] = "changed"
	again, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range again {
		if s.Name == "changed" || (s.ID == "tartus-port" && s.Aliases[0] == "changed") {
			t.Fatal("Catalogue shares memory between calls")
		}
	}
}

// TestTartusStory checks the geometry against the story: the naval base
// lies in Tartus port, the sealift route from Tartus crosses the
// Gibraltar gate westbound and ends in Baltiysk.
func TestTartusStory(t *testing.T) {
	cat, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := NewIndex(cat)
	if err != nil {
		t.Fatal(err)
	}
	in := ids(ix.Containing(nil, 34.912, 35.871))
	if strings.Join(in, " ") != "tartus-naval-base tartus-port wpi-45003" {
		t.Errorf("at the Tartus pier: %v", in)
	}
	if got := ids(ix.Containing(nil, 35.40, 35.95)); strings.Join(got, " ") != "khmeimim-air-base" {
		t.Errorf("Khmeimim: %v", got)
	}
	if got := ids(ix.Containing(nil, 35.95, -5.6)); strings.Join(got, " ") != "strait-gibraltar" {
		t.Errorf("mid-strait: %v", got)
	}
	crossed := ids(ix.Crossed(nil, sitrep.LatLon{Lat: 35.95, Lon: -5.5}, sitrep.LatLon{Lat: 35.96, Lon: -5.7}))
	if strings.Join(crossed, " ") != "strait-gibraltar-gate" {
		t.Errorf("westbound through Gibraltar crossed %v", crossed)
	}
	if got := ids(ix.Containing(nil, 54.64, 19.89)); !strings.Contains(strings.Join(got, " "), "baltiysk-naval-base") {
		t.Errorf("Baltiysk: %v", got)
	}
}
