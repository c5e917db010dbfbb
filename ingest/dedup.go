package ingest

import (
	"hash/maphash"
	"time"
)

// dedup remembers recent transmissions by a 64-bit hash of their payload in
// a fixed, direct-mapped table: bounded memory, constant time, no map. A
// slot holds the latest transmission that hashed to it, so when two
// transmissions collide on a slot within the window the older one is
// forgotten: a later copy of it is then taken as new (a missed duplicate,
// never a false one, since the full hash is compared).
type dedup struct {
	window int64 // nanoseconds
	seed   maphash.Seed
	slots  []dedupSlot
	mask   uint64
}

type dedupSlot struct {
	key uint64
	t   int64 // event time of the first copy, Unix nanoseconds
}

// newDedup returns a table of the next power of two >= capacity slots.
func newDedup(window time.Duration, capacity int) dedup {
	n := 1
	for n < capacity {
		n <<= 1
	}
	return dedup{window: int64(window), seed: maphash.MakeSeed(), slots: make([]dedupSlot, n), mask: uint64(n - 1)}
}

// seen reports whether an identical payload was first seen within the window
// around t, and if so when; otherwise it remembers this one.
func (d *dedup) seen(payload []byte, fill int, t time.Time) (time.Time, bool) {
	key := maphash.Bytes(d.seed, payload) ^ uint64(fill)<<59 | 1 // never 0: 0 marks an empty slot
	s := &d.slots[key&d.mask]
	now := t.UnixNano()
	if s.key == key {
		if dt := now - s.t; dt >= -d.window && dt <= d.window {
			return time.Unix(0, s.t).UTC(), true
		}
	}
	*s = dedupSlot{key: key, t: now}
	return time.Time{}, false
}
