package sitrep

import (
	"context"
	"time"
)

// Area is a latitude/longitude box in degrees. MinLon > MaxLon means the
// box crosses the antimeridian.
type Area struct {
	MinLat float64 `json:"min_lat"`
	MinLon float64 `json:"min_lon"`
	MaxLat float64 `json:"max_lat"`
	MaxLon float64 `json:"max_lon"`
}

// Contains reports whether the point lies in the area (edges included).
func (a Area) Contains(lat, lon float64) bool {
	if lat < a.MinLat || lat > a.MaxLat {
		return false
	}
	if a.MinLon <= a.MaxLon {
		return lon >= a.MinLon && lon <= a.MaxLon
	}
	return lon >= a.MinLon || lon <= a.MaxLon
}

// TimeRange is a half-open interval [From, To) of event time. A zero From
// or To leaves that end open.
type TimeRange struct {
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
}

// Contains reports whether t lies in the range.
func (r TimeRange) Contains(t time.Time) bool {
	return (r.From.IsZero() || !t.Before(r.From)) && (r.To.IsZero() || t.Before(r.To))
}

// Receipt is one more reception of the position of MMSI at Time: the same
// transmission heard through Source (see PositionStore.AddReceipts).
type Receipt struct {
	MMSI   MMSI
	Time   time.Time
	Source Provenance
}

// PositionStore keeps position history. Implementations (sqlite, postgres)
// pass the contract suite in internal/storetest.
type PositionStore interface {
	// AddPositions stores a batch of positions (in any order, any vessels)
	// with their Sources. When it returns nil the batch is durable: a crash
	// afterwards loses none of it.
	AddPositions(ctx context.Context, ps []Position) error
	// AddSources records that the position of mmsi at time t was also heard
	// through srcs (the same transmission from other receivers). Track and
	// PositionsIn return all of a position's sources.
	AddSources(ctx context.Context, mmsi MMSI, t time.Time, srcs []Provenance) error
	// AddReceipts is AddSources for many positions at once, durable as one
	// batch: a live feed hears most transmissions from several receivers,
	// and one write per duplicate would not keep up.
	AddReceipts(ctx context.Context, rs []Receipt) error
	// Track returns one vessel's positions in the range, ordered by time;
	// an empty slice (not an error) when there are none.
	Track(ctx context.Context, mmsi MMSI, r TimeRange) ([]Position, error)
	// TrackFunc calls fn with each position Track would return, in the
	// same order, without holding the whole track in memory (for exports
	// and long histories). The Position and its Sources are only valid
	// during the call: fn copies what it keeps. An error from fn stops the
	// walk and is returned as is.
	TrackFunc(ctx context.Context, mmsi MMSI, r TimeRange, fn func(*Position) error) error
	// PositionsIn returns the positions inside the area and range, ordered
	// by time then MMSI, at most limit of them (limit <= 0: no limit).
	PositionsIn(ctx context.Context, a Area, r TimeRange, limit int) ([]Position, error)
}

// VesselStore keeps vessels' identity, voyage and identity history.
type VesselStore interface {
	// PutVessel stores the current state of a vessel (identity, voyage,
	// last position, first/last seen), replacing what was there.
	PutVessel(ctx context.Context, v Vessel) error
	// PutVessels stores several vessels as PutVessel does, in one
	// transaction where the store has them: all or none.
	PutVessels(ctx context.Context, vs []Vessel) error
	// AddIdentityChanges appends to the identity history. A change equal
	// in MMSI, field, old and new value to the newest stored change of that
	// field extends its LastSeen instead of adding a row.
	AddIdentityChanges(ctx context.Context, cs []IdentityChange) error
	// Vessel returns one vessel; an *Error with code ENOTFOUND when unknown.
	Vessel(ctx context.Context, mmsi MMSI) (Vessel, error)
	// Vessels returns the vessels whose name, call sign, MMSI or IMO starts
	// with text (case-insensitive; empty text: all), ordered by name then
	// MMSI, at most limit (limit <= 0: no limit).
	Vessels(ctx context.Context, text string, limit int) ([]Vessel, error)
	// IdentityHistory returns a vessel's identity changes ordered by
	// FirstSeen; empty (not an error) when there are none.
	IdentityHistory(ctx context.Context, mmsi MMSI) ([]IdentityChange, error)
}

// Store is everything the embedded and server deployments persist.
type Store interface {
	PositionStore
	VesselStore
	SiteStore
	EventStore
	ReportStore
	UserStore
	// Close flushes and releases the store.
	Close() error
}
