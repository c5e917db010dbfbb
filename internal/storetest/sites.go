package storetest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/sitrep-osint/sitrep"
)

// SiteOpenFunc opens the site store kept in dir, creating it when dir is
// empty, and arranges (t.Cleanup) for it to be closed at the end of the
// test. The suite may open a second store on the same dir while the first
// is still open, to check persistence.
type SiteOpenFunc func(t *testing.T, dir string) sitrep.SiteStore

// RunSites runs the sitrep.SiteStore contract suite against the stores
// open makes, each subtest in a fresh t.TempDir().
func RunSites(t *testing.T, open func(t *testing.T, dir string) sitrep.SiteStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s sitrep.SiteStore, reopen func() sitrep.SiteStore)
	}{
		{"PutGetReplace", testSitePutGet},
		{"NotFound", testSiteNotFound},
		{"Delete", testSiteDelete},
		{"Invalid", testSiteInvalid},
		{"FilterText", testSiteText},
		{"FilterKindLimit", testSiteKindLimit},
		{"FilterArea", testSiteArea},
		{"FilterRandom", testSiteRandom},
		{"Persistence", testSitePersistence},
		{"ContextCancelled", testSiteCancelled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.fn(t, open(t, dir), func() sitrep.SiteStore { return open(t, dir) })
		})
	}
}

func circleSite(id, name string, kind sitrep.SiteKind, lat, lon, r float64) sitrep.Site {
	return sitrep.Site{ID: id, Name: name, Kind: kind,
		Shape: sitrep.Shape{Kind: sitrep.ShapeCircle, Center: sitrep.LatLon{Lat: lat, Lon: lon}, RadiusM: r}}
}

// storySites are a few sites of every shape, two across the antimeridian.
func storySites() []sitrep.Site {
	tartus := sitrep.Site{ID: "tartus-port", Name: "Tartus port", Kind: sitrep.SitePort, Aliases: []string{"Tartous"},
		Country: "SY", LOCODE: "SYTTS", Params: map[string]float64{"min_dwell_min": 30}, Source: "test", Approximate: true, Notes: "n",
		Shape: sitrep.Shape{Kind: sitrep.ShapePolygon, Rings: [][]sitrep.LatLon{
			{{Lat: 34.89, Lon: 35.85}, {Lat: 34.92, Lon: 35.85}, {Lat: 34.92, Lon: 35.88}, {Lat: 34.89, Lon: 35.88}},
			{{Lat: 34.90, Lon: 35.86}, {Lat: 34.91, Lon: 35.86}, {Lat: 34.91, Lon: 35.87}}}}}
	khmeimim := circleSite("khmeimim-air-base", "Khmeimim air base", sitrep.SiteAirBase, 35.4011, 35.9486, 3000)
	khmeimim.Aliases = []string{"Hmeimim", "Hmeymim"}
	gate := sitrep.Site{ID: "strait-gibraltar-gate", Name: "Strait of Gibraltar (gate)", Kind: sitrep.SiteStrait,
		Shape: sitrep.Shape{Kind: sitrep.ShapeLine, Line: []sitrep.LatLon{{Lat: 36.06, Lon: -5.6}, {Lat: 35.84, Lon: -5.6}}}}
	oresund := circleSite("strait-oresund", "Øresund", sitrep.SiteStrait, 56.04, 12.65, 5000)
	fijiCircle := circleSite("suva-approach", "Suva approach", sitrep.SiteAnchorage, -17, 179.99, 20000)
	fijiPoly := sitrep.Site{ID: "taveuni-box", Name: "Taveuni box", Kind: sitrep.SiteCustom,
		Shape: sitrep.Shape{Kind: sitrep.ShapePolygon, Rings: [][]sitrep.LatLon{{{Lat: -17, Lon: 179.5}, {Lat: -17, Lon: 180.5}, {Lat: -16, Lon: 180.5}, {Lat: -16, Lon: 179.5}}}}}
	baltiysk := circleSite("baltiysk-naval-base", "Baltiysk naval base", sitrep.SiteNavalBase, 54.63333, 19.9, 3000)
	baltiysk.Aliases, baltiysk.LOCODE, baltiysk.Country = []string{"Baltiisk", "Pillau"}, "RUBLT", "RU"
	return []sitrep.Site{tartus, khmeimim, gate, oresund, fijiCircle, fijiPoly, baltiysk}
}

func putAll(t *testing.T, s sitrep.SiteStore, sites []sitrep.Site) {
	t.Helper()
	for _, site := range sites {
		if err := s.PutSite(t.Context(), site); err != nil {
			t.Fatalf("PutSite(%s): %v", site.ID, err)
		}
	}
}

