package detect

import (
	"strconv"

	"github.com/sitrep-osint/sitrep"
)

// Rule names of the site rules.
const (
	RuleArrival   = "site_arrival"
	RuleDeparture = "site_departure"
	RuleVisit     = "site_visit"
)

// siteParamNames are the parameters the site rules use.
var siteParamNames = []string{"confirm_fixes", "hysteresis_m", "fix_gap_min", "min_dwell_min", "stop_sog_kn"}

// arrivalEvent is the confirmed entry of m: at the first fix inside, with
// StartBounds when the entry was not observed.
func (d *Detector) arrivalEvent(v *vessel, m *membership) sitrep.Event {
	e := sitrep.Event{
		ID:   eventID(sitrep.EventArrival, v.mmsi, 0, m.site.ID, m.entry.Time),
		Kind: sitrep.EventArrival, MMSI: v.mmsi, SiteID: m.site.ID,
		Start: m.entry.Time, End: m.entry.Time, StartBounds: m.entryBounds,
		Lat: m.entry.Lat, Lon: m.entry.Lon,
		Rule:  m.params.rule(RuleArrival, siteParamNames[:3]...),
		Attrs: map[string]string{"site": siteName(m.site), "site_kind": string(m.site.Kind)},
	}
	if m.hasEntryBef {
		e.Evidence = append(e.Evidence, fixOf(RoleLastOutside, &m.entryBefore))
	}
	e.Evidence = append(e.Evidence, fixOf(RoleFirstInside, &m.entry))
	e.Summary = v.mmsi.String() + " arrived at " + siteName(m.site)
	if m.entryBounds != nil {
		e.Attrs["entry"] = "unknown"
		e.Summary += ", entry time unknown (" + boundsText(m.entryBounds) + ")"
	}
	return e
}

// departureEvent is the confirmed exit of m: at the first fix outside (m.first),
// with StartBounds when the exit was not observed.
func (d *Detector) departureEvent(v *vessel, m *membership) sitrep.Event {
	b := bounds(&m.before, m.hasBefore, &m.first, m.params)
	e := sitrep.Event{
		ID:   eventID(sitrep.EventDeparture, v.mmsi, 0, m.site.ID, m.first.Time),
		Kind: sitrep.EventDeparture, MMSI: v.mmsi, SiteID: m.site.ID,
		Start: m.first.Time, End: m.first.Time, StartBounds: b,
		Lat: m.first.Lat, Lon: m.first.Lon,
		Rule:     m.params.rule(RuleDeparture, siteParamNames[:3]...),
		Attrs:    map[string]string{"site": siteName(m.site), "site_kind": string(m.site.Kind)},
		Evidence: []sitrep.EventFix{fixOf(RoleLastInside, &m.before), fixOf(RoleFirstOut, &m.first)},
	}
	e.Summary = v.mmsi.String() + " departed " + siteName(m.site)
	if b != nil {
		e.Attrs["exit"] = "unknown"
		e.Summary += ", exit time unknown (" + boundsText(b) + ")"
	}
	return e
}

// visitEvent is the visit of m, open (End zero) while inside, closed at
// the exit when closed is set.
func (d *Detector) visitEvent(v *vessel, m *membership, closed bool) sitrep.Event {
	e := sitrep.Event{
		ID:   eventID(sitrep.EventVisit, v.mmsi, 0, m.site.ID, m.entry.Time),
		Kind: sitrep.EventVisit, MMSI: v.mmsi, SiteID: m.site.ID,
		Start: m.entry.Time, StartBounds: m.entryBounds,
		Lat: m.entry.Lat, Lon: m.entry.Lon,
		Rule:  m.params.rule(RuleVisit, siteParamNames...),
		Attrs: map[string]string{"site": siteName(m.site), "site_kind": string(m.site.Kind)},
	}
	if m.entryBounds != nil {
		e.Attrs["entry"] = "unknown"
	}
	if m.hasEntryBef {
		e.Evidence = append(e.Evidence, fixOf(RoleLastOutside, &m.entryBefore))
	}
	e.Evidence = append(e.Evidence, fixOf(RoleFirstInside, &m.entry))
	if m.stopped {
		e.Evidence = append(e.Evidence, fixOf(RoleFirstStop, &m.firstStop))
	}
	end := m.lastInside.Time
	if closed {
		e.End = m.first.Time
		e.EndBounds = bounds(&m.before, m.hasBefore, &m.first, m.params)
		if e.EndBounds != nil {
			e.Attrs["exit"] = "unknown"
		}
		e.Evidence = append(e.Evidence, fixOf(RoleLastInside, &m.before), fixOf(RoleFirstOut, &m.first))
		end = e.End
	} else {
		e.Evidence = append(e.Evidence, fixOf(RoleLastInside, &m.lastInside))
	}
	dwell := end.Sub(m.entry.Time)
	e.Attrs["dwell_h"] = fmtF(hours(dwell), 2)
	e.Attrs["stopped"] = strconv.FormatBool(m.stopped)
	e.Attrs["stopped_h"] = fmtF(hours(m.stoppedFor), 2)
	e.Summary = v.mmsi.String() + " visited " + siteName(m.site) + " for " + fmtDur(dwell)
	if !closed {
		e.Summary = v.mmsi.String() + " in " + siteName(m.site) + " for " + fmtDur(dwell) + " so far"
	}
	if m.stopped {
		e.Summary += ", stopped " + fmtDur(m.stoppedFor)
	} else {
		e.Summary += ", did not stop"
	}
	if m.entryBounds != nil {
		e.Summary += "; entry time unknown (" + boundsText(m.entryBounds) + ")"
	}
	if e.EndBounds != nil {
		e.Summary += "; exit time unknown (" + boundsText(e.EndBounds) + ")"
	}
	return e
}

// boundsText writes "between A and B" or "before B".
func boundsText(b *sitrep.TimeRange) string {
	const f = "2006-01-02 15:04Z"
	if b.From.IsZero() {
		return "first heard inside at " + b.To.UTC().Format(f)
	}
	return "between " + b.From.UTC().Format(f) + " and " + b.To.UTC().Format(f)
}
