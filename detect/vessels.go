package detect

import "github.com/sitrep-osint/sitrep"

// vesselPage is the number of vessels allocated together.
const vesselPage = 256

// vesselTable maps MMSIs to vessel state. The vessels live in pages of
// vesselPage, in the order they were first seen (a vessel never moves, so
// pointers to it stay valid); an open-addressing hash table with linear
// probing maps each MMSI to its number. A slot is 8 bytes and the table
// at most three quarters full, so with 20,000 vessels it takes 256 KiB and
// mostly stays in the CPU's L2 cache, where a Go map of pointers would
// take a few cache misses per lookup. Entries are never removed. The zero
// value is an empty table.
type vesselTable struct {
	slots []vesselSlot // len is zero or a power of two
	shift uint         // 32 - log2(len(slots))
	pages []*[vesselPage]vessel
	// fixes has a pair of fixes for each vessel, in the same pages:
	// vessel.fixes (2 × 96 bytes, on three cache lines of their own).
	fixes []*[vesselPage][2]sitrep.Position
	n     int
}

type vesselSlot struct {
	mmsi sitrep.MMSI
	i    uint32 // 1 + the vessel's number; 0 marks an empty slot
}

// home returns the slot a key hashes to (Fibonacci hashing).
func (t *vesselTable) home(m sitrep.MMSI) uint32 {
	return (uint32(m) * 0x9E3779B1) >> t.shift
}

// at returns vessel number i.
func (t *vesselTable) at(i uint32) *vessel { return &t.pages[i/vesselPage][i%vesselPage] }

// get returns the vessel of m, nil when there is none.
func (t *vesselTable) get(m sitrep.MMSI) *vessel {
	if t.n == 0 {
		return nil
	}
	mask := uint32(len(t.slots) - 1)
	for i := t.home(m); ; i = (i + 1) & mask {
		s := t.slots[i]
		if s.i == 0 {
			return nil
		}
		if s.mmsi == m {
			return t.at(s.i - 1)
		}
	}
}

// add returns a new zero vessel stored under m, which must not be in the
// table, and a zero pair of fixes for it.
func (t *vesselTable) add(m sitrep.MMSI) (*vessel, *[2]sitrep.Position) {
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	if t.n%vesselPage == 0 {
		t.pages = append(t.pages, new([vesselPage]vessel))
		t.fixes = append(t.fixes, new([vesselPage][2]sitrep.Position))
	}
	t.insert(m, uint32(t.n))
	v := t.at(uint32(t.n))
	f := &t.fixes[t.n/vesselPage][t.n%vesselPage]
	t.n++
	return v, f
}

// insert puts vessel number i under m.
func (t *vesselTable) insert(m sitrep.MMSI, i uint32) {
	mask := uint32(len(t.slots) - 1)
	j := t.home(m)
	for t.slots[j].i != 0 {
		j = (j + 1) & mask
	}
	t.slots[j] = vesselSlot{mmsi: m, i: i + 1}
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
	for _, s := range old {
		if s.i != 0 {
			t.insert(s.mmsi, s.i-1)
		}
	}
}

// all appends every vessel to dst, in the order they were added.
func (t *vesselTable) all(dst []*vessel) []*vessel {
	for i := range t.n {
		dst = append(dst, t.at(uint32(i)))
	}
	return dst
}
