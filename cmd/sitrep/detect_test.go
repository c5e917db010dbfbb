package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/detect"
	"github.com/sitrep-osint/sitrep/geo"
	"github.com/sitrep-osint/sitrep/ingest"
	"github.com/sitrep-osint/sitrep/nmea"
	"github.com/sitrep-osint/sitrep/sim"
	"github.com/sitrep-osint/sitrep/track"
)

// testSites is a SiteIndex over circles, polygons and line gates, scanned.
type testSites struct {
	sites  []*sitrep.Site
	shapes []geo.Shape
	lines  []*sitrep.Site
	gates  []geo.Line
}

func (x *testSites) Containing(dst []*sitrep.Site, lat, lon float64) []*sitrep.Site {
	for i, sh := range x.shapes {
		if sh.Contains(geo.Point{Lat: lat, Lon: lon}) {
			dst = append(dst, x.sites[i])
		}
	}
	return dst
}

func (x *testSites) Crossed(dst []*sitrep.Site, from, to sitrep.LatLon) []*sitrep.Site {
	for i, g := range x.gates {
		if ok, _ := g.Crosses(geo.Point{Lat: from.Lat, Lon: from.Lon}, geo.Point{Lat: to.Lat, Lon: to.Lon}); ok {
			dst = append(dst, x.lines[i])
		}
	}
	return dst
}

// newTestSites returns illustrative sites at the simulator's port
// approaches in the Mediterranean, polygon gates across Gibraltar and the
// lane south of Cyprus, and a line gate across the Levant lanes.
func newTestSites() *testSites {
	x := &testSites{}
	add := func(s sitrep.Site, sh geo.Shape) { x.sites, x.shapes = append(x.sites, &s), append(x.shapes, sh) }
	for _, c := range []struct {
		id, locode, country string
		lat, lon            float64
	}{{"tartus", "SYTTS", "SY", 34.90, 35.75}, {"algeciras", "ESALG", "ES", 36.05, -5.40},
		{"port-said", "EGPSD", "EG", 31.60, 32.35}, {"haifa", "ILHFA", "IL", 32.90, 34.80}} {
		s := sitrep.Site{ID: c.id, Name: c.id, Kind: sitrep.SitePort, LOCODE: c.locode, Country: c.country,
			Shape: sitrep.Shape{Kind: sitrep.ShapeCircle, Center: sitrep.LatLon{Lat: c.lat, Lon: c.lon}, RadiusM: 8000}}
		add(s, geo.Circle{Center: geo.Point{Lat: c.lat, Lon: c.lon}, Radius: 8000})
	}
	ring := []sitrep.LatLon{{Lat: 35.75, Lon: -6.0}, {Lat: 35.75, Lon: -5.45}, {Lat: 36.0, Lon: -5.45}, {Lat: 36.0, Lon: -6.0}}
	var outer []geo.Point
	for _, p := range ring {
		outer = append(outer, geo.Point{Lat: p.Lat, Lon: p.Lon})
	}
	add(sitrep.Site{ID: "strait-gibraltar", Name: "Strait of Gibraltar", Kind: sitrep.SiteStrait,
		Shape: sitrep.Shape{Kind: sitrep.ShapePolygon, Rings: [][]sitrep.LatLon{ring}}}, geo.Polygon{Outer: outer})
	cyp := []sitrep.LatLon{{Lat: 33.9, Lon: 32.7}, {Lat: 33.9, Lon: 33.3}, {Lat: 34.5, Lon: 33.3}, {Lat: 34.5, Lon: 32.7}}
	outer = nil
	for _, p := range cyp {
		outer = append(outer, geo.Point{Lat: p.Lat, Lon: p.Lon})
	}
	add(sitrep.Site{ID: "cyprus-passage", Name: "passage south of Cyprus", Kind: sitrep.SiteCanal,
		Shape: sitrep.Shape{Kind: sitrep.ShapePolygon, Rings: [][]sitrep.LatLon{cyp}}}, geo.Polygon{Outer: outer})
	gate := []sitrep.LatLon{{Lat: 31.0, Lon: 34.0}, {Lat: 34.5, Lon: 34.0}}
	x.lines = append(x.lines, &sitrep.Site{ID: "levant-line", Name: "Levant line", Kind: sitrep.SiteStrait,
		Shape: sitrep.Shape{Kind: sitrep.ShapeLine, Line: gate}})
	x.gates = append(x.gates, geo.Line{{Lat: gate[0].Lat, Lon: gate[0].Lon}, {Lat: gate[1].Lat, Lon: gate[1].Lon}})
	return x
}

