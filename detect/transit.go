package detect

import (
	"math"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// RuleTransit names the strait and canal transit rule.
const RuleTransit = "transit"

// lastTransit remembers a vessel's latest transit of a site, for
// de-duplication.
type lastTransit struct {
	site string
	end  time.Time
}

// direction names a bearing by its quarter: northbound from 315° to 45°,
// eastbound to 135°, southbound to 225°, westbound to 315°.
func direction(bearing float64) string {
	switch {
	case bearing >= 315 || bearing < 45:
		return "northbound"
	case bearing < 135:
		return "eastbound"
	case bearing < 225:
		return "southbound"
	default:
		return "westbound"
	}
}

// polygonTransit decides at the confirmed exit of a passage polygon whether
// the vessel went through: its first and last fixes inside lie at least
// transit_min_frac of the gate's width apart across the gate. The width is
// the polygon's narrowest extent (geo.MinWidth: for a band drawn across a
// strait, its thickness along the traffic), and only the part of the
// displacement in that direction counts, so a ferry that crosses the
// strait along the band, or a vessel that clips a corner, is no transit.
func (d *Detector) polygonTransit(v *vessel, m *membership) {
	from, to := &m.entry, &m.before // first and last fix inside
	w := gateWidth(m.site)
	across := math.Abs(w.Across(pointOf(from), pointOf(to)))
	if w.Metres == 0 || across < m.params.TransitMinFrac*w.Metres {
		return
	}
	evidence := []sitrep.EventFix{}
	if m.hasEntryBef {
		evidence = append(evidence, fixOf(RoleLastOutside, &m.entryBefore))
	}
	evidence = append(evidence, fixOf(RoleFirstInside, from), fixOf(RoleLastInside, to), fixOf(RoleFirstOut, &m.first))
	e := d.transitEvent(v, m.site, m.params, from, to, m.entry.Time, m.first.Time, evidence)
	e.StartBounds = m.entryBounds
	e.EndBounds = bounds(&m.before, m.hasBefore, &m.first, m.params)
	e.Attrs["gate"] = "polygon"
	e.Attrs["gate_width_km"] = fmtF(w.Metres/1000, 1)
	e.Attrs["across_km"] = fmtF(across/1000, 1)
	if e.StartBounds != nil {
		e.Attrs["entry"] = "unknown"
	}
	if e.EndBounds != nil {
		e.Attrs["exit"] = "unknown"
	}
	d.emitTransit(v, m.site, e)
}

// lines finds the line gates the track from the vessel's latest plausible
// fix to p crosses; each is a transit between the two fixes.
func (d *Detector) lines(v *vessel, p *sitrep.Position) {
	d.lineBuf = d.sites.Crossed(d.lineBuf[:0], v.lastGoodPoint(), sitrep.LatLon{Lat: p.Lat, Lon: p.Lon})
	if len(d.lineBuf) == 0 {
		return
	}
	prev := v.lastGood()
	for _, s := range d.lineBuf {
		if !s.Kind.IsPassage() {
			continue
		}
		params := d.paramsOf(s)
		e := d.transitEvent(v, s, params, prev, p, prev.Time, p.Time,
			[]sitrep.EventFix{fixOf(RoleBefore, prev), fixOf(RoleAfter, p)})
		e.Attrs["gate"] = "line"
		if p.Time.Sub(prev.Time) > minutesDur(params.FixGapMin) {
			e.Attrs["crossing"] = "unobserved"
			e.Summary += " (crossed during a reception gap)"
		}
		d.emitTransit(v, s, e)
	}
}

func (d *Detector) transitEvent(v *vessel, s *sitrep.Site, params *Params, from, to *sitrep.Position, start, end time.Time, evidence []sitrep.EventFix) sitrep.Event {
	brg := geo.Bearing(pointOf(from), pointOf(to))
	dir := direction(brg)
	c := siteCenter(s)
	return sitrep.Event{
		ID:   eventID(sitrep.EventTransit, v.mmsi, 0, s.ID, start),
		Kind: sitrep.EventTransit, MMSI: v.mmsi, SiteID: s.ID,
		Start: start, End: end, Lat: c.Lat, Lon: c.Lon,
		Summary: v.mmsi.String() + " " + dir + " transit of " + siteName(s),
		Attrs: map[string]string{"direction": dir, "bearing_deg": fmtF(brg, 0), "site": siteName(s),
			"duration_h": fmtF(hours(end.Sub(start)), 2), "distance_km": fmtF(distance(from, to)/1000, 1)},
		Rule:     params.rule(RuleTransit, "confirm_fixes", "hysteresis_m", "fix_gap_min", "transit_min_frac", "transit_dedup_h"),
		Evidence: evidence,
	}
}

// emitTransit sends e unless the vessel transited the same site less than
// transit_dedup_h before.
func (d *Detector) emitTransit(v *vessel, s *sitrep.Site, e sitrep.Event) {
	window := hoursDur(d.paramsOf(s).TransitDedupH)
	for i := range v.transits {
		t := &v.transits[i]
		if t.site != s.ID {
			continue
		}
		dup := e.Start.Sub(t.end) < window
		t.end = e.End
		if !dup {
			d.sink(e)
		}
		return
	}
	// Forget transits older than the window, keeping the list short.
	keep := v.transits[:0]
	for _, t := range v.transits {
		if e.Start.Sub(t.end) < window {
			keep = append(keep, t)
		}
	}
	v.transits = append(keep, lastTransit{site: s.ID, end: e.End})
	d.sink(e)
}

// gateWidth returns the narrowest extent of a passage polygon's outer ring
// (see geo.MinWidth); the zero Width for other shapes.
func gateWidth(s *sitrep.Site) geo.Width {
	if s.Shape.Kind != sitrep.ShapePolygon || len(s.Shape.Rings) == 0 {
		return geo.Width{}
	}
	ring := make([]geo.Point, len(s.Shape.Rings[0]))
	for i, p := range s.Shape.Rings[0] {
		ring[i] = geo.Point{Lat: p.Lat, Lon: p.Lon}
	}
	return geo.MinWidth(ring)
}
