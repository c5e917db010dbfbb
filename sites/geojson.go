package sites

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sitrep-osint/sitrep"
)

// MaxGeoJSONBytes bounds the input ReadGeoJSON accepts.
const MaxGeoJSONBytes = 64 << 20

// GeoJSON layout (RFC 7946, coordinates in longitude, latitude order):
//
//	{"type": "FeatureCollection", "features": [
//	  {"type": "Feature",
//	   "geometry": {"type": "Polygon", "coordinates": [[[35.86, 34.90], ...]]},
//	   "properties": {"id": "tartus-port", "name": "Tartus port", "kind": "port",
//	     "aliases": ["Tartous"], "country": "SY", "locode": "SYTTS",
//	     "params": {"min_dwell_min": 30}, "source": "...", "approximate": true,
//	     "notes": "..."}}]}
//
// A polygon site is a Polygon (or a MultiPolygon of exactly one polygon),
// a circle is a Point with properties.radius_m, a gate is a LineString.
// Rings and lines that straddle the antimeridian keep the continuous
// longitudes (past ±180) that package geo uses, rather than being split.

type featureCollection struct {
	Type     string    `json:"type"`
	Features []feature `json:"features"`
}

type feature struct {
	Type       string          `json:"type"`
	Geometry   *geometry       `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

type geometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

type properties struct {
	ID          string             `json:"id"`
	Name        string             `json:"name"`
	Kind        sitrep.SiteKind    `json:"kind"`
	Aliases     []string           `json:"aliases,omitempty"`
	Country     string             `json:"country,omitempty"`
	LOCODE      string             `json:"locode,omitempty"`
	RadiusM     float64            `json:"radius_m,omitempty"`
	Params      map[string]float64 `json:"params,omitempty"`
	Source      string             `json:"source,omitempty"`
	Approximate bool               `json:"approximate,omitempty"`
	Notes       string             `json:"notes,omitempty"`
}

// FeatureError is one rejected feature of a GeoJSON input.
type FeatureError struct {
	Index int    // position in the features array, from 0
	ID    string // properties.id when it could be read, else ""
	Msg   string // "properties.kind: unknown kind \"harbor\""
}

func (e FeatureError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("feature %d (%s): %s", e.Index, e.ID, e.Msg)
	}
	return fmt.Sprintf("feature %d: %s", e.Index, e.Msg)
}

// FeatureErrors lists every rejected feature of one input, in order.
type FeatureErrors []FeatureError

func (es FeatureErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// ReadGeoJSON reads a GeoJSON FeatureCollection of sites (see the layout
// above) and returns the sites of the features that are well-formed and
// pass sitrep.Site.Validate, in input order.
//
// Errors, all EINVALID (*sitrep.Error): when the input is larger than
// MaxGeoJSONBytes, is not JSON or is not a FeatureCollection, ReadGeoJSON
// returns no sites. When only some features are bad it returns the good
// ones together with an error that wraps FeatureErrors (use errors.As),
// one entry per bad feature, naming its index, its id and the field:
//
//	feature 3 (tartus-port): properties.kind: unknown kind "harbor"
//
// Two features with the same id are an error on the second. Reading errors
// of r are returned as they are.
func ReadGeoJSON(r io.Reader) ([]sitrep.Site, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxGeoJSONBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxGeoJSONBytes {
		return nil, sitrep.Errorf(sitrep.EINVALID, "GeoJSON input is larger than %d bytes", MaxGeoJSONBytes)
	}
	var fc featureCollection
	if err := json.Unmarshal(data, &fc); err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "GeoJSON: %s", jsonErr(data, err))
	}
	if fc.Type != "FeatureCollection" {
		return nil, sitrep.Errorf(sitrep.EINVALID, "GeoJSON: type is %q, want \"FeatureCollection\"", fc.Type)
	}
	sites := make([]sitrep.Site, 0, len(fc.Features))
	var bad FeatureErrors
	seen := make(map[string]int, len(fc.Features))
	for i, f := range fc.Features {
		s, err := f.site()
		if err == nil {
			if j, dup := seen[s.ID]; dup {
				err = fmt.Errorf("properties.id: %q repeats feature %d", s.ID, j)
			} else {
				seen[s.ID] = i
			}
		}
		if err != nil {
			bad = append(bad, FeatureError{Index: i, ID: s.ID, Msg: err.Error()})
			continue
		}
		sites = append(sites, s)
	}
	if len(bad) > 0 {
		return sites, &sitrep.Error{Code: sitrep.EINVALID, Op: "sites.ReadGeoJSON",
			Message: fmt.Sprintf("%d of %d features rejected:\n%s", len(bad), len(fc.Features), bad.Error()), Err: bad}
	}
	return sites, nil
}

// jsonErr describes a JSON syntax or type error with its byte offset and line.
func jsonErr(data []byte, err error) string {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return err.Error()
	}
	return fmt.Sprintf("line %d (byte %d): %v", bytes.Count(data[:off], []byte("\n"))+1, off, err)
}

// site converts one feature; on error the returned site carries the id
// when it could be read.
func (f feature) site() (sitrep.Site, error) {
	var p properties
	if f.Type != "Feature" {
		return sitrep.Site{}, fmt.Errorf("type: %q, want \"Feature\"", f.Type)
	}
	if len(f.Properties) == 0 || string(f.Properties) == "null" {
		return sitrep.Site{}, errors.New("properties: missing")
	}
	if err := json.Unmarshal(f.Properties, &p); err != nil {
		// Salvage the id for the message.
		var idOnly struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(f.Properties, &idOnly)
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return sitrep.Site{ID: idOnly.ID}, fmt.Errorf("properties.%s: %s where %s is wanted", te.Field, te.Value, te.Type)
		}
		return sitrep.Site{ID: idOnly.ID}, fmt.Errorf("properties: %v", err)
	}
	s := sitrep.Site{ID: p.ID, Name: p.Name, Kind: p.Kind, Aliases: p.Aliases, Country: p.Country,
		LOCODE: p.LOCODE, Params: p.Params, Source: p.Source, Approximate: p.Approximate, Notes: p.Notes}
	if !p.Kind.Valid() {
		return s, fmt.Errorf("properties.kind: unknown kind %q", p.Kind)
	}
	if f.Geometry == nil {
		return s, errors.New("geometry: missing")
	}
	sh, err := f.Geometry.shape(p.RadiusM)
	if err != nil {
		return s, err
	}
	s.Shape = sh
	if err := s.Validate(); err != nil {
		var e *sitrep.Error
		if errors.As(err, &e) {
			_, msg, _ := strings.Cut(e.Message, ": ")
			return s, errors.New(geoField(msg))
		}
		return s, err
	}
	return s, nil
}

// geoField renames the fields of a Validate message to the GeoJSON ones.
func geoField(msg string) string {
	switch {
	case strings.HasPrefix(msg, "shape.rings"):
		return "geometry.coordinates" + strings.TrimPrefix(msg, "shape.rings")
	case strings.HasPrefix(msg, "shape.line"):
		return "geometry.coordinates" + strings.TrimPrefix(msg, "shape.line")
	case strings.HasPrefix(msg, "shape.center"):
		return "geometry.coordinates" + strings.TrimPrefix(msg, "shape.center")
	case strings.HasPrefix(msg, "shape.radius_m"):
		return "properties.radius_m" + strings.TrimPrefix(msg, "shape.radius_m")
	}
	return "properties." + msg
}

func (g *geometry) shape(radius float64) (sitrep.Shape, error) {
	switch g.Type {
	case "Point":
		var c []float64
		if err := json.Unmarshal(g.Coordinates, &c); err != nil {
			return sitrep.Shape{}, fmt.Errorf("geometry.coordinates: not a position: %v", err)
		}
		p, err := position(c)
		if err != nil {
			return sitrep.Shape{}, fmt.Errorf("geometry.coordinates: %v", err)
		}
		if radius == 0 {
			return sitrep.Shape{}, errors.New("properties.radius_m: missing (a Point site is a circle and needs a radius)")
		}
		return sitrep.Shape{Kind: sitrep.ShapeCircle, Center: p, RadiusM: radius}, nil
	case "LineString":
		var cs [][]float64
		if err := json.Unmarshal(g.Coordinates, &cs); err != nil {
			return sitrep.Shape{}, fmt.Errorf("geometry.coordinates: not a list of positions: %v", err)
		}
		line, err := positions(cs)
		if err != nil {
			return sitrep.Shape{}, fmt.Errorf("geometry.coordinates%v", err)
		}
		return sitrep.Shape{Kind: sitrep.ShapeLine, Line: line}, radiusOnlyForPoints(radius)
	case "Polygon", "MultiPolygon":
		var rings [][][]float64
		if g.Type == "MultiPolygon" {
			var polys [][][][]float64
			if err := json.Unmarshal(g.Coordinates, &polys); err != nil {
				return sitrep.Shape{}, fmt.Errorf("geometry.coordinates: not a list of polygons: %v", err)
			}
			if len(polys) != 1 {
				return sitrep.Shape{}, fmt.Errorf("geometry: a MultiPolygon of %d polygons (a site is one polygon; split it into several sites)", len(polys))
			}
			rings = polys[0]
		} else if err := json.Unmarshal(g.Coordinates, &rings); err != nil {
			return sitrep.Shape{}, fmt.Errorf("geometry.coordinates: not a list of rings: %v", err)
		}
		sh := sitrep.Shape{Kind: sitrep.ShapePolygon, Rings: make([][]sitrep.LatLon, len(rings))}
		for i, r := range rings {
			ring, err := positions(r)
			if err != nil {
				return sitrep.Shape{}, fmt.Errorf("geometry.coordinates[%d]%v", i, err)
			}
			// GeoJSON closes rings; sitrep rings need not.
			if n := len(ring); n > 3 && ring[0] == ring[n-1] {
				ring = ring[:n-1]
			}
			sh.Rings[i] = ring
		}
		return sh, radiusOnlyForPoints(radius)
	case "":
		return sitrep.Shape{}, errors.New("geometry.type: missing")
	}
	return sitrep.Shape{}, fmt.Errorf("geometry.type: %q is not supported (use Polygon, MultiPolygon of one polygon, Point with radius_m, or LineString)", g.Type)
}

func radiusOnlyForPoints(r float64) error {
	if r != 0 {
		return errors.New("properties.radius_m: only a Point site has a radius")
	}
	return nil
}

func positions(cs [][]float64) ([]sitrep.LatLon, error) {
	out := make([]sitrep.LatLon, len(cs))
	for i, c := range cs {
		p, err := position(c)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %v", i, err)
		}
		out[i] = p
	}
	return out, nil
}

func position(c []float64) (sitrep.LatLon, error) {
	if len(c) < 2 || len(c) > 3 {
		return sitrep.LatLon{}, fmt.Errorf("a position has %d numbers, want [longitude, latitude] or with altitude", len(c))
	}
	return sitrep.LatLon{Lat: c[1], Lon: c[0]}, nil
}

// WriteGeoJSON writes sites as an indented GeoJSON FeatureCollection in
// the layout ReadGeoJSON reads; ReadGeoJSON(WriteGeoJSON(s)) gives s back
// (polygon rings come back without the closing point GeoJSON adds; nil
// and empty alias and param lists are alike).
//
// Errors: EINVALID naming the site when one fails sitrep.Site.Validate
// (nothing is written then); otherwise the error of w.
func WriteGeoJSON(w io.Writer, sites []sitrep.Site) error {
	for _, s := range sites {
		if err := s.Validate(); err != nil {
			return err
		}
	}
	bw := &errWriter{w: w}
	bw.str("{\"type\": \"FeatureCollection\", \"features\": [")
	for i, s := range sites {
		if i > 0 {
			bw.str(",")
		}
		f, err := json.Marshal(toFeature(s))
		if err != nil {
			return err
		}
		bw.str("\n")
		bw.write(f)
	}
	bw.str("\n]}\n")
	return bw.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *errWriter) str(s string) { e.write([]byte(s)) }

type outFeature struct {
	Type       string      `json:"type"`
	Geometry   outGeometry `json:"geometry"`
	Properties properties  `json:"properties"`
}

type outGeometry struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"`
}

