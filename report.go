package sitrep

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
)

// ClaimKind is what a claim says happened: a small, documented taxonomy.
type ClaimKind string

// Claim kinds.
const (
	ClaimMovement   ClaimKind = "movement"    // something moved from, to or through a place
	ClaimDeparture  ClaimKind = "departure"   // something left a place
	ClaimArrival    ClaimKind = "arrival"     // something reached a place
	ClaimBlocked    ClaimKind = "blocked"     // access to a place was blocked or denied
	ClaimTurnedBack ClaimKind = "turned_back" // something was forced or chose to return
	ClaimLoading    ClaimKind = "loading"     // cargo, vehicles or people loaded or unloaded
	ClaimSighting   ClaimKind = "sighting"    // something was seen at a place
	ClaimImagery    ClaimKind = "imagery"     // an observation from satellite or aerial imagery
	ClaimStatement  ClaimKind = "statement"   // someone said something (reported speech)
	ClaimAssessment ClaimKind = "assessment"  // an analytic judgement; carries Likelihood and Confidence
	ClaimOther      ClaimKind = "other"       // anything else; Text says what
)

// ClaimKinds lists every kind, in documentation order.
var ClaimKinds = []ClaimKind{ClaimMovement, ClaimDeparture, ClaimArrival, ClaimBlocked, ClaimTurnedBack,
	ClaimLoading, ClaimSighting, ClaimImagery, ClaimStatement, ClaimAssessment, ClaimOther}

// Valid reports whether k is one of ClaimKinds.
func (k ClaimKind) Valid() bool {
	for _, v := range ClaimKinds {
		if k == v {
			return true
		}
	}
	return false
}

// PlacePrecision says how exactly a claim's place is known.
type PlacePrecision string

// Place precisions, with the margin matching adds around the place.
const (
	PlaceExact  PlacePrecision = "exact"  // the site, point or area itself (a point: within 100 m)
	PlaceNear   PlacePrecision = "near"   // within NearMetres of it
	PlaceRegion PlacePrecision = "region" // within RegionMetres of it
)

// Margins of the place precisions, in metres.
const (
	ExactPointMetres = 100
	NearMetres       = 10_000
	RegionMetres     = 50_000
)

// Valid reports whether p is exact, near or region.
func (p PlacePrecision) Valid() bool { return p == PlaceExact || p == PlaceNear || p == PlaceRegion }

// Margin returns the distance in metres that matching widens a place by.
func (p PlacePrecision) Margin() float64 {
	switch p {
	case PlaceNear:
		return NearMetres
	case PlaceRegion:
		return RegionMetres
	}
	return 0
}

// Place is where a claim happened: a site, a point or an area (at least
// one; a site with a point places the claim at that point of the site),
// with a precision.
type Place struct {
	// Name is the place as the source words it ("a checkpoint in Tartus").
	Name      string         `json:"name,omitempty"`
	SiteID    string         `json:"site_id,omitempty"`
	Point     *LatLon        `json:"point,omitempty"`
	Area      *Area          `json:"area,omitempty"`
	Precision PlacePrecision `json:"precision"`
}

// IsZero reports whether p names no place.
func (p Place) IsZero() bool { return p.SiteID == "" && p.Point == nil && p.Area == nil }

// TimePrecision says how exactly a claim's time is known.
type TimePrecision string

// Time precisions, with the margin matching adds to each end.
const (
	TimeMinute      TimePrecision = "minute"      // ± 1 minute
	TimeHour        TimePrecision = "hour"        // ± 1 hour
	TimePartOfDay   TimePrecision = "part_of_day" // ± 3 hours ("morning", "evening")
	TimeDay         TimePrecision = "day"         // ± 12 hours (the day itself is the interval)
	TimeApproximate TimePrecision = "approximate" // ± 2 days ("late January")
)

// TimePrecisions lists every precision, finest first.
var TimePrecisions = []TimePrecision{TimeMinute, TimeHour, TimePartOfDay, TimeDay, TimeApproximate}

// Valid reports whether p is one of TimePrecisions.
func (p TimePrecision) Valid() bool {
	for _, v := range TimePrecisions {
		if p == v {
			return true
		}
	}
	return false
}

// Margin returns how much matching widens each end of an interval with
// this precision.
func (p TimePrecision) Margin() time.Duration {
	switch p {
	case TimeMinute:
		return time.Minute
	case TimeHour:
		return time.Hour
	case TimePartOfDay:
		return 3 * time.Hour
	case TimeDay:
		return 12 * time.Hour
	case TimeApproximate:
		return 48 * time.Hour
	}
	return 0
}

// When is the time of a claim: an instant (To zero) or the interval
// [From, To], with a precision. Times are stored in UTC; Zone keeps the
// zone the analyst entered them in ("+03:00"), for display.
type When struct {
	From      time.Time     `json:"from"`
	To        time.Time     `json:"to,omitzero"`
	Precision TimePrecision `json:"precision"`
	Zone      string        `json:"zone,omitempty"`
	// Text is the time as the source words it ("about 17:00 local").
	Text string `json:"text,omitempty"`
}

