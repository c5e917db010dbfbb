package detect

import (
	"math"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// membership is one vessel's state with respect to one site it is in, or
// entering: confirmed inside or not, and the run of contrary fixes that
// may confirm a change.
type membership struct {
	site   *sitrep.Site
	params *Params
	inside bool // confirmed inside
	// run counts consecutive fixes contrary to the confirmed state; first
	// is the first of them and before the fix preceding it.
	run       int
	first     sitrep.Position
	before    sitrep.Position
	hasBefore bool

	// Set while inside.
	entry       sitrep.Position // first fix inside
	entryBefore sitrep.Position // last fix outside before it
	hasEntryBef bool
	entryBounds *sitrep.TimeRange
	lastInside  sitrep.Position
	stopped     bool
	firstStop   sitrep.Position
	stoppedFor  time.Duration
	prevStopped bool
	visitOpen   bool
	// declaredChecked: the visit was compared with the declared
	// destination.
	declaredChecked bool
}

// siteRules runs enter/exit confirmation for every site the vessel is in or
// near, then the arrival, departure, visit and transit rules they confirm.
// here are the sites containing p.
func (d *Detector) siteRules(v *vessel, p *sitrep.Position, here []*sitrep.Site) {
	if !v.hasSites && len(here) == 0 {
		return
	}
	// Sites already tracked.
	keep := v.sites[:0]
	for _, m := range v.sites {
		in := containsSite(here, m.site)
		if !in && m.inside {
			in = nearShape(m.site, pointOf(p), m.params.HysteresisM)
		}
		if d.step(v, m, p, in) {
			keep = append(keep, m)
		}
	}
	clear(v.sites[len(keep):])
	v.sites = keep
	// Sites newly entered.
	for _, s := range here {
		if s.Shape.Kind == sitrep.ShapeLine || tracked(v.sites, s) {
			continue
		}
		m := &membership{site: s, params: d.paramsOf(s)}
		if d.step(v, m, p, true) {
			v.sites = append(v.sites, m)
		}
	}
	v.hasSites = len(v.sites) > 0
}

func containsSite(ss []*sitrep.Site, s *sitrep.Site) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func tracked(ms []*membership, s *sitrep.Site) bool {
	for _, m := range ms {
		if m.site == s {
			return true
		}
	}
	return false
}

// step applies one fix to a membership; in says whether the fix counts as
// inside. It returns false when the membership can be dropped (confirmed
// outside).
func (d *Detector) step(v *vessel, m *membership, p *sitrep.Position, in bool) bool {
	if in == m.inside {
		m.run = 0
		if m.inside {
			d.inside(v, m, p)
		}
		return m.inside
	}
	m.run++
	if m.run == 1 {
		// The fix before p is the latest plausible one (the zero
		// Position when there is none), read only here: it is cold.
		m.first, m.before, m.hasBefore = *p, *v.lastGood(), v.hasLastGood()
	}
	if float64(m.run) < m.params.ConfirmFixes {
		return true
	}
	m.run = 0
	if in {
		d.enter(v, m)
		// The fixes of the confirming run after the first are inside too.
		if p.Time.After(m.entry.Time) {
			d.inside(v, m, p)
		}
		return true
	}
	d.exit(v, m)
	return false
}

// bounds returns the interval a crossing happened in when it is not
// observed: no fix before, or the fix before is older than fix_gap_min.
func bounds(before *sitrep.Position, hasBefore bool, first *sitrep.Position, p *Params) *sitrep.TimeRange {
	if !hasBefore {
		return &sitrep.TimeRange{To: first.Time}
	}
	if first.Time.Sub(before.Time) > minutesDur(p.FixGapMin) {
		return &sitrep.TimeRange{From: before.Time, To: first.Time}
	}
	return nil
}

// enter confirms an entry at m.first.
func (d *Detector) enter(v *vessel, m *membership) {
	m.inside = true
	m.entry, m.entryBefore, m.hasEntryBef = m.first, m.before, m.hasBefore
	m.entryBounds = bounds(&m.before, m.hasBefore, &m.first, m.params)
	m.lastInside = m.first
	m.stopped, m.stoppedFor, m.prevStopped, m.visitOpen, m.declaredChecked = false, 0, false, false, false
	if !m.site.Kind.IsPassage() {
		d.sink(d.arrivalEvent(v, m))
	}
	d.inside(v, m, &m.first)
}

// inside accounts a fix inside a confirmed site: stops and dwell.
func (d *Detector) inside(v *vessel, m *membership, p *sitrep.Position) {
	st := stopped(p, m.params.StopSOGKn)
	if st && m.prevStopped {
		if dt := p.Time.Sub(m.lastInside.Time); dt <= minutesDur(m.params.FixGapMin) {
			m.stoppedFor += dt
		}
	}
	newStop := st && !m.stopped
	if newStop {
		m.stopped, m.firstStop = true, *p
	}
	m.prevStopped = st
	m.lastInside = *p
	if m.site.Kind.IsPassage() {
		return
	}
	if newStop {
		d.declared(v, m)
	}
	if !m.visitOpen && p.Time.Sub(m.entry.Time) >= minutesDur(m.params.MinDwellMin) {
		m.visitOpen = true
		d.sink(d.visitEvent(v, m, false))
	} else if m.visitOpen && newStop {
		d.sink(d.visitEvent(v, m, false))
	}
}

// exit confirms an exit at m.first (the first fix outside).
func (d *Detector) exit(v *vessel, m *membership) {
	m.inside = false
	if m.site.Kind.IsPassage() {
		d.polygonTransit(v, m)
		return
	}
	d.sink(d.departureEvent(v, m))
	if m.visitOpen || m.first.Time.Sub(m.entry.Time) >= minutesDur(m.params.MinDwellMin) {
		d.sink(d.visitEvent(v, m, true))
	}
	m.visitOpen = false
}

// nearShape reports whether p lies within h metres of a site's shape.
func nearShape(s *sitrep.Site, p geo.Point, h float64) bool {
	switch s.Shape.Kind {
	case sitrep.ShapeCircle:
		c := geo.Point{Lat: s.Shape.Center.Lat, Lon: s.Shape.Center.Lon}
		return geo.Distance(c, p) <= s.Shape.RadiusM+h
	case sitrep.ShapePolygon:
		if h <= 0 {
			return false
		}
		for _, r := range s.Shape.Rings {
			if ringDistance(r, p) <= h {
				return true
			}
		}
	}
	return false
}

// ringDistance returns the distance in metres from p to the nearest edge
// of a ring, in a local equirectangular projection around p (accurate to
// well under a percent over the few kilometres hysteresis concerns).
func ringDistance(r []sitrep.LatLon, p geo.Point) float64 {
	const mPerDeg = geo.EarthRadius * math.Pi / 180
	kx := mPerDeg * math.Cos(p.Lat*math.Pi/180)
	xy := func(q sitrep.LatLon) (float64, float64) {
		dl := q.Lon - p.Lon
		if dl > 180 {
			dl -= 360
		} else if dl < -180 {
			dl += 360
		}
		return dl * kx, (q.Lat - p.Lat) * mPerDeg
	}
	best := math.Inf(1)
	for i := range r {
		ax, ay := xy(r[i])
		bx, by := xy(r[(i+1)%len(r)])
		dx, dy := bx-ax, by-ay
		t := 0.0
		if l := dx*dx + dy*dy; l > 0 {
			t = max(0, min(1, -(ax*dx+ay*dy)/l))
		}
		cx, cy := ax+t*dx, ay+t*dy
		best = min(best, math.Hypot(cx, cy))
	}
	return best
}
