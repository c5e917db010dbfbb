package track

import "github.com/sitrep-osint/sitrep"

// vesselTable maps an MMSI to its vessel in one open-addressing array of
// (key, pointer) slots, linear probing, at most half full: a lookup
// usually reads one slot, where a Go map reads a group's control word and
// then a slot, two dependent misses once the state outgrows the caches.
// Deletion shifts the following slots back (no tombstones). Not safe for
// concurrent use; State guards it.
type vesselTable struct {
	slots []vesselSlot // len is 0 or a power of two
	n     int
}

type vesselSlot struct {
	key uint32 // MMSI+1; 0 marks an empty slot
	v   *vessel
}

// home returns the slot where the search for mmsi starts (len(slots) > 0).
func (t *vesselTable) home(mmsi sitrep.MMSI) uint32 {
	return ((uint32(mmsi) + 1) * 0x9E3779B1) & uint32(len(t.slots)-1)
}

// get returns the vessel of mmsi, or nil.
func (t *vesselTable) get(mmsi sitrep.MMSI) *vessel {
	if len(t.slots) == 0 {
		return nil
	}
	key, mask := uint32(mmsi)+1, uint32(len(t.slots)-1)
	for i := t.home(mmsi); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == key {
			return s.v
		}
		if s.key == 0 {
			return nil
		}
	}
}

// put sets the vessel of mmsi, which must not be held.
func (t *vesselTable) put(mmsi sitrep.MMSI, v *vessel) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	mask := uint32(len(t.slots) - 1)
	i := t.home(mmsi)
	for t.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = vesselSlot{key: uint32(mmsi) + 1, v: v}
	t.n++
}

// del removes mmsi, if held, shifting back the slots of its probe run
// that would otherwise become unreachable.
func (t *vesselTable) del(mmsi sitrep.MMSI) {
	if len(t.slots) == 0 {
		return
	}
	key, mask := uint32(mmsi)+1, uint32(len(t.slots)-1)
	i := t.home(mmsi)
	for t.slots[i].key != key {
		if t.slots[i].key == 0 {
			return
		}
		i = (i + 1) & mask
	}
	for j := (i + 1) & mask; t.slots[j].key != 0; j = (j + 1) & mask {
		// The entry at j may move to i unless its home lies cyclically
		// in (i, j].
		if h := t.home(sitrep.MMSI(t.slots[j].key - 1)); (j-h)&mask >= (j-i)&mask {
			t.slots[i] = t.slots[j]
			i = j
		}
	}
	t.slots[i] = vesselSlot{}
	t.n--
}

// grow doubles the table (1024 slots at first) and re-inserts every entry.
func (t *vesselTable) grow() {
	old := t.slots
	t.slots, t.n = make([]vesselSlot, max(1024, 2*len(old))), 0
	for _, s := range old {
		if s.key != 0 {
			t.put(sitrep.MMSI(s.key-1), s.v)
		}
	}
}

// each calls fn with every entry, in no particular order, until fn
// returns false. fn must not change the table.
func (t *vesselTable) each(fn func(mmsi sitrep.MMSI, v *vessel) bool) {
	for _, s := range t.slots {
		if s.key != 0 && !fn(sitrep.MMSI(s.key-1), s.v) {
			return
		}
	}
}