// End returns To, or From for an instant.
func (w When) End() time.Time {
	if w.To.IsZero() {
		return w.From
	}
	return w.To
}

// Widened returns the interval matching uses: [From, End] widened at each
// end by the precision's margin.
func (w When) Widened() (from, to time.Time) {
	m := w.Precision.Margin()
	return w.From.Add(-m), w.End().Add(m)
}

// Overlaps reports whether the widened intervals of w and o overlap by
// more than an instant: days widened by 12 hours meet the next day, not the
// day after.
func (w When) Overlaps(o When) bool {
	af, at := w.Widened()
	bf, bt := o.Widened()
	return af.Before(bt) && bf.Before(at)
}

// Count is how many, as a range ("24–35 vehicles"); Min == Max for one
// number.
type Count struct {
	Min  int    `json:"min"`
	Max  int    `json:"max"`
	Unit string `json:"unit,omitempty"`
}

// String formats c as "30 vehicles" or "24–35 vehicles".
func (c Count) String() string {
	s := fmt.Sprint(c.Min)
	if c.Max != c.Min {
		s += "–" + fmt.Sprint(c.Max)
	}
	if c.Unit != "" {
		s += " " + c.Unit
	}
	return s
}

// Likelihood is an ICD 203 expression of likelihood.
type Likelihood string

// ICD 203 likelihood terms, from least to most likely.
const (
	AlmostNoChance Likelihood = "almost_no_chance" // remote, 1–5 %
	VeryUnlikely   Likelihood = "very_unlikely"    // highly improbable, 5–20 %
	Unlikely       Likelihood = "unlikely"         // improbable, 20–45 %
	RoughlyEven    Likelihood = "roughly_even"     // roughly even odds, 45–55 %
	Likely         Likelihood = "likely"           // probable, 55–80 %
	VeryLikely     Likelihood = "very_likely"      // highly probable, 80–95 %
	AlmostCertain  Likelihood = "almost_certain"   // nearly certain, 95–99 %
)

// Likelihoods lists the ICD 203 terms in order.
var Likelihoods = []Likelihood{AlmostNoChance, VeryUnlikely, Unlikely, RoughlyEven, Likely, VeryLikely, AlmostCertain}

var likelihoodRanges = [...][2]float64{{0.01, 0.05}, {0.05, 0.20}, {0.20, 0.45}, {0.45, 0.55}, {0.55, 0.80}, {0.80, 0.95}, {0.95, 0.99}}

// Valid reports whether l is one of Likelihoods.
func (l Likelihood) Valid() bool { return l.index() >= 0 }

func (l Likelihood) index() int {
	for i, v := range Likelihoods {
		if l == v {
			return i
		}
	}
	return -1
}

// Range returns the probability range ICD 203 gives the term (0.95, 0.99
// for almost certain); 0, 0 for an invalid term.
func (l Likelihood) Range() (lo, hi float64) {
	i := l.index()
	if i < 0 {
		return 0, 0
	}
	return likelihoodRanges[i][0], likelihoodRanges[i][1]
}

// Words returns the term as ICD 203 writes it ("roughly even chance").
func (l Likelihood) Words() string {
	if l == RoughlyEven {
		return "roughly even chance"
	}
	return strings.ReplaceAll(string(l), "_", " ")
}

// Describe returns "almost certain (95–99 %)".
func (l Likelihood) Describe() string {
	lo, hi := l.Range()
	return fmt.Sprintf("%s (%d–%d %%)", l.Words(), int(math.Round(lo*100)), int(math.Round(hi*100)))
}

// Confidence is an analytic confidence level.
type Confidence string

// Confidence levels.
const (
	ConfidenceLow      Confidence = "low"
	ConfidenceModerate Confidence = "moderate"
	ConfidenceHigh     Confidence = "high"
)

// Valid reports whether c is low, moderate or high.
func (c Confidence) Valid() bool {
	return c == ConfidenceLow || c == ConfidenceModerate || c == ConfidenceHigh
}

// VesselRef names a vessel in a claim by MMSI, IMO or both, with the name
// the source uses.
type VesselRef struct {
	MMSI MMSI   `json:"mmsi,omitempty"`
	IMO  uint32 `json:"imo,omitempty"`
	Name string `json:"name,omitempty"`
}

// String returns "SPARTA (IMO 9268710)" or similar.
func (v VesselRef) String() string {
	var ids []string
	if v.IMO != 0 {
		ids = append(ids, fmt.Sprintf("IMO %d", v.IMO))
	}
	if v.MMSI != 0 {
		ids = append(ids, "MMSI "+v.MMSI.String())
	}
	if v.Name == "" {
		return strings.Join(ids, ", ")
	}
	if len(ids) == 0 {
		return v.Name
	}
	return v.Name + " (" + strings.Join(ids, ", ") + ")"
}

