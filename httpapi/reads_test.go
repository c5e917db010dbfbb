package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/feed"
	"github.com/sitrep-osint/sitrep/live"
)

// putEvents stores two events for the fixture's first vessel: an arrival
// and a visit at the Tartus naval base.
func (f *fixture) putEvents() []sitrep.Event {
	f.t.Helper()
	p := f.ps[0]
	start := time.Date(2025, 2, 10, 8, 0, 0, 0, time.UTC)
	es := []sitrep.Event{
		{ID: "ev-arrival-1", Kind: sitrep.EventArrival, MMSI: p.MMSI, SiteID: "tartus-naval-base", Start: start, End: start,
			Lat: 34.91, Lon: 35.87, Summary: "arrived at Tartus naval base", Rule: sitrep.Rule{Name: "site_arrival", Params: map[string]float64{"confirm_fixes": 2}},
			Evidence: []sitrep.EventFix{{Role: "first inside", MMSI: p.MMSI, Time: start, Lat: 34.91, Lon: 35.87}}},
		{ID: "ev-visit-1", Kind: sitrep.EventVisit, MMSI: p.MMSI, SiteID: "tartus-naval-base", Start: start, End: start.Add(5 * time.Hour),
			Lat: 34.91, Lon: 35.87, Summary: "visit of Tartus naval base, 5 h", Rule: sitrep.Rule{Name: "site_visit", Params: map[string]float64{}},
			Evidence: []sitrep.EventFix{{Role: "first inside", MMSI: p.MMSI, Time: start, Lat: 34.91, Lon: 35.87}}},
	}
	if err := f.store.PutEvents(context.Background(), es); err != nil {
		f.t.Fatal(err)
	}
	return es
}

func TestLive(t *testing.T) {
	f := newFixture(t)
	located := map[sitrep.MMSI]bool{}
	for _, p := range f.ps {
		located[p.MMSI] = true
	}
	n := len(located)
	var all mapBody
	f.get("/api/live", http.StatusOK).json(t, &all)
	if all.Total != n || len(all.Items) != n || all.Truncated {
		t.Fatalf("whole world: total %d, %d items, truncated %v; want the %d located vessels of the capture", all.Total, len(all.Items), all.Truncated, n)
	}
	// A box around the first position holds that vessel, at its latest fix.
	var want live.Vessel
	for _, v := range all.Items {
		if v.MMSI == 212250000 {
			want = v
		}
	}
	if want.MMSI == 0 {
		t.Fatal("vessel 212250000 missing")
	}
	var box mapBody
	f.get(fmt.Sprintf("/api/live?bbox=%f,%f,%f,%f", want.Lon-0.01, want.Lat-0.01, want.Lon+0.01, want.Lat+0.01), http.StatusOK).json(t, &box)
	if !slices.ContainsFunc(box.Items, func(v live.Vessel) bool { return v.MMSI == want.MMSI && v.Lat == want.Lat && v.Time.Equal(want.Time) }) {
		t.Fatalf("box around %d: %+v", want.MMSI, box.Items)
	}
	for _, v := range box.Items {
		if v.Lat < want.Lat-0.01 || v.Lat > want.Lat+0.01 {
			t.Errorf("vessel %d at %f outside the box", v.MMSI, v.Lat)
		}
	}
	// limit truncates and says so.
	var two mapBody
	f.get("/api/live?limit=2", http.StatusOK).json(t, &two)
	if len(two.Items) != 2 || two.Total != n || !two.Truncated {
		t.Fatalf("limit 2: %d items, total %d, truncated %v", len(two.Items), two.Total, two.Truncated)
	}
	// An antimeridian box west of 180 (no vessel: the capture is in the
	// Indian Ocean) and one that wraps all the way round.
	var none mapBody
	f.get("/api/live?bbox=170,-90,-170,90", http.StatusOK).json(t, &none)
	if none.Total != 0 || len(none.Items) != 0 {
		t.Fatalf("Pacific box: %+v", none)
	}
	var wrap mapBody
	f.get("/api/live?bbox=70,-90,60,90", http.StatusOK).json(t, &wrap)
	if wrap.Total != n {
		t.Fatalf("box across the antimeridian from 70E to 60E: total %d, want %d", wrap.Total, n)
	}
}

