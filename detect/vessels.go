package detect

import "github.com/sitrep-osint/sitrep"

// vesselTable maps MMSIs to vessel state: an open-addressing hash table
// with linear probing whose slots hold the key next to the pointer, so
// that a lookup with tens of thousands of vessels usually costs one cache
// line (a Go map touches its directory, a control word and a slot group).
// Entries are never removed. The zero value is an empty table.
type vesselTable struct {
	slots []vesselSlot // len is zero or a power of two
	n     int
	shift uint // 32 - log2(len(slots))
}

type vesselSlot struct {
	mmsi sitrep.MMSI
	v    *vessel // nil: empty slot
}

// home returns the slot a key hashes to (Fibonacci hashing).
func (t *vesselTable) home(m sitrep.MMSI) uint32 {
	return (uint32(m) * 0x9E3779B1) >> t.shift
}

// get returns the vessel of m, nil when there is none.
func (t *vesselTable) get(m sitrep.MMSI) *vessel {
	if t.n == 0 {
		return nil
	}
	mask := uint32(len(t.slots) - 1)
	for i := t.home(m); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.v == nil {
			return nil
		}
		if s.mmsi == m {
			return s.v
		}
	}
}

// put adds v under v.mmsi, which must not be in the table.
func (t *vesselTable) put(v *vessel) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	mask := uint32(len(t.slots) - 1)
	i := t.home(v.mmsi)
	for t.slots[i].v != nil {
		i = (i + 1) & mask
	}
	t.slots[i] = vesselSlot{mmsi: v.mmsi, v: v}
	t.n++
}

// grow doubles the table (at least 1,024 slots) and rehashes it.
func (t *vesselTable) grow() {
	old := t.slots
	size := max(2*len(old), 1024)
	t.slots = make([]vesselSlot, size)
	t.shift = 32
	for s := size; s > 1; s >>= 1 {
		t.shift--
	}
	t.n = 0
	for _, s := range old {
		if s.v != nil {
			t.put(s.v)
		}
	}
}

// all appends every vessel to dst, in no particular order.
func (t *vesselTable) all(dst []*vessel) []*vessel {
	for _, s := range t.slots {
		if s.v != nil {
			dst = append(dst, s.v)
		}
	}
	return dst
}
