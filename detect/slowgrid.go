package detect

import (
	"math"
	"time"

	"github.com/sitrep-osint/sitrep/geo"
)

// slowGrid is the encounter rule's index of slow vessels: a uniform grid
// of encounterCellDeg cells, each with the vessels whose latest plausible
// fix lies in it. An entry holds that fix's coordinates and time and the
// vessel, so that a search decides which vessels are near and recent
// without reaching their state (with tens of thousands of vessels, a
// cache miss each). A vessel finds its entry through vessel.slowCell and
// vessel.slowSlot (valid while vessel.inSlow). The zero value is empty.
type slowGrid struct {
	byKey map[uint32]int32 // cell number -> index in cells
	cells []slowCell       // occupied (or once occupied) cells
}

type slowCell struct {
	key   uint32
	items []slowItem
}

type slowItem struct {
	lat, lon float64
	t        time.Time
	v        *vessel
}

const (
	slowRows = 3600 // 180 / encounterCellDeg
	slowCols = 7200 // 360 / encounterCellDeg
)

// slowRow returns the row of a latitude, clamped to the grid: a
// non-decreasing function of lat.
func slowRow(lat float64) int {
	return min(max(int(math.Floor((lat+90)/encounterCellDeg)), 0), slowRows-1)
}

// slowCol returns the column of a longitude in [-180, 180]: 180 is -180
// (as for geo.Box.Contains), otherwise a non-decreasing function of lon.
func slowCol(lon float64) int {
	if lon == 180 {
		lon = -180
	}
	return min(max(int(math.Floor((lon+180)/encounterCellDeg)), 0), slowCols-1)
}

// set indexes v at lat, lon, heard at t, replacing its earlier entry (v.inSlow
// says whether it has one); the caller sets v.inSlow.
func (g *slowGrid) set(v *vessel, lat, lon float64, t time.Time) {
	k := uint32(slowRow(lat)*slowCols + slowCol(lon))
	if v.inSlow {
		c := &g.cells[v.slowCell]
		if c.key == k {
			c.items[v.slowSlot] = slowItem{lat: lat, lon: lon, t: t, v: v}
			return
		}
		g.delete(v)
	}
	if g.byKey == nil {
		g.byKey = make(map[uint32]int32)
	}
	ci, ok := g.byKey[k]
	if !ok {
		ci = int32(len(g.cells))
		g.cells = append(g.cells, slowCell{key: k})
		g.byKey[k] = ci
	}
	c := &g.cells[ci]
	v.slowCell, v.slowSlot = ci, int32(len(c.items))
	c.items = append(c.items, slowItem{lat: lat, lon: lon, t: t, v: v})
}

// delete removes v's entry (v.inSlow must be set); the caller clears
// v.inSlow.
func (g *slowGrid) delete(v *vessel) {
	c := &g.cells[v.slowCell]
	last := int32(len(c.items) - 1)
	if v.slowSlot != last {
		moved := c.items[last]
		c.items[v.slowSlot] = moved
		moved.v.slowSlot = v.slowSlot
	}
	c.items[last] = slowItem{}
	c.items = c.items[:last]
}

// search calls fn for every entry inside box (geo.Box.Contains: edges
// included, wrapping boxes allowed), in no particular order.
func (g *slowGrid) search(box geo.Box, fn func(it *slowItem)) {
	if len(g.cells) == 0 {
		return
	}
	r0, r1 := slowRow(box.MinLat), slowRow(box.MaxLat)
	c0, c1 := slowCol(box.MinLon), slowCol(box.MaxLon)
	visit := func(r, c0, c1 int) {
		for c := c0; c <= c1; c++ {
			ci, ok := g.byKey[uint32(r*slowCols+c)]
			if !ok {
				continue
			}
			items := g.cells[ci].items
			for i := range items {
				it := &items[i]
				if box.Contains(geo.Point{Lat: it.lat, Lon: it.lon}) {
					fn(it)
				}
			}
		}
	}
	for r := r0; r <= r1; r++ {
		if box.MinLon <= box.MaxLon && c0 <= c1 {
			visit(r, c0, c1)
		} else {
			visit(r, c0, slowCols-1)
			visit(r, 0, min(c1, c0-1))
		}
	}
}
