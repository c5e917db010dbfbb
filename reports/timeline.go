package reports

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// Query selects what a timeline, situation report or export covers. Zero
// fields do not filter; at least one of SiteID, MMSI, IMO, EntityID and
// Area should be set, or everything in Range is included.
type Query struct {
	SiteID   string           `json:"site_id,omitempty"`
	MMSI     sitrep.MMSI      `json:"mmsi,omitempty"`
	IMO      uint32           `json:"imo,omitempty"`
	EntityID string           `json:"entity_id,omitempty"`
	Area     *sitrep.Area     `json:"area,omitempty"`
	Range    sitrep.TimeRange `json:"range"`
}

// Item is one entry of a timeline: an AIS event or one claim of a report.
type Item struct {
	Kind  string    `json:"kind"` // "event" or "claim"
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Precision is a claim's time precision; empty for events (observed).
	Precision sitrep.TimePrecision `json:"precision,omitempty"`
	Summary   string               `json:"summary"`
	// Source is the report's source ID, or "AIS" for an event; Grade the
	// report's grade ("B2"), or "AIS" for an event.
	Source string `json:"source"`
	Grade  string `json:"grade"`
	// Rule is the detector rule of an event, with its parameters.
	Rule   *sitrep.Rule   `json:"rule,omitempty"`
	Event  *sitrep.Event  `json:"event,omitempty"`
	Report *sitrep.Report `json:"report,omitempty"`
	Claim  int            `json:"claim"`
	// Lat and Lon place the item when it has a place (nil otherwise).
	Lat *float64 `json:"lat,omitempty"`
	Lon *float64 `json:"lon,omitempty"`
	// Simulated marks an event that rests on simulated fixes
	// (sitrep.Event.Simulated) or a claim of a simulated report.
	Simulated bool `json:"simulated,omitempty"`
}

// vesselNames puts the names of stored vessels into event summaries, which
// detection writes with MMSIs only (it may not know a name yet, and the
// same events must come out of a replay and of a re-detection).
type vesselNames struct {
	f     *Fusion
	names map[sitrep.MMSI]string // "" when the vessel has no name
}

// vesselGetter is the VesselStore method that finds one vessel by its
// key; stores that have it answer a name in one indexed lookup rather
// than a search.
type vesselGetter interface {
	Vessel(ctx context.Context, mmsi sitrep.MMSI) (sitrep.Vessel, error)
}

// lookup returns the stored name of m, "" when it has none or is unknown.
func (n *vesselNames) lookup(ctx context.Context, m sitrep.MMSI) (string, error) {
	if g, ok := n.f.Vessels.(vesselGetter); ok {
		v, err := g.Vessel(ctx, m)
		if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
			return "", nil
		}
		return v.Name, err
	}
	vs, err := n.f.Vessels.Vessels(ctx, m.String(), 4) // nine digits: that MMSI
	for _, v := range vs {
		if v.MMSI == m {
			return v.Name, err
		}
	}
	return "", err
}

// name returns summary with the first mention of each of the MMSIs
// replaced by "NAME (MMSI)" where the stored vessel has a name.
//
// Errors: the vessel store's.
func (n *vesselNames) name(ctx context.Context, summary string, mmsis ...sitrep.MMSI) (string, error) {
	if n.f.Vessels == nil {
		return summary, nil
	}
	for _, m := range mmsis {
		if m == 0 {
			continue
		}
		name, ok := n.names[m]
		if !ok {
			var err error
			if name, err = n.lookup(ctx, m); err != nil {
				return "", err
			}
			n.names[m] = name
		}
		if name != "" {
			summary = strings.Replace(summary, m.String(), name+" ("+m.String()+")", 1)
		}
	}
	return summary, nil
}

// ClaimOf returns the item's claim; ok is false for an event.
func (it Item) ClaimOf() (c sitrep.Claim, ok bool) {
	if it.Report == nil {
		return c, false
	}
	return it.Report.Claims[it.Claim], true
}

