package sitrep

import "context"

// SiteKind says what a site is; detection treats kinds differently (ports
// suppress loitering, straits produce transits).
type SiteKind string

// Site kinds.
const (
	SiteNavalBase  SiteKind = "naval_base"
	SitePort       SiteKind = "port"
	SiteAnchorage  SiteKind = "anchorage"
	SiteAirBase    SiteKind = "air_base"
	SiteCheckpoint SiteKind = "checkpoint"
	SiteStrait     SiteKind = "strait"
	SiteCanal      SiteKind = "canal"
	SiteCustom     SiteKind = "custom"
)

// SiteKinds lists every kind, in documentation order.
var SiteKinds = []SiteKind{SiteNavalBase, SitePort, SiteAnchorage, SiteAirBase, SiteCheckpoint, SiteStrait, SiteCanal, SiteCustom}

// Valid reports whether k is one of SiteKinds.
func (k SiteKind) Valid() bool {
	for _, v := range SiteKinds {
		if k == v {
			return true
		}
	}
	return false
}

// IsPassage reports whether vessels pass through sites of this kind
// (straits and canals: transits) rather than visit them.
func (k SiteKind) IsPassage() bool { return k == SiteStrait || k == SiteCanal }

// LatLon is a WGS 84 point in degrees.
type LatLon struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// ShapeKind says which fields of a Shape are used.
type ShapeKind string

// Shape kinds.
const (
	// ShapePolygon uses Rings: the first ring is the outer boundary, any
	// others are holes. Rings need not repeat their first point.
	ShapePolygon ShapeKind = "polygon"
	// ShapeCircle uses Center and RadiusM.
	ShapeCircle ShapeKind = "circle"
	// ShapeLine uses Line: a gate, a polyline across a passage; crossing it
	// is a transit.
	ShapeLine ShapeKind = "line"
)

// Shape is a site's geometry.
type Shape struct {
	Kind    ShapeKind  `json:"kind"`
	Rings   [][]LatLon `json:"rings,omitempty"`
	Center  LatLon     `json:"center,omitzero"`
	RadiusM float64    `json:"radius_m,omitempty"`
	Line    []LatLon   `json:"line,omitempty"`
}

// Site is a named place that detection watches: a port, a naval or air
// base, an anchorage, a checkpoint, a strait or canal, or anything an
// analyst draws.
type Site struct {
	// ID is a stable, lower-case slug ("tartus-naval-base",
	// "wpi-48680", "strait-gibraltar"); events refer to sites by it.
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    SiteKind `json:"kind"`
	Aliases []string `json:"aliases,omitempty"`
	// Country is the ISO 3166-1 alpha-2 code, upper case; empty for
	// international waters.
	Country string `json:"country,omitempty"`
	// LOCODE is the UN/LOCODE ("SYTTS") where the site has one.
	LOCODE string `json:"locode,omitempty"`
	Shape  Shape  `json:"shape"`
	// Params overrides detection parameters for this site, by the names
	// package detect documents (for example "min_dwell_min"); absent keys
	// take the global value.
	Params map[string]float64 `json:"params,omitempty"`
	// Source says where the geometry came from (a dataset, a public
	// coordinate, "hand-drawn from ...").
	Source string `json:"source,omitempty"`
	// Approximate marks hand-drawn or radius-derived geometry.
	Approximate bool `json:"approximate,omitempty"`
	// Notes is free text for analysts.
	Notes string `json:"notes,omitempty"`
}

// SiteFilter selects sites. Zero fields do not filter.
type SiteFilter struct {
	// Text matches the start of the ID, name, any alias or the LOCODE,
	// case-insensitively.
	Text string
	Kind SiteKind
	// Area selects sites whose shape's bounding box meets it.
	Area *Area
	// Limit caps the result (<= 0: no limit).
	Limit int
}

// SiteStore keeps the sites analysts add, import or edit. The bundled
// catalogue (package sites) is not stored: the effective set of sites is
// the catalogue overlaid by the stored sites (same ID: the stored one wins).
type SiteStore interface {
	// PutSite inserts or replaces the site with s.ID. Errors: EINVALID when
	// the site fails Validate.
	PutSite(ctx context.Context, s Site) error
	// Site returns one site; ENOTFOUND when there is none with that ID.
	Site(ctx context.Context, id string) (Site, error)
	// Sites returns the stored sites matching f, ordered by ID.
	Sites(ctx context.Context, f SiteFilter) ([]Site, error)
	// DeleteSite removes a stored site; ENOTFOUND when there is none.
	DeleteSite(ctx context.Context, id string) error
}
