package sim

import (
	"fmt"
	"sort"
	"time"
)

// A plan followed: the track of a scenario vessel as straight legs, stays
// and circles in time, with the moments its transponder goes off or on and
// its declared destination changes.

// Kinds of segment.
const (
	segStay uint8 = iota
	segSail
	segCircle
)

// segment is a piece of a vessel's track from t0 to t1 (Unix ms).
type segment struct {
	t0, t1     int64
	kind       uint8
	lat0, lon0 float64 // stay: the place; sail: the start; circle: the centre
	lat1, lon1 float64 // sail: the end
	sog, cog   float64 // knots, degrees (sail and circle; cog of a circle at t0)
	status     uint8
	radius     float64 // nautical miles (circle)
	ang0       float64 // bearing from the centre at t0, degrees (circle)
}

// marker is a change at time t: the transponder on or off, or a new
// declared destination.
type marker struct {
	t    int64
	kind StepKind
	on   bool
	dest string
}

// track is a plan followed in time.
type track struct {
	start int64 // Unix ms: the vessel exists from here
	segs  []segment
	marks []marker
}

// planError is a plan that cannot be followed, at step (index) and line.
type planError struct {
	step, line int
	msg        string
}

// track follows v's plan in sc.
func (v *ScenarioVessel) track(sc *Scenario) (*track, *planError) {
	if len(v.Plan) == 0 || v.Plan[0].Kind != StepStart {
		return nil, &planError{msg: "the plan does not start with at: WAYPOINT"}
	}
	first := v.Plan[0]
	cur := sc.Start
	if !first.Time.IsZero() {
		cur = first.Time
	}
	pos := sc.Waypoints[first.At]
	status := planStatus[first.Status]
	tr := &track{start: cur.UnixMilli()}
	ms := func(t time.Time) int64 { return t.UnixMilli() }
	sail := func(to LatLon, kn float64) {
		nm := distanceNM(pos.Lat, pos.Lon, to.Lat, to.Lon)
		if nm < 1e-6 {
			return
		}
		end := cur.Add(time.Duration(nm / kn * float64(time.Hour)))
		tr.segs = append(tr.segs, segment{t0: ms(cur), t1: ms(end), kind: segSail, lat0: pos.Lat, lon0: pos.Lon,
			lat1: to.Lat, lon1: to.Lon, sog: kn, cog: bearing(pos.Lat, pos.Lon, to.Lat, to.Lon), status: statusUnderWay})
		cur, pos = end, to
	}
	for i, s := range v.Plan[1:] {
		i++
		fail := func(format string, args ...any) *planError {
			return &planError{step: i, line: s.Line, msg: fmt.Sprintf(format, args...)}
		}
		switch s.Kind {
		case StepStay:
			if s.Status != "" {
				status = planStatus[s.Status]
			}
			if s.Until.Before(cur) {
				return nil, fail("stay until %s, but the vessel only gets there at %s", s.Until.Format(time.RFC3339), cur.Format(time.RFC3339))
			}
			tr.segs = append(tr.segs, segment{t0: ms(cur), t1: ms(s.Until), kind: segStay, lat0: pos.Lat, lon0: pos.Lon, status: status})
			cur = s.Until
		case StepSail:
			for _, n := range s.Sail {
				sail(sc.Waypoints[n], s.Knots)
			}
			status = statusUnderWay
		case StepCircle:
			c := sc.Waypoints[s.Circle]
			b := 0.0
			if distanceNM(c.Lat, c.Lon, pos.Lat, pos.Lon) > 1e-6 {
				b = bearing(c.Lat, c.Lon, pos.Lat, pos.Lon)
			}
			lat, lon := move(c.Lat, c.Lon, b, s.RadiusNM)
			sail(LatLon{lat, lon}, s.Knots)
			if s.Until.Before(cur) {
				return nil, fail("circle until %s, but the vessel only gets there at %s", s.Until.Format(time.RFC3339), cur.Format(time.RFC3339))
			}
			seg := segment{t0: ms(cur), t1: ms(s.Until), kind: segCircle, lat0: c.Lat, lon0: c.Lon,
				sog: s.Knots, radius: s.RadiusNM, ang0: b, cog: normDeg(b + 90), status: statusUnderWay}
			seg.lat1, seg.lon1 = seg.at(seg.t1)
			tr.segs = append(tr.segs, seg)
			cur, pos = s.Until, LatLon{seg.lat1, seg.lon1}
			status = statusUnderWay
		case StepAIS:
			tr.marks = append(tr.marks, marker{t: ms(cur), kind: StepAIS, on: s.AIS == "on"})
		case StepDestination:
			tr.marks = append(tr.marks, marker{t: ms(cur), kind: StepDestination, dest: s.Destination})
		}
		if cur.After(sc.End.Add(maxScenarioSpan)) {
			return nil, fail("the plan runs past %s", sc.End.Add(maxScenarioSpan).Format(time.RFC3339))
		}
	}
	// After its plan the vessel stays where it is.
	if end := sc.End.UnixMilli(); ms(cur) < end {
		tr.segs = append(tr.segs, segment{t0: ms(cur), t1: end, kind: segStay, lat0: pos.Lat, lon0: pos.Lon, status: status})
	}
	return tr, nil
}

// at returns the position on a circle segment at t.
func (s *segment) at(t int64) (lat, lon float64) {
	ang := s.ang0 + s.angle(t)
	return move(s.lat0, s.lon0, ang, s.radius)
}

// angle returns how far (degrees) a circling vessel has turned since t0.
func (s *segment) angle(t int64) float64 {
	hours := float64(t-s.t0) / 3600e3
	return s.sog * hours / s.radius * radToDeg
}

// fixAt is the state of a scenario vessel at a time.
type fixAt struct {
	lat, lon float64
	sog, cog float64
	status   uint8
	exists   bool
}

// state returns the vessel's state at t (Unix ms). Before the track's
// start the vessel does not exist.
func (tr *track) state(t int64) fixAt {
	if t < tr.start || len(tr.segs) == 0 {
		return fixAt{}
	}
	i := sort.Search(len(tr.segs), func(i int) bool { return tr.segs[i].t1 > t })
	if i == len(tr.segs) {
		s := &tr.segs[len(tr.segs)-1]
		lat, lon := s.end()
		return fixAt{lat: lat, lon: lon, status: s.status, exists: true}
	}
	s := &tr.segs[i]
	switch s.kind {
	case segSail:
		f := float64(t-s.t0) / float64(max(1, s.t1-s.t0))
		return fixAt{lat: s.lat0 + f*(s.lat1-s.lat0), lon: s.lon0 + f*(s.lon1-s.lon0), sog: s.sog, cog: s.cog,
			status: s.status, exists: true}
	case segCircle:
		lat, lon := s.at(t)
		return fixAt{lat: lat, lon: lon, sog: s.sog, cog: normDeg(s.ang0 + s.angle(t) + 90), status: s.status, exists: true}
	}
	return fixAt{lat: s.lat0, lon: s.lon0, status: s.status, exists: true}
}

// end returns where a segment ends.
func (s *segment) end() (float64, float64) {
	switch s.kind {
	case segSail, segCircle:
		return s.lat1, s.lon1
	}
	return s.lat0, s.lon0
}

// aisOn reports whether the transponder is on at t, and the declared
// destination then.
func (tr *track) aisOn(t int64, dest string) (bool, string) {
	on := true
	for _, m := range tr.marks {
		if m.t > t {
			break
		}
		switch m.kind {
		case StepAIS:
			on = m.on
		case StepDestination:
			dest = m.dest
		}
	}
	return on, dest
}