func TestSnapshot(t *testing.T) {
	f := newFixture(t)
	// At 17:15:30 the snapshot holds each vessel's last fix up to then.
	at := time.Date(2012, 4, 13, 17, 15, 30, 0, time.UTC)
	want := map[sitrep.MMSI]sitrep.Position{}
	for _, p := range f.ps {
		if !p.Time.After(at) && !p.Time.Before(at.Add(-time.Hour)) {
			if old, ok := want[p.MMSI]; !ok || !p.Time.Before(old.Time) {
				want[p.MMSI] = p
			}
		}
	}
	var body mapBody
	f.get("/api/snapshot?t="+at.Format(time.RFC3339)+"&window=1h", http.StatusOK).json(t, &body)
	if body.Total != len(want) || len(body.Items) != len(want) {
		t.Fatalf("snapshot: total %d, %d items; want %d vessels", body.Total, len(body.Items), len(want))
	}
	for _, v := range body.Items {
		p := want[v.MMSI]
		if !v.Time.Equal(p.Time) || v.Lat != p.Lat || v.Lon != p.Lon {
			t.Errorf("vessel %d: got %v %f,%f, want %v %f,%f", v.MMSI, v.Time, v.Lat, v.Lon, p.Time, p.Lat, p.Lon)
		}
	}
	// Before the capture there is nothing; t is required.
	f.get("/api/snapshot?t=2012-04-12T00:00:00Z", http.StatusOK).json(t, &body)
	if body.Total != 0 {
		t.Fatalf("before the capture: %d vessels", body.Total)
	}
	if c := f.get("/api/snapshot", http.StatusBadRequest).errCode(t); c != "invalid" {
		t.Fatal(c)
	}
	if r := f.get("/api/snapshot?t=2012-04-13T17:00:00Z&window=30d", http.StatusBadRequest); !strings.Contains(string(r.body), "window") {
		t.Fatalf("%s", r.body)
	}
}

