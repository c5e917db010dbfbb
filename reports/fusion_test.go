package reports_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/reports"
	"github.com/sitrep-osint/sitrep/sqlite"
)

// Illustrative MMSIs for the SIMULATED AIS of SPARTA and SPARTA II: the
// story gives only their IMO numbers.
const (
	simSparta   sitrep.MMSI = 999000001
	simSpartaII sitrep.MMSI = 999000002
)

var tartusPier = sitrep.LatLon{Lat: 34.905, Lon: 35.870}

// simulateAIS stores SIMULATED vessels and positions of SPARTA and SPARTA
// II at the Tartus pier on 24–26 Jan 2025, and SIMULATED visit and
// transit events for them (SPARTA II's arrival time, 21 Jan ~20:35, is the
// story's; everything else is invented).
func simulateAIS(t *testing.T, s *sqlite.Store) {
	t.Helper()
	for _, v := range []sitrep.Vessel{
		{Identity: sitrep.Identity{MMSI: simSparta, IMO: 9268710, Name: "SPARTA"}},
		{Identity: sitrep.Identity{MMSI: simSpartaII, IMO: 9160994, Name: "SPARTA II"}},
	} {
		if err := s.PutVessel(t.Context(), v); err != nil {
			t.Fatal(err)
		}
	}
	var ps []sitrep.Position
	start := time.Date(2025, 1, 24, 0, 0, 0, 0, time.UTC)
	for h := 0; h < 72; h += 2 {
		for i, m := range []sitrep.MMSI{simSparta, simSpartaII} {
			ps = append(ps, sitrep.Position{MMSI: m, Time: start.Add(time.Duration(h) * time.Hour),
				Lat: tartusPier.Lat + 0.001*float64(i), Lon: tartusPier.Lon, TimeSource: sitrep.TimeSourceUnknown,
				Sources: []sitrep.Provenance{{Feed: "replay", Station: sitrep.SimulatedPrefix, Received: start.Add(time.Duration(h) * time.Hour)}}})
		}
	}
	if err := s.AddPositions(t.Context(), ps); err != nil {
		t.Fatal(err)
	}
	rule := sitrep.Rule{Name: "site_visit", Params: map[string]float64{"min_dwell_min": 30}}
	// Each event rests on a fix from the simulated station, as detection
	// over a simulated capture gives.
	fix := func(m sitrep.MMSI, at time.Time) []sitrep.EventFix {
		return []sitrep.EventFix{{Role: "first inside", MMSI: m, Time: at, Lat: tartusPier.Lat, Lon: tartusPier.Lon,
			Sources: []sitrep.Provenance{{Feed: "replay", Station: sitrep.SimulatedPrefix, Received: at}}}}
	}
	err := s.PutEvents(t.Context(), []sitrep.Event{
		{ID: "sim-visit-sparta-ii", Kind: sitrep.EventVisit, MMSI: simSpartaII, SiteID: "tartus-naval-base",
			Start: time.Date(2025, 1, 21, 20, 35, 0, 0, time.UTC), End: time.Date(2025, 1, 27, 3, 0, 0, 0, time.UTC),
			Lat: tartusPier.Lat, Lon: tartusPier.Lon, Summary: "SIMULATED: SPARTA II visit to Tartus naval base", Rule: rule,
			Evidence: fix(simSpartaII, time.Date(2025, 1, 21, 20, 35, 0, 0, time.UTC))},
		{ID: "sim-visit-sparta", Kind: sitrep.EventVisit, MMSI: simSparta, SiteID: "tartus-naval-base",
			Start: time.Date(2025, 1, 23, 6, 0, 0, 0, time.UTC), End: time.Date(2025, 1, 26, 9, 0, 0, 0, time.UTC),
			Lat: tartusPier.Lat, Lon: tartusPier.Lon, Summary: "SIMULATED: SPARTA visit to Tartus naval base", Rule: rule,
			Evidence: fix(simSparta, time.Date(2025, 1, 23, 6, 0, 0, 0, time.UTC))},
		{ID: "sim-transit-gibraltar", Kind: sitrep.EventTransit, MMSI: simSparta, SiteID: "strait-gibraltar",
			Start: time.Date(2025, 2, 9, 10, 0, 0, 0, time.UTC), End: time.Date(2025, 2, 9, 14, 0, 0, 0, time.UTC),
			Lat: 35.96, Lon: -5.5, Summary: "SIMULATED: westbound transit of the Strait of Gibraltar", Rule: sitrep.Rule{Name: "strait_transit"}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// tartusFusion loads the story's reports and the simulated AIS into a real
// SQLite store.
func tartusFusion(t *testing.T) *reports.Fusion {
	s := openStore(t)
	loadTartus(t, s)
	simulateAIS(t, s)
	return &reports.Fusion{Reports: s, Events: s, Positions: s, Vessels: s}
}

func TestCorroborateImageryWithVisit(t *testing.T) {
	f := tartusFusion(t)
	c, err := f.Corroborate(t.Context(), "maxar-tartus-2025-01-25", 0)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string][]string{}
	for _, m := range c.Matches {
		kinds[m.Kind] = append(kinds[m.Kind], m.EventID+m.ReportID+m.MMSI.String())
	}
	// Both vessels' visits and positions; RFE/RL's departure of SPARTA on
	// 26 Jan meets 25 Jan once both days are widened by 12 h.
	slices.Sort(kinds["event"])
	if want := []string{"sim-visit-sparta-ii999000002", "sim-visit-sparta999000001"}; !slices.Equal(kinds["event"], want) {
		t.Errorf("events %v, want both visits %v", kinds["event"], want)
	}
	if len(kinds["positions"]) != 2 {
		t.Errorf("positions %v, want both vessels", kinds["positions"])
	}
	if !slices.ContainsFunc(kinds["report"], func(s string) bool { return strings.HasPrefix(s, "rferl-sparta-departure") }) {
		t.Errorf("reports %v, want rferl-sparta-departure", kinds["report"])
	}
	if slices.ContainsFunc(kinds["report"], func(s string) bool { return strings.HasPrefix(s, "planet-") }) {
		t.Errorf("reports %v: Planet's 27 Jan image does not meet 25 Jan", kinds["report"])
	}
	if want := []string{"ais", "rferl"}; !slices.Equal(c.Independent, want) || c.Count() != 2 {
		t.Errorf("independent %v, want %v", c.Independent, want)
	}
	if c.Grade != "B2" {
		t.Errorf("grade %s", c.Grade)
	}
	// The second claim names no vessel: AIS is not searched for it.
	c2, err := f.Corroborate(t.Context(), "maxar-tartus-2025-01-25", 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range c2.Matches {
		if m.Kind != "report" {
			t.Errorf("claim without vessels matched AIS: %+v", m)
		}
	}
}

func TestCorroborateWithoutMMSI(t *testing.T) {
	s := openStore(t)
	loadTartus(t, s)
	f := &reports.Fusion{Reports: s, Positions: s, Vessels: s} // no vessels stored, no events
	c, err := f.Corroborate(t.Context(), "maxar-tartus-2025-01-25", 0)
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(c.Notes, "\n")
	if !strings.Contains(notes, "SPARTA (IMO 9268710): no MMSI known") || !strings.Contains(notes, "SPARTA II (IMO 9160994)") {
		t.Errorf("notes:\n%s", notes)
	}
}

func TestContradictionsSideBySide(t *testing.T) {
	f := tartusFusion(t)
	c, err := f.Corroborate(t.Context(), "rferl-sparta-departure", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Contradictions) != 1 {
		t.Fatalf("contradictions %+v, want UK DI's 29 Jan", c.Contradictions)
	}
	x := c.Contradictions[0]
	if x.Field != "time" || x.Other.ReportID != "uk-di-departures" || x.Other.Claim != 1 || !strings.HasPrefix(x.This, "2025-01-26") || !strings.HasPrefix(x.That, "2025-01-29") {
		t.Errorf("contradiction %+v", x)
	}

	c, err = f.Corroborate(t.Context(), "trt-convoy-turned-back", 0)
	if err != nil {
		t.Fatal(err)
	}
	var counts []string
	for _, x := range c.Contradictions {
		if x.Field == "count" {
			counts = append(counts, x.This+" vs "+x.That+" ("+x.Other.SourceID+", "+x.Other.Grade+")")
		}
	}
	slices.Sort(counts)
	want := []string{"30 vehicles vs 24 vehicles (defense-express, C3)", "30 vehicles vs 35 vehicles (social-posts, F4)"}
	if !slices.Equal(counts, want) {
		t.Errorf("count contradictions %q, want %q", counts, want)
	}
}

func TestCorroborateTurnBackIndependence(t *testing.T) {
	f := tartusFusion(t)
	c, err := f.Corroborate(t.Context(), "trt-convoy-turned-back", 2)
	if err != nil {
		t.Fatal(err)
	}
	// The video (near Tartus, that day) and both counts' reports place the
	// convoy there that day; TRT's own other claims do not count.
	for _, m := range c.Matches {
		if m.ReportID == "trt-convoy-turned-back" {
			t.Errorf("matched its own report: %+v", m)
		}
	}
	if want := []string{"defense-express", "social-posts", "social-video"}; !slices.Equal(c.Independent, want) {
		t.Errorf("independent %v, want %v", c.Independent, want)
	}
}

func TestSameOriginCountsOnce(t *testing.T) {
	s := openStore(t)
	f, errs := reports.Parse("sim.yaml", []byte(`# SIMULATED sources and reports
sources:
  - {id: agency, name: Simulated agency, kind: outlet, reliability: B, origin: agency}
  - {id: reprint, name: Simulated reprint of the agency, kind: outlet, reliability: C, origin: agency}
  - {id: witness, name: Simulated witness, kind: account, reliability: F}
reports:
  - id: sim-agency
    title: Simulated agency report
    source: agency
    credibility: 3
    simulated: true
    claims:
      - {what: sighting, text: simulated, entities: [sim-unit], where: {point: {lat: 10, lon: 10}, precision: near}, when: {at: "2025-02-10T12:00Z", precision: hour}}
  - id: sim-reprint
    title: Simulated reprint
    source: reprint
    credibility: 3
    simulated: true
    claims:
      - {what: sighting, text: simulated, entities: [sim-unit], where: {point: {lat: 10.05, lon: 10}, precision: near}, when: {at: "2025-02-10T12:30Z", precision: hour}}
  - id: sim-witness
    title: Simulated witness
    source: witness
    credibility: 3
    simulated: true
    claims:
      - {what: sighting, text: simulated, entities: [sim-unit], where: {point: {lat: 10, lon: 10.05}, precision: exact}, when: {at: "2025-02-10T12:50Z", precision: minute}}
  - id: sim-elsewhere
    title: Simulated report elsewhere
    source: witness
    credibility: 3
    simulated: true
    claims:
      - {what: sighting, text: simulated, entities: [sim-unit], where: {point: {lat: 11, lon: 10}, precision: near}, when: {at: "2025-02-10T12:00Z", precision: hour}}
`))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if _, errs := reports.Load(t.Context(), s, []*reports.File{f}, sitrep.Change{}); len(errs) > 0 {
		t.Fatal(errs)
	}
	c, err := (&reports.Fusion{Reports: s}).Corroborate(t.Context(), "sim-agency", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range c.Matches {
		got = append(got, m.ReportID)
		if (m.ReportID == "sim-reprint") != m.SameOrigin {
			t.Errorf("%s: SameOrigin = %v", m.ReportID, m.SameOrigin)
		}
	}
	if !slices.Equal(got, []string{"sim-reprint", "sim-witness"}) {
		t.Errorf("matches %v (sim-elsewhere is 111 km away)", got)
	}
	if c.Count() != 1 || c.Independent[0] != "witness" {
		t.Errorf("independent %v, want [witness]", c.Independent)
	}
}

func TestTimelineSite(t *testing.T) {
	f := tartusFusion(t)
	items, err := f.Timeline(t.Context(), reports.Query{SiteID: "tartus-naval-base",
		Range: sitrep.TimeRange{From: time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, it := range items {
		if i > 0 && it.Start.Before(items[i-1].Start) {
			t.Errorf("item %d out of order", i)
		}
		id := it.Grade + " "
		if it.Event != nil {
			id += it.Event.ID + " " + it.Rule.Name
		} else {
			id += it.Report.ID
		}
		got = append(got, id)
	}
	want := []string{
		"AIS sim-visit-sparta-ii site_visit",
		"AIS sim-visit-sparta site_visit",
		"B2 maxar-tartus-2025-01-25", "B2 maxar-tartus-2025-01-25",
		"B3 rferl-sparta-departure",
		"B2 planet-tartus-2025-01-27",
		"B3 uk-di-departures", "B3 uk-di-departures",
	}
	if !slices.Equal(got, want) {
		t.Errorf("timeline\n got %q\nwant %q", got, want)
	}
}

func TestTimelineVesselByIMO(t *testing.T) {
	f := tartusFusion(t)
	items, err := f.Timeline(t.Context(), reports.Query{IMO: 9160994})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Event != nil {
			if it.Event.MMSI != simSpartaII {
				t.Errorf("event not of SPARTA II: %+v", it.Event)
			}
			continue
		}
		c, _ := it.ClaimOf()
		if !slices.ContainsFunc(c.Vessels, func(v sitrep.VesselRef) bool { return v.IMO == 9160994 }) {
			t.Errorf("item not about SPARTA II: %+v", it)
		}
	}
	if len(items) != 8 || items[0].Event == nil || items[0].Event.ID != "sim-visit-sparta-ii" {
		t.Errorf("%d items about SPARTA II, want its simulated visit and 7 claims", len(items))
	}
}

func TestEntityTrack(t *testing.T) {
	f := tartusFusion(t)
	pts, err := f.EntityTrack(t.Context(), "khmeimim-convoy-2025-02-10")
	if err != nil {
		t.Fatal(err)
	}
	var line []string
	for _, p := range pts {
		if reports.Joinable(p) {
			line = append(line, string(p.What))
		}
	}
	if want := []string{"departure", "blocked", "turned_back"}; !slices.Equal(line, want) {
		t.Errorf("joined track %v, want %v", line, want)
	}
	if len(pts) != 6 {
		t.Errorf("%d points, want 6 (3 vague ones drawn alone)", len(pts))
	}
	if _, err := f.EntityTrack(t.Context(), "nope"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("unknown entity: %v", err)
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestDepartureNeedsAMovement: RFE/RL's "SPARTA left Tartus on 26 Jan" is
// supported by AIS only through SPARTA's visit that ends that day, not by
// its positions at the pier (a moored ship shows no departure), and not
// by SPARTA II's visit.
func TestDepartureNeedsAMovement(t *testing.T) {
	f := tartusFusion(t)
	c, err := f.Corroborate(t.Context(), "rferl-sparta-departure", 0)
	if err != nil {
		t.Fatal(err)
	}
	var ais []string
	for _, m := range c.Matches {
		if m.Origin == reports.AISOrigin {
			ais = append(ais, m.Kind+":"+m.EventID)
		}
	}
	if want := []string{"event:sim-visit-sparta"}; !slices.Equal(ais, want) {
		t.Errorf("AIS matches %v, want %v", ais, want)
	}
	if notes := strings.Join(c.Notes, "\n"); !strings.Contains(notes, "a departure is a movement") {
		t.Errorf("notes lack why positions are not searched:\n%s", notes)
	}
}

// TestTimelineNamesVessels: event summaries, written by detection with
// MMSIs, name the stored vessels in the timeline; an unknown MMSI stays
// as it is. Simulated events say so.
func TestTimelineNamesVessels(t *testing.T) {
	s := openStore(t)
	loadTartus(t, s)
	simulateAIS(t, s)
	at := time.Date(2025, 1, 26, 20, 6, 0, 0, time.UTC)
	err := s.PutEvents(t.Context(), []sitrep.Event{{ID: "enc", Kind: sitrep.EventEncounter, MMSI: simSparta, Other: 273000999,
		Start: at, End: at, Lat: tartusPier.Lat, Lon: tartusPier.Lon,
		Summary: simSparta.String() + " and 273000999 together for 2 h 05 min", Rule: sitrep.Rule{Name: "encounter"}}})
	if err != nil {
		t.Fatal(err)
	}
	f := &reports.Fusion{Reports: s, Events: s, Positions: s, Vessels: s}
	items, err := f.Timeline(t.Context(), reports.Query{Range: sitrep.TimeRange{From: at, To: at.Add(time.Minute)}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		if it.Kind == "event" && it.Event.ID == "enc" {
			got = append(got, it.Summary)
		}
	}
	want := []string{"SPARTA (" + simSparta.String() + ") and 273000999 together for 2 h 05 min"}
	if !slices.Equal(got, want) {
		t.Errorf("summaries %q, want %q", got, want)
	}
	items, err = f.Timeline(t.Context(), reports.Query{SiteID: "tartus-naval-base", Range: sitrep.TimeRange{
		From: time.Date(2025, 1, 21, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 1, 22, 0, 0, 0, 0, time.UTC)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Event != nil && it.Event.ID == "sim-visit-sparta-ii" && !it.Simulated {
			t.Errorf("the visit resting on a simulated fix is not marked simulated: %+v", it)
		}
	}
}
