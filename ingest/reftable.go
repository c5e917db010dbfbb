package ingest

import "github.com/sitrep-osint/sitrep"

// refTable maps an MMSI to its plausibility references in one open-
// addressing array, key beside value, so that a lookup usually touches one
// cache line (a Go map touches its control word and its slot). It grows at
// half full; it never shrinks (vessels are few compared with positions).
type refTable struct {
	slots []refSlot
	n     int
}

type refSlot struct {
	key uint32 // MMSI+1; 0 marks an empty slot
	r   refs
}

// get returns the slot of mmsi, creating it (zero refs) when absent, and
// whether it existed. The pointer is valid until the next get.
func (t *refTable) get(mmsi sitrep.MMSI) (*refs, bool) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	key := uint32(mmsi) + 1
	mask := uint32(len(t.slots) - 1)
	for i := (key * 0x9E3779B1) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == key {
			return &s.r, true
		}
		if s.key == 0 {
			s.key = key
			t.n++
			return &s.r, false
		}
	}
}

// index returns the slot where get starts looking for mmsi, or 0 for an
// empty table (see Stage.Warm).
func (t *refTable) index(mmsi uint32) uint32 {
	return ((mmsi + 1) * 0x9E3779B1) & uint32(max(len(t.slots), 1)-1)
}

// grow doubles the table (1024 slots at first) and re-inserts every entry.
func (t *refTable) grow() {
	old := t.slots
	t.slots = make([]refSlot, max(1024, 2*len(old)))
	mask := uint32(len(t.slots) - 1)
	for _, s := range old {
		if s.key == 0 {
			continue
		}
		i := (s.key * 0x9E3779B1) & mask
		for t.slots[i].key != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}
