package httpapi

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/live"
)

// sse reads Server-Sent Events from a real connection.
type sse struct {
	t    *testing.T
	res  *http.Response
	read *bufio.Reader
}

// frame is one SSE block: an event with data, or comments.
type frame struct {
	event, data string
	comments    []string
}

func (f *fixture) openStream(query string) *sse {
	f.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	f.t.Cleanup(cancel)
	hr, err := http.NewRequestWithContext(ctx, "GET", f.srv.URL+"/api/stream"+query, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	res, err := f.srv.Client().Do(hr)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { res.Body.Close() })
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/event-stream" {
		f.t.Fatalf("stream: %d %v", res.StatusCode, res.Header)
	}
	return &sse{t: f.t, res: res, read: bufio.NewReader(res.Body)}
}

// next reads the next block (up to a blank line).
func (s *sse) next() frame {
	s.t.Helper()
	var fr frame
	for {
		line, err := s.read.ReadString('\n')
		if err != nil {
			s.t.Fatalf("stream ended: %v (so far %+v)", err, fr)
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case line == "":
			return fr
		case strings.HasPrefix(line, ":"):
			fr.comments = append(fr.comments, strings.TrimSpace(line[1:]))
		case strings.HasPrefix(line, "event: "):
			fr.event = line[len("event: "):]
		case strings.HasPrefix(line, "data: "):
			fr.data = line[len("data: "):]
		}
	}
}

// nextEvent skips comments (pings) to the next event.
func (s *sse) nextEvent() frame {
	s.t.Helper()
	for {
		if fr := s.next(); fr.event != "" {
			return fr
		}
	}
}

// waitSubscribers waits until the hub has n subscribers.
func waitSubscribers(t *testing.T, h *live.Hub, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); h.Len() != n; {
		if time.Now().After(deadline) {
			t.Fatalf("hub has %d subscribers, want %d", h.Len(), n)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestStream(t *testing.T) {
	f := newFixture(t)
	// One client watches a box and positions only; another everything.
	boxed := f.openStream("?bbox=35,34,36,35&kind=position")
	all := f.openStream("")
	if c := boxed.next(); len(c.comments) == 0 || c.comments[0] != "connected" {
		t.Fatalf("first block: %+v", c)
	}
	all.next()
	waitSubscribers(t, f.hub, 2)

	outside := live.Vessel{MMSI: 111111111, Lat: 10, Lon: 10, Time: fixtureNow, Class: "A"}
	inside := live.Vessel{MMSI: 222222222, Lat: 34.9, Lon: 35.87, Time: fixtureNow, Class: "B", Name: "INSIDE"}
	ev := sitrep.Event{ID: "e1", Kind: sitrep.EventArrival, MMSI: 222222222, Lat: 34.9, Lon: 35.87, Start: fixtureNow, Summary: "arrived"}
	f.hub.Publish(live.Message{Kind: live.KindPosition, Vessel: &outside})
	f.hub.Publish(live.Message{Kind: live.KindEvent, Event: &ev})
	f.hub.Publish(live.Message{Kind: live.KindPosition, Vessel: &inside})

	fr := boxed.nextEvent()
	var v live.Vessel
	if err := json.Unmarshal([]byte(fr.data), &v); err != nil || fr.event != "position" || v.MMSI != inside.MMSI || v.Name != "INSIDE" {
		t.Fatalf("boxed client got %+v (%v)", fr, err)
	}
	var got []string
	for range 3 {
		fr := all.nextEvent()
		got = append(got, fr.event)
		if fr.event == "event" {
			var e sitrep.Event
			if err := json.Unmarshal([]byte(fr.data), &e); err != nil || e.ID != "e1" {
				t.Fatalf("event data %q: %v", fr.data, err)
			}
		}
	}
	if strings.Join(got, ",") != "position,event,position" {
		t.Fatalf("all client got %v", got)
	}
	// Pings keep the connection alive (the fixture pings every 50 ms).
	if fr := boxed.next(); len(fr.comments) == 0 || fr.comments[0] != "ping" {
		t.Fatalf("want a ping, got %+v", fr)
	}
	// A client that goes away is unsubscribed.
	all.res.Body.Close()
	waitSubscribers(t, f.hub, 1)
}

// TestStreamDropped: a client whose buffer fills is dropped by the hub
// and told so; Publish never waits for it.
func TestStreamDropped(t *testing.T) {
	f := newFixture(t)
	s := f.openStream("?kind=position")
	s.next()
	waitSubscribers(t, f.hub, 1)
	// The fixture's hub buffers 16 messages per client. Publish many more
	// while the client is not reading: the handler writes into the TCP
	// buffers until they fill, then the hub's buffer fills and the hub
	// drops the client.
	v := live.Vessel{MMSI: 333333333, Lat: 1, Lon: 1, Time: fixtureNow, Class: "A", Name: strings.Repeat("X", 2000)}
	start := time.Now()
	for i := 0; f.hub.Len() > 0; i++ {
		f.hub.Publish(live.Message{Kind: live.KindPosition, Vessel: &v})
		if time.Since(start) > 10*time.Second {
			t.Fatalf("not dropped after %d messages", i)
		}
	}
	for {
		fr := s.next()
		if fr.event == "dropped" {
			if !strings.Contains(fr.data, "slow") {
				t.Fatalf("dropped: %q", fr.data)
			}
			break
		}
	}
	if _, err := s.read.ReadString('\n'); err == nil {
		t.Fatal("the stream goes on after dropped")
	}
}

func TestStreamErrors(t *testing.T) {
	f := newFixture(t)
	f.get("/api/stream?bbox=1,2,3", http.StatusBadRequest)
	f.get("/api/stream?kind=weather", http.StatusBadRequest)
	f.get("/api/stream?event_kind=party", http.StatusBadRequest)
	f.get("/api/stream?mmsi=abc", http.StatusBadRequest)
}

// TestStreamFilters: mmsi and event_kind select what a client gets.
func TestStreamFilters(t *testing.T) {
	f := newFixture(t)
	s := f.openStream("?mmsi=222222222&event_kind=visit")
	s.next()
	waitSubscribers(t, f.hub, 1)
	other := live.Vessel{MMSI: 111111111, Lat: 1, Lon: 1, Time: fixtureNow, Class: "A"}
	mine := live.Vessel{MMSI: 222222222, Lat: 1, Lon: 1, Time: fixtureNow, Class: "A"}
	arrival := sitrep.Event{ID: "a", Kind: sitrep.EventArrival, MMSI: 222222222, Start: fixtureNow}
	visit := sitrep.Event{ID: "v", Kind: sitrep.EventVisit, MMSI: 333333333, Other: 222222222, Start: fixtureNow}
	f.hub.Publish(live.Message{Kind: live.KindPosition, Vessel: &other})
	f.hub.Publish(live.Message{Kind: live.KindEvent, Event: &arrival})
	f.hub.Publish(live.Message{Kind: live.KindEvent, Event: &visit})
	f.hub.Publish(live.Message{Kind: live.KindPosition, Vessel: &mine})
	for _, want := range []string{`event {"id":"v","kind":"visit"`, `position {"mmsi":222222222,`} {
		fr := s.nextEvent()
		if got := fr.event + " " + fr.data; !strings.HasPrefix(got, want) {
			t.Fatalf("got %q, want %q…", got, want)
		}
	}
}
