package ingest

import (
	"math"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// knot is one nautical mile per hour in metres per second.
const knot = 1852.0 / 3600

// plausibility flags fixes that cannot be right, against the last plausible
// fix of the same MMSI.
type plausibility struct {
	limits       [8]float64 // knots, by VesselClass below 8
	other        map[sitrep.VesselClass]float64
	defaultKnots float64
	minMetres    float64
	// last holds each MMSI's reference fixes: one lookup per fix.
	last refTable
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

// newPlausibility returns a checker with speed limits by class (knots;
// classes not in limits get defaultKnots).
func newPlausibility(limits map[sitrep.VesselClass]float64, defaultKnots, minMetres float64) plausibility {
	c := plausibility{defaultKnots: defaultKnots, minMetres: minMetres}
	for i := range c.limits {
		c.limits[i] = defaultKnots
	}
	for cl, v := range limits {
		if int(cl) >= 0 && int(cl) < len(c.limits) {
			c.limits[cl] = v
		} else {
			if c.other == nil {
				c.other = map[sitrep.VesselClass]float64{}
			}
			c.other[cl] = v
		}
	}
	return c
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
	r, ok := c.last.get(p.MMSI)
	switch {
	case !ok:
		r.last = cur
	case c.plausible(p.Class, r.last, cur) || (r.jump && c.plausible(p.Class, r.jumped, cur)):
		r.last, r.jump = cur, false
	default:
		p.Flags |= sitrep.FlagSpeedJump
		r.jumped, r.jump = cur, true
	}
}

// plausible reports whether b can follow a for a vessel of class cl: b is
// within minMetres of a, or reachable at the class's speed limit with a
// second of timing error either way.
func (c *plausibility) plausible(cl sitrep.VesselClass, a, b fix) bool {
	dt := float64(b.t-a.t) / 1000
	if dt < 0 {
		dt = -dt
	}
	limit := c.defaultKnots
	if int(cl) >= 0 && int(cl) < len(c.limits) {
		limit = c.limits[cl]
	} else if v, ok := c.other[cl]; ok {
		limit = v
	}
	allowed := max(c.minMetres, limit*knot*(dt+1))
	// Consecutive fixes are close: the equirectangular distance is then
	// within 3% of the great-circle one (below 70° and 0.5° apart), and
	// decides unless it is near the threshold.
	if dLat, dLon := b.lat-a.lat, b.lon-a.lon; a.lat < 70 && a.lat > -70 && dLat < 0.5 && dLat > -0.5 && dLon < 0.5 && dLon > -0.5 {
		x := dLon * math.Cos((a.lat+b.lat)*(math.Pi/360))
		approx := geo.EarthRadius * (math.Pi / 180) * math.Sqrt(dLat*dLat+x*x)
		if approx*1.03 <= allowed {
			return true
		}
		if approx*0.97 > allowed {
			return false
		}
	}
	return geo.Distance(geo.Point{Lat: a.lat, Lon: a.lon}, geo.Point{Lat: b.lat, Lon: b.lon}) <= allowed
}
