package storetest

import (
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// EventsOpenFunc opens the event store kept in dir, creating it when dir
// is empty; the suite calls it again with the same dir to check
// persistence, after closing the previous store when it is an io.Closer.
// The function arranges for the stores it opens to be closed at the end of
// the test (t.Cleanup); closing twice must be harmless.
type EventsOpenFunc = func(t *testing.T, dir string) sitrep.EventStore

// RunEvents runs the sitrep.EventStore contract suite, each subtest in a
// fresh t.TempDir().
func RunEvents(t *testing.T, open EventsOpenFunc) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open EventsOpenFunc, dir string)
	}{
		{"RoundTrip", testEventRoundTrip},
		{"NotFound", testEventNotFound},
		{"PutReplacesByID", testEventReplace},
		{"Filters", testEventFilters},
		{"Delete", testEventDelete},
		{"Invalid", testEventInvalid},
		{"Persistence", testEventPersistence},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open, t.TempDir()) })
	}
}

var evT0 = time.Date(2025, 1, 21, 20, 35, 0, 0, time.UTC)

// sampleEvent returns a fully populated event (times to the millisecond).
func sampleEvent(id string, kind sitrep.EventKind, mmsi sitrep.MMSI, site string, start time.Time, dur time.Duration) sitrep.Event {
	sog := float32(0.3)
	e := sitrep.Event{
		ID: id, Kind: kind, MMSI: mmsi, SiteID: site, Start: start,
		Lat: 34.9, Lon: 35.87, Summary: "summary of " + id,
		Attrs: map[string]string{"dwell_h": "3.50", "stopped": "true"},
		Rule:  sitrep.Rule{Name: "site_visit", Params: map[string]float64{"min_dwell_min": 30, "hysteresis_m": 250}},
		Evidence: []sitrep.EventFix{
			{Role: "first inside", MMSI: mmsi, Time: start.Add(123456789 * time.Nanosecond), Lat: 34.9, Lon: 35.87, SOG: &sog,
				Sources: []sitrep.Provenance{{Feed: "aishub", Station: "rEV02", Received: start}}},
			{Role: "last inside", MMSI: mmsi, Time: start.Add(dur), Lat: 34.91, Lon: 35.88},
		},
	}
	if dur > 0 {
		e.End = start.Add(dur)
	}
	return e
}

