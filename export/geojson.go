package export

import (
	"encoding/json"
	"io"
	"time"

	"github.com/sitrep-osint/sitrep"
)

type geoFeature struct {
	Type       string         `json:"type"`
	Geometry   geoGeometry    `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type geoGeometry struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"`
}

// writeGeoJSON writes a FeatureCollection: the track as a LineString
// (flagged fixes left out of the line) and each fix as a Point.
func writeGeoJSON(w io.Writer, t Track) error {
	line := make([][2]float64, 0, len(t.Positions))
	feats := make([]geoFeature, 0, len(t.Positions)+1)
	for _, p := range t.Positions {
		if p.Flags == 0 {
			line = append(line, [2]float64{p.Lon, p.Lat})
		}
	}
	v := t.Vessel
	props := map[string]any{"mmsi": v.MMSI, "name": v.Name, "callsign": v.Callsign, "imo": v.IMO,
		"ship_type": v.ShipType, "flag": v.Flag, "destination": v.Destination, "kind": "track"}
	if t.Note != "" {
		props["note"] = t.Note
	}
	if n := len(t.Positions); n > 0 {
		props["from"] = t.Positions[0].Time.UTC().Format(time.RFC3339)
		props["to"] = t.Positions[n-1].Time.UTC().Format(time.RFC3339)
	}
	feats = append(feats, geoFeature{Type: "Feature", Geometry: geoGeometry{"LineString", line}, Properties: props})
	for _, p := range t.Positions {
		pp := map[string]any{"mmsi": p.MMSI, "time": p.Time.UTC().Format(time.RFC3339Nano), "kind": "fix"}
		fixProps(pp, &p)
		feats = append(feats, geoFeature{Type: "Feature", Geometry: geoGeometry{"Point", [2]float64{p.Lon, p.Lat}}, Properties: pp})
	}
	enc := json.NewEncoder(w)
	return enc.Encode(map[string]any{"type": "FeatureCollection", "features": feats})
}

// fixProps adds a fix's optional values and flags to a property map.
func fixProps(m map[string]any, p *sitrep.Position) {
	if v, ok := p.SpeedOverGround(); ok {
		m["sog"] = v
	}
	if v, ok := p.CourseOverGround(); ok {
		m["cog"] = v
	}
	if v, ok := p.TrueHeading(); ok {
		m["heading"] = v
	}
	if v, ok := p.NavigationStatus(); ok {
		m["nav_status"] = v.String()
	}
	if p.Flags != 0 {
		m["flags"] = p.Flags.String()
	}
}
