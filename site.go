package sitrep

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

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

// Limits that Validate enforces.
const (
	MaxSiteIDLen    = 64      // bytes in a Site.ID
	MaxSiteNameLen  = 200     // bytes in a Site.Name or alias
	MaxSiteRadiusM  = 500_000 // largest circle radius, metres
	MaxSiteVertices = 100_000 // points in all rings or the line of one site
)

const (
	// earthRadiusM is geo.EarthRadius, the sphere circles are drawn on.
	earthRadiusM = 6371008.8
	// maxLonContinuous bounds |lon| of rings and lines written past ±180.
	maxLonContinuous = 360
)

// ValidSiteID reports whether id is a site slug: 1 to MaxSiteIDLen bytes of
// lower-case ASCII letters, digits and single hyphens, starting and ending
// with a letter or digit ("tartus-naval-base", "wpi-45003").
func ValidSiteID(id string) bool {
	if id == "" || len(id) > MaxSiteIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-':
			if i == 0 || i == len(id)-1 || id[i-1] == '-' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// Validate checks s and returns nil or an EINVALID *Error whose message
// names the offending field, for example
//
//	site "tartus-port": shape.rings[0][2].lat: 95 is outside -90..90
//
// The rules: ID as ValidSiteID; Name non-empty, at most MaxSiteNameLen
// bytes, without control characters (so are aliases); Kind one of
// SiteKinds; Country empty or two upper-case letters; LOCODE empty or two
// upper-case letters and three upper-case letters or digits; Params names
// non-empty lower-case letters, digits and '_' with finite values; and a
// well-formed Shape:
//   - polygon: at least one ring, each with at least three distinct
//     points, and no circle or line fields;
//   - circle: a centre with latitude in -90..90 and longitude in
//     -180..180, a radius greater than 0 and at most MaxSiteRadiusM
//     metres, and no rings or line;
//   - line: at least two distinct points, and no rings or circle fields.
//
// Points of rings and lines have latitudes in -90..90 and finite
// longitudes; a ring or line that straddles the antimeridian may be
// written with continuous longitudes past ±180 (up to ±360), as package
// geo expects, as long as it spans less than 180 degrees of longitude and
// overlaps -180..180. At most MaxSiteVertices points in all.
func (s Site) Validate() error {
	if err := s.validate(); err != "" {
		id := s.ID
		if len(id) > MaxSiteIDLen {
			id = id[:MaxSiteIDLen] + "..."
		}
		return Errorf(EINVALID, "site %q: %s", id, err)
	}
	return nil
}

// validate returns "" or "field: problem".
func (s Site) validate() string {
	if !ValidSiteID(s.ID) {
		return fmt.Sprintf("id: %q is not a slug (lower-case letters, digits and single hyphens, 1 to %d bytes)", s.ID, MaxSiteIDLen)
	}
	if msg := checkName(s.Name); msg != "" {
		return "name: " + msg
	}
	if !s.Kind.Valid() {
		return fmt.Sprintf("kind: unknown kind %q (want one of %s)", s.Kind, kindList())
	}
	for i, a := range s.Aliases {
		if msg := checkName(a); msg != "" {
			return fmt.Sprintf("aliases[%d]: %s", i, msg)
		}
	}
	if s.Country != "" && !(len(s.Country) == 2 && isUpper(s.Country[0]) && isUpper(s.Country[1])) {
		return fmt.Sprintf("country: %q is not an ISO 3166-1 alpha-2 code (two upper-case letters)", s.Country)
	}
	if s.LOCODE != "" && !validLOCODE(s.LOCODE) {
		return fmt.Sprintf("locode: %q is not a UN/LOCODE (five characters, like \"SYTTS\")", s.LOCODE)
	}
	for _, k := range slices.Sorted(maps.Keys(s.Params)) {
		if !validParamName(k) {
			return fmt.Sprintf("params: name %q is not lower-case letters, digits and _", k)
		}
		if v := s.Params[k]; math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Sprintf("params.%s: %v is not a finite number", k, v)
		}
	}
	return s.Shape.validate()
}

