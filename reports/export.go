package reports

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// DerivedNote is what every export says of an entity track.
const DerivedNote = "derived from reports, not AIS"

// Selection is what an export writes: the timeline of a query and the
// tracks of the entities its claims name.
type Selection struct {
	Query  Query        `json:"query"`
	Items  []Item       `json:"items"`
	Tracks []EntityPath `json:"tracks"`
}

// EntityPath is an entity with its track derived from reports.
type EntityPath struct {
	Entity sitrep.Entity       `json:"entity"`
	Points []sitrep.TrackPoint `json:"points"`
}

// Select returns the selection for q: Timeline(q), and the tracks of
// q.EntityID and of every entity a selected claim names.
//
// Errors: those of Timeline and EntityTrack.
func (f *Fusion) Select(ctx context.Context, q Query) (*Selection, error) {
	items, err := f.Timeline(ctx, q)
	if err != nil {
		return nil, err
	}
	s := &Selection{Query: q, Items: items, Tracks: []EntityPath{}}
	seen := map[string]bool{}
	ids := []string{}
	if q.EntityID != "" {
		ids = append(ids, q.EntityID)
	}
	for _, it := range items {
		if c, ok := it.ClaimOf(); ok {
			ids = append(ids, c.Entities...)
		}
	}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		e, err := f.Reports.Entity(ctx, id)
		if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
			continue // named by a claim but not defined: no track
		}
		if err != nil {
			return nil, err
		}
		pts, err := f.EntityTrack(ctx, id)
		if err != nil {
			return nil, err
		}
		s.Tracks = append(s.Tracks, EntityPath{Entity: e, Points: pts})
	}
	return s, nil
}

type feature struct {
	Type       string         `json:"type"`
	Geometry   geometry       `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type geometry struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"`
}

// WriteGeoJSON writes the selection as a FeatureCollection: a Point for
// each AIS event ("kind": "ais_event", with its rule); a Point, or a
// Polygon for an area, for each located claim ("kind": "report_claim",
// with source, grade and precisions); for each entity a LineString of its
// joinable track points ("kind": "entity_track", "line": "dashed",
// "derived": DerivedNote) and a Point per track point.
func WriteGeoJSON(w io.Writer, s *Selection) error {
	feats := []feature{}
	for _, it := range s.Items {
		props := itemProps(it)
		var g *geometry
		if c, ok := it.ClaimOf(); ok && c.Where.Area != nil && c.Where.Point == nil {
			a := c.Where.Area
			g = &geometry{"Polygon", [][][2]float64{{{a.MinLon, a.MinLat}, {a.MaxLon, a.MinLat}, {a.MaxLon, a.MaxLat}, {a.MinLon, a.MaxLat}, {a.MinLon, a.MinLat}}}}
		} else if it.Lat != nil {
			g = &geometry{"Point", [2]float64{*it.Lon, *it.Lat}}
		}
		if g == nil {
			continue
		}
		feats = append(feats, feature{"Feature", *g, props})
	}
	for _, tr := range s.Tracks {
		var line [][2]float64
		var pts []map[string]any
		for _, p := range tr.Points {
			pp := trackPointProps(tr.Entity, p)
			feats = append(feats, feature{"Feature", geometry{"Point", [2]float64{p.At.Lon, p.At.Lat}}, pp})
			if Joinable(p) {
				line = append(line, [2]float64{p.At.Lon, p.At.Lat})
				pts = append(pts, map[string]any{"from": rfc(p.When.From), "to": rfc(p.When.End()), "precision": p.When.Precision, "report_id": p.ReportID, "grade": p.Grade})
			}
		}
		if len(line) < 2 {
			continue
		}
		feats = append(feats, feature{"Feature", geometry{"LineString", line}, map[string]any{
			"kind": "entity_track", "entity_id": tr.Entity.ID, "name": tr.Entity.Name, "entity_kind": tr.Entity.Kind,
			"derived": DerivedNote, "line": "dashed", "stroke-dasharray": "6 4", "points": pts}})
	}
	return json.NewEncoder(w).Encode(map[string]any{"type": "FeatureCollection", "features": feats})
}

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// itemProps are the properties of a timeline item's feature.
func itemProps(it Item) map[string]any {
	p := map[string]any{"start": rfc(it.Start), "end": rfc(it.End), "summary": it.Summary, "source": it.Source, "grade": it.Grade}
	if it.Event != nil {
		p["kind"] = "ais_event"
		p["event_id"] = it.Event.ID
		p["event_kind"] = it.Event.Kind
		p["mmsi"] = it.Event.MMSI.String()
		p["rule"] = formatRule(it.Event.Rule)
		if it.Event.SiteID != "" {
			p["site_id"] = it.Event.SiteID
		}
		return p
	}
	c := it.Report.Claims[it.Claim]
	p["kind"] = "report_claim"
	p["report_id"] = it.Report.ID
	p["claim"] = it.Claim
	p["what"] = c.What
	p["time_precision"] = c.When.Precision
	p["place_precision"] = c.Where.Precision
	p["place"] = FormatPlace(c.Where)
	if c.Count != nil {
		p["count"] = c.Count.String()
	}
	if c.Likelihood != "" {
		p["likelihood"] = c.Likelihood.Describe()
	}
	if it.Report.Simulated {
		p["simulated"] = true
	}
	return p
}

