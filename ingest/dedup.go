package ingest

import (
	"encoding/binary"
	"math/bits"
	"time"
)

// dedup remembers recent transmissions by a 64-bit hash of their payload in
// a fixed, 4-way set-associative table: bounded memory, constant time, no
// map. A new transmission replaces the entry of its set with the oldest
// event time, so a duplicate is missed only when four other transmissions
// hashed to the same set within the window (never a false duplicate, since
// the full 64-bit hash is compared). The hash is seeded with a constant:
// the same input gives the same result on every run (replays are
// deterministic).
type dedup struct {
	window int64 // nanoseconds
	sets   [][dedupWays]dedupSlot
	mask   uint64
}

const dedupWays = 4

type dedupSlot struct {
	key uint64
	t   int64 // event time of the first copy, Unix nanoseconds
}

// newDedup returns a table of at least capacity slots (a power of two
// number of sets).
func newDedup(window time.Duration, capacity int) dedup {
	n := 1
	for n*dedupWays < capacity {
		n <<= 1
	}
	return dedup{window: int64(window), sets: make([][dedupWays]dedupSlot, n), mask: uint64(n - 1)}
}

// seen reports whether an identical payload was first seen within the window
// around t, and if so when; otherwise it remembers this one.
func (d *dedup) seen(payload []byte, fill int, t time.Time) (time.Time, bool) {
	key := payloadHash(payload, uint64(fill)) | 1 // never 0: 0 marks an empty slot
	set := &d.sets[(key>>1)&d.mask]
	now := t.UnixNano()
	victim := 0
	for i := range set {
		s := &set[i]
		if s.key == key {
			if dt := now - s.t; dt >= -d.window && dt <= d.window {
				return time.Unix(0, s.t).UTC(), true
			}
			victim = i // the same payload, outside the window: replace it
			break
		}
		if s.key == 0 {
			victim = i
			break
		}
		if s.t < set[victim].t {
			victim = i
		}
	}
	set[victim] = dedupSlot{key: key, t: now}
	return time.Time{}, false
}

// index returns the index of the set that seen looks at for payload (see
// Stage.Warm).
func (d *dedup) index(payload []byte, fill int) uint32 {
	key := payloadHash(payload, uint64(fill)) | 1
	return uint32((key >> 1) & d.mask)
}

// payloadHash is a fixed-seed 64-bit hash of an armoured payload (a
// multiply-mix over 8-byte words, after wyhash's mixing step).
func payloadHash(p []byte, seed uint64) uint64 {
	const (
		k0 = 0xa0761d6478bd642f
		k1 = 0xe7037ed1a0b428db
	)
	h := seed ^ k0 ^ uint64(len(p))*k1
	for len(p) >= 8 {
		h = mix(h^binary.LittleEndian.Uint64(p), k1)
		p = p[8:]
	}
	if len(p) > 0 {
		var w uint64
		for i, c := range p {
			w |= uint64(c) << (8 * i)
		}
		h = mix(h^w, k1)
	}
	return mix(h, k0)
}

func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}