func (sh Shape) validate() string {
	switch sh.Kind {
	case ShapePolygon:
		if sh.Center != (LatLon{}) || sh.RadiusM != 0 || len(sh.Line) > 0 {
			return "shape: a polygon has only rings (center, radius_m and line must be empty)"
		}
		if len(sh.Rings) == 0 {
			return "shape.rings: a polygon needs at least one ring"
		}
		n := 0
		for i, r := range sh.Rings {
			n += len(r)
			if n > MaxSiteVertices {
				return fmt.Sprintf("shape.rings: more than %d points", MaxSiteVertices)
			}
			if msg := checkPath(r, 3); msg != "" {
				return fmt.Sprintf("shape.rings[%d]%s", i, msg)
			}
		}
	case ShapeCircle:
		if len(sh.Rings) > 0 || len(sh.Line) > 0 {
			return "shape: a circle has only center and radius_m (rings and line must be empty)"
		}
		if msg := checkLatLon(sh.Center, 180); msg != "" {
			return "shape.center" + msg
		}
		if !(sh.RadiusM > 0 && sh.RadiusM <= MaxSiteRadiusM) {
			return fmt.Sprintf("shape.radius_m: %v is not in (0, %d] metres", sh.RadiusM, MaxSiteRadiusM)
		}
	case ShapeLine:
		if len(sh.Rings) > 0 || sh.Center != (LatLon{}) || sh.RadiusM != 0 {
			return "shape: a line has only line points (rings, center and radius_m must be empty)"
		}
		if len(sh.Line) > MaxSiteVertices {
			return fmt.Sprintf("shape.line: more than %d points", MaxSiteVertices)
		}
		if msg := checkPath(sh.Line, 2); msg != "" {
			return "shape.line" + msg
		}
	default:
		return fmt.Sprintf("shape.kind: unknown shape kind %q (want polygon, circle or line)", sh.Kind)
	}
	return ""
}

// checkPath checks the points of a ring or line: each valid, at least want
// distinct, spanning less than 180 degrees of longitude and overlapping
// -180..180. It returns "" or "[i].field: problem" / ": problem".
func checkPath(ps []LatLon, want int) string {
	minLon, maxLon := math.Inf(1), math.Inf(-1)
	distinct := 0
	for i, p := range ps {
		if msg := checkLatLon(p, maxLonContinuous); msg != "" {
			return fmt.Sprintf("[%d]%s", i, msg)
		}
		minLon, maxLon = min(minLon, p.Lon), max(maxLon, p.Lon)
		if distinct < want && !slices.Contains(ps[:i], p) {
			distinct++
		}
	}
	if distinct < want {
		return fmt.Sprintf(": %d distinct points, want at least %d", distinct, want)
	}
	if maxLon-minLon >= 180 {
		return fmt.Sprintf(": spans %v degrees of longitude, want less than 180 (write antimeridian crossings with continuous longitudes)", maxLon-minLon)
	}
	if maxLon < -180 || minLon > 180 {
		return fmt.Sprintf(": longitudes %v..%v lie wholly outside -180..180", minLon, maxLon)
	}
	return ""
}

func checkLatLon(p LatLon, lonBound float64) string {
	if !(p.Lat >= -90 && p.Lat <= 90) {
		return fmt.Sprintf(".lat: %v is outside -90..90", p.Lat)
	}
	if !(p.Lon >= -lonBound && p.Lon <= lonBound) {
		return fmt.Sprintf(".lon: %v is outside -%v..%v", p.Lon, lonBound, lonBound)
	}
	return ""
}

func checkName(s string) string {
	if strings.TrimSpace(s) == "" {
		return "empty"
	}
	if len(s) > MaxSiteNameLen {
		return fmt.Sprintf("%d bytes, want at most %d", len(s), MaxSiteNameLen)
	}
	if !utf8.ValidString(s) {
		return "not valid UTF-8"
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Sprintf("%q contains a control character", s)
		}
	}
	return ""
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func validLOCODE(s string) bool {
	if len(s) != 5 || !isUpper(s[0]) || !isUpper(s[1]) {
		return false
	}
	for i := 2; i < 5; i++ {
		if !isUpper(s[i]) && !(s[i] >= '2' && s[i] <= '9') {
			return false
		}
	}
	return true
}

func validParamName(s string) bool {
	if s == "" || len(s) > MaxSiteIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func kindList() string {
	var b strings.Builder
	for i, k := range SiteKinds {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(k))
	}
	return b.String()
}

// ParseSiteKind returns the kind named s (exactly as in SiteKinds).
// Errors: EINVALID naming the known kinds.
func ParseSiteKind(s string) (SiteKind, error) {
	if k := SiteKind(s); k.Valid() {
		return k, nil
	}
	return "", Errorf(EINVALID, "unknown site kind %q (want one of %s)", s, kindList())
}

