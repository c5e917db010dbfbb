package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// ReportOpenFunc opens the report store kept in dir, like OpenFunc. When
// the store is an io.Closer the suite closes it.
type ReportOpenFunc func(t *testing.T, dir string) sitrep.ReportStore

// RunReports runs the contract suite of sitrep.ReportStore against the
// stores open makes, each subtest in a fresh t.TempDir(). All data is
// SIMULATED except where a test says otherwise.
func RunReports(t *testing.T, open ReportOpenFunc) {
	tests := []struct {
		name string
		fn   func(*testing.T, *reportHarness)
	}{
		{"SourceReliabilityHistory", testSourceHistory},
		{"SourceErrors", testSourceErrors},
		{"ReportVersioning", testReportVersioning},
		{"ReportErrors", testReportErrors},
		{"ReportsFilter", testReportsFilter},
		{"ReportsPersist", testReportsPersist},
		{"Entities", testEntities},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, &reportHarness{t: t, open: open, dir: t.TempDir()})
		})
	}
}

type reportHarness struct {
	t    *testing.T
	open ReportOpenFunc
	dir  string
}

// store opens the store; the returned function closes it (also at the end
// of the test).
func (h *reportHarness) store() (sitrep.ReportStore, func()) {
	s := h.open(h.t, h.dir)
	return s, closeOnce(h.t, s)
}

// simSource returns a SIMULATED source.
func simSource(id string, r sitrep.Reliability) sitrep.Source {
	return sitrep.Source{ID: id, Name: "Simulated " + id, Kind: sitrep.SourceOutlet, URL: "https://example.org/" + id, Reliability: r}
}

// simReport returns a SIMULATED report with one claim at site, on the day
// of t (day precision).
func simReport(id, source, site string, day time.Time) sitrep.Report {
	return sitrep.Report{
		ID: id, Title: "Simulated report " + id, SourceID: source, Credibility: 3, Simulated: true,
		Claims: []sitrep.Claim{{
			What: sitrep.ClaimSighting, Text: "simulated sighting",
			Vessels:  []sitrep.VesselRef{{MMSI: 999000001, IMO: 9268710, Name: "SIM VESSEL"}},
			Entities: []string{"sim-convoy"},
			Where:    sitrep.Place{SiteID: site, Point: &sitrep.LatLon{Lat: 34.9, Lon: 35.87}, Precision: sitrep.PlaceNear},
			When:     sitrep.When{From: day, To: day.Add(24 * time.Hour), Precision: sitrep.TimeDay, Zone: "UTC"},
			Count:    &sitrep.Count{Min: 24, Max: 35, Unit: "vehicles"},
		}},
		Evidence: []sitrep.Evidence{{URL: "https://example.org/e", SHA256: "ab0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"}},
	}
}

var day0 = time.Date(2025, 1, 25, 0, 0, 0, 0, time.UTC)

func mustPutSource(t *testing.T, s sitrep.ReportStore, src sitrep.Source, ch sitrep.Change) {
	t.Helper()
	if err := s.PutSource(ctx(t), src, ch); err != nil {
		t.Fatalf("PutSource(%s): %v", src.ID, err)
	}
}

func mustCreate(t *testing.T, s sitrep.ReportStore, r sitrep.Report) sitrep.Report {
	t.Helper()
	got, err := s.CreateReport(ctx(t), r, sitrep.Change{By: "tester", Why: "new"})
	if err != nil {
		t.Fatalf("CreateReport(%s): %v", r.ID, err)
	}
	return got
}

func wantCode(t *testing.T, what string, err error, code sitrep.Code) {
	t.Helper()
	if sitrep.ErrorCode(err) != code {
		t.Errorf("%s: error %v, want code %s", what, err, code)
	}
}

