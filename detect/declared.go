package detect

import (
	"strconv"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// RuleDeclared names the declared-vs-observed rule.
const RuleDeclared = "declared_vs_observed"

// declared compares an arrival at a port, naval base or anchorage with the
// vessel's declared destination port (from Identity): they agree when both
// have a UN/LOCODE and it is the same, or, when either lacks one, when the
// declared port lies within declared_match_km of the site. A disagreement
// is a declared_mismatch event dated at the arrival. Only a visit in which
// the vessel stops (stop_sog_kn) is an arrival here: a vessel passing
// through a port on its way (Baltiysk on the way up the canal to
// Kaliningrad) has not arrived there. A destination that did not resolve
// to a port is not compared. Each visit is compared once: at its first
// stop, or, when the destination was not known then, when it first
// becomes known later in the visit (so that replaying from a store, where
// the declaration is known from the start, gives the same result).
func (d *Detector) declared(v *vessel, m *membership) {
	port := v.destPort
	if port == nil || !portLike(m.site.Kind) || m.declaredChecked || !m.stopped {
		return
	}
	m.declaredChecked = true
	c := siteCenter(m.site)
	dist := geo.Distance(c, geo.Point{Lat: port.Lat, Lon: port.Lon})
	if m.site.LOCODE != "" && port.LOCODE != "" {
		if m.site.LOCODE == port.LOCODE {
			return
		}
	} else if dist <= m.params.DeclaredMatchKm*1000 {
		return
	}
	e := sitrep.Event{
		ID:   eventID(sitrep.EventDeclaredMismatch, v.mmsi, 0, m.site.ID, m.entry.Time),
		Kind: sitrep.EventDeclaredMismatch, MMSI: v.mmsi, SiteID: m.site.ID,
		Start: m.entry.Time, End: m.entry.Time, StartBounds: m.entryBounds,
		Lat: m.entry.Lat, Lon: m.entry.Lon,
		Attrs: map[string]string{
			"declared": v.dest, "declared_port": port.Name, "declared_locode": port.LOCODE,
			"declared_country": port.Country,
			"site":             siteName(m.site), "site_locode": m.site.LOCODE, "site_country": m.site.Country,
			"distance_km":  fmtF(dist/1000, 0),
			"same_country": strconv.FormatBool(port.Country != "" && port.Country == m.site.Country),
		},
		Rule:     m.params.rule(RuleDeclared, "declared_match_km", "confirm_fixes", "stop_sog_kn"),
		Evidence: []sitrep.EventFix{fixOf(RoleArrival, &m.entry), fixOf(RoleFirstStop, &m.firstStop)},
	}
	if !v.destAt.IsZero() {
		e.Attrs["declared_since"] = v.destAt.UTC().Format(time.RFC3339)
	}
	why := "LOCODE " + m.site.LOCODE + " is not " + port.LOCODE
	if m.site.LOCODE == "" || port.LOCODE == "" {
		why = "more than " + fmtF(m.params.DeclaredMatchKm, 0) + " km apart"
	}
	e.Summary = v.mmsi.String() + " arrived at " + siteName(m.site) + " while declaring " + quote(v.dest) +
		" (" + port.Name + ", " + port.Country + ", " + fmtF(dist/1000, 0) + " km away; " + why + ")"
	d.sink(e)
}