// norm makes empty slices and maps nil, as stores may return either.
func norm(s sitrep.Site) sitrep.Site {
	if len(s.Aliases) == 0 {
		s.Aliases = nil
	}
	if len(s.Params) == 0 {
		s.Params = nil
	}
	return s
}

func siteIDs(ss []sitrep.Site) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	return out
}

// expect returns the IDs of the sites f matches, by sitrep.SiteFilter.Match,
// sorted and limited.
func expect(all []sitrep.Site, f sitrep.SiteFilter) []string {
	var ids []string
	for _, s := range all {
		if f.Match(s) {
			ids = append(ids, s.ID)
		}
	}
	slices.Sort(ids)
	if f.Limit > 0 && len(ids) > f.Limit {
		ids = ids[:f.Limit]
	}
	return ids
}

func checkFilter(t *testing.T, s sitrep.SiteStore, f sitrep.SiteFilter, want []string) {
	t.Helper()
	got, err := s.Sites(t.Context(), f)
	if err != nil {
		t.Fatalf("Sites(%+v): %v", f, err)
	}
	if g := siteIDs(got); !slices.Equal(g, want) && !(len(g) == 0 && len(want) == 0) {
		area := ""
		if f.Area != nil {
			area = fmt.Sprintf(" area %+v", *f.Area)
		}
		t.Errorf("Sites(%+v%s) = %v, want %v", f, area, g, want)
	}
}

