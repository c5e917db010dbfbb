package ingest

import (
	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// knot is one nautical mile per hour in metres per second.
const knot = 1852.0 / 3600

// plausibility flags fixes that cannot be right, against the last plausible
// fix of the same MMSI.
type plausibility struct {
	limits       map[sitrep.VesselClass]float64 // knots
	defaultKnots float64
	minMetres    float64
	// last holds each MMSI's reference: one map operation per fix.
	last map[sitrep.MMSI]*refs
}

// refs are the fixes a new fix of one MMSI is checked against.
type refs struct {
	last   fix  // last plausible fix
	jumped fix  // last flagged fix, to recover from a bad reference
	jump   bool // whether jumped is set
}

type fix struct {
	t        int64 // Unix milliseconds
	lat, lon float64
}

// check sets p.Flags. A fix that is implausible against the reference but
// plausible against the previous flagged fix means the reference was the bad
// one: the vessel's track continues from the new place.
func (c *plausibility) check(p *sitrep.Position) {
	if !sitrep.ValidCoordinates(p.Lat, p.Lon) {
		p.Flags |= sitrep.FlagInvalidCoordinates
		return
	}
	cur := fix{p.Time.UnixMilli(), p.Lat, p.Lon}
	r := c.last[p.MMSI]
	if r == nil {
		c.last[p.MMSI] = &refs{last: cur}
		return
	}
	if c.plausible(p.Class, r.last, cur) || (r.jump && c.plausible(p.Class, r.jumped, cur)) {
		r.last, r.jump = cur, false
		return
	}
	p.Flags |= sitrep.FlagSpeedJump
	r.jumped, r.jump = cur, true
}

// plausible reports whether b can follow a for a vessel of class cl.
func (c *plausibility) plausible(cl sitrep.VesselClass, a, b fix) bool {
	d := geo.Distance(geo.Point{Lat: a.lat, Lon: a.lon}, geo.Point{Lat: b.lat, Lon: b.lon})
	if d < c.minMetres {
		return true
	}
	dt := float64(b.t-a.t) / 1000
	if dt < 0 {
		dt = -dt
	}
	limit, ok := c.limits[cl]
	if !ok {
		limit = c.defaultKnots
	}
	// Allow a second of timing error either way.
	return d <= limit*knot*(dt+1)
}