var simStart = time.Date(2025, 2, 9, 0, 0, 0, 0, time.UTC)

// writeSim writes a SIMULATED Mediterranean capture to dir and returns its path.
func writeSim(t *testing.T, dir string) string {
	g, err := sim.New(sim.Config{Vessels: 80, Start: simStart, Duration: 12 * time.Hour, Seed: 3, GapsPerDay: 3,
		Area: sim.Area{MinLat: 30, MinLon: -7, MaxLat: 38, MaxLon: 37}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := g.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "sim.nmea")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// liveDetect runs the replay stages over a file with a detector, as live
// detection in the pipeline would, and returns the final events.
func liveDetect(t *testing.T, path string, p detect.Params, idx detect.SiteIndex, resolve func(string) *sitrep.PortRef) []sitrep.Event {
	byID := map[string]sitrep.Event{}
	d, err := detect.New(detect.Config{Params: p, Sites: idx, Sink: func(e sitrep.Event) { byID[e.ID] = e }})
	if err != nil {
		t.Fatal(err)
	}
	st, err := track.New(track.Config{Resolve: resolve})
	if err != nil {
		t.Fatal(err)
	}
	stage := ingest.New(ingest.Config{Feed: filepath.Base(path)}, ingest.Sink{
		Position: func(p sitrep.Position) { st.Observe(p); d.Position(p) },
		Identity: func(u ingest.IdentityUpdate) {
			cs := st.Apply(u)
			if v, ok := st.Vessel(u.Identity.MMSI); ok {
				d.Identity(v, cs)
			}
		},
	})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := ais.NewDecoder()
	r := nmea.NewReader(bytes.NewReader(data), nmea.ReaderConfig{Source: filepath.Base(path)})
	for {
		msg, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			continue
		}
		m, err := dec.Decode(msg.Payload, msg.FillBits)
		if m == nil || (err != nil && !errors.Is(err, ais.ErrShort)) {
			continue
		}
		stage.Handle(msg, m, simStart)
	}
	d.Flush()
	out := make([]sitrep.Event, 0, len(byID))
	for _, e := range byID {
		out = append(out, e)
	}
	sortEvents(out)
	return out
}

func sortEvents(es []sitrep.Event) {
	slices.SortFunc(es, func(a, b sitrep.Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// comparable strips what differs legitimately between live and stored
// events: the receivers of evidence fixes (the store adds later
// receptions) and time zones.
func comparable(e sitrep.Event) sitrep.Event {
	e.Start, e.End = e.Start.UTC(), e.End.UTC()
	ev := make([]sitrep.EventFix, len(e.Evidence))
	for i, f := range e.Evidence {
		f.Sources, f.Time = nil, f.Time.UTC()
		ev[i] = f
	}
	e.Evidence = ev
	return e
}

// TestDetectEqualsLive replays a simulated capture into a store, re-runs
// detection with `sitrep detect` and checks it stored exactly the events
// live detection over the same capture yields, for the same parameters.
func TestDetectEqualsLive(t *testing.T) {
	dir := t.TempDir()
	path := writeSim(t, dir)
	data := filepath.Join(dir, "data")
	if _, _, err := run(t, "", "replay", "--data", data, "--progress=false", path); err != nil {
		t.Fatal(err)
	}
	idx := newTestSites()
	opts := defaultDetectOptions()
	opts.siteIndex = func(context.Context, sitrep.Store) (detect.SiteIndex, error) { return idx, nil }
	params := []string{"--param", "min_dwell_min=20", "--param", "encounter_min_h=1"}
	p, err := parseParams([]string{"min_dwell_min=20", "encounter_min_h=1"})
	if err != nil {
		t.Fatal(err)
	}
	live := liveDetect(t, path, p, idx, opts.resolve)

	cmd := newDetectCmd(opts)
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetArgs(append([]string{"--data", data, "--from", "2025-02-08", "--to", "2025-02-10"}, params...))
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	t.Logf("sitrep detect:\n%s", out.String())
	js, _, err := run(t, "", "events", "--data", data, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var stored []sitrep.Event
	if err := json.Unmarshal([]byte(js), &stored); err != nil {
		t.Fatal(err)
	}
	kinds := map[sitrep.EventKind]int{}
	for _, e := range live {
		kinds[e.Kind]++
	}
	t.Logf("live: %d events %v", len(live), kinds)
	for _, k := range []sitrep.EventKind{sitrep.EventArrival, sitrep.EventVisit, sitrep.EventTransit} {
		if kinds[k] == 0 {
			t.Errorf("no %s events: the comparison would not cover that rule", k)
		}
	}
	if len(stored) != len(live) {
		t.Errorf("stored %d events, live %d", len(stored), len(live))
	}
	liveByID := map[string]sitrep.Event{}
	for _, e := range live {
		liveByID[e.ID] = comparable(e)
	}
	diffs := 0
	for _, e := range stored {
		l, ok := liveByID[e.ID]
		if !ok {
			t.Errorf("stored event %s not found live: %s", e.ID, e.Summary)
		} else if s := comparable(e); !reflect.DeepEqual(s, l) {
			if diffs++; diffs <= 3 {
				t.Errorf("event %s differs:\nstored %+v\nlive   %+v", e.ID, s, l)
			}
		}
		delete(liveByID, e.ID)
	}
	for id := range liveByID {
		t.Errorf("live event %s not stored", id)
	}

	// The CLI over the stored events.
	tab, _, err := run(t, "", "events", "--data", data, "--kind", "transit,arrival")
	if err != nil || !strings.Contains(tab, "START") || !strings.Contains(tab, "bound transit of") {
		t.Errorf("events table: %v\n%s", err, tab)
	}
	exp, _, err := run(t, "", "events", "--data", data, "--kind", "visit", "--explain", "--limit", "1")
	t.Logf("explain:\n%s", exp)
	tr, _, _ := run(t, "", "events", "--data", data, "--kind", "transit", "--explain", "--limit", "1")
	t.Logf("explain:\n%s", tr)
	for _, want := range []string{"rule      site_visit", "min_dwell_min=20", "evidence:", "first inside", "dwell_h"} {
		if err != nil || !strings.Contains(exp, want) {
			t.Errorf("explain lacks %q: %v\n%s", want, err, exp)
		}
	}
	sum, _, err := run(t, "", "events", "--data", data, "--site", "algeciras", "--summary")
	if err != nil || !strings.Contains(sum, "algeciras, all time:") || !strings.Contains(sum, "vessels inside at the end") {
		t.Errorf("summary: %v\n%s", err, sum)
	}
	t.Logf("summary:\n%s", sum)

	// Re-detection with another parameter replaces, not adds.
	cmd = newDetectCmd(opts)
	cmd.SetOut(&out)
	cmd.SetArgs([]string{"--data", data, "--from", "2025-02-08", "--to", "2025-02-10", "--param", "min_dwell_min=600"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	js, _, _ = run(t, "", "events", "--data", data, "--format", "json", "--kind", "visit")
	var visits []sitrep.Event
	if err := json.Unmarshal([]byte(js), &visits); err != nil {
		t.Fatal(err)
	}
	for _, v := range visits {
		if v.Rule.Params["min_dwell_min"] != 600 {
			t.Errorf("visit %s kept min_dwell_min %v after re-detection", v.ID, v.Rule.Params["min_dwell_min"])
		}
	}
}

func TestDetectAndEventsErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"detect", "--data", dir, "--from", "2025-01-01", "--to", "2025-01-02", "--param", "bogus=1"}, `unknown detection parameter "bogus"`},
		{[]string{"detect", "--data", dir, "--from", "2025-01-01", "--to", "2025-01-02", "--param", "hysteresis_m=-1"}, "hysteresis_m: -1 is negative"},
		{[]string{"detect", "--data", dir, "--from", "2025-01-01", "--to", "2025-01-02", "--param", "hysteresis_m"}, "want name=value"},
		{[]string{"detect", "--data", dir, "--to", "2025-01-02"}, "--from and --to are required"},
		{[]string{"events", "--data", dir, "--kind", "teleport"}, `--kind "teleport"`},
		{[]string{"events", "--data", dir, "--area", "1,2,3"}, "four numbers needed"},
		{[]string{"events", "--data", dir, "--area", "50,2,40,3"}, "minlat above maxlat"},
		{[]string{"events", "--data", dir, "--summary"}, "--summary needs --site"},
	} {
		_, _, err := run(t, "", tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want an error containing %q", tc.args, err, tc.want)
		}
	}
}