// Claim is one thing a report says: what, who, where, when, how many.
type Claim struct {
	What ClaimKind `json:"what"`
	// Text is the claim in the analyst's words.
	Text     string      `json:"text"`
	Vessels  []VesselRef `json:"vessels,omitempty"`
	Entities []string    `json:"entities,omitempty"` // entity IDs
	Actors   []string    `json:"actors,omitempty"`   // free text ("new Syrian authorities")
	Where    Place       `json:"where,omitzero"`
	When     When        `json:"when"`
	Count    *Count      `json:"count,omitempty"`
	// Likelihood and Confidence grade an assessment (ICD 203); empty for
	// other kinds. An assessment must have a Likelihood; Confidence is
	// empty when the source states none.
	Likelihood Likelihood `json:"likelihood,omitempty"`
	Confidence Confidence `json:"confidence,omitempty"`
}

// Evidence is a link to what a report rests on.
type Evidence struct {
	URL string `json:"url"`
	// Archive is the URL of an archived copy; SHA256 the hex digest of the
	// copy the analyst keeps, when they have one.
	Archive string `json:"archive,omitempty"`
	SHA256  string `json:"sha256,omitempty"`
	Note    string `json:"note,omitempty"`
}

// Report is an analyst's record of what one source said: one or more
// claims, graded. Conflicting accounts are separate reports.
type Report struct {
	// ID is a stable lower-case slug ("trt-convoy-turned-back").
	ID string `json:"id"`
	// Version counts edits: 1 for a new report; each edit adds one.
	Version  int    `json:"version"`
	Title    string `json:"title"`
	SourceID string `json:"source_id"`
	// Reliability grades the source for this report; empty takes the
	// source's default.
	Reliability Reliability `json:"reliability,omitempty"`
	Credibility Credibility `json:"credibility"`
	// Published is when the source published it (zero when unknown).
	Published time.Time  `json:"published,omitzero"`
	Claims    []Claim    `json:"claims"`
	Evidence  []Evidence `json:"evidence,omitempty"`
	Notes     string     `json:"notes,omitempty"`
	// Simulated marks invented material (scenarios, tests).
	Simulated bool `json:"simulated,omitempty"`
	// Edited and Change record who made this version, when and why; set by
	// the store.
	Edited time.Time `json:"edited,omitzero"`
	Change Change    `json:"change,omitzero"`
}

// Span returns the earliest From and latest End of the claims.
func (r Report) Span() (from, to time.Time) {
	for i, c := range r.Claims {
		if i == 0 || c.When.From.Before(from) {
			from = c.When.From
		}
		if e := c.When.End(); i == 0 || e.After(to) {
			to = e
		}
	}
	return from, to
}

// ReportFilter selects reports. Zero fields do not filter.
type ReportFilter struct {
	SourceID string
	// SiteID, EntityID and MMSI/IMO select reports with a claim naming
	// them.
	SiteID   string
	EntityID string
	MMSI     MMSI
	IMO      uint32
	// Range selects reports with a claim whose widened interval (see
	// When.Widened) meets it.
	Range TimeRange
	// Limit caps the result (<= 0: no limit).
	Limit int
}

// ReportStore keeps sources, versioned reports and entities.
type ReportStore interface {
	// PutSource creates a source or updates its fields. When the source is
	// new, or its reliability differs from the stored one, a
	// ReliabilityChange is appended with the store's current time and ch.
	// Errors: EINVALID when s fails Validate.
	PutSource(ctx context.Context, s Source, ch Change) error
	// Source returns one source; ENOTFOUND when there is none.
	Source(ctx context.Context, id string) (Source, error)
	// Sources returns every source ordered by ID.
	Sources(ctx context.Context) ([]Source, error)
	// ReliabilityHistory returns a source's reliability changes, oldest
	// first; ENOTFOUND when the source does not exist.
	ReliabilityHistory(ctx context.Context, id string) ([]ReliabilityChange, error)

	// CreateReport stores r as version 1 and returns it as stored (Version
	// and Edited set). Errors: EINVALID when r fails ValidateReport or
	// r.Version is not 0; ENOTFOUND when its source does not exist;
	// ECONFLICT when a report with r.ID exists.
	CreateReport(ctx context.Context, r Report, ch Change) (Report, error)
	// UpdateReport stores r as a new version of the report r.ID. r.Version
	// names the version the edit was made from: when it is not the latest,
	// nothing is stored and the error has code ECONFLICT (optimistic
	// concurrency; no edit is silently overwritten). Every version is
	// kept. Errors also: EINVALID, ENOTFOUND (no such report or source).
	UpdateReport(ctx context.Context, r Report, ch Change) (Report, error)
	// Report returns the latest version; ENOTFOUND when there is none.
	Report(ctx context.Context, id string) (Report, error)
	// ReportVersions returns every version, oldest first; ENOTFOUND when
	// there is no such report.
	ReportVersions(ctx context.Context, id string) ([]Report, error)
	// Reports returns the latest versions of the reports matching f,
	// ordered by the start of their earliest claim, then ID.
	Reports(ctx context.Context, f ReportFilter) ([]Report, error)

	// PutEntity creates or replaces an entity. Errors: EINVALID when e
	// fails Validate.
	PutEntity(ctx context.Context, e Entity) error
	// Entity returns one entity; ENOTFOUND when there is none.
	Entity(ctx context.Context, id string) (Entity, error)
	// Entities returns every entity ordered by ID.
	Entities(ctx context.Context) ([]Entity, error)
}
