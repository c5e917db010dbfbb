package detect

import "github.com/sitrep-osint/sitrep"

// WarmBlock is the number of positions Warm prepares at most: more would
// not stay in the processor's caches until Position reads them.
const WarmBlock = 32

// Warm loads into the processor's caches the state that Position will read
// first for ps, the next positions to be fed (at most WarmBlock; more are
// ignored): the vessel table slot of each MMSI, then the vessel's first
// cache line, then the lines of vessel.fixes that the fix will be copied
// to. With tens of thousands of vessels each is a miss, and Position, one
// fix after another, waits for each in turn; Warm computes every address
// of a level first and then makes loads that do not depend on one
// another, which the processor overlaps. Each level depends on the one
// before, so each is a separate pass over the block.
//
// Warm changes no state that Position or Identity read (it adds no vessel
// and moves nothing), so calls to Identity and Tick may come between it
// and the positions, and it may be skipped or called with positions that
// are then not fed.
func (d *Detector) Warm(ps []sitrep.Position) {
	t := &d.vessels
	if t.n == 0 {
		return
	}
	ps = ps[:min(len(ps), WarmBlock)]
	var idx [WarmBlock]uint32
	for i := range ps {
		idx[i] = t.home(ps[i].MMSI)
	}
	// Pass 1: the home slots.
	var x uint64
	for _, j := range idx[:len(ps)] {
		x ^= uint64(t.slots[j].i)
	}
	// Pass 2: the vessels' first lines (probing is now in cache).
	var vs [WarmBlock]*vessel
	n := 0
	for i := range ps {
		if v := t.get(ps[i].MMSI); v != nil {
			vs[n] = v
			n++
		}
	}
	for _, v := range vs[:n] {
		x ^= uint64(v.cur)
	}
	// Pass 3: the slot of fixes the fix will be copied to (96 bytes: its
	// first and last words lie on the two lines it spans).
	for _, v := range vs[:n] {
		f := &v.fixes[v.cur^1]
		x ^= uint64(f.MMSI) ^ uint64(len(f.Sources))
	}
	d.warm = x // keeps the loads
}
