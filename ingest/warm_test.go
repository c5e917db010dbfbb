package ingest

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/internal/capturetest"
	"github.com/sitrep-osint/sitrep/nmea"
)

// TestPayloadMMSI checks the MMSI read from the armoured payload against
// the decoder's, on every message of the real captures.
func TestPayloadMMSI(t *testing.T) {
	n := capturetest.Replay(t, "../testdata/ais/*.nmea", time.Unix(0, 0), func(msg *nmea.Message, m ais.Message, _ time.Time) {
		got, ok := payloadMMSI(msg.Payload)
		if want := m.Head().MMSI; !ok || got != want {
			t.Fatalf("payloadMMSI(%s) = %d, %v; want %d", msg.Payload, got, ok, want)
		}
	})
	if _, ok := payloadMMSI([]byte("15M")); ok {
		t.Error("payloadMMSI of a 3-character payload: ok")
	}
	t.Logf("%d messages", n)
}

// TestWarmChangesNothing handles the real captures twice, with and without
// Warm before each block, and compares everything delivered.
func TestWarmChangesNothing(t *testing.T) {
	type item struct {
		msg  nmea.Message
		recv time.Time
	}
	var items []item
	dec := ais.NewDecoder()
	capturetest.Replay(t, "../testdata/ais/*.nmea", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), func(msg *nmea.Message, _ ais.Message, recv time.Time) {
		c := *msg
		c.Payload = bytes.Clone(msg.Payload)
		items = append(items, item{msg: c, recv: recv})
	})
	run := func(warm bool) *collector {
		var c collector
		s := New(Config{Feed: "test"}, c.sink())
		msgs := make([]nmea.Message, len(items))
		for i := range items {
			msgs[i] = items[i].msg
		}
		for i := range msgs {
			if warm && i%WarmBlock == 0 {
				s.Warm(msgs[i:])
			}
			m, err := dec.Decode(msgs[i].Payload, msgs[i].FillBits)
			if m == nil || (err != nil && !errors.Is(err, ais.ErrShort)) {
				continue
			}
			s.Handle(&msgs[i], m, items[i].recv)
		}
		return &c
	}
	a, b := run(false), run(true)
	if len(a.positions) == 0 || !reflect.DeepEqual(a, b) {
		t.Errorf("with Warm: %d positions, %d duplicates, %d identities; without: %d, %d, %d (or they differ)",
			len(b.positions), len(b.duplicates), len(b.identities), len(a.positions), len(a.duplicates), len(a.identities))
	}
}

// TestShareSources: with Config.ShareSources the positions delivered are
// the same, consecutive ones with equal provenance share a slice of
// capacity 1, and others do not. The captures are handled once with a
// receive time per message and once with one receive time for all (as
// lines stamped to the second by one receiver have).
func TestShareSources(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, fixed := range []bool{false, true} {
		run := func(share bool) *collector {
			var c collector
			s := New(Config{Feed: "test", ShareSources: share}, c.sink())
			capturetest.Replay(t, "../testdata/ais/*.nmea", t0, func(msg *nmea.Message, m ais.Message, recv time.Time) {
				if fixed {
					recv = t0
				}
				s.Handle(msg, m, recv)
			})
			return &c
		}
		a, b := run(false), run(true)
		if len(a.positions) < 20 || !reflect.DeepEqual(a, b) {
			t.Fatalf("ShareSources delivers differently (%d and %d positions)", len(a.positions), len(b.positions))
		}
		shared := 0
		for i := 1; i < len(b.positions); i++ {
			p, q := b.positions[i-1].Sources, b.positions[i].Sources
			if cap(q) != 1 {
				t.Fatalf("position %d: cap(Sources) = %d, want 1", i, cap(q))
			}
			same := &p[0] == &q[0]
			if same {
				shared++
			}
			if same != (p[0] == q[0]) {
				t.Fatalf("positions %d and %d: shared %v, equal provenance %v", i-1, i, same, p[0] == q[0])
			}
		}
		if fixed && shared == 0 {
			t.Error("one receive time for all, yet no position shares its Sources")
		}
		t.Logf("one receive time for all %v: %d of %d positions share their predecessor's Sources", fixed, shared, len(b.positions))
	}
}
