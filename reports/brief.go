package reports

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// Brief is a situation report: what happened in a selection, per day, with
// citations and grades, the AIS events with their rules, the conflicting
// accounts side by side and the judgements with their ICD 203 terms.
// WriteMarkdown and WriteHTML render it.
type Brief struct {
	Title     string    `json:"title"`
	Scope     string    `json:"scope"`
	Query     Query     `json:"query"`
	Generated time.Time `json:"generated"`
	Days      []Day     `json:"days"`
	// Conflicts are the contradictions found among the claims, each once.
	Conflicts []Conflict `json:"conflicts"`
	// Judgements are the assessments' claims.
	Judgements []BriefEntry `json:"judgements"`
	Sources    []Citation   `json:"sources"`
	// Simulated is true when any item is simulated (then the brief says so).
	Simulated bool     `json:"simulated"`
	Notes     []string `json:"notes,omitempty"`
}

// Day groups the entries of one calendar day: for a claim, the day it
// starts on in the zone it was entered in (a local 10 February stays 10
// February); for an AIS event, the UTC day.
type Day struct {
	Date    string       `json:"date"` // "Monday 10 February 2025"
	Entries []BriefEntry `json:"entries"`
	key     time.Time
}

// entryDay returns the calendar day an item belongs to, as midnight UTC of
// that date.
func entryDay(it Item) time.Time {
	t := it.Start.UTC()
	if c, ok := it.ClaimOf(); ok && c.When.Zone != "" {
		if loc, err := parseZone(c.When.Zone); err == nil {
			t = it.Start.In(loc)
		}
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// BriefEntry is one line of the brief.
type BriefEntry struct {
	Item Item   `json:"item"`
	When string `json:"when"` // formatted time
	Text string `json:"text"`
	// Cite is the number of the entry's source in Sources (0 for AIS).
	Cite  int    `json:"cite,omitempty"`
	Grade string `json:"grade"`
	// SourceName is the source's name, or "AIS".
	SourceName string `json:"source_name"`
	// Rule is an event's rule with its parameters ("site_visit
	// (min_dwell_min=30)").
	Rule string `json:"rule,omitempty"`
	// Corroboration summarises independent support ("corroborated by 2
	// independent origins: ais, rferl"); empty when not computed.
	Corroboration string `json:"corroboration,omitempty"`
	Simulated     bool   `json:"simulated,omitempty"`
	// Judgement is an assessment's likelihood and confidence.
	Judgement string `json:"judgement,omitempty"`
}

// Conflict is one contradiction between two accounts.
type Conflict struct {
	Subject string `json:"subject"`
	Field   string `json:"field"`
	A, B    string // "30 vehicles — TRT World / TRT Haber, C3 [2]"
}

// Citation is a numbered source with the reports cited from it.
type Citation struct {
	N       int           `json:"n"`
	Source  sitrep.Source `json:"source"`
	Reports []CitedReport `json:"reports"`
}

// CitedReport is a report cited in the brief.
type CitedReport struct {
	ID       string            `json:"id"`
	Title    string            `json:"title"`
	Grade    string            `json:"grade"`
	Version  int               `json:"version"`
	Evidence []sitrep.Evidence `json:"evidence,omitempty"`
}

// Brief builds the situation report for q. title heads it; now is the
// time it is generated at (an injected clock). Corroboration is computed
// for each claim.
//
// Errors: those of Timeline and Corroborate.
func (f *Fusion) Brief(ctx context.Context, q Query, title string, now time.Time) (*Brief, error) {
	items, err := f.Timeline(ctx, q)
	if err != nil {
		return nil, err
	}
	srcs, err := f.sources(ctx)
	if err != nil {
		return nil, err
	}
	b := &Brief{Title: title, Scope: describeQuery(q), Query: q, Generated: now.UTC(), Days: []Day{},
		Conflicts: []Conflict{}, Judgements: []BriefEntry{}, Sources: []Citation{}}
	cites := map[string]int{}
	cited := map[string]bool{}
	seenConflict := map[string]bool{}
	dayIndex := map[time.Time]int{}
	for _, it := range items {
		e := BriefEntry{Item: it, Grade: it.Grade}
		if it.Event != nil {
			e.When = formatSpan(it.Start, it.End)
			e.Text = it.Summary
			e.SourceName = "AIS"
			e.Rule = formatRule(it.Event.Rule)
			e.Simulated = it.Event.Simulated()
		} else {
			r := it.Report
			c := r.Claims[it.Claim]
			src := srcs[r.SourceID]
			if cites[r.SourceID] == 0 {
				b.Sources = append(b.Sources, Citation{N: len(b.Sources) + 1, Source: src})
				cites[r.SourceID] = len(b.Sources)
			}
			e.Cite = cites[r.SourceID]
			if !cited[r.ID] {
				cited[r.ID] = true
				cit := &b.Sources[e.Cite-1]
				cit.Reports = append(cit.Reports, CitedReport{ID: r.ID, Title: r.Title, Grade: it.Grade, Version: r.Version, Evidence: r.Evidence})
			}
			e.When = FormatWhen(c.When)
			e.Text = claimSentence(c)
			e.SourceName = src.Name
			e.Simulated = r.Simulated
			if c.What == sitrep.ClaimAssessment {
				e.Judgement = c.Likelihood.Describe()
				if c.Confidence != "" {
					e.Judgement += ", " + string(c.Confidence) + " confidence"
				} else {
					e.Judgement += ", confidence not stated"
				}
			}
			co, err := f.Corroborate(ctx, r.ID, it.Claim)
			if err != nil {
				return nil, err
			}
			e.Corroboration = describeCorroboration(co)
			for _, x := range co.Contradictions {
				key := conflictKey(r.ID, it.Claim, x)
				if seenConflict[key] {
					continue
				}
				seenConflict[key] = true
				other := srcs[x.Other.SourceID]
				b.Conflicts = append(b.Conflicts, Conflict{Subject: FormatSubjects(c), Field: x.Field,
					A: fmt.Sprintf("%s — %s, %s (%s)", x.This, src.Name, it.Grade, r.ID),
					B: fmt.Sprintf("%s — %s, %s (%s)", x.That, other.Name, x.Other.Grade, x.Other.ReportID)})
			}
			if c.What == sitrep.ClaimAssessment {
				b.Judgements = append(b.Judgements, e)
			}
		}
		b.Simulated = b.Simulated || e.Simulated
		day := entryDay(it)
		if dayIndex[day] == 0 {
			b.Days = append(b.Days, Day{Date: day.Format("Monday 2 January 2006"), key: day})
			dayIndex[day] = len(b.Days)
		}
		d := &b.Days[dayIndex[day]-1]
		d.Entries = append(d.Entries, e)
	}
	sort.SliceStable(b.Days, func(i, j int) bool { return b.Days[i].key.Before(b.Days[j].key) })
	if f.Events == nil {
		b.Notes = append(b.Notes, "No AIS event store was available: AIS events are not included.")
	}
	if len(items) == 0 {
		b.Notes = append(b.Notes, "Nothing was recorded for this selection.")
	}
	return b, nil
}

// conflictKey identifies a contradiction regardless of which side found it.
func conflictKey(id string, claim int, x Contradiction) string {
	a := fmt.Sprintf("%s#%d", id, claim)
	o := fmt.Sprintf("%s#%d", x.Other.ReportID, x.Other.Claim)
	if o < a {
		a, o = o, a
	}
	return x.Field + " " + a + " " + o
}

// claimSentence words a claim with its count and subjects.
func claimSentence(c sitrep.Claim) string {
	s := strings.TrimSpace(c.Text)
	var extra []string
	if c.Count != nil && !strings.Contains(s, fmt.Sprint(c.Count.Min)) {
		extra = append(extra, "count: "+c.Count.String())
	}
	if !c.Where.IsZero() && c.Where.Name != "" {
		p := "place: " + c.Where.Name
		if c.Where.Precision != sitrep.PlaceExact {
			p += " (" + string(c.Where.Precision) + ")"
		}
		extra = append(extra, p)
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, "; ") + ")"
	}
	return s
}

// describeCorroboration summarises a corroboration in one phrase.
func describeCorroboration(c Corroboration) string {
	var s string
	switch n := c.Count(); n {
	case 0:
		s = "not corroborated by an independent source"
	case 1:
		s = "corroborated by 1 independent origin: " + c.Independent[0]
	default:
		s = fmt.Sprintf("corroborated by %d independent origins: %s", n, strings.Join(c.Independent, ", "))
	}
	same := 0
	for _, m := range c.Matches {
		if m.SameOrigin {
			same++
		}
	}
	if same > 0 {
		s += fmt.Sprintf(" (%d more from the same origin, not counted)", same)
	}
	return s
}

// formatRule writes a rule with its parameters in name order.
func formatRule(r sitrep.Rule) string {
	if len(r.Params) == 0 {
		return r.Name
	}
	keys := make([]string, 0, len(r.Params))
	for k := range r.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ps := make([]string, len(keys))
	for i, k := range keys {
		ps[i] = fmt.Sprintf("%s=%g", k, r.Params[k])
	}
	return r.Name + " (" + strings.Join(ps, ", ") + ")"
}

// formatSpan writes an observed UTC span.
func formatSpan(from, to time.Time) string {
	from, to = from.UTC(), to.UTC()
	s := from.Format("2006-01-02 15:04")
	switch {
	case to.Equal(from):
	case to.YearDay() == from.YearDay() && to.Year() == from.Year():
		s += "–" + to.Format("15:04")
	default:
		s += " to " + to.Format("2006-01-02 15:04")
	}
	return s + " UTC"
}

// describeQuery words a selection ("site tartus-naval-base, 2025-01-20 to
// 2025-02-15").
func describeQuery(q Query) string {
	var parts []string
	if q.SiteID != "" {
		parts = append(parts, "site "+q.SiteID)
	}
	if q.EntityID != "" {
		parts = append(parts, "entity "+q.EntityID)
	}
	if q.MMSI != 0 {
		parts = append(parts, "MMSI "+q.MMSI.String())
	}
	if q.IMO != 0 {
		parts = append(parts, fmt.Sprintf("IMO %d", q.IMO))
	}
	if a := q.Area; a != nil {
		parts = append(parts, fmt.Sprintf("area %.4f,%.4f to %.4f,%.4f", a.MinLat, a.MinLon, a.MaxLat, a.MaxLon))
	}
	from, to := "the beginning", "now"
	if !q.Range.From.IsZero() {
		from = q.Range.From.UTC().Format("2006-01-02 15:04 UTC")
	}
	if !q.Range.To.IsZero() {
		to = q.Range.To.UTC().Format("2006-01-02 15:04 UTC")
	}
	parts = append(parts, "from "+from+" to "+to+" (exclusive)")
	return strings.Join(parts, ", ")
}

// Title names a brief after its selection: "Situation report: SITE, 20
// Jan 2025 – 14 Feb 2025" (the range's last day, To being exclusive). An
// area is given as its corners, latitude first: "area 34.80,35.80–35.50,36.10
// (lat,lon)".
func (q Query) Title() string {
	what := "all reports"
	switch {
	case q.SiteID != "":
		what = q.SiteID
	case q.EntityID != "":
		what = q.EntityID
	case q.MMSI != 0:
		what = "MMSI " + q.MMSI.String()
	case q.IMO != 0:
		what = fmt.Sprintf("IMO %d", q.IMO)
	case q.Area != nil:
		what = fmt.Sprintf("area %.2f,%.2f–%.2f,%.2f (lat,lon)", q.Area.MinLat, q.Area.MinLon, q.Area.MaxLat, q.Area.MaxLon)
	}
	if !q.Range.From.IsZero() && !q.Range.To.IsZero() {
		what += ", " + q.Range.From.UTC().Format("2 Jan 2006") + " – " + q.Range.To.Add(-time.Nanosecond).UTC().Format("2 Jan 2006")
	}
	return "Situation report: " + what
}
