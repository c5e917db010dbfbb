package live

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/sitrep-osint/sitrep"
)

func posMsg(mmsi sitrep.MMSI, lat, lon float64) Message {
	return Message{Kind: KindPosition, Vessel: &Vessel{MMSI: mmsi, Lat: lat, Lon: lon}}
}

func evMsg(kind sitrep.EventKind, mmsi, other sitrep.MMSI, lat, lon float64) Message {
	return Message{Kind: KindEvent, Event: &sitrep.Event{ID: fmt.Sprint(kind, mmsi), Kind: kind, MMSI: mmsi, Other: other, Lat: lat, Lon: lon}}
}

func TestFilterMatch(t *testing.T) {
	tartus := &sitrep.Area{MinLat: 34.8, MinLon: 35.7, MaxLat: 35, MaxLon: 35.95}
	bering := &sitrep.Area{MinLat: 50, MinLon: 170, MaxLat: 60, MaxLon: -170}
	in := posMsg(273000001, 34.9, 35.87)
	out := posMsg(273000002, 36, 35.87)
	east := posMsg(412000003, 55, 179)
	west := posMsg(412000004, 55, -175)
	arr := evMsg(sitrep.EventArrival, 273000001, 0, 34.9, 35.87)
	enc := evMsg(sitrep.EventEncounter, 273000009, 273000001, 34.9, 35.87)
	gap := evMsg(sitrep.EventGap, 273000002, 0, 36, 35.87)
	for _, c := range []struct {
		name string
		f    Filter
		m    Message
		want bool
	}{
		{"zero filter keeps positions", Filter{}, out, true},
		{"zero filter keeps events", Filter{}, gap, true},
		{"area in", Filter{Area: tartus}, in, true},
		{"area out", Filter{Area: tartus}, out, false},
		{"area event in", Filter{Area: tartus}, arr, true},
		{"area event out", Filter{Area: tartus}, gap, false},
		{"antimeridian east", Filter{Area: bering}, east, true},
		{"antimeridian west", Filter{Area: bering}, west, true},
		{"antimeridian outside", Filter{Area: bering}, in, false},
		{"mmsi position", Filter{MMSI: 273000001}, in, true},
		{"mmsi other position", Filter{MMSI: 273000001}, out, false},
		{"mmsi event", Filter{MMSI: 273000001}, arr, true},
		{"mmsi event other vessel", Filter{MMSI: 273000001}, enc, true},
		{"mmsi event not it", Filter{MMSI: 273000001}, gap, false},
		{"kinds position only: position", Filter{Kinds: map[string]bool{KindPosition: true}}, in, true},
		{"kinds position only: event", Filter{Kinds: map[string]bool{KindPosition: true}}, arr, false},
		{"kinds event only: position", Filter{Kinds: map[string]bool{KindEvent: true}}, in, false},
		{"event kinds: match", Filter{EventKinds: []sitrep.EventKind{sitrep.EventGap, sitrep.EventArrival}}, arr, true},
		{"event kinds: no match", Filter{EventKinds: []sitrep.EventKind{sitrep.EventGap}}, arr, false},
		{"event kinds leave positions", Filter{EventKinds: []sitrep.EventKind{sitrep.EventGap}}, in, true},
		{"all together", Filter{Area: tartus, MMSI: 273000001, Kinds: map[string]bool{KindEvent: true}, EventKinds: []sitrep.EventKind{sitrep.EventArrival}}, arr, true},
		{"position without vessel", Filter{}, Message{Kind: KindPosition}, false},
		{"event without event", Filter{}, Message{Kind: KindEvent}, false},
		{"unknown kind", Filter{}, Message{Kind: "other", Vessel: in.Vessel}, false},
	} {
		if got := c.f.Match(&c.m); got != c.want {
			t.Errorf("%s: Match = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestHubDeliversFiltered(t *testing.T) {
	reg := prometheus.NewRegistry()
	h := NewHub(16, reg)
	all := h.Subscribe(Filter{})
	defer all.Close()
	one := h.Subscribe(Filter{MMSI: 273000002})
	defer one.Close()
	if got := testutil.ToFloat64(h.subscribers); got != 2 {
		t.Errorf("subscribers gauge = %v, want 2", got)
	}
	h.Publish(posMsg(273000001, 1, 1))
	h.Publish(posMsg(273000002, 2, 2))
	h.Publish(posMsg(273000003, 3, 3))
	for i, want := range []sitrep.MMSI{273000001, 273000002, 273000003} {
		m := <-all.C()
		if m.Vessel.MMSI != want || m.Published.IsZero() {
			t.Errorf("all: message %d = %d (published %v), want %d", i, m.Vessel.MMSI, m.Published, want)
		}
		all.Sent(m)
	}
	if m := <-one.C(); m.Vessel.MMSI != 273000002 {
		t.Errorf("one: got %d", m.Vessel.MMSI)
	}
	select {
	case m := <-one.C():
		t.Errorf("one: unexpected %d", m.Vessel.MMSI)
	default:
	}
	if got := testutil.ToFloat64(h.published); got != 3 {
		t.Errorf("published = %v, want 3", got)
	}
	if got := testutil.ToFloat64(h.delivered); got != 3 {
		t.Errorf("delivered = %v, want 3", got)
	}
	if n := testutil.CollectAndCount(h.latency); n != 1 {
		t.Errorf("latency histogram: %d series", n)
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, mf := range mfs {
		names[mf.GetName()] = true
	}
	for _, n := range []string{"sitrep_live_subscribers", "sitrep_live_published_total", "sitrep_live_delivered_total",
		"sitrep_live_dropped_subscribers_total", "sitrep_live_deliver_seconds"} {
		if !names[n] {
			t.Errorf("metric %s not registered (have %v)", n, names)
		}
	}
	one.Close()
	select {
	case <-one.Done():
	default:
		t.Error("Close did not close Done")
	}
	if one.Err() != ErrClosed || all.Err() != nil {
		t.Errorf("Err: closed %v, live %v", one.Err(), all.Err())
	}
	if h.Len() != 1 {
		t.Errorf("Len = %d after one Close, want 1", h.Len())
	}
	one.Close() // twice is fine
}

// TestHubSlowSubscriberDropped: a subscriber that does not read is dropped
// once its buffer is full, while a fast one keeps receiving everything and
// Publish never blocks.
func TestHubSlowSubscriberDropped(t *testing.T) {
	reg := prometheus.NewRegistry()
	const buffer = 64
	h := NewHub(buffer, reg)
	slow := h.Subscribe(Filter{})
	defer slow.Close()
	fast := h.Subscribe(Filter{})
	defer fast.Close()

	const n = 5000
	got := make(chan int, 1)
	go func() {
		c := 0
		for {
			select {
			case m := <-fast.C():
				if m.Vessel.MMSI != sitrep.MMSI(200000000+c) {
					panic(fmt.Sprintf("fast: message %d is %d", c, m.Vessel.MMSI))
				}
				fast.Sent(m)
				if c++; c == n {
					got <- c
					return
				}
			case <-fast.Done():
				got <- c
				return
			}
		}
	}()
	start := time.Now()
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range n {
			h.Publish(posMsg(sitrep.MMSI(200000000+i), 1, 1))
			// Pace the publisher so that the fast reader, however the
			// scheduler treats it, stays within its buffer; the slow one
			// reads nothing and overflows.
			for len(fast.C()) > buffer/2 {
				time.Sleep(10 * time.Microsecond)
			}
		}
	})
	wg.Wait()
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("publishing %d messages took %v: Publish blocks?", n, el)
	}
	select {
	case <-slow.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("slow subscriber not dropped")
	}
	if slow.Err() != ErrSlow {
		t.Errorf("slow.Err = %v, want ErrSlow", slow.Err())
	}
	if c := <-got; c != n {
		t.Errorf("fast subscriber got %d of %d (err %v)", c, n, fast.Err())
	}
	if len(slow.C()) != buffer {
		t.Errorf("slow subscriber buffered %d, want its %d", len(slow.C()), buffer)
	}
	if d := testutil.ToFloat64(h.dropped.WithLabelValues("slow")); d != 1 {
		t.Errorf("dropped = %v, want 1", d)
	}
	if g := testutil.ToFloat64(h.subscribers); g != 1 {
		t.Errorf("subscribers = %v, want 1", g)
	}
}

// TestHubConcurrent exercises Publish, Subscribe and Close from many
// goroutines under the race detector.
func TestHubConcurrent(t *testing.T) {
	h := NewHub(4, nil)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				h.Publish(posMsg(sitrep.MMSI(i), 1, 1))
			}
		})
	}
	for range 8 {
		wg.Go(func() {
			for range 200 {
				s := h.Subscribe(Filter{Kinds: map[string]bool{KindPosition: true}})
				select {
				case <-s.C():
				case <-s.Done():
				case <-stop:
				}
				s.Close()
			}
		})
	}
	time.Sleep(200 * time.Millisecond)
	close(stop)
	wg.Wait()
	h.Close()
	if h.Len() != 0 {
		t.Errorf("Len after Close = %d", h.Len())
	}
	s := h.Subscribe(Filter{})
	if s.Err() != ErrClosed {
		t.Errorf("Subscribe after Close: Err = %v", s.Err())
	}
	h.Publish(posMsg(1, 1, 1)) // no subscriber, no panic
}

