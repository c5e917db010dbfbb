package ingest

import (
	"fmt"
	"testing"
	"time"
)

func TestDedupSetEvictsOldest(t *testing.T) {
	d := newDedup(30*time.Second, dedupWays) // one set: every payload collides
	t0 := time.Unix(1_700_000_000, 0)
	for i := range dedupWays {
		if _, dup := d.seen(fmt.Appendf(nil, "payload-%d", i), 0, t0.Add(time.Duration(i)*time.Second)); dup {
			t.Fatalf("payload %d taken for a duplicate", i)
		}
	}
	for i := range dedupWays {
		first, dup := d.seen(fmt.Appendf(nil, "payload-%d", i), 0, t0.Add(10*time.Second))
		if !dup || !first.Equal(t0.Add(time.Duration(i)*time.Second)) {
			t.Fatalf("payload %d: dup=%v first=%v", i, dup, first)
		}
	}
	// A fifth payload evicts the oldest (payload-0), not any other.
	d.seen([]byte("payload-x"), 0, t0.Add(11*time.Second))
	if _, dup := d.seen([]byte("payload-0"), 0, t0.Add(12*time.Second)); dup {
		t.Error("payload-0 should have been evicted")
	}
	if _, dup := d.seen([]byte("payload-3"), 0, t0.Add(12*time.Second)); !dup {
		t.Error("payload-3 was evicted instead of the oldest")
	}
	// The fill bits are part of the identity of a payload.
	if _, dup := d.seen([]byte("payload-3"), 2, t0.Add(12*time.Second)); dup {
		t.Error("same payload with other fill bits taken for a duplicate")
	}
	// Outside the window the same payload is a new transmission.
	if _, dup := d.seen([]byte("payload-3"), 0, t0.Add(time.Hour)); dup {
		t.Error("duplicate across an hour")
	}
}

func TestPayloadHashIsStable(t *testing.T) {
	// Fixed seed: replays must dedup the same way on every run.
	if got, want := payloadHash([]byte("13HOI:0P0000VOHLCnHQKwvL05Ip"), 0), payloadHash([]byte("13HOI:0P0000VOHLCnHQKwvL05Ip"), 0); got != want {
		t.Fatal("hash differs between calls")
	}
	if payloadHash([]byte("abcdefgh1"), 0) == payloadHash([]byte("abcdefgh2"), 0) {
		t.Error("tail byte ignored")
	}
}
