package detect

import (
	"math"
	"strconv"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// Rule names of the spoofing rules.
const (
	RuleJump   = "position_jump"
	RuleShared = "shared_mmsi"
)

// stationState follows up to two tracks on one MMSI: cur, the track of the
// latest fix, and alt, the track it jumped away from, to recognise two
// stations alternating.
type stationState struct {
	alt      sitrep.Position // valid when vessel.hasAlt
	switches int             // jumps between the two tracks while alt is live
	first    time.Time       // time of the first of those jumps
	firstFix sitrep.Position
}

// maxKnots returns the jump limit for a class.
func (p *Params) maxKnots(c sitrep.VesselClass) float64 {
	switch c {
	case sitrep.ClassB:
		return p.JumpMaxKnClassB
	case sitrep.ClassSARAircraft:
		return p.JumpMaxKnSAR
	}
	return p.JumpMaxKnClassA
}

// reachable reports whether a station could sail from a, heard dt before
// b, to b: the move is shorter than jump_min_m, or its speed over dt plus
// jump_time_slack_s is within the class's limit.
func (p *Params) reachable(dt time.Duration, a sitrep.LatLon, b *sitrep.Position, class sitrep.VesselClass) bool {
	dt += time.Duration(p.JumpTimeSlackS * float64(time.Second))
	allowed := p.maxKnots(class) * 1852 * dt.Hours()
	// Cheap upper bound first (the path along a meridian and a parallel is
	// no shorter than the great circle), so most fixes skip the haversine.
	dLon := math.Abs(a.Lon - b.Lon)
	if dLon > 180 {
		dLon = 360 - dLon
	}
	if ub := (math.Abs(a.Lat-b.Lat) + dLon) * (math.Pi / 180) * geo.EarthRadius; ub < p.JumpMinM || ub <= allowed {
		return true
	}
	dist := geo.Distance(geo.Point{Lat: a.Lat, Lon: a.Lon}, pointOf(b))
	return dist < p.JumpMinM || dist <= allowed
}

// jump checks the move from the vessel's latest fix to p: an implied speed
// above the class limit is a position jump, unless p continues the other
// track of an MMSI that alternates between two, which after
// shared_min_switches alternations is reported as a shared MMSI. dt is
// the time since the latest fix.
func (d *Detector) jump(v *vessel, p *sitrep.Position, dt time.Duration) {
	if !v.hasLast {
		return
	}
	params := v.params
	// vesselCold (stations, the full fixes) is reached only when needed:
	// even taking the address of a field through the pointer touches it.
	if v.hasAlt && p.Time.Sub(v.stations.alt.Time) > hoursDur(params.SharedWindowH) {
		v.hasAlt, v.stations.switches = false, 0
	}
	if params.reachable(dt, sitrep.LatLon{Lat: v.lastLat, Lon: v.lastLon}, p, p.Class) {
		return
	}
	st := &v.stations
	prev := v.last()
	if v.hasAlt && params.reachable(p.Time.Sub(st.alt.Time), sitrep.LatLon{Lat: st.alt.Lat, Lon: st.alt.Lon}, p, p.Class) {
		// Back on the other track: two stations alternating.
		st.alt = *prev
		if distance(prev, p) < params.SharedMinM {
			return // too close to tell two stations from bad timestamps
		}
		st.switches++
		if float64(st.switches) >= params.SharedMinSwitches {
			d.sink(d.sharedEvent(v, prev, p))
		}
		return
	}
	d.sink(d.jumpEvent(v, prev, p))
	st.alt, v.hasAlt, st.switches, st.first, st.firstFix = *prev, true, 1, p.Time, *prev
}

func (d *Detector) jumpEvent(v *vessel, prev, p *sitrep.Position) sitrep.Event {
	params := v.params
	dist := distance(prev, p)
	dt := p.Time.Sub(prev.Time)
	speed := knots(dist, dt)
	speedText := "instantaneous"
	if speed < inf {
		speedText = fmtF(speed, 0) + " kn"
	}
	limit := params.maxKnots(p.Class)
	return sitrep.Event{
		ID:   eventID(sitrep.EventPositionJump, v.mmsi, 0, "", prev.Time),
		Kind: sitrep.EventPositionJump, MMSI: v.mmsi, Start: prev.Time, End: p.Time,
		Lat: p.Lat, Lon: p.Lon,
		Summary: v.mmsi.String() + " jumped " + fmtF(dist/1000, 1) + " km in " + fmtDur(dt) +
			" (" + speedText + ", limit " + fmtF(limit, 0) + " kn for class " + p.Class.String() + ")",
		Attrs: map[string]string{"distance_km": fmtF(dist/1000, 2), "implied_speed_kn": speedText,
			"limit_kn": fmtF(limit, 0), "class": p.Class.String()},
		Rule:     params.rule(RuleJump, "jump_max_kn_class_a", "jump_max_kn_class_b", "jump_max_kn_sar", "jump_min_m", "jump_time_slack_s"),
		Evidence: []sitrep.EventFix{fixOf(RoleBefore, prev), fixOf(RoleAfter, p)},
	}
}

// sharedEvent reports (or updates) two stations on one MMSI: from the first
// jump between the tracks to p.
func (d *Detector) sharedEvent(v *vessel, prev, p *sitrep.Position) sitrep.Event {
	params := v.params
	st := &v.stations
	dist := distance(prev, p)
	return sitrep.Event{
		ID:   eventID(sitrep.EventSharedMMSI, v.mmsi, 0, "", st.firstFix.Time),
		Kind: sitrep.EventSharedMMSI, MMSI: v.mmsi, Start: st.firstFix.Time, End: p.Time,
		Lat: p.Lat, Lon: p.Lon,
		Summary: v.mmsi.String() + " transmitted from two places " + fmtF(dist/1000, 1) + " km apart, alternating " +
			strconv.Itoa(st.switches) + " times: two stations share this MMSI",
		Attrs: map[string]string{"distance_km": fmtF(dist/1000, 1), "switches": strconv.Itoa(st.switches)},
		Rule:  params.rule(RuleShared, "shared_min_switches", "shared_min_m", "shared_window_h", "jump_max_kn_class_a", "jump_max_kn_class_b", "jump_min_m", "jump_time_slack_s"),
		Evidence: []sitrep.EventFix{fixOf(RoleFirst, &st.firstFix), fixOf(RoleStationA, prev),
			fixOf(RoleStationB, p)},
	}
}
