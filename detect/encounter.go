package detect

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// RuleEncounter names the encounter rule.
const RuleEncounter = "encounter"

// encounterCellDeg is the cell size of the grid of slow vessels: a search
// around a fix visits one to four cells.
const encounterCellDeg = 0.05

// encounter is two vessels (a < b) found close and slow together since
// start.
type encounter struct {
	a, b         sitrep.MMSI
	start, last  time.Time
	firstA       sitrep.Position // the fixes that began it
	firstB       sitrep.Position
	lastA, lastB sitrep.Position
	minDist      float64
	open         bool // reported
	params       *Params
}

// encounter follows the vessel's meetings: while it is slower than
// encounter_max_sog_kn and not inside a site with encounter_exclude, every
// other slow vessel heard within encounter_fix_age_min and lying within
// encounter_distance_m continues (or begins) an encounter with it; an
// encounter lasting encounter_min_h is reported, and ends when either
// vessel is found apart, fast or excluded. Only slow vessels are indexed,
// in a grid, so the cost follows the number of slow vessels nearby.
func (d *Detector) encounter(v *vessel, p *sitrep.Position, here []*sitrep.Site) {
	params := v.params
	sog, ok := sogOf(p)
	eligible := ok && float64(sog) < params.EncounterMaxSOGKn && params.EncounterExclude < 1
	for _, s := range here {
		if eligible && len(s.Params) > 0 && d.paramsOf(s).EncounterExclude >= 1 {
			eligible = false
		}
	}
	if !eligible {
		// A vessel has encounters only while in the slow index.
		if v.inSlow {
			d.slow.delete(v)
			v.inSlow = false
			for len(v.encounters) > 0 {
				d.endEncounter(v.encounters[0])
			}
		}
		return
	}
	pt := pointOf(p)
	d.slow.set(v, p.Lat, p.Lon, p.Time)
	v.inSlow = true
	maxD := params.EncounterDistanceM
	dLat := maxD / 111_000
	dLon := dLat / max(math.Cos(p.Lat*math.Pi/180), 0.01)
	box := geo.Box{MinLat: p.Lat - dLat, MaxLat: p.Lat + dLat,
		MinLon: geo.NormalizeLon(p.Lon - dLon), MaxLon: geo.NormalizeLon(p.Lon + dLon)}
	d.near = d.near[:0]
	age := minutesDur(params.EncounterFixAgeMin)
	// An entry's time and coordinates are those of its vessel's latest
	// plausible fix (lastGood).
	d.slow.search(box, func(it *slowItem) {
		if it.v == v || p.Time.Sub(it.t) > age {
			return
		}
		if geo.Distance(pt, geo.Point{Lat: it.lat, Lon: it.lon}) <= maxD {
			d.near = append(d.near, nearVessel{it.v.mmsi, it.v})
		}
	})
	slices.SortFunc(d.near, func(a, b nearVessel) int { return cmp.Compare(a.mmsi, b.mmsi) })
	// Continue or end the vessel's encounters.
	for i := 0; i < len(v.encounters); {
		e := v.encounters[i]
		other := e.b
		if other == v.mmsi {
			other = e.a
		}
		if _, found := slices.BinarySearchFunc(d.near, other, func(n nearVessel, m sitrep.MMSI) int { return cmp.Compare(n.mmsi, m) }); !found {
			d.endEncounter(e) // removes e from v.encounters
			continue
		}
		d.extend(e, v, p)
		i++
	}
	// Begin new ones.
	for _, n := range d.near {
		id, w := n.mmsi, n.v
		if hasEncounter(v, id) {
			continue
		}
		e := &encounter{a: min(v.mmsi, id), b: max(v.mmsi, id), start: p.Time, params: params,
			minDist: math.Inf(1)}
		if e.a == v.mmsi {
			e.firstA, e.firstB = *p, *w.lastGood()
		} else {
			e.firstA, e.firstB = *w.lastGood(), *p
		}
		e.lastA, e.lastB = e.firstA, e.firstB
		v.encounters = append(v.encounters, e)
		w.encounters = append(w.encounters, e)
		d.extend(e, v, p)
	}
}

// nearVessel is a vessel found near a fix by the encounter rule.
type nearVessel struct {
	mmsi sitrep.MMSI
	v    *vessel
}

func hasEncounter(v *vessel, other sitrep.MMSI) bool {
	for _, e := range v.encounters {
		if e.a == other || e.b == other {
			return true
		}
	}
	return false
}

// extend records p of v in e and reports e once it has lasted long enough.
func (d *Detector) extend(e *encounter, v *vessel, p *sitrep.Position) {
	if e.a == v.mmsi {
		e.lastA = *p
	} else {
		e.lastB = *p
	}
	e.last = p.Time
	e.minDist = min(e.minDist, distance(&e.lastA, &e.lastB))
	if !e.open && e.last.Sub(e.start) >= hoursDur(e.params.EncounterMinH) {
		e.open = true
		d.sink(d.encounterEvent(e, false))
	}
}

// endEncounter closes e (reporting it when it was reported open) and
// removes it from both vessels.
func (d *Detector) endEncounter(e *encounter) {
	if e.open {
		d.sink(d.encounterEvent(e, true))
	}
	for _, m := range []sitrep.MMSI{e.a, e.b} {
		if w := d.vessels.get(m); w != nil {
			w.encounters = slices.DeleteFunc(w.encounters, func(x *encounter) bool { return x == e })
		}
	}
}

func (d *Detector) encounterEvent(e *encounter, closed bool) sitrep.Event {
	dur := e.last.Sub(e.start)
	ev := sitrep.Event{
		ID:   eventID(sitrep.EventEncounter, e.a, e.b, "", e.start),
		Kind: sitrep.EventEncounter, MMSI: e.a, Other: e.b, Start: e.start,
		Lat: (e.firstA.Lat + e.firstB.Lat) / 2, Lon: (e.firstA.Lon + e.firstB.Lon) / 2,
		Attrs: map[string]string{"duration_h": fmtF(hours(dur), 2), "min_distance_m": fmtF(e.minDist, 0),
			"other": e.b.String()},
		Rule: e.params.rule(RuleEncounter, "encounter_distance_m", "encounter_min_h", "encounter_max_sog_kn",
			"encounter_fix_age_min", "encounter_exclude"),
		Evidence: []sitrep.EventFix{fixOf(RoleFirst, &e.firstA), fixOf(RoleOther, &e.firstB),
			fixOf(RoleLatest, &e.lastA), fixOf(RoleOther, &e.lastB)},
		Summary: e.a.String() + " and " + e.b.String() + " together for " + fmtDur(dur) + ", at most " +
			fmtF(e.minDist, 0) + " m apart, both slow",
	}
	if closed {
		ev.End = e.last
	} else {
		ev.Summary += " (still)"
	}
	return ev
}