func testSourceHistory(t *testing.T, h *reportHarness) {
	s, _ := h.store()
	mustPutSource(t, s, simSource("src", "C"), sitrep.Change{By: "ana", Why: "first look"})
	// Same grade, new notes: no history entry.
	src := simSource("src", "C")
	src.Notes = "more notes"
	mustPutSource(t, s, src, sitrep.Change{})
	src.Reliability = "B"
	mustPutSource(t, s, src, sitrep.Change{By: "ben", Why: "track record"})
	got, err := s.Source(ctx(t), "src")
	if err != nil || got.Reliability != "B" || got.Notes != "more notes" {
		t.Fatalf("Source = %+v, %v", got, err)
	}
	hist, err := s.ReliabilityHistory(ctx(t), "src")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 {
		t.Fatalf("history %+v, want 2 entries", hist)
	}
	if h0, h1 := hist[0], hist[1]; h0.From != "" || h0.To != "C" || h0.By != "ana" || h1.From != "C" || h1.To != "B" ||
		h1.Why != "track record" || h0.At.IsZero() || h1.At.Before(h0.At) {
		t.Errorf("history %+v", hist)
	}
	mustPutSource(t, s, simSource("another", "A"), sitrep.Change{})
	all, err := s.Sources(ctx(t))
	if err != nil || len(all) != 2 || all[0].ID != "another" || all[1].ID != "src" {
		t.Errorf("Sources = %+v, %v", all, err)
	}
}

func testSourceErrors(t *testing.T, h *reportHarness) {
	s, _ := h.store()
	_, err := s.Source(ctx(t), "nope")
	wantCode(t, "Source(nope)", err, sitrep.ENOTFOUND)
	_, err = s.ReliabilityHistory(ctx(t), "nope")
	wantCode(t, "ReliabilityHistory(nope)", err, sitrep.ENOTFOUND)
	wantCode(t, "PutSource(grade G)", s.PutSource(ctx(t), simSource("x", "G"), sitrep.Change{}), sitrep.EINVALID)
	wantCode(t, "PutSource(bad id)", s.PutSource(ctx(t), simSource("Bad ID", "A"), sitrep.Change{}), sitrep.EINVALID)
	if all, err := s.Sources(ctx(t)); err != nil || len(all) != 0 {
		t.Errorf("Sources after refused puts = %v, %v", all, err)
	}
}