// Timeline returns the AIS events and report claims that q selects,
// ordered by start time, events before claims at the same time, then by
// ID. A claim is selected when its report matches q (see
// sitrep.ReportFilter) and the claim itself names q's site, vessel or
// entity (or lies in q's area) and its widened time meets q.Range.
//
// Events are not selected by entity. A query by IMO selects the events of
// the stored vessels with that IMO. Errors: the stores' errors. Without an
// event store only claims are returned.
func (f *Fusion) Timeline(ctx context.Context, q Query) ([]Item, error) {
	items := []Item{}
	if f.Events != nil && q.EntityID == "" {
		mmsis := []sitrep.MMSI{q.MMSI}
		if q.IMO != 0 && q.MMSI == 0 {
			// Events of the vessels with that IMO; none when no stored
			// vessel has it.
			m, _, err := f.mmsis(ctx, []sitrep.VesselRef{{IMO: q.IMO}})
			if err != nil {
				return nil, err
			}
			mmsis = sortedMMSIs(m)
		}
		var evs []sitrep.Event
		for _, mmsi := range mmsis {
			es, err := f.Events.Events(ctx, sitrep.EventFilter{MMSI: mmsi, SiteID: q.SiteID, Area: q.Area, Range: q.Range})
			if err != nil {
				return nil, err
			}
			evs = append(evs, es...)
		}
		names := vesselNames{f: f, names: map[sitrep.MMSI]string{}}
		for i := range evs {
			e := evs[i]
			end := e.End
			if e.Open() {
				end = e.Start
			}
			lat, lon := e.Lat, e.Lon
			summary, err := names.name(ctx, e.Summary, e.MMSI, e.Other)
			if err != nil {
				return nil, err
			}
			items = append(items, Item{Kind: "event", Start: e.Start, End: end, Summary: summary, Source: "AIS", Grade: "AIS",
				Rule: &e.Rule, Event: &e, Lat: &lat, Lon: &lon, Simulated: e.Simulated()})
		}
	}
	srcs, err := f.sources(ctx)
	if err != nil {
		return nil, err
	}
	rs, err := f.Reports.Reports(ctx, sitrep.ReportFilter{SiteID: q.SiteID, MMSI: q.MMSI, IMO: q.IMO, EntityID: q.EntityID, Range: q.Range})
	if err != nil {
		return nil, err
	}
	for i := range rs {
		r := &rs[i]
		for j, c := range r.Claims {
			ok, err := f.claimSelected(ctx, q, c)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			it := Item{Kind: "claim", Start: c.When.From, End: c.When.End(), Precision: c.When.Precision, Summary: c.Text,
				Source: r.SourceID, Grade: Grade(*r, srcs[r.SourceID]), Report: r, Claim: j, Simulated: r.Simulated}
			if reg, err := resolve(ctx, f.Sites, c.Where); err != nil {
				return nil, err
			} else if p, ok := reg.center(); ok {
				it.Lat, it.Lon = &p.Lat, &p.Lon
			}
			items = append(items, it)
		}
	}
	sort.SliceStable(items, func(a, b int) bool {
		x, y := items[a], items[b]
		if !x.Start.Equal(y.Start) {
			return x.Start.Before(y.Start)
		}
		if x.Kind != y.Kind {
			return x.Kind == "event"
		}
		return x.id() < y.id()
	})
	return items, nil
}

// id orders items that start together.
func (it Item) id() string {
	if it.Event != nil {
		return it.Event.ID
	}
	return fmt.Sprintf("%s#%04d", it.Report.ID, it.Claim)
}

// claimSelected reports whether claim c itself matches q.
func (f *Fusion) claimSelected(ctx context.Context, q Query, c sitrep.Claim) (bool, error) {
	if q.SiteID != "" && c.Where.SiteID != q.SiteID {
		return false, nil
	}
	if q.EntityID != "" && !sharesSubject(c, sitrep.Claim{Entities: []string{q.EntityID}}) {
		return false, nil
	}
	if (q.MMSI != 0 || q.IMO != 0) && !sharesSubject(c, sitrep.Claim{Vessels: []sitrep.VesselRef{{MMSI: q.MMSI, IMO: q.IMO}}}) {
		return false, nil
	}
	if !q.Range.From.IsZero() || !q.Range.To.IsZero() {
		from, to := c.When.Widened()
		if (!q.Range.To.IsZero() && !from.Before(q.Range.To)) || (!q.Range.From.IsZero() && to.Before(q.Range.From)) {
			return false, nil
		}
	}
	if q.Area != nil {
		reg, err := resolve(ctx, f.Sites, c.Where)
		if err != nil || !reg.located() {
			return false, err
		}
		area := region{box: &geo.Box{MinLat: q.Area.MinLat, MinLon: q.Area.MinLon, MaxLat: q.Area.MaxLat, MaxLon: q.Area.MaxLon}}
		if ok, _ := meet(reg, area); !ok {
			return false, nil
		}
	}
	return true, nil
}

// EntityTrack returns the places reports put an entity, ordered by the
// start of their intervals (then their ends): the entity's track, derived
// from reports and not from AIS. Claims without a locatable place are left
// out. Points whose time is known to a day or worse cannot be ordered
// within a day: see Joinable.
//
// Errors: ENOTFOUND when there is no such entity; the stores' errors.
func (f *Fusion) EntityTrack(ctx context.Context, id string) ([]sitrep.TrackPoint, error) {
	if _, err := f.Reports.Entity(ctx, id); err != nil {
		return nil, err
	}
	srcs, err := f.sources(ctx)
	if err != nil {
		return nil, err
	}
	rs, err := f.Reports.Reports(ctx, sitrep.ReportFilter{EntityID: id})
	if err != nil {
		return nil, err
	}
	pts := []sitrep.TrackPoint{}
	for _, r := range rs {
		for j, c := range r.Claims {
			if !sharesSubject(c, sitrep.Claim{Entities: []string{id}}) {
				continue
			}
			reg, err := resolve(ctx, f.Sites, c.Where)
			if err != nil {
				return nil, err
			}
			p, ok := reg.center()
			if !ok {
				continue
			}
			pts = append(pts, sitrep.TrackPoint{When: c.When, Place: c.Where, At: sitrep.LatLon{Lat: p.Lat, Lon: p.Lon},
				ReportID: r.ID, Claim: j, What: c.What, Grade: Grade(r, srcs[r.SourceID])})
		}
	}
	sort.SliceStable(pts, func(a, b int) bool {
		x, y := pts[a], pts[b]
		if !x.When.From.Equal(y.When.From) {
			return x.When.From.Before(y.When.From)
		}
		return x.When.End().Before(y.When.End())
	})
	return pts, nil
}

// Joinable reports whether a track point's time is precise enough (minute,
// hour or part of day) to be joined into the drawn line; vaguer points are
// drawn on their own.
func Joinable(p sitrep.TrackPoint) bool {
	switch p.When.Precision {
	case sitrep.TimeMinute, sitrep.TimeHour, sitrep.TimePartOfDay:
		return true
	}
	return false
}