func TestVessels(t *testing.T) {
	f := newFixture(t)
	// Paging walks every stored vessel once.
	seen := map[sitrep.MMSI]bool{}
	next, pages := "", 0
	for {
		var page list[sitrep.Vessel]
		f.get("/api/vessels?limit=50&cursor="+next, http.StatusOK).json(t, &page)
		pages++
		for _, v := range page.Items {
			if seen[v.MMSI] {
				t.Fatalf("vessel %d on two pages", v.MMSI)
			}
			seen[v.MMSI] = true
		}
		if next = page.Next; next == "" {
			break
		}
	}
	stored, err := f.store.Vessels(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != len(stored) || pages != (len(stored)+49)/50 {
		t.Fatalf("%d vessels in %d pages, want %d", len(seen), pages, len(stored))
	}
	// Search by MMSI prefix.
	var found list[sitrep.Vessel]
	f.get("/api/vessels?q=21225", http.StatusOK).json(t, &found)
	if len(found.Items) == 0 || !slices.ContainsFunc(found.Items, func(v sitrep.Vessel) bool { return v.MMSI == 212250000 }) {
		t.Fatalf("q=21225: %+v", found.Items)
	}
	var v sitrep.Vessel
	f.get("/api/vessels/212250000", http.StatusOK).json(t, &v)
	if v.MMSI != 212250000 || v.LastPosition == nil || v.Flag != "CY" {
		t.Fatalf("vessel: %+v", v)
	}
	if c := f.get("/api/vessels/123456789", http.StatusNotFound).errCode(t); c != "not_found" {
		t.Fatal(c)
	}
	if r := f.get("/api/vessels/12x", http.StatusBadRequest); !strings.Contains(string(r.body), "MMSI") {
		t.Fatalf("%s", r.body)
	}
	var h list[sitrep.IdentityChange]
	f.get("/api/vessels/212250000/history", http.StatusOK).json(t, &h)
	if h.Items == nil {
		t.Fatal("history items null")
	}
	f.get("/api/vessels/123456789/history", http.StatusNotFound)
}

func TestTrack(t *testing.T) {
	f := newFixture(t)
	var want []sitrep.Position
	for _, p := range f.ps {
		if p.MMSI == 212250000 {
			want = append(want, p)
		}
	}
	var tr list[sitrep.Position]
	f.get("/api/vessels/212250000/track", http.StatusOK).json(t, &tr)
	if len(tr.Items) != len(want) {
		t.Fatalf("track: %d positions, want %d", len(tr.Items), len(want))
	}
	for i := range want {
		if !tr.Items[i].Time.Equal(want[i].Time) || tr.Items[i].Lat != want[i].Lat {
			t.Fatalf("fix %d: %+v, want %+v", i, tr.Items[i], want[i])
		}
	}
	// from/to cut the track (half-open).
	f.get("/api/vessels/212250000/track?from="+want[1].Time.Format(time.RFC3339)+"&to="+want[2].Time.Format(time.RFC3339), http.StatusOK).json(t, &tr)
	if len(tr.Items) != 1 || !tr.Items[0].Time.Equal(want[1].Time) {
		t.Fatalf("cut track: %+v", tr.Items)
	}
	for format, ctype := range map[string]string{"geojson": "application/geo+json", "csv": "text/csv", "kml": "application/vnd.google-earth.kml+xml", "gpx": "application/gpx+xml"} {
		r := f.get("/api/vessels/212250000/track?format="+format, http.StatusOK)
		if !strings.HasPrefix(r.header.Get("Content-Type"), ctype) || !strings.Contains(r.header.Get("Content-Disposition"), "track-212250000."+format) {
			t.Errorf("%s: %v", format, r.header)
		}
		if !strings.Contains(string(r.body), "212250000") {
			t.Errorf("%s: body lacks the MMSI: %.200s", format, r.body)
		}
	}
	if r := f.get("/api/vessels/212250000/track?format=shp", http.StatusBadRequest); !strings.Contains(string(r.body), "format") {
		t.Fatalf("%s", r.body)
	}
	if r := f.get("/api/vessels/212250000/track?from=yesterday", http.StatusBadRequest); !strings.Contains(string(r.body), "from") {
		t.Fatalf("%s", r.body)
	}
}

func TestSites(t *testing.T) {
	f := newFixture(t)
	f.putEvents()
	var l list[sitrep.Site]
	f.get("/api/sites?q=tartus", http.StatusOK).json(t, &l)
	if !slices.ContainsFunc(l.Items, func(s sitrep.Site) bool { return s.ID == "tartus-naval-base" }) {
		t.Fatalf("q=tartus: %+v", l.Items)
	}
	f.get("/api/sites?kind=strait&limit=5", http.StatusOK).json(t, &l)
	if len(l.Items) != 5 || l.Next == "" {
		t.Fatalf("kind=strait limit 5: %d items, next %q", len(l.Items), l.Next)
	}
	for _, s := range l.Items {
		if s.Kind != sitrep.SiteStrait {
			t.Errorf("site %s is %s", s.ID, s.Kind)
		}
	}
	f.get("/api/sites?kind=volcano", http.StatusBadRequest)
	// bbox around Tartus.
	f.get("/api/sites?bbox=35.8,34.8,36.0,35.0&limit=1000", http.StatusOK).json(t, &l)
	if !slices.ContainsFunc(l.Items, func(s sitrep.Site) bool { return s.ID == "tartus-naval-base" }) || len(l.Items) > 50 {
		t.Fatalf("Tartus box: %d sites", len(l.Items))
	}
	r := f.get("/api/sites.geojson?bbox=35.8,34.8,36.0,35.0", http.StatusOK)
	var fc struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	r.json(t, &fc)
	if fc.Type != "FeatureCollection" || len(fc.Features) != len(l.Items) || r.header.Get("Content-Type") != "application/geo+json" {
		t.Fatalf("geojson: %s, %d features, want %d", fc.Type, len(fc.Features), len(l.Items))
	}
	var s sitrep.Site
	f.get("/api/sites/tartus-naval-base", http.StatusOK).json(t, &s)
	if s.ID != "tartus-naval-base" || s.Kind != sitrep.SiteNavalBase {
		t.Fatalf("%+v", s)
	}
	f.get("/api/sites/no-such-site", http.StatusNotFound)
	var sum siteSummary
	f.get("/api/sites/tartus-naval-base/summary?from=2025-02-01&to=2025-02-28", http.StatusOK).json(t, &sum)
	if sum.Site.ID != "tartus-naval-base" || sum.Counts["arrival"] != 1 || sum.Counts["visit"] != 1 || len(sum.Visits) != 1 || len(sum.Events) != 2 {
		t.Fatalf("summary: counts %v, %d visits, %d events", sum.Counts, len(sum.Visits), len(sum.Events))
	}
	if len(sum.Reports) == 0 {
		t.Fatal("summary: no reports naming the Tartus naval base")
	}
	// Outside the range the events are gone.
	f.get("/api/sites/tartus-naval-base/summary?from=2025-03-01&to=2025-03-02", http.StatusOK).json(t, &sum)
	if len(sum.Events) != 0 || sum.Inside == nil {
		t.Fatalf("March: %+v", sum.Events)
	}
}

func TestSiteSummaryInside(t *testing.T) {
	f := newFixture(t)
	// A stored circle around a live vessel: the summary lists it inside.
	var v live.Vessel
	var all mapBody
	f.get("/api/live", http.StatusOK).json(t, &all)
	v = all.Items[0]
	site := sitrep.Site{ID: "test-circle", Name: "Test circle", Kind: sitrep.SiteAnchorage,
		Shape: sitrep.Shape{Kind: sitrep.ShapeCircle, Center: sitrep.LatLon{Lat: v.Lat, Lon: v.Lon}, RadiusM: 2000}}
	if err := f.store.PutSite(context.Background(), site); err != nil {
		t.Fatal(err)
	}
	var sum siteSummary
	f.get("/api/sites/test-circle/summary", http.StatusOK).json(t, &sum)
	if !slices.ContainsFunc(sum.Inside, func(x live.Vessel) bool { return x.MMSI == v.MMSI }) {
		t.Fatalf("inside: %+v, want %d", sum.Inside, v.MMSI)
	}
}

func TestEvents(t *testing.T) {
	f := newFixture(t)
	es := f.putEvents()
	var l list[sitrep.Event]
	f.get("/api/events", http.StatusOK).json(t, &l)
	if len(l.Items) != 2 {
		t.Fatalf("%d events", len(l.Items))
	}
	f.get("/api/events?kind=visit", http.StatusOK).json(t, &l)
	if len(l.Items) != 1 || l.Items[0].ID != "ev-visit-1" {
		t.Fatalf("kind=visit: %+v", l.Items)
	}
	f.get("/api/events?limit=1", http.StatusOK).json(t, &l)
	if len(l.Items) != 1 || l.Next == "" {
		t.Fatalf("limit 1: %d, next %q", len(l.Items), l.Next)
	}
	first := l.Items[0].ID
	f.get("/api/events?limit=1&cursor="+l.Next, http.StatusOK).json(t, &l)
	if len(l.Items) != 1 || l.Items[0].ID == first || l.Next != "" {
		t.Fatalf("page 2: %+v next %q", l.Items, l.Next)
	}
	f.get(fmt.Sprintf("/api/events?mmsi=%d&site=tartus-naval-base&bbox=35,34,36,35&from=2025-02-10&to=2025-02-10", es[0].MMSI), http.StatusOK).json(t, &l)
	if len(l.Items) != 2 {
		t.Fatalf("filtered: %d", len(l.Items))
	}
	f.get("/api/events?bbox=0,0,1,1", http.StatusOK).json(t, &l)
	if len(l.Items) != 0 {
		t.Fatalf("empty box: %d", len(l.Items))
	}
	var e sitrep.Event
	f.get("/api/events/ev-visit-1", http.StatusOK).json(t, &e)
	if e.Rule.Name != "site_visit" || len(e.Evidence) != 1 {
		t.Fatalf("%+v", e)
	}
	f.get("/api/events/nope", http.StatusNotFound)
	if r := f.get("/api/events?kind=party", http.StatusBadRequest); !strings.Contains(string(r.body), "kind") {
		t.Fatalf("%s", r.body)
	}
	f.get("/api/events?cursor=garbage", http.StatusBadRequest)
}

func TestReportsRead(t *testing.T) {
	f := newFixture(t)
	var l list[sitrep.Report]
	f.get("/api/reports?limit=1000", http.StatusOK).json(t, &l)
	if len(l.Items) < 5 {
		t.Fatalf("%d reports", len(l.Items))
	}
	f.get("/api/reports?source=trt", http.StatusOK).json(t, &l)
	for _, r := range l.Items {
		if r.SourceID != "trt" {
			t.Errorf("source=trt gave %s", r.SourceID)
		}
	}
	if len(l.Items) == 0 {
		t.Fatal("no trt reports")
	}
	f.get("/api/reports?entity=khmeimim-convoy-2025-02-10&from=2025-02-10&to=2025-02-10", http.StatusOK).json(t, &l)
	if !slices.ContainsFunc(l.Items, func(r sitrep.Report) bool { return r.ID == "trt-convoy-turned-back" }) {
		t.Fatalf("entity: %d", len(l.Items))
	}
	var rep sitrep.Report
	f.get("/api/reports/trt-convoy-turned-back", http.StatusOK).json(t, &rep)
	if rep.Version != 1 || len(rep.Claims) == 0 {
		t.Fatalf("%+v", rep)
	}
	var vs list[sitrep.Report]
	f.get("/api/reports/trt-convoy-turned-back/versions", http.StatusOK).json(t, &vs)
	if len(vs.Items) != 1 {
		t.Fatal(len(vs.Items))
	}
	f.get("/api/reports/nope", http.StatusNotFound)
	f.get("/api/reports/nope/versions", http.StatusNotFound)
	var c struct {
		ReportID string `json:"report_id"`
		Claim    int    `json:"claim"`
		Grade    string `json:"grade"`
	}
	f.get("/api/reports/trt-convoy-turned-back/corroboration?claim=1", http.StatusOK).json(t, &c)
	if c.ReportID != "trt-convoy-turned-back" || c.Claim != 1 || c.Grade == "" {
		t.Fatalf("%+v", c)
	}
	f.get("/api/reports/trt-convoy-turned-back/corroboration?claim=99", http.StatusBadRequest)
	f.get("/api/reports/trt-convoy-turned-back/corroboration?claim=-1", http.StatusBadRequest)

	var srcs list[sitrep.Source]
	f.get("/api/sources", http.StatusOK).json(t, &srcs)
	if !slices.ContainsFunc(srcs.Items, func(s sitrep.Source) bool { return s.ID == "trt" }) {
		t.Fatal("no trt source")
	}
	var sb sourceBody
	f.get("/api/sources/trt", http.StatusOK).json(t, &sb)
	if sb.ID != "trt" || len(sb.History) != 1 {
		t.Fatalf("%+v", sb)
	}
	f.get("/api/sources/nope", http.StatusNotFound)
	var ents list[sitrep.Entity]
	f.get("/api/entities", http.StatusOK).json(t, &ents)
	if len(ents.Items) == 0 {
		t.Fatal("no entities")
	}
	var eb entityBody
	f.get("/api/entities/khmeimim-convoy-2025-02-10", http.StatusOK).json(t, &eb)
	if eb.ID != "khmeimim-convoy-2025-02-10" || len(eb.Track) == 0 {
		t.Fatalf("%+v", eb)
	}
	f.get("/api/entities/nope", http.StatusNotFound)
}

func TestTimelineAndBrief(t *testing.T) {
	f := newFixture(t)
	f.putEvents()
	var tl list[timelineItem]
	f.get("/api/timeline?site=tartus-naval-base&from=2025-01-20&to=2025-02-14", http.StatusOK).json(t, &tl)
	kinds := map[string]int{}
	for i, it := range tl.Items {
		kinds[it.Kind]++
		if i > 0 && it.Time.Before(tl.Items[i-1].Time) {
			t.Fatalf("item %d out of order", i)
		}
		if it.Kind == "claim" && (it.Report == nil || it.Grade == "") {
			t.Fatalf("claim without report or grade: %+v", it)
		}
	}
	if kinds["event"] != 2 || kinds["claim"] == 0 {
		t.Fatalf("timeline kinds %v", kinds)
	}
	md := f.get("/api/brief?site=tartus-naval-base&from=2025-01-20&to=2025-02-14", http.StatusOK)
	if !strings.HasPrefix(md.header.Get("Content-Type"), "text/markdown") || !strings.Contains(string(md.body), "Situation report: tartus-naval-base") {
		t.Fatalf("md: %v %.300s", md.header, md.body)
	}
	html := f.get("/api/brief?entity=khmeimim-convoy-2025-02-10&format=html", http.StatusOK)
	if !strings.Contains(string(html.body), "<html") {
		t.Fatalf("html: %.200s", html.body)
	}
	for _, format := range []string{"geojson", "kml", "csv"} {
		r := f.get("/api/brief?bbox=35.7,34.7,36.1,35.5&from=2025-02-10&to=2025-02-10&format="+format, http.StatusOK)
		if len(r.body) == 0 || r.header.Get("Content-Disposition") == "" {
			t.Errorf("%s: empty", format)
		}
	}
	f.get("/api/brief?format=pdf", http.StatusBadRequest)
	f.get("/api/timeline?mmsi=0", http.StatusBadRequest)
}

func TestService(t *testing.T) {
	f := newFixture(t)
	r := f.get("/healthz", http.StatusOK)
	if strings.TrimSpace(string(r.body)) != `{"status":"ok"}` {
		t.Fatalf("%s", r.body)
	}
	var c uiConfig
	f.get("/api/config", http.StatusOK).json(t, &c)
	if c.Version != "test" || !c.AnonymousRead {
		t.Fatalf("%+v", c)
	}
	f.get("/api/vessels/212250000", http.StatusOK)
	f.get("/api/nothing-here", http.StatusNotFound)
	m := f.get("/metrics", http.StatusOK)
	for _, want := range []string{
		`sitrep_http_requests_total{method="GET",route="GET /api/vessels/{mmsi}",status="200"} 1`,
		`sitrep_http_requests_total{method="GET",route="/api/",status="404"} 1`,
		`sitrep_http_request_duration_seconds_count{route="GET /healthz",status="200"} 1`,
		"sitrep_live_subscribers",
	} {
		if !strings.Contains(string(m.body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// Security headers on every response, errors included.
	for _, path := range []string{"/healthz", "/api/vessels/1", "/", "/api/openapi.json"} {
		r := f.do(req{path: path})
		for h, want := range map[string]string{
			"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer",
		} {
			if r.header.Get(h) != want {
				t.Errorf("%s: %s = %q", path, h, r.header.Get(h))
			}
		}
		if !strings.Contains(r.header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("%s: CSP %q", path, r.header.Get("Content-Security-Policy"))
		}
	}
	// Without a UI, / says how to build it.
	if r := f.get("/", http.StatusOK); !strings.Contains(string(r.body), "make web") {
		t.Fatalf("%s", r.body)
	}
}

func TestFeeds(t *testing.T) {
	f := newFixture(t)
	var l list[feed.Status]
	f.get("/api/feeds", http.StatusOK).json(t, &l)
	if len(l.Items) != 0 {
		t.Fatalf("%+v", l.Items)
	}
	r := f.do(req{method: "POST", path: "/api/feeds", body: map[string]string{"spec": "file:../testdata/ais/amsa-tag-block.nmea?name=capture"}, bearer: f.tokens[sitrep.RoleAdmin]})
	if r.status != http.StatusCreated {
		t.Fatalf("%d %s", r.status, r.body)
	}
	data, err := os.ReadFile("../testdata/ais/amsa-tag-block.nmea")
	if err != nil {
		t.Fatal(err)
	}
	want := uint64(len(strings.Fields(string(data)))) // lines, none with spaces
	// The file replays to its end.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		f.get("/api/feeds", http.StatusOK).json(t, &l)
		if len(l.Items) == 1 && l.Items[0].State == feed.Done {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("feed not done: %+v", l.Items)
		}
	}
	st := l.Items[0]
	if st.Name != "capture" || st.Kind != feed.File || st.Lines != want || f.lines.Load() != int64(want) {
		t.Fatalf("status %+v, %d lines handled, want %d", st, f.lines.Load(), want)
	}

	// A dropped line is quoted in last_drop for admins only.
	junk := filepath.Join(t.TempDir(), "junk.nmea")
	if err := os.WriteFile(junk, []byte("secret\x01stuff\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := f.do(req{method: "POST", path: "/api/feeds", body: map[string]string{"spec": "file:" + junk + "?name=junk"}, bearer: f.tokens[sitrep.RoleAdmin]}); r.status != http.StatusCreated {
		t.Fatalf("%d %s", r.status, r.body)
	}
	drop := func(bearer string) string {
		var l list[feed.Status]
		f.do(req{method: "GET", path: "/api/feeds", bearer: bearer}).json(t, &l)
		for _, st := range l.Items {
			if st.Name == "junk" {
				return st.LastDrop
			}
		}
		return ""
	}
	for deadline := time.Now().Add(10 * time.Second); drop(f.tokens[sitrep.RoleAdmin]) == ""; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the junk line was never dropped")
		}
	}
	if d := drop(""); d != "" {
		t.Errorf("an anonymous reader sees last_drop %q", d)
	}
	if d := drop(f.tokens[sitrep.RoleViewer]); d != "" {
		t.Errorf("a viewer sees last_drop %q", d)
	}
}

func TestUI(t *testing.T) {
	ui := fstest.MapFS{
		"index.html":            {Data: []byte("<!doctype html><title>sitrep</title>")},
		"app.js":                {Data: []byte("console.log(1)")},
		"basemap/land-50m.json": {Data: []byte(`{"type":"Topology"}`)},
	}
	f := newFixture(t, func(c *Config) { c.UI = ui })
	if r := f.get("/", http.StatusOK); !strings.Contains(string(r.body), "<title>sitrep") || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Fatalf("%v %s", r.header, r.body)
	}
	if r := f.get("/basemap/land-50m.json", http.StatusOK); string(r.body) != `{"type":"Topology"}` {
		t.Fatalf("%s", r.body)
	}
	if r := f.get("/app.js", http.StatusOK); !strings.Contains(r.header.Get("Content-Type"), "javascript") {
		t.Fatalf("%v", r.header)
	}
	f.get("/nope.js", http.StatusNotFound)
	// API paths are never the UI's.
	if c := f.get("/api/nope", http.StatusNotFound).errCode(t); c != "not_found" {
		t.Fatal(c)
	}
}