func trackPointProps(e sitrep.Entity, p sitrep.TrackPoint) map[string]any {
	return map[string]any{"kind": "entity_track_point", "entity_id": e.ID, "derived": DerivedNote, "what": p.What,
		"from": rfc(p.When.From), "to": rfc(p.When.End()), "time_precision": p.When.Precision, "place_precision": p.Place.Precision,
		"place": FormatPlace(p.Place), "report_id": p.ReportID, "grade": p.Grade, "joined": Joinable(p)}
}

// WriteCSV writes one row per timeline item and per entity track point,
// with a header.
func WriteCSV(w io.Writer, s *Selection) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"kind", "start", "end", "time_precision", "source", "grade", "summary", "report_id", "claim", "event_id", "rule", "entity_id", "place", "place_precision", "lat", "lon"})
	ff := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	for _, it := range s.Items {
		row := []string{"", rfc(it.Start), rfc(it.End), string(it.Precision), it.Source, it.Grade, it.Summary, "", "", "", "", "", "", "", ff(it.Lat), ff(it.Lon)}
		if it.Event != nil {
			row[0], row[9], row[10], row[12] = "ais_event", it.Event.ID, formatRule(it.Event.Rule), it.Event.SiteID
		} else {
			c := it.Report.Claims[it.Claim]
			row[0], row[7], row[8] = "report_claim", it.Report.ID, strconv.Itoa(it.Claim)
			row[11], row[12], row[13] = strings.Join(c.Entities, " "), FormatPlace(c.Where), string(c.Where.Precision)
		}
		cw.Write(row)
	}
	for _, tr := range s.Tracks {
		for _, p := range tr.Points {
			lat, lon := p.At.Lat, p.At.Lon
			cw.Write([]string{"entity_track_point", rfc(p.When.From), rfc(p.When.End()), string(p.When.Precision), "", p.Grade,
				DerivedNote, p.ReportID, strconv.Itoa(p.Claim), "", "", tr.Entity.ID, FormatPlace(p.Place), string(p.Place.Precision), ff(&lat), ff(&lon)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteKML writes the selection as KML: a placemark per located item
// (TimeSpan, grade in the name), and per entity a dashed-style line of its
// joinable track points described as DerivedNote. KML has no dashed lines:
// the track gets its own style (thin, orange) and says it is derived.
func WriteKML(w io.Writer, s *Selection) error {
	type timeSpan struct {
		Begin string `xml:"begin"`
		End   string `xml:"end"`
	}
	type point struct {
		Coordinates string `xml:"coordinates"`
	}
	type line struct {
		Tessellate  int    `xml:"tessellate"`
		Coordinates string `xml:"coordinates"`
	}
	type placemark struct {
		Name        string    `xml:"name"`
		Description string    `xml:"description,omitempty"`
		StyleURL    string    `xml:"styleUrl,omitempty"`
		TimeSpan    *timeSpan `xml:"TimeSpan,omitempty"`
		Point       *point    `xml:"Point,omitempty"`
		LineString  *line     `xml:"LineString,omitempty"`
	}
	type lineStyle struct {
		Color string  `xml:"color"`
		Width float64 `xml:"width"`
	}
	type style struct {
		ID        string    `xml:"id,attr"`
		LineStyle lineStyle `xml:"LineStyle"`
	}
	type document struct {
		Name       string      `xml:"name"`
		Style      style       `xml:"Style"`
		Placemarks []placemark `xml:"Placemark"`
	}
	type kml struct {
		XMLName  xml.Name `xml:"http://www.opengis.net/kml/2.2 kml"`
		Document document `xml:"Document"`
	}
	coord := func(lat, lon float64) string {
		return strconv.FormatFloat(lon, 'f', -1, 64) + "," + strconv.FormatFloat(lat, 'f', -1, 64)
	}
	doc := document{Name: "sitrep: " + describeQuery(s.Query), Style: style{ID: "derived-track", LineStyle: lineStyle{Color: "ff0080ff", Width: 2}}}
	for _, it := range s.Items {
		if it.Lat == nil {
			continue
		}
		pm := placemark{Name: fmt.Sprintf("[%s] %s", it.Grade, truncateText(it.Summary, 80)), Description: it.Summary,
			TimeSpan: &timeSpan{rfc(it.Start), rfc(it.End)}, Point: &point{coord(*it.Lat, *it.Lon)}}
		if it.Event != nil {
			pm.Description += " (AIS event, rule " + formatRule(it.Event.Rule) + ")"
		} else {
			pm.Description += fmt.Sprintf(" (report %s, source %s, grade %s)", it.Report.ID, it.Source, it.Grade)
		}
		doc.Placemarks = append(doc.Placemarks, pm)
	}
	for _, tr := range s.Tracks {
		var cs []string
		for _, p := range tr.Points {
			if Joinable(p) {
				cs = append(cs, coord(p.At.Lat, p.At.Lon))
			}
		}
		if len(cs) < 2 {
			continue
		}
		doc.Placemarks = append(doc.Placemarks, placemark{Name: tr.Entity.Name + " (" + DerivedNote + ")",
			Description: fmt.Sprintf("Track of %s %s %s; %d points.", tr.Entity.Kind, tr.Entity.ID, DerivedNote, len(cs)),
			StyleURL:    "#derived-track", LineString: &line{1, strings.Join(cs, " ")}})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(kml{Document: doc}); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func truncateText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