func testEventRoundTrip(t *testing.T, open EventsOpenFunc, dir string) {
	s := open(t, dir)
	e := sampleEvent("visit:1", sitrep.EventVisit, 273297850, "tartus-naval-base", evT0, 3*time.Hour)
	e.StartBounds = &sitrep.TimeRange{From: evT0.Add(-5 * time.Hour), To: evT0}
	e.EndBounds = &sitrep.TimeRange{From: evT0.Add(2 * time.Hour), To: evT0.Add(3 * time.Hour)}
	enc := sampleEvent("encounter:1", sitrep.EventEncounter, 273297850, "", evT0, 0)
	enc.Other, enc.Attrs, enc.Evidence = 273000001, nil, []sitrep.EventFix{}
	if err := s.PutEvents(t.Context(), []sitrep.Event{e, enc}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []sitrep.Event{e, enc} {
		got, err := s.Event(t.Context(), want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !eventsEqual(got, want) {
			t.Errorf("Event(%s) =\n%+v\nwant\n%+v", want.ID, got, want)
		}
	}
	if got, _ := s.Event(t.Context(), enc.ID); !got.Open() {
		t.Error("open event read back closed")
	}
}

// eventsEqual compares events, times by instant.
func eventsEqual(a, b sitrep.Event) bool {
	norm := func(e sitrep.Event) sitrep.Event {
		e.Start, e.End = e.Start.UTC(), e.End.UTC()
		if e.End.IsZero() {
			e.End = time.Time{}
		}
		for _, r := range []*sitrep.TimeRange{e.StartBounds, e.EndBounds} {
			if r != nil {
				r.From, r.To = r.From.UTC(), r.To.UTC()
			}
		}
		ev := make([]sitrep.EventFix, len(e.Evidence))
		for i, f := range e.Evidence {
			f.Time = f.Time.UTC()
			srcs := make([]sitrep.Provenance, len(f.Sources))
			for j, p := range f.Sources {
				p.Received = p.Received.UTC()
				srcs[j] = p
			}
			if len(srcs) == 0 {
				srcs = nil
			}
			f.Sources = srcs
			ev[i] = f
		}
		e.Evidence = ev
		if len(e.Attrs) == 0 {
			e.Attrs = nil
		}
		return e
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

func testEventNotFound(t *testing.T, open EventsOpenFunc, dir string) {
	s := open(t, dir)
	if _, err := s.Event(t.Context(), "nope"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("Event(nope) = %v, want ENOTFOUND", err)
	}
	es, err := s.Events(t.Context(), sitrep.EventFilter{})
	if err != nil || es == nil || len(es) != 0 {
		t.Errorf("Events on an empty store = %v, %v; want an empty slice", es, err)
	}
}

func testEventReplace(t *testing.T, open EventsOpenFunc, dir string) {
	s := open(t, dir)
	e := sampleEvent("gap:1", sitrep.EventGap, 273297850, "", evT0, 0)
	if err := s.PutEvents(t.Context(), []sitrep.Event{e}); err != nil {
		t.Fatal(err)
	}
	e.End = evT0.Add(14 * time.Hour)
	e.Summary = "closed"
	if err := s.PutEvents(t.Context(), []sitrep.Event{e}); err != nil {
		t.Fatal(err)
	}
	es, err := s.Events(t.Context(), sitrep.EventFilter{})
	if err != nil || len(es) != 1 || es[0].Open() || es[0].Summary != "closed" {
		t.Errorf("after replacing: %v, %v", es, err)
	}
}

// filterFixture stores events for the filter tests:
//
//	a  arrival  vessel 1 at tartus,  t0,      instant, (34.9, 35.87)
//	b  visit    vessel 1 at tartus,  t0..t0+3h
//	c  transit  vessel 2 gibraltar,  t0+1h..t0+5h (36.0, -5.6)
//	d  encounter 3 with 1,           t0+2h, open, (10, 179.5)
//	e  gap      vessel 2,            t0-10h..t0-1h
func filterFixture(t *testing.T, s sitrep.EventStore) {
	a := sampleEvent("a", sitrep.EventArrival, 1, "tartus", evT0, 0)
	a.End = a.Start
	b := sampleEvent("b", sitrep.EventVisit, 1, "tartus", evT0, 3*time.Hour)
	c := sampleEvent("c", sitrep.EventTransit, 2, "gibraltar", evT0.Add(time.Hour), 4*time.Hour)
	c.Lat, c.Lon = 36.0, -5.6
	d := sampleEvent("d", sitrep.EventEncounter, 3, "", evT0.Add(2*time.Hour), 0)
	d.Other, d.Lat, d.Lon = 1, 10, 179.5
	e := sampleEvent("e", sitrep.EventGap, 2, "", evT0.Add(-10*time.Hour), 9*time.Hour)
	if err := s.PutEvents(t.Context(), []sitrep.Event{d, c, b, a, e}); err != nil {
		t.Fatal(err)
	}
}

func ids(es []sitrep.Event) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func testEventFilters(t *testing.T, open EventsOpenFunc, dir string) {
	s := open(t, dir)
	filterFixture(t, s)
	tests := []struct {
		name string
		f    sitrep.EventFilter
		want []string
	}{
		{"all, by start then ID", sitrep.EventFilter{}, []string{"e", "a", "b", "c", "d"}},
		{"kinds", sitrep.EventFilter{Kinds: []sitrep.EventKind{sitrep.EventVisit, sitrep.EventGap}}, []string{"e", "b"}},
		{"vessel matches other", sitrep.EventFilter{MMSI: 1}, []string{"a", "b", "d"}},
		{"site", sitrep.EventFilter{SiteID: "gibraltar"}, []string{"c"}},
		{"area", sitrep.EventFilter{Area: &sitrep.Area{MinLat: 34, MinLon: 35, MaxLat: 35, MaxLon: 36}}, []string{"e", "a", "b"}},
		{"area across the antimeridian", sitrep.EventFilter{Area: &sitrep.Area{MinLat: 0, MinLon: 179, MaxLat: 20, MaxLon: -179}}, []string{"d"}},
		{"range meets spans, open to the end of time", sitrep.EventFilter{Range: sitrep.TimeRange{From: evT0.Add(4 * time.Hour), To: evT0.Add(100 * time.Hour)}}, []string{"c", "d"}},
		{"range half-open", sitrep.EventFilter{Range: sitrep.TimeRange{To: evT0}}, []string{"e"}},
		{"instant at From", sitrep.EventFilter{Range: sitrep.TimeRange{From: evT0, To: evT0.Add(time.Minute)}, Kinds: []sitrep.EventKind{sitrep.EventArrival}}, []string{"a"}},
		{"limit", sitrep.EventFilter{Limit: 2}, []string{"e", "a"}},
		{"combined", sitrep.EventFilter{MMSI: 1, SiteID: "tartus", Kinds: []sitrep.EventKind{sitrep.EventVisit}}, []string{"b"}},
	}
	for _, tc := range tests {
		es, err := s.Events(t.Context(), tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := ids(es); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func testEventDelete(t *testing.T, open EventsOpenFunc, dir string) {
	s := open(t, dir)
	filterFixture(t, s)
	n, err := s.DeleteEvents(t.Context(), sitrep.EventFilter{Range: sitrep.TimeRange{From: evT0.Add(4 * time.Hour)}, Limit: 1})
	if err != nil || n != 2 {
		t.Fatalf("DeleteEvents = %d, %v; want 2 (Limit ignored)", n, err)
	}
	es, _ := s.Events(t.Context(), sitrep.EventFilter{})
	if got := ids(es); !reflect.DeepEqual(got, []string{"e", "a", "b"}) {
		t.Errorf("left %v", got)
	}
	if _, err := s.Event(t.Context(), "c"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("deleted event still found: %v", err)
	}
}

func testEventInvalid(t *testing.T, open EventsOpenFunc, dir string) {
	s := open(t, dir)
	good := sampleEvent("ok", sitrep.EventGap, 1, "", evT0, 0)
	for _, bad := range []sitrep.Event{
		sampleEvent("", sitrep.EventGap, 1, "", evT0, 0),
		sampleEvent("x", "teleport", 1, "", evT0, 0),
	} {
		if err := s.PutEvents(t.Context(), []sitrep.Event{good, bad}); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("PutEvents(%q, kind %q) = %v, want EINVALID", bad.ID, bad.Kind, err)
		}
	}
	if es, _ := s.Events(t.Context(), sitrep.EventFilter{}); len(es) != 0 {
		t.Errorf("a failed batch stored %v", ids(es))
	}
}

func testEventPersistence(t *testing.T, open EventsOpenFunc, dir string) {
	s := open(t, dir)
	filterFixture(t, s)
	c, ok := s.(io.Closer)
	if !ok {
		t.Skip("store is not an io.Closer")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, dir)
	es, err := s.Events(t.Context(), sitrep.EventFilter{})
	if err != nil || len(es) != 5 {
		t.Errorf("after reopening: %v, %v", ids(es), err)
	}
}