func toFeature(s sitrep.Site) outFeature {
	f := outFeature{Type: "Feature", Properties: properties{ID: s.ID, Name: s.Name, Kind: s.Kind,
		Aliases: s.Aliases, Country: s.Country, LOCODE: s.LOCODE, Params: s.Params, Source: s.Source,
		Approximate: s.Approximate, Notes: s.Notes}}
	switch s.Shape.Kind {
	case sitrep.ShapeCircle:
		f.Geometry = outGeometry{"Point", lonLat(s.Shape.Center)}
		f.Properties.RadiusM = s.Shape.RadiusM
	case sitrep.ShapeLine:
		f.Geometry = outGeometry{"LineString", lonLats(s.Shape.Line)}
	default:
		rings := make([][][2]float64, len(s.Shape.Rings))
		for i, r := range s.Shape.Rings {
			c := lonLats(r)
			if c[0] != c[len(c)-1] {
				c = append(c, c[0])
			}
			rings[i] = c
		}
		f.Geometry = outGeometry{"Polygon", rings}
	}
	return f
}

func lonLat(p sitrep.LatLon) [2]float64 { return [2]float64{p.Lon, p.Lat} }

func lonLats(ps []sitrep.LatLon) [][2]float64 {
	out := make([][2]float64, len(ps))
	for i, p := range ps {
		out[i] = lonLat(p)
	}
	return out
}
