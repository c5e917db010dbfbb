package reports

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// Match is one item that agrees with a claim in time, place and subject:
// another report's claim, an AIS event or a vessel's AIS positions.
type Match struct {
	Kind string `json:"kind"` // "report", "event" or "positions"
	// Report and Claim (index) name a matching claim; Grade is its report's.
	ReportID string           `json:"report_id,omitempty"`
	Claim    int              `json:"claim,omitempty"`
	What     sitrep.ClaimKind `json:"what,omitempty"`
	SourceID string           `json:"source_id,omitempty"`
	Grade    string           `json:"grade,omitempty"`
	// EventID and Rule name a matching AIS event.
	EventID string      `json:"event_id,omitempty"`
	Rule    string      `json:"rule,omitempty"`
	MMSI    sitrep.MMSI `json:"mmsi,omitempty"`
	// Fixes counts a vessel's matching AIS positions.
	Fixes   int       `json:"fixes,omitempty"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Summary string    `json:"summary"`
	// Origin is the independence key (see sitrep.Source.OriginKey;
	// AISOrigin for AIS). SameOrigin marks items from the claim's own
	// origin, which do not count.
	Origin     string `json:"origin"`
	SameOrigin bool   `json:"same_origin,omitempty"`
	// Why says how it matched ("times overlap; places 3.2 km apart").
	Why string `json:"why"`
}

// Contradiction is a claim that disagrees with the claim under review on
// a count or a time, shown side by side rather than merged.
type Contradiction struct {
	Field string `json:"field"` // "count" or "time"
	This  string `json:"this"`  // the claim's value ("30 vehicles")
	That  string `json:"that"`  // the other's value ("24 vehicles")
	Other Match  `json:"other"`
}

// Corroboration is what supports and what contradicts one claim.
type Corroboration struct {
	ReportID string        `json:"report_id"`
	Claim    int           `json:"claim"`
	Text     string        `json:"text"`
	Source   sitrep.Source `json:"source"`
	Grade    string        `json:"grade"`
	Matches  []Match       `json:"matches"`
	// Independent lists the origins of matches other than the claim's
	// own; its length is the corroboration count.
	Independent    []string        `json:"independent"`
	Contradictions []Contradiction `json:"contradictions"`
	// Notes say what could not be searched and why.
	Notes []string `json:"notes,omitempty"`
}

// Count returns the number of independent corroborating origins.
func (c Corroboration) Count() int { return len(c.Independent) }

// Corroborate finds what matches claim i (0-based) of report id: other
// reports' claims with a common subject (or, when the claim names no
// vessel or entity, claims of the same kind: an assessment is supported
// only by assessments) whose times and places meet; AIS
// events and positions of the vessels it names, when they can be resolved
// to MMSIs; and claims with a common subject and kind that disagree on the
// count, or on the time of a departure, arrival, block or turn-back.
//
// Errors: ENOTFOUND when there is no such report; EINVALID when it has no
// claim i; the stores' errors.
func (f *Fusion) Corroborate(ctx context.Context, id string, i int) (Corroboration, error) {
	r, err := f.Reports.Report(ctx, id)
	if err != nil {
		return Corroboration{}, err
	}
	if i < 0 || i >= len(r.Claims) {
		return Corroboration{}, sitrep.Errorf(sitrep.EINVALID, "report %s has %d claims, no claim %d", id, len(r.Claims), i+1)
	}
	srcs, err := f.sources(ctx)
	if err != nil {
		return Corroboration{}, err
	}
	c := r.Claims[i]
	src := srcs[r.SourceID]
	out := Corroboration{ReportID: id, Claim: i, Text: c.Text, Source: src, Grade: Grade(r, src),
		Matches: []Match{}, Independent: []string{}, Contradictions: []Contradiction{}}
	here, err := resolve(ctx, f.Sites, c.Where)
	if err != nil {
		return out, err
	}
	if c.Where.IsZero() {
		out.Notes = append(out.Notes, "the claim has no place: only contradictions are searched")
	} else {
		if err := f.matchReports(ctx, &out, r, c, here, srcs); err != nil {
			return out, err
		}
		if err := f.matchAIS(ctx, &out, c, here); err != nil {
			return out, err
		}
	}
	if err := f.contradictions(ctx, &out, r, c, here, srcs); err != nil {
		return out, err
	}
	seen := map[string]bool{}
	for j := range out.Matches {
		m := &out.Matches[j]
		m.SameOrigin = m.Origin == src.OriginKey()
		if !m.SameOrigin && !seen[m.Origin] {
			seen[m.Origin] = true
			out.Independent = append(out.Independent, m.Origin)
		}
	}
	sort.Strings(out.Independent)
	sort.SliceStable(out.Matches, func(a, b int) bool { return out.Matches[a].Start.Before(out.Matches[b].Start) })
	return out, nil
}

// matchReports adds the other reports' claims that match c.
func (f *Fusion) matchReports(ctx context.Context, out *Corroboration, r sitrep.Report, c sitrep.Claim, here region, srcs map[string]sitrep.Source) error {
	from, to := c.When.Widened()
	// Candidates overlap c's widened interval; each candidate's own
	// widening is applied below.
	cands, err := f.Reports.Reports(ctx, sitrep.ReportFilter{Range: sitrep.TimeRange{
		From: from.Add(-sitrep.TimeApproximate.Margin()), To: to.Add(sitrep.TimeApproximate.Margin() + time.Nanosecond)}})
	if err != nil {
		return err
	}
	for _, o := range cands {
		if o.ID == r.ID {
			continue
		}
		for j, oc := range o.Claims {
			if hasSubject(c) && !sharesSubject(c, oc) || !hasSubject(c) && oc.What != c.What {
				continue
			}
			if !c.When.Overlaps(oc.When) || oc.Where.IsZero() {
				continue
			}
			there, err := resolve(ctx, f.Sites, oc.Where)
			if err != nil {
				return err
			}
			ok, d := meet(here, there)
			if !ok {
				continue
			}
			m := claimMatch(o, j, srcs[o.SourceID])
			m.Why = "times overlap (" + string(c.When.Precision) + " vs " + string(oc.When.Precision) + "); " + describeDistance(d)
			out.Matches = append(out.Matches, m)
		}
	}
	return nil
}

// claimMatch describes claim j of report o as a Match.
func claimMatch(o sitrep.Report, j int, src sitrep.Source) Match {
	oc := o.Claims[j]
	origin := src.OriginKey()
	if origin == "" {
		origin = o.SourceID
	}
	return Match{Kind: "report", ReportID: o.ID, Claim: j, What: oc.What, SourceID: o.SourceID, Grade: Grade(o, src),
		Start: oc.When.From, End: oc.When.End(), Summary: oc.Text, Origin: origin}
}

// matchAIS adds the AIS events and positions of the vessels c names.
func (f *Fusion) matchAIS(ctx context.Context, out *Corroboration, c sitrep.Claim, here region) error {
	if len(c.Vessels) == 0 {
		return nil
	}
	want, missing, err := f.mmsis(ctx, c.Vessels)
	if err != nil {
		return err
	}
	for _, v := range missing {
		out.Notes = append(out.Notes, fmt.Sprintf("%s: no MMSI known (not given, and no stored vessel has the IMO): AIS not searched for it", v))
	}
	if len(want) == 0 {
		return nil
	}
	from, to := c.When.Widened()
	rng := sitrep.TimeRange{From: from, To: to.Add(time.Nanosecond)}
	if f.Events == nil {
		out.Notes = append(out.Notes, "no event store: AIS events not searched")
	} else {
		for _, mmsi := range sortedMMSIs(want) {
			evs, err := f.Events.Events(ctx, sitrep.EventFilter{MMSI: mmsi, Range: rng})
			if err != nil {
				return err
			}
			for _, e := range evs {
				if !supports(c.What, &e, from, to) {
					continue
				}
				there := pointRegion(e.Lat, e.Lon, e.SiteID)
				if e.SiteID != "" && f.Sites != nil {
					if sr, err := resolve(ctx, f.Sites, sitrep.Place{SiteID: e.SiteID, Precision: sitrep.PlaceExact}); err == nil && sr.located() {
						there = sr
					}
				}
				ok, d := meet(here, there)
				if !ok {
					continue
				}
				end := e.End
				if e.Open() {
					end = e.Start
				}
				out.Matches = append(out.Matches, Match{Kind: "event", EventID: e.ID, Rule: e.Rule.Name, MMSI: e.MMSI,
					Start: e.Start, End: end, Summary: e.Summary, Origin: AISOrigin, Grade: "AIS",
					Why: "event span meets the claim's time (" + string(c.When.Precision) + "); " + describeDistance(d)})
			}
		}
	}
	if c.What == sitrep.ClaimDeparture || c.What == sitrep.ClaimArrival {
		out.Notes = append(out.Notes, "a "+string(c.What)+" is a movement: AIS positions at the place do not show it, only "+string(c.What)+" events and visits that "+map[sitrep.ClaimKind]string{sitrep.ClaimDeparture: "end", sitrep.ClaimArrival: "start"}[c.What]+" in the claim's time count")
		return nil
	}
	if f.Positions == nil {
		out.Notes = append(out.Notes, "no position store: AIS positions not searched")
		return nil
	}
	if !here.located() {
		out.Notes = append(out.Notes, "the claim's place has no geometry (site "+here.siteID+" unknown): AIS positions not searched")
		return nil
	}
	b := here.bounds(here.margin)
	limit := f.MaxPositions
	if limit <= 0 {
		limit = DefaultMaxPositions
	}
	ps, err := f.Positions.PositionsIn(ctx, sitrep.Area{MinLat: b.MinLat, MinLon: b.MinLon, MaxLat: b.MaxLat, MaxLon: b.MaxLon}, rng, limit)
	if err != nil {
		return err
	}
	if len(ps) == limit {
		out.Notes = append(out.Notes, fmt.Sprintf("AIS positions capped at %d", limit))
	}
	byVessel := map[sitrep.MMSI]*Match{}
	var order []sitrep.MMSI
	for _, p := range ps {
		if !want[p.MMSI] {
			continue
		}
		if ok, _ := meet(here, pointRegion(p.Lat, p.Lon, "")); !ok {
			continue
		}
		m := byVessel[p.MMSI]
		if m == nil {
			m = &Match{Kind: "positions", MMSI: p.MMSI, Start: p.Time, Origin: AISOrigin, Grade: "AIS"}
			byVessel[p.MMSI] = m
			order = append(order, p.MMSI)
		}
		m.Fixes++
		m.End = p.Time
	}
	for _, mmsi := range order {
		m := byVessel[mmsi]
		m.Summary = fmt.Sprintf("%d AIS positions of MMSI %s within the claim's place", m.Fixes, mmsi)
		m.Why = "positions inside the place widened by its precision, during the claim's widened time"
		out.Matches = append(out.Matches, *m)
	}
	return nil
}

// supports reports whether the AIS event e can support a claim of kind
// what made for the widened time [from, to]. A departure is supported by a
// departure event, or a visit that ends then; an arrival by an arrival
// event, or a visit that starts then; a vessel still moored throughout
// supports neither. Claims of other kinds (presence, imagery, loading...)
// are supported by any event of the vessel there then.
func supports(what sitrep.ClaimKind, e *sitrep.Event, from, to time.Time) bool {
	within := func(t time.Time) bool { return !t.Before(from) && !t.After(to) }
	switch what {
	case sitrep.ClaimDeparture:
		return e.Kind == sitrep.EventDeparture || (e.Kind == sitrep.EventVisit && !e.Open() && within(e.End))
	case sitrep.ClaimArrival:
		return e.Kind == sitrep.EventArrival || (e.Kind == sitrep.EventVisit && within(e.Start))
	}
	return true
}

func sortedMMSIs(m map[sitrep.MMSI]bool) []sitrep.MMSI {
	out := make([]sitrep.MMSI, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// timedKinds are the claim kinds whose time two accounts can contradict.
var timedKinds = map[sitrep.ClaimKind]bool{sitrep.ClaimDeparture: true, sitrep.ClaimArrival: true,
	sitrep.ClaimBlocked: true, sitrep.ClaimTurnedBack: true}

// contradictions adds claims of other reports with a common subject that
// disagree with c on a count or a time.
func (f *Fusion) contradictions(ctx context.Context, out *Corroboration, r sitrep.Report, c sitrep.Claim, here region, srcs map[string]sitrep.Source) error {
	if !hasSubject(c) {
		return nil
	}
	seen := map[string]bool{}
	var cands []sitrep.Report
	add := func(fl sitrep.ReportFilter) error {
		rs, err := f.Reports.Reports(ctx, fl)
		for _, o := range rs {
			if !seen[o.ID] && o.ID != r.ID {
				seen[o.ID] = true
				cands = append(cands, o)
			}
		}
		return err
	}
	for _, v := range c.Vessels {
		if err := add(sitrep.ReportFilter{MMSI: v.MMSI, IMO: v.IMO}); err != nil {
			return err
		}
	}
	for _, e := range c.Entities {
		if err := add(sitrep.ReportFilter{EntityID: e}); err != nil {
			return err
		}
	}
	for _, o := range cands {
		for j, oc := range o.Claims {
			if !sharesSubject(c, oc) {
				continue
			}
			m := claimMatch(o, j, srcs[o.SourceID])
			if c.Count != nil && oc.Count != nil && sameUnit(*c.Count, *oc.Count) && *c.Count != *oc.Count && c.When.Overlaps(oc.When) {
				m.Why = "same subject and time, different count"
				out.Contradictions = append(out.Contradictions, Contradiction{Field: "count", This: c.Count.String(), That: oc.Count.String(), Other: m})
			}
			if c.What == oc.What && timedKinds[c.What] && !c.When.Overlaps(oc.When) && sameSubjectSet(c, oc) {
				there, err := resolve(ctx, f.Sites, oc.Where)
				if err != nil {
					return err
				}
				if ok, _ := meet(here, there); ok || c.Where.IsZero() || oc.Where.IsZero() {
					m.Why = "same subject, kind and place; times do not overlap even widened by their precisions"
					out.Contradictions = append(out.Contradictions, Contradiction{Field: "time", This: FormatWhen(c.When), That: FormatWhen(oc.When), Other: m})
				}
			}
		}
	}
	return nil
}

// sameSubjectSet reports whether b names every vessel and entity a names:
// a departure of SPARTA contradicts another of SPARTA, not one of SPARTA II.
func sameSubjectSet(a, b sitrep.Claim) bool {
	for _, x := range a.Vessels {
		if !sharesSubject(sitrep.Claim{Vessels: []sitrep.VesselRef{x}}, b) {
			return false
		}
	}
	for _, e := range a.Entities {
		if !sharesSubject(sitrep.Claim{Entities: []string{e}}, b) {
			return false
		}
	}
	return true
}

func sameUnit(a, b sitrep.Count) bool {
	return a.Unit == "" || b.Unit == "" || strings.EqualFold(a.Unit, b.Unit)
}