func TestHubClock(t *testing.T) {
	at := time.Date(2025, 1, 25, 0, 0, 0, 0, time.UTC)
	now := at
	h := NewHub(1, nil, WithClock(func() time.Time { return now }))
	s := h.Subscribe(Filter{})
	defer s.Close()
	m := posMsg(1, 1, 1)
	m.At = at.Add(-time.Second)
	h.Publish(m)
	got := <-s.C()
	if !got.Published.Equal(at) {
		t.Errorf("Published = %v, want the hub clock's %v", got.Published, at)
	}
	now = at.Add(30 * time.Millisecond)
	s.Sent(got)
	if c := testutil.CollectAndCount(h.endToEnd); c != 1 {
		t.Errorf("end-to-end histogram: %d series", c)
	}
}

// BenchmarkPublish publishes positions to 100 subscribers (each reading on
// its own goroutine, half of them filtering to an area that holds half the
// messages).
func BenchmarkPublish(b *testing.B) {
	h := NewHub(4096, prometheus.NewRegistry())
	var wg sync.WaitGroup
	area := &sitrep.Area{MinLat: 0, MinLon: 0, MaxLat: 10, MaxLon: 10}
	for i := range 100 {
		f := Filter{}
		if i%2 == 1 {
			f.Area = area
		}
		s := h.Subscribe(f)
		wg.Go(func() {
			for {
				select {
				case <-s.C():
				case <-s.Done():
					return
				}
			}
		})
	}
	msgs := [2]Message{posMsg(1, 5, 5), posMsg(2, 20, 20)}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		h.Publish(msgs[i&1])
		i++
	}
	b.StopTimer()
	b.ReportMetric(float64(testutil.ToFloat64(h.dropped.WithLabelValues("slow"))), "dropped")
	h.Close()
	wg.Wait()
}
