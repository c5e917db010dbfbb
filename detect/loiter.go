package detect

import (
	"github.com/sitrep-osint/sitrep"
)

// RuleLoitering names the loitering rule.
const RuleLoitering = "loitering"

// loiterState is a vessel's current run of slow fixes outside port sites.
type loiterState struct {
	first, last sitrep.Position // valid when vessel.loiterActive
	open        bool            // reported
	maxSOG      float32
	sumSOG      float64
	n           int
}

// portLike reports whether loitering is expected at sites of kind k.
func portLike(k sitrep.SiteKind) bool {
	return k == sitrep.SitePort || k == sitrep.SiteNavalBase || k == sitrep.SiteAnchorage
}

// loitering follows runs of fixes slower than loiter_max_sog_kn outside
// port, naval base and anchorage sites; a run of loiter_min_h opens a
// loitering event, which closes at the first fast fix, a fix in port, or a
// silence of gap_flag_h.
func (d *Detector) loitering(v *vessel, p *sitrep.Position, here []*sitrep.Site) {
	params := v.params
	sog, ok := sogOf(p)
	if !ok {
		return // no speed: neither extends nor ends the run
	}
	slow := float64(sog) < params.LoiterMaxSOGKn
	if slow {
		for _, s := range here {
			if portLike(s.Kind) {
				slow = false
				break
			}
		}
	}
	if !slow && !v.loiterActive {
		return // the common case, without reaching vesselCold
	}
	l := &v.loiter
	if v.loiterActive && (!slow || p.Time.Sub(l.last.Time) >= hoursDur(params.GapFlagH)) {
		if l.open {
			d.sink(d.loiterEvent(v, true))
		}
		*l, v.loiterActive = loiterState{}, false
	}
	if !slow {
		return
	}
	if !v.loiterActive {
		*l, v.loiterActive = loiterState{first: *p}, true
	}
	l.last = *p
	l.maxSOG = max(l.maxSOG, sog)
	l.sumSOG += float64(sog)
	l.n++
	if !l.open && l.last.Time.Sub(l.first.Time) >= hoursDur(params.LoiterMinH) {
		l.open = true
		d.sink(d.loiterEvent(v, false))
	}
}

func (d *Detector) loiterEvent(v *vessel, closed bool) sitrep.Event {
	l := &v.loiter
	params := v.params
	dur := l.last.Time.Sub(l.first.Time)
	e := sitrep.Event{
		ID:   eventID(sitrep.EventLoitering, v.mmsi, 0, "", l.first.Time),
		Kind: sitrep.EventLoitering, MMSI: v.mmsi, Start: l.first.Time,
		Lat: l.first.Lat, Lon: l.first.Lon,
		Attrs: map[string]string{"duration_h": fmtF(hours(dur), 2), "mean_sog_kn": fmtF(l.sumSOG/float64(l.n), 1),
			"max_sog_kn": fmtF(float64(l.maxSOG), 1), "drift_km": fmtF(distance(&l.first, &l.last)/1000, 1)},
		Rule:     params.rule(RuleLoitering, "loiter_max_sog_kn", "loiter_min_h", "gap_flag_h"),
		Evidence: []sitrep.EventFix{fixOf(RoleFirst, &l.first), fixOf(RoleLatest, &l.last)},
		Summary: v.mmsi.String() + " loitered for " + fmtDur(dur) + " at " + fmtF(l.sumSOG/float64(l.n), 1) +
			" kn mean, outside any port",
	}
	if closed {
		e.End = l.last.Time
	} else {
		e.Summary += " (still)"
	}
	return e
}
