package detect

import (
	"time"

	"github.com/sitrep-osint/sitrep"
)

// RuleGap names the AIS gap rule.
const RuleGap = "ais_gap"

// gap closes the vessel's silence when p ends one of gap_flag_h or more;
// dt is the time since the latest fix.
func (d *Detector) gap(v *vessel, p *sitrep.Position, dt time.Duration) {
	if !v.hasLast {
		return
	}
	params := v.params
	if dt >= hoursDur(params.GapFlagH) {
		d.sink(d.gapEvent(v, p, p.Time))
	}
	if v.gapLevel != 0 {
		v.gapLevel = 0
	}
}

// openGap reports the vessel's silence as an open gap at now when it has
// lasted gap_flag_h, and again when it becomes suspicious.
func (d *Detector) openGap(v *vessel, now time.Time) {
	if !v.hasLast {
		return
	}
	params := v.params
	dt := v.sinceLast(unixNano(now), now)
	level := int8(0)
	switch {
	case dt >= hoursDur(params.GapSuspiciousH):
		level = 2
	case dt >= hoursDur(params.GapFlagH):
		level = 1
	}
	if level > v.gapLevel {
		v.gapLevel = level
		d.sink(d.gapEvent(v, nil, now))
	}
}

// gapEvent describes the silence after v.last: closed by the fix after when
// there is one, else open as seen at now.
func (d *Detector) gapEvent(v *vessel, after *sitrep.Position, now time.Time) sitrep.Event {
	params := v.params
	before := v.last()
	dur := now.Sub(before.Time)
	e := sitrep.Event{
		ID:   eventID(sitrep.EventGap, v.mmsi, 0, "", before.Time),
		Kind: sitrep.EventGap, MMSI: v.mmsi, Start: before.Time,
		Lat: before.Lat, Lon: before.Lon,
		Rule:     params.rule(RuleGap, "gap_flag_h", "gap_suspicious_h"),
		Attrs:    map[string]string{"duration_h": fmtF(hours(dur), 2)},
		Evidence: []sitrep.EventFix{fixOf(RoleGapStart, before)},
	}
	severity := "flagged"
	if dur >= hoursDur(params.GapSuspiciousH) {
		severity = "suspicious"
	}
	e.Attrs["severity"] = severity
	if after == nil {
		e.Attrs["open"] = "true"
		e.Summary = v.mmsi.String() + " silent for " + fmtDur(dur) + " so far (" + severity + ")"
		return e
	}
	e.End = after.Time
	e.Evidence = append(e.Evidence, fixOf(RoleGapEnd, after))
	dist := distance(before, after)
	speed := knots(dist, dur)
	e.Attrs["distance_km"] = fmtF(dist/1000, 1)
	e.Attrs["implied_speed_kn"] = fmtF(speed, 1)
	e.Summary = v.mmsi.String() + " silent for " + fmtDur(dur) + " (" + severity + "), reappeared " +
		fmtF(dist/1000, 1) + " km away (" + fmtF(speed, 1) + " kn implied)"
	return e
}