func testSitePutGet(t *testing.T, s sitrep.SiteStore, _ func() sitrep.SiteStore) {
	all := storySites()
	putAll(t, s, all)
	for _, want := range all {
		got, err := s.Site(t.Context(), want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(norm(got), norm(want)) {
			t.Errorf("Site(%s):\n got %+v\nwant %+v", want.ID, got, want)
		}
	}
	// Replace: the new name and aliases are found, the old ones are not.
	re := all[0]
	re.Name, re.Aliases, re.Kind = "Tartus harbour", []string{"Tartus new"}, sitrep.SiteNavalBase
	re.Shape = sitrep.Shape{Kind: sitrep.ShapeCircle, Center: sitrep.LatLon{Lat: 1, Lon: 1}, RadiusM: 100}
	if err := s.PutSite(t.Context(), re); err != nil {
		t.Fatal(err)
	}
	got, err := s.Site(t.Context(), re.ID)
	if err != nil || !reflect.DeepEqual(norm(got), norm(re)) {
		t.Errorf("after replace: %+v, %v", got, err)
	}
	checkFilter(t, s, sitrep.SiteFilter{Text: "tartous"}, nil)
	checkFilter(t, s, sitrep.SiteFilter{Text: "tartus new"}, []string{"tartus-port"})
	checkFilter(t, s, sitrep.SiteFilter{Area: &sitrep.Area{MinLat: 34, MinLon: 35, MaxLat: 35, MaxLon: 36}}, nil)
	checkFilter(t, s, sitrep.SiteFilter{Kind: sitrep.SitePort}, nil)
	all[0] = re
	checkFilter(t, s, sitrep.SiteFilter{}, expect(all, sitrep.SiteFilter{}))
}

func testSiteNotFound(t *testing.T, s sitrep.SiteStore, _ func() sitrep.SiteStore) {
	if _, err := s.Site(t.Context(), "nowhere"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("Site: %v, want ENOTFOUND", err)
	}
	if err := s.DeleteSite(t.Context(), "nowhere"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("DeleteSite: %v, want ENOTFOUND", err)
	}
	got, err := s.Sites(t.Context(), sitrep.SiteFilter{})
	if err != nil || len(got) != 0 {
		t.Errorf("empty store: %v, %v", got, err)
	}
}

func testSiteDelete(t *testing.T, s sitrep.SiteStore, _ func() sitrep.SiteStore) {
	all := storySites()
	putAll(t, s, all)
	if err := s.DeleteSite(t.Context(), "khmeimim-air-base"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Site(t.Context(), "khmeimim-air-base"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("after delete: %v", err)
	}
	if err := s.DeleteSite(t.Context(), "khmeimim-air-base"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("second delete: %v", err)
	}
	checkFilter(t, s, sitrep.SiteFilter{Text: "hme"}, nil)
	checkFilter(t, s, sitrep.SiteFilter{Area: &sitrep.Area{MinLat: 35, MinLon: 35, MaxLat: 36, MaxLon: 36}}, nil)
	// The ID can be used again.
	putAll(t, s, all[1:2])
	checkFilter(t, s, sitrep.SiteFilter{Text: "hme"}, []string{"khmeimim-air-base"})
}

func testSiteInvalid(t *testing.T, s sitrep.SiteStore, _ func() sitrep.SiteStore) {
	good := storySites()[1]
	for _, edit := range []func(*sitrep.Site){
		func(x *sitrep.Site) { x.ID = "Bad ID" },
		func(x *sitrep.Site) { x.Kind = "harbor" },
		func(x *sitrep.Site) { x.Shape.RadiusM = 0 },
		func(x *sitrep.Site) {
			x.Shape = sitrep.Shape{Kind: sitrep.ShapePolygon, Rings: [][]sitrep.LatLon{{{Lat: 1, Lon: 1}, {Lat: 2, Lon: 2}}}}
		},
	} {
		bad := good
		edit(&bad)
		if err := s.PutSite(t.Context(), bad); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("PutSite(%+v): %v, want EINVALID", bad, err)
		}
	}
	checkFilter(t, s, sitrep.SiteFilter{}, nil)
}

func testSiteText(t *testing.T, s sitrep.SiteStore, _ func() sitrep.SiteStore) {
	all := storySites()
	putAll(t, s, all)
	for text, want := range map[string][]string{
		"TART":          {"tartus-port"},       // ID and name
		"tartous":       {"tartus-port"},       // alias
		"sytts":         {"tartus-port"},       // LOCODE
		"HMEI":          {"khmeimim-air-base"}, // alias, upper case
		"strait":        {"strait-gibraltar-gate", "strait-oresund"},
		"strait of gib": {"strait-gibraltar-gate"}, // name with spaces
		"øre":           {"strait-oresund"},        // non-ASCII, case folded
		"ØRESUND":       {"strait-oresund"},
		"port":          nil, // not a prefix of any key
		"b":             {"baltiysk-naval-base"},
		"pillau":        {"baltiysk-naval-base"},
		"%":             nil, // no wildcards
		"_":             nil,
	} {
		if w := expect(all, sitrep.SiteFilter{Text: text}); !slices.Equal(w, want) {
			t.Fatalf("test table disagrees with SiteFilter.Match for %q: %v", text, w)
		}
		checkFilter(t, s, sitrep.SiteFilter{Text: text}, want)
	}
}

func testSiteKindLimit(t *testing.T, s sitrep.SiteStore, _ func() sitrep.SiteStore) {
	all := storySites()
	putAll(t, s, all)
	checkFilter(t, s, sitrep.SiteFilter{Kind: sitrep.SiteStrait}, []string{"strait-gibraltar-gate", "strait-oresund"})
	checkFilter(t, s, sitrep.SiteFilter{Kind: sitrep.SiteCheckpoint}, nil)
	checkFilter(t, s, sitrep.SiteFilter{Limit: 2}, []string{"baltiysk-naval-base", "khmeimim-air-base"})
	checkFilter(t, s, sitrep.SiteFilter{Kind: sitrep.SiteStrait, Limit: 1}, []string{"strait-gibraltar-gate"})
	checkFilter(t, s, sitrep.SiteFilter{Limit: -1}, expect(all, sitrep.SiteFilter{}))
}

func testSiteArea(t *testing.T, s sitrep.SiteStore, _ func() sitrep.SiteStore) {
	all := storySites()
	putAll(t, s, all)
	for _, tc := range []struct {
		a    sitrep.Area
		want []string
	}{
		{sitrep.Area{MinLat: 34, MinLon: 35, MaxLat: 36, MaxLon: 36}, []string{"khmeimim-air-base", "tartus-port"}},
		{sitrep.Area{MinLat: 35.9, MinLon: -5.7, MaxLat: 36, MaxLon: -5.5}, []string{"strait-gibraltar-gate"}},
		// Touching the edge of a box counts.
		{sitrep.Area{MinLat: 34.92, MinLon: 35.0, MaxLat: 34.95, MaxLon: 35.85}, []string{"tartus-port"}},
		{sitrep.Area{MinLat: 34.9201, MinLon: 35.0, MaxLat: 34.95, MaxLon: 35.85}, nil},
		// East of the antimeridian only: both Fiji sites reach over it.
		{sitrep.Area{MinLat: -18, MinLon: -179.9, MaxLat: -15, MaxLon: -179.6}, []string{"suva-approach", "taveuni-box"}},
		// Further east: only the polygon (to -179.5).
		{sitrep.Area{MinLat: -18, MinLon: -179.7, MaxLat: -15, MaxLon: -179.5}, []string{"taveuni-box"}},
		// West of it.
		{sitrep.Area{MinLat: -18, MinLon: 179.55, MaxLat: -15, MaxLon: 179.7}, []string{"taveuni-box"}},
		// A wrapping area.
		{sitrep.Area{MinLat: -18, MinLon: 179.95, MaxLat: -15, MaxLon: -179.95}, []string{"suva-approach", "taveuni-box"}},
		{sitrep.Area{MinLat: -30, MinLon: 170, MaxLat: 60, MaxLon: 20}, []string{"baltiysk-naval-base", "strait-gibraltar-gate", "strait-oresund", "suva-approach", "taveuni-box"}},
		{sitrep.Area{MinLat: 0, MinLon: -180, MaxLat: 90, MaxLon: 180}, []string{"baltiysk-naval-base", "khmeimim-air-base", "strait-gibraltar-gate", "strait-oresund", "tartus-port"}},
	} {
		a := tc.a
		if w := expect(all, sitrep.SiteFilter{Area: &a}); !slices.Equal(w, tc.want) {
			t.Fatalf("test table disagrees with SiteFilter.Match for %+v: %v", a, w)
		}
		checkFilter(t, s, sitrep.SiteFilter{Area: &a}, tc.want)
	}
	a := sitrep.Area{MinLat: -18, MinLon: 179, MaxLat: 40, MaxLon: 36}
	checkFilter(t, s, sitrep.SiteFilter{Area: &a, Kind: sitrep.SiteCustom, Text: "tav"}, []string{"taveuni-box"})
}

// testSiteRandom compares the store with SiteFilter.Match on random
// sites and filters, many of them near the antimeridian.
func testSiteRandom(t *testing.T, s sitrep.SiteStore, _ func() sitrep.SiteStore) {
	rng := rand.New(rand.NewPCG(4, 7))
	words := []string{"alpha", "Alpine", "beta", "Bêta", "gamma", "port", "portal"}
	var all []sitrep.Site
	for i := range 300 {
		lat := rng.Float64()*160 - 80
		lon := rng.Float64()*360 - 180
		if i%3 == 0 {
			lon = 175 + rng.Float64()*10
			if lon > 180 {
				lon -= 360
			}
		}
		site := circleSite(fmt.Sprintf("s-%03d", i), words[rng.IntN(len(words))]+fmt.Sprint(i%10), sitrep.SiteKinds[rng.IntN(len(sitrep.SiteKinds))], lat, lon, 100+rng.Float64()*200000)
		if i%4 == 0 {
			site.Aliases = []string{words[rng.IntN(len(words))]}
		}
		all = append(all, site)
	}
	putAll(t, s, all)
	for range 200 {
		var f sitrep.SiteFilter
		if rng.IntN(2) == 0 {
			f.Text = words[rng.IntN(len(words))][:1+rng.IntN(3)]
		}
		if rng.IntN(3) == 0 {
			f.Kind = sitrep.SiteKinds[rng.IntN(len(sitrep.SiteKinds))]
		}
		if rng.IntN(2) == 0 {
			lat := rng.Float64()*160 - 80
			lon := rng.Float64()*360 - 180
			a := sitrep.Area{MinLat: lat, MaxLat: lat + rng.Float64()*20, MinLon: lon, MaxLon: lon + rng.Float64()*40}
			if a.MaxLon > 180 {
				a.MaxLon -= 360
			}
			f.Area = &a
		}
		if rng.IntN(4) == 0 {
			f.Limit = 1 + rng.IntN(5)
		}
		checkFilter(t, s, f, expect(all, f))
	}
}

func testSitePersistence(t *testing.T, s sitrep.SiteStore, reopen func() sitrep.SiteStore) {
	all := storySites()
	putAll(t, s, all)
	s2 := reopen()
	got, err := s2.Sites(t.Context(), sitrep.SiteFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(siteIDs(got), expect(all, sitrep.SiteFilter{})) {
		t.Errorf("after reopening: %v", siteIDs(got))
	}
}

func testSiteCancelled(t *testing.T, s sitrep.SiteStore, _ func() sitrep.SiteStore) {
	c, cancel := context.WithCancel(t.Context())
	cancel()
	site := storySites()[0]
	if err := s.PutSite(c, site); !errors.Is(err, context.Canceled) {
		t.Errorf("PutSite: %v", err)
	}
	if _, err := s.Sites(c, sitrep.SiteFilter{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Sites: %v", err)
	}
	if _, err := s.Site(c, site.ID); !errors.Is(err, context.Canceled) {
		t.Errorf("Site: %v", err)
	}
}