// Bounds returns the smallest latitude/longitude box that contains the
// shape, as an Area: MinLon > MaxLon when it crosses the antimeridian, and
// MinLon -180, MaxLon 180 when it spans all longitudes (a circle around a
// pole). Circles are bounded on the sphere of the mean Earth radius, as
// package geo measures them. The result is meaningless for a shape that
// fails Validate.
func (sh Shape) Bounds() Area {
	switch sh.Kind {
	case ShapeCircle:
		d := sh.RadiusM / earthRadiusM // radians
		lat := sh.Center.Lat * math.Pi / 180
		a := Area{MinLat: sh.Center.Lat - d*180/math.Pi, MaxLat: sh.Center.Lat + d*180/math.Pi}
		if a.MaxLat >= 90 || a.MinLat <= -90 || d >= math.Pi/2 {
			return Area{MinLat: math.Max(a.MinLat, -90), MaxLat: math.Min(a.MaxLat, 90), MinLon: -180, MaxLon: 180}
		}
		dLon := math.Asin(math.Min(1, math.Sin(d)/math.Cos(lat))) * 180 / math.Pi
		return lonArea(a, sh.Center.Lon-dLon, sh.Center.Lon+dLon)
	case ShapePolygon, ShapeLine:
		pts := sh.Line
		if sh.Kind == ShapePolygon && len(sh.Rings) > 0 {
			pts = sh.Rings[0]
		}
		a := Area{MinLat: math.Inf(1), MaxLat: math.Inf(-1)}
		minLon, maxLon := math.Inf(1), math.Inf(-1)
		for _, p := range pts {
			a.MinLat, a.MaxLat = math.Min(a.MinLat, p.Lat), math.Max(a.MaxLat, p.Lat)
			minLon, maxLon = math.Min(minLon, p.Lon), math.Max(maxLon, p.Lon)
		}
		return lonArea(a, minLon, maxLon)
	}
	return Area{MinLat: math.Inf(1), MaxLat: math.Inf(-1), MinLon: math.Inf(1), MaxLon: math.Inf(-1)}
}

// Bounds returns the bounding box of the site's shape; see Shape.Bounds.
func (s Site) Bounds() Area { return s.Shape.Bounds() }

// lonArea sets a's longitudes from a continuous range lo..hi, wrapping it
// into -180..180.
func lonArea(a Area, lo, hi float64) Area {
	switch {
	case hi-lo >= 360:
		lo, hi = -180, 180
	case lo < -180:
		lo += 360
	case hi > 180:
		hi -= 360
	}
	a.MinLon, a.MaxLon = lo, hi
	return a
}

// Intersects reports whether a and b share a point, edges included; either
// may cross the antimeridian (MinLon > MaxLon).
func (a Area) Intersects(b Area) bool {
	if a.MinLat > b.MaxLat || b.MinLat > a.MaxLat {
		return false
	}
	for _, x := range a.lonSpans() {
		for _, y := range b.lonSpans() {
			if x[0] <= y[1] && y[0] <= x[1] {
				return true
			}
		}
	}
	return false
}

// lonSpans returns a's longitudes as one or two non-wrapping intervals.
func (a Area) lonSpans() [][2]float64 {
	if a.MinLon <= a.MaxLon {
		return [][2]float64{{a.MinLon, a.MaxLon}}
	}
	return [][2]float64{{a.MinLon, 180}, {-180, a.MaxLon}}
}

// Match reports whether s passes f's Text, Kind and Area (Limit is the
// caller's to apply). Text matches the start of the ID, the name, an alias
// or the LOCODE, ignoring case (Unicode simple folding to lower case).
func (f SiteFilter) Match(s Site) bool {
	if f.Kind != "" && s.Kind != f.Kind {
		return false
	}
	if f.Area != nil && !f.Area.Intersects(s.Shape.Bounds()) {
		return false
	}
	if f.Text == "" {
		return true
	}
	t := strings.ToLower(f.Text)
	for _, k := range s.Keys() {
		if strings.HasPrefix(k, t) {
			return true
		}
	}
	return false
}

// Keys returns the lower-cased texts that SiteFilter.Text matches the start
// of: the ID, the name, the aliases and the LOCODE.
func (s Site) Keys() []string {
	keys := make([]string, 0, 3+len(s.Aliases))
	keys = append(keys, strings.ToLower(s.ID), strings.ToLower(s.Name))
	for _, a := range s.Aliases {
		keys = append(keys, strings.ToLower(a))
	}
	if s.LOCODE != "" {
		keys = append(keys, strings.ToLower(s.LOCODE))
	}
	return keys
}
