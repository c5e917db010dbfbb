package ingest

import (
	"hash/maphash"
	"time"
)

// dedup remembers recent transmissions by a hash of their payload, bounded
// in time (window, by event time) and in size (capacity): the oldest entry
// is forgotten first.
type dedup struct {
	window time.Duration
	cap    int
	seed   maphash.Seed
	first  map[uint64]time.Time // payload hash -> event time of the first copy
	order  []dedupEntry         // ring of entries in arrival order
	head   int                  // index of the oldest entry in order
	n      int                  // entries in order
}

type dedupEntry struct {
	key uint64
	t   time.Time
}

func newDedup(window time.Duration, capacity int) dedup {
	return dedup{window: window, cap: capacity, seed: maphash.MakeSeed(),
		first: make(map[uint64]time.Time, capacity), order: make([]dedupEntry, capacity)}
}

// seen reports whether an identical payload was first seen within the window
// before t, and if so when; otherwise it remembers this one.
func (d *dedup) seen(payload []byte, fill int, t time.Time) (time.Time, bool) {
	var h maphash.Hash
	h.SetSeed(d.seed)
	h.Write(payload)
	h.WriteByte(byte(fill))
	key := h.Sum64()
	// Forget what is out of the window or over capacity.
	for d.n > 0 {
		e := d.order[d.head]
		if d.n < d.cap && t.Sub(e.t) <= d.window {
			break
		}
		if ft, ok := d.first[e.key]; ok && ft.Equal(e.t) {
			delete(d.first, e.key)
		}
		d.head = (d.head + 1) % d.cap
		d.n--
	}
	if ft, ok := d.first[key]; ok {
		if dt := t.Sub(ft); dt >= -d.window && dt <= d.window {
			return ft, true
		}
	}
	d.first[key] = t
	d.order[(d.head+d.n)%d.cap] = dedupEntry{key, t}
	d.n++
	return time.Time{}, false
}
