package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/live"
)

// TestExamples writes the example requests and real responses of
// docs/api.md when SITREP_API_EXAMPLES names the output file:
//
//	SITREP_API_EXAMPLES=/tmp/examples.md go test ./httpapi -run TestExamples
//
// Every example must answer with the status it documents.
func TestExamples(t *testing.T) {
	out := os.Getenv("SITREP_API_EXAMPLES")
	if out == "" {
		t.Skip("set SITREP_API_EXAMPLES=FILE to write the examples of docs/api.md")
	}
	f := newFixture(t)
	f.putEvents()
	// A second real capture, with vessels whose identity changed.
	f.ps = append(f.ps, replay(t, f.store, f.live, "amsa-exact-earth-2.nmea")...)
	var doc bytes.Buffer
	admin := f.tokens[sitrep.RoleAdmin]
	analyst := f.login("analyst1")
	ex := func(title string, rq req, status int) resp {
		t.Helper()
		r := f.do(rq)
		if r.status != status {
			t.Fatalf("%s: %d %s, want %d", title, r.status, r.body, status)
		}
		method := rq.method
		if method == "" {
			method = "GET"
		}
		fmt.Fprintf(&doc, "#### %s\n\n```http\n%s %s\n", title, method, rq.path)
		if rq.bearer != "" {
			fmt.Fprintf(&doc, "Authorization: Bearer sitrep_…\n")
		}
		if rq.session != nil {
			fmt.Fprintf(&doc, "Cookie: sitrep_session=…\nX-CSRF-Token: …\n")
		}
		if rq.body != nil {
			b, _ := json.MarshalIndent(rq.body, "", "  ")
			if s, ok := rq.body.(string); ok {
				b = []byte(s)
			}
			fmt.Fprintf(&doc, "Content-Type: application/json\n\n%s\n", b)
		}
		fmt.Fprintf(&doc, "```\n\n```http\nHTTP/1.1 %d %s\n", r.status, http.StatusText(r.status))
		for _, h := range []string{"Content-Type", "Content-Disposition", "Set-Cookie"} {
			if v := r.header.Get(h); v != "" {
				if h == "Set-Cookie" {
					v = "sitrep_session=…" + v[strings.Index(v, ";"):]
				}
				fmt.Fprintf(&doc, "%s: %s\n", h, v)
			}
		}
		doc.WriteString("\n")
		doc.Write(shorten(r.body, strings.HasPrefix(r.header.Get("Content-Type"), "application/json")))
		doc.WriteString("\n```\n\n")
		return r
	}
	ex("Live vessels in a box", req{path: "/api/live?bbox=90,-32,100,-28&limit=2"}, 200)
	ex("The map at a past moment", req{path: "/api/snapshot?t=2012-04-13T17:15:30Z&window=1h&bbox=90,-32,100,-28&limit=1"}, 200)
	ex("Search vessels", req{path: "/api/vessels?q=21225&limit=1"}, 200)
	ex("One vessel", req{path: "/api/vessels/212250000"}, 200)
	// The first vessel of the capture whose identity changed.
	withHistory := sitrep.MMSI(0)
	for _, p := range f.ps {
		if h, err := f.store.IdentityHistory(t.Context(), p.MMSI); err == nil && len(h) > 0 {
			withHistory = p.MMSI
			break
		}
	}
	if withHistory == 0 {
		t.Fatal("no vessel of the capture has an identity history")
	}
	ex("Identity history", req{path: fmt.Sprintf("/api/vessels/%d/history", withHistory)}, 200)
	ex("Track as JSON", req{path: "/api/vessels/212250000/track?from=2012-04-13&to=2012-04-13"}, 200)
	ex("Track as CSV", req{path: "/api/vessels/212250000/track?format=csv"}, 200)
	ex("Sites", req{path: "/api/sites?q=tartus&limit=2"}, 200)
	ex("Sites for the map", req{path: "/api/sites.geojson?bbox=35.85,34.88,35.9,34.92&kind=naval_base"}, 200)
	ex("One site", req{path: "/api/sites/tartus-naval-base"}, 200)
	ex("Site summary", req{path: "/api/sites/tartus-naval-base/summary?from=2025-02-01&to=2025-02-28"}, 200)
	ex("Events", req{path: "/api/events?kind=visit&site=tartus-naval-base&from=2025-02-01&limit=1"}, 200)
	ex("One event", req{path: "/api/events/ev-arrival-1"}, 200)
	ex("Reports", req{path: "/api/reports?source=trt&limit=1"}, 200)
	ex("One report", req{path: "/api/reports/trt-convoy-turned-back"}, 200)
	ex("Report versions", req{path: "/api/reports/trt-convoy-turned-back/versions"}, 200)
	ex("Corroboration of a claim", req{path: "/api/reports/trt-convoy-turned-back/corroboration?claim=1"}, 200)
	ex("Sources", req{path: "/api/sources"}, 200)
	ex("One source with its reliability history", req{path: "/api/sources/trt"}, 200)
	ex("Entities", req{path: "/api/entities"}, 200)
	ex("One entity with its derived track", req{path: "/api/entities/khmeimim-convoy-2025-02-10"}, 200)
	ex("Timeline", req{path: "/api/timeline?site=tartus-naval-base&from=2025-02-10&to=2025-02-10"}, 200)
	ex("Situation report (Markdown)", req{path: "/api/brief?entity=khmeimim-convoy-2025-02-10&from=2025-02-10&to=2025-02-10"}, 200)
	ex("Config for the UI", req{path: "/api/config"}, 200)
	ex("Health", req{path: "/healthz"}, 200)
	ex("Who am I (anonymous)", req{path: "/api/me"}, 200)
	ex("Log in", req{method: "POST", path: "/api/login", body: map[string]string{"name": "analyst1", "password": password}}, 200)
	ex("Log in with a wrong password", req{method: "POST", path: "/api/login", body: map[string]string{"name": "analyst1", "password": "guess"}}, 401)
	ex("Who am I (session)", req{path: "/api/me", session: analyst}, 200)
	rep := baseReport(t, f, "docs-example")
	rep.Claims = rep.Claims[:1]
	rep.Evidence, rep.Notes = nil, ""
	ex("Create a report (analyst session)", req{method: "POST", path: "/api/reports", body: rep, session: analyst}, 201)
	ex("A write without the CSRF header", req{method: "POST", path: "/api/sources", body: sitrep.Source{ID: "x", Name: "X", Kind: "outlet", Reliability: "C"}, session: analyst, noCSRF: true}, 403)
	ex("A write without credentials", req{method: "DELETE", path: "/api/sites/tartus-pier"}, 401)
	ex("A write with too low a role", req{method: "POST", path: "/api/sources", body: sitrep.Source{ID: "x", Name: "X", Kind: "outlet", Reliability: "C"}, bearer: f.tokens[sitrep.RoleViewer]}, 403)
	ex("Edit a report (from version 1)", req{method: "PUT", path: "/api/reports/trt-convoy-turned-back", body: func() sitrep.Report {
		r := baseReport(t, f, "trt-convoy-turned-back")
		r.Version = 1
		r.Title = "Russian convoy stopped at a Tartus checkpoint, turned back"
		r.Change.Why = "shorter title"
		return r
	}(), bearer: admin}, 200)
	ex("The same edit again (version 1 is stale now)", req{method: "PUT", path: "/api/reports/trt-convoy-turned-back", body: func() sitrep.Report {
		r := baseReport(t, f, "trt-convoy-turned-back")
		r.Version = 1
		return r
	}(), bearer: admin}, 409)
	ex("A bad box", req{path: "/api/live?bbox=36,35,35"}, 400)
	ex("An unknown vessel", req{path: "/api/vessels/123456789"}, 404)
	ex("Create a site", req{method: "POST", path: "/api/sites", body: testSite("tartus-pier-gate"), bearer: admin}, 201)
	ex("Create an API token (admin)", req{method: "POST", path: "/api/tokens", body: map[string]any{"user": "analyst1", "name": "notebook", "role": "viewer", "expires": "2026-01-01T00:00:00Z"}, bearer: admin}, 201)
	ex("Add a feed at run time (admin)", req{method: "POST", path: "/api/feeds", body: map[string]string{"spec": "udp:127.0.0.1:0?name=lab"}, bearer: admin}, 201)
	ex("Feeds", req{path: "/api/feeds"}, 200)
	ex("Audit log (admin)", req{path: "/api/audit?limit=3", bearer: admin}, 200)

	// The stream: one position and one event.
	s := f.openStream("?bbox=35,34,36,35")
	s.next()
	waitSubscribers(t, f.hub, 1)
	v := live.Vessel{MMSI: 273000001, Lat: 34.9091, Lon: 35.8712, SOG: 0.1, COG: 212.5, Heading: 211, Time: fixtureNow, Name: "SPARTA IV", ShipType: 70, TypeName: "cargo", Class: "A", Flag: "RU", Simulated: true}
	e := f.putEvents()[0]
	f.hub.Publish(live.Message{Kind: live.KindPosition, Vessel: &v})
	f.hub.Publish(live.Message{Kind: live.KindEvent, Event: &e})
	fmt.Fprintf(&doc, "#### The stream\n\n```http\nGET /api/stream?bbox=35,34,36,35\n```\n\n```\nHTTP/1.1 200 OK\nContent-Type: text/event-stream\n\nretry: 3000\n: connected\n\n")
	for range 2 {
		fr := s.nextEvent()
		fmt.Fprintf(&doc, "event: %s\ndata: %s\n\n", fr.event, fr.data)
	}
	time.Sleep(60 * time.Millisecond)
	fmt.Fprintf(&doc, ": ping\n```\n")
	if err := os.WriteFile(out, doc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// shorten pretty-prints JSON (keeping the field order) with long arrays
// cut to two items, and cuts other bodies to 40 lines, for the
// documentation.
func shorten(body []byte, isJSON bool) []byte {
	if isJSON && json.Valid(body) {
		var out bytes.Buffer
		if json.Indent(&out, cutRaw(bytes.TrimSpace(body)), "", "  ") == nil {
			return out.Bytes()
		}
	}
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	if len(lines) > 40 {
		lines = append(lines[:40], "…")
	}
	return []byte(strings.Join(lines, "\n"))
}

// cutRaw cuts the arrays in a JSON value to two items and a note.
func cutRaw(raw []byte) []byte {
	switch {
	case len(raw) > 0 && raw[0] == '[':
		var items []json.RawMessage
		json.Unmarshal(raw, &items)
		var b bytes.Buffer
		b.WriteByte('[')
		for i, it := range items {
			if i == 2 {
				fmt.Fprintf(&b, `,"… %d more"`, len(items)-2)
				break
			}
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(cutRaw(it))
		}
		b.WriteByte(']')
		return b.Bytes()
	case len(raw) > 0 && raw[0] == '{':
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.Token() // {
		var b bytes.Buffer
		b.WriteByte('{')
		for i := 0; dec.More(); i++ {
			k, _ := dec.Token()
			var v json.RawMessage
			dec.Decode(&v)
			if i > 0 {
				b.WriteByte(',')
			}
			key, _ := json.Marshal(k)
			b.Write(key)
			b.WriteByte(':')
			b.Write(cutRaw(v))
		}
		b.WriteByte('}')
		return b.Bytes()
	}
	return raw
}