func testReportVersioning(t *testing.T, h *reportHarness) {
	s, _ := h.store()
	mustPutSource(t, s, simSource("src", "B"), sitrep.Change{})
	v1 := mustCreate(t, s, simReport("r1", "src", "site-a", day0))
	if v1.Version != 1 || v1.Edited.IsZero() || v1.Change.By != "tester" {
		t.Fatalf("created %+v", v1)
	}
	_, err := s.CreateReport(ctx(t), simReport("r1", "src", "site-a", day0), sitrep.Change{})
	wantCode(t, "CreateReport(existing)", err, sitrep.ECONFLICT)

	// Two analysts edit version 1; the second edit is stale.
	edit := v1
	edit.Credibility = 2
	edit.Title = "Edited by ana"
	v2, err := s.UpdateReport(ctx(t), edit, sitrep.Change{By: "ana", Why: "second source"})
	if err != nil || v2.Version != 2 {
		t.Fatalf("UpdateReport(v1) = %+v, %v", v2, err)
	}
	stale := v1
	stale.Title = "Edited by ben"
	_, err = s.UpdateReport(ctx(t), stale, sitrep.Change{By: "ben"})
	wantCode(t, "UpdateReport(stale)", err, sitrep.ECONFLICT)

	latest, err := s.Report(ctx(t), "r1")
	if err != nil || latest.Version != 2 || latest.Title != "Edited by ana" || latest.Credibility != 2 {
		t.Errorf("Report = %+v, %v", latest, err)
	}
	vs, err := s.ReportVersions(ctx(t), "r1")
	if err != nil || len(vs) != 2 {
		t.Fatalf("ReportVersions = %d, %v", len(vs), err)
	}
	if !reflect.DeepEqual(normReport(vs[0]), normReport(v1)) {
		t.Errorf("version 1 changed:\n got %+v\nwant %+v", vs[0], v1)
	}
	if vs[1].Change.Why != "second source" || vs[1].Title != "Edited by ana" {
		t.Errorf("version 2 = %+v", vs[1])
	}
	// The round trip keeps every field.
	want := simReport("r1", "src", "site-a", day0)
	got := vs[0]
	got.Version, got.Edited, got.Change = 0, time.Time{}, sitrep.Change{}
	if !reflect.DeepEqual(normReport(got), normReport(want)) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

// normReport normalises times to UTC for comparison.
func normReport(r sitrep.Report) sitrep.Report {
	r.Edited = normTime(r.Edited)
	r.Published = normTime(r.Published)
	cs := make([]sitrep.Claim, len(r.Claims))
	for i, c := range r.Claims {
		c.When.From, c.When.To = normTime(c.When.From), normTime(c.When.To)
		cs[i] = c
	}
	r.Claims = cs
	return r
}

func testReportErrors(t *testing.T, h *reportHarness) {
	s, _ := h.store()
	_, err := s.CreateReport(ctx(t), simReport("r1", "nosrc", "site-a", day0), sitrep.Change{})
	wantCode(t, "CreateReport(unknown source)", err, sitrep.ENOTFOUND)
	mustPutSource(t, s, simSource("src", "B"), sitrep.Change{})
	bad := simReport("r1", "src", "site-a", day0)
	bad.Credibility = 7
	_, err = s.CreateReport(ctx(t), bad, sitrep.Change{})
	wantCode(t, "CreateReport(credibility 7)", err, sitrep.EINVALID)
	v := simReport("r1", "src", "site-a", day0)
	v.Version = 3
	_, err = s.CreateReport(ctx(t), v, sitrep.Change{})
	wantCode(t, "CreateReport(version 3)", err, sitrep.EINVALID)
	v.Version = 1
	_, err = s.UpdateReport(ctx(t), v, sitrep.Change{})
	wantCode(t, "UpdateReport(unknown)", err, sitrep.ENOTFOUND)
	_, err = s.Report(ctx(t), "r1")
	wantCode(t, "Report(unknown)", err, sitrep.ENOTFOUND)
	_, err = s.ReportVersions(ctx(t), "r1")
	wantCode(t, "ReportVersions(unknown)", err, sitrep.ENOTFOUND)
}

func reportIDs(rs []sitrep.Report) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func testReportsFilter(t *testing.T, h *reportHarness) {
	s, _ := h.store()
	mustPutSource(t, s, simSource("src-a", "B"), sitrep.Change{})
	mustPutSource(t, s, simSource("src-b", "C"), sitrep.Change{})
	mustCreate(t, s, simReport("late", "src-a", "site-a", day0.AddDate(0, 0, 2)))
	mustCreate(t, s, simReport("early", "src-b", "site-b", day0))
	other := simReport("other-vessel", "src-a", "site-a", day0.AddDate(0, 0, 1))
	other.Claims[0].Vessels = []sitrep.VesselRef{{MMSI: 999000002}}
	other.Claims[0].Entities = nil
	mustCreate(t, s, other)
	tests := []struct {
		name string
		f    sitrep.ReportFilter
		want []string
	}{
		{"all, by time", sitrep.ReportFilter{}, []string{"early", "other-vessel", "late"}},
		{"source", sitrep.ReportFilter{SourceID: "src-a"}, []string{"other-vessel", "late"}},
		{"site", sitrep.ReportFilter{SiteID: "site-b"}, []string{"early"}},
		{"entity", sitrep.ReportFilter{EntityID: "sim-convoy"}, []string{"early", "late"}},
		{"mmsi", sitrep.ReportFilter{MMSI: 999000002}, []string{"other-vessel"}},
		{"imo", sitrep.ReportFilter{IMO: 9268710}, []string{"early", "late"}},
		{"limit", sitrep.ReportFilter{Limit: 1}, []string{"early"}},
		// A day-precision claim of 25 Jan is widened by 12 h at each end:
		// it meets a range from 26 Jan 11:00, not one from 26 Jan 13:00.
		{"range meets widened day", sitrep.ReportFilter{Range: sitrep.TimeRange{From: day0.Add(35 * time.Hour), To: day0.Add(36 * time.Hour)}}, []string{"early", "other-vessel"}},
		{"range beyond widening", sitrep.ReportFilter{Range: sitrep.TimeRange{From: day0.Add(37 * time.Hour), To: day0.Add(47 * time.Hour)}}, []string{"other-vessel", "late"}},
		{"range half-open end", sitrep.ReportFilter{Range: sitrep.TimeRange{To: day0.Add(-12 * time.Hour)}}, []string{}},
		{"nothing", sitrep.ReportFilter{SiteID: "nowhere"}, []string{}},
	}
	for _, tc := range tests {
		got, err := s.Reports(ctx(t), tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if g := reportIDs(got); !reflect.DeepEqual(g, tc.want) {
			t.Errorf("%s: Reports = %v, want %v", tc.name, g, tc.want)
		}
	}
	// Filters see the latest version only.
	r, _ := s.Report(ctx(t), "early")
	r.Claims[0].Where.SiteID = "site-c"
	if _, err := s.UpdateReport(ctx(t), r, sitrep.Change{}); err != nil {
		t.Fatal(err)
	}
	for site, want := range map[string][]string{"site-b": {}, "site-c": {"early"}} {
		got, err := s.Reports(ctx(t), sitrep.ReportFilter{SiteID: site})
		if err != nil || !reflect.DeepEqual(reportIDs(got), want) {
			t.Errorf("after edit, site %s: %v, %v; want %v", site, reportIDs(got), err, want)
		}
	}
}

func testReportsPersist(t *testing.T, h *reportHarness) {
	s, closeFn := h.store()
	mustPutSource(t, s, simSource("src", "B"), sitrep.Change{})
	v1 := mustCreate(t, s, simReport("r1", "src", "site-a", day0))
	if _, err := s.UpdateReport(ctx(t), v1, sitrep.Change{Why: "touch"}); err != nil {
		t.Fatal(err)
	}
	closeFn()
	s2, _ := h.store()
	vs, err := s2.ReportVersions(ctx(t), "r1")
	if err != nil || len(vs) != 2 {
		t.Fatalf("after reopen: %d versions, %v", len(vs), err)
	}
	if hist, err := s2.ReliabilityHistory(ctx(t), "src"); err != nil || len(hist) != 1 {
		t.Errorf("after reopen: history %v, %v", hist, err)
	}
}

func testEntities(t *testing.T, h *reportHarness) {
	s, _ := h.store()
	e := sitrep.Entity{ID: "sim-convoy", Name: "Simulated convoy", Kind: sitrep.EntityConvoy, Affiliation: "simulated"}
	if err := s.PutEntity(ctx(t), e); err != nil {
		t.Fatal(err)
	}
	got, err := s.Entity(ctx(t), "sim-convoy")
	if err != nil || got != e {
		t.Errorf("Entity = %+v, %v", got, err)
	}
	e.Notes = "replaced"
	if err := s.PutEntity(ctx(t), e); err != nil {
		t.Fatal(err)
	}
	all, err := s.Entities(ctx(t))
	if err != nil || len(all) != 1 || all[0].Notes != "replaced" {
		t.Errorf("Entities = %+v, %v", all, err)
	}
	_, err = s.Entity(ctx(t), "nope")
	wantCode(t, "Entity(nope)", err, sitrep.ENOTFOUND)
	wantCode(t, "PutEntity(bad kind)", s.PutEntity(ctx(t), sitrep.Entity{ID: "x", Name: "X", Kind: "tank"}), sitrep.EINVALID)
}
