package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// writeKML writes a KML document with the track as a gx-free LineString
// placemark (flagged fixes left out) and a folder of timestamped fixes.
func writeKML(w io.Writer, t Track) error {
	type point struct {
		Coordinates string `xml:"coordinates"`
	}
	type line struct {
		Tessellate  int    `xml:"tessellate"`
		Coordinates string `xml:"coordinates"`
	}
	type timeStamp struct {
		When string `xml:"when"`
	}
	type placemark struct {
		Name        string     `xml:"name"`
		Description string     `xml:"description,omitempty"`
		TimeStamp   *timeStamp `xml:"TimeStamp,omitempty"`
		LineString  *line      `xml:"LineString,omitempty"`
		Point       *point     `xml:"Point,omitempty"`
	}
	type folder struct {
		Name       string      `xml:"name"`
		Placemarks []placemark `xml:"Placemark"`
	}
	type document struct {
		Name        string    `xml:"name"`
		Description string    `xml:"description,omitempty"`
		Placemark   placemark `xml:"Placemark"`
		Folder      folder    `xml:"Folder"`
	}
	type kml struct {
		XMLName  xml.Name `xml:"http://www.opengis.net/kml/2.2 kml"`
		Document document `xml:"Document"`
	}
	var coords strings.Builder
	fixes := make([]placemark, 0, len(t.Positions))
	for _, p := range t.Positions {
		c := strconv.FormatFloat(p.Lon, 'f', -1, 64) + "," + strconv.FormatFloat(p.Lat, 'f', -1, 64)
		if p.Flags == 0 {
			coords.WriteString(c)
			coords.WriteByte(' ')
		}
		desc := describe(&p.Time, p.Flags.String())
		if v, ok := p.SpeedOverGround(); ok {
			desc += fmt.Sprintf(", %.1f kn", v)
		}
		if v, ok := p.CourseOverGround(); ok {
			desc += fmt.Sprintf(", course %.1f°", v)
		}
		fixes = append(fixes, placemark{Name: p.Time.UTC().Format("2006-01-02 15:04:05Z"), Description: desc,
			TimeStamp: &timeStamp{p.Time.UTC().Format(time.RFC3339)}, Point: &point{c}})
	}
	doc := kml{Document: document{
		Name:        title(t.Vessel),
		Description: t.Note,
		Placemark:   placemark{Name: title(t.Vessel) + " track", LineString: &line{1, strings.TrimSpace(coords.String())}},
		Folder:      folder{Name: "Fixes", Placemarks: fixes},
	}}
	return writeXML(w, doc)
}

func describe(t *time.Time, flags string) string {
	s := t.UTC().Format(time.RFC3339)
	if flags != "" {
		s += " [" + flags + "]"
	}
	return s
}

// writeGPX writes a GPX 1.1 track of the unflagged fixes.
func writeGPX(w io.Writer, t Track) error {
	type trkpt struct {
		Lat    string  `xml:"lat,attr"`
		Lon    string  `xml:"lon,attr"`
		Time   string  `xml:"time"`
		Course *string `xml:"course,omitempty"`
		Speed  *string `xml:"speed,omitempty"` // m/s, as GPX 1.0 defined it
	}
	type seg struct {
		Points []trkpt `xml:"trkpt"`
	}
	type trk struct {
		Name string `xml:"name"`
		Desc string `xml:"desc,omitempty"`
		Seg  seg    `xml:"trkseg"`
	}
	type gpx struct {
		XMLName xml.Name `xml:"http://www.topografix.com/GPX/1/1 gpx"`
		Version string   `xml:"version,attr"`
		Creator string   `xml:"creator,attr"`
		Trk     trk      `xml:"trk"`
	}
	g := gpx{Version: "1.1", Creator: "sitrep", Trk: trk{Name: title(t.Vessel), Desc: t.Note}}
	for _, p := range t.Positions {
		if p.Flags != 0 {
			continue
		}
		pt := trkpt{Lat: strconv.FormatFloat(p.Lat, 'f', -1, 64), Lon: strconv.FormatFloat(p.Lon, 'f', -1, 64),
			Time: p.Time.UTC().Format(time.RFC3339Nano)}
		if v, ok := p.CourseOverGround(); ok {
			s := strconv.FormatFloat(float64(v), 'f', 1, 32)
			pt.Course = &s
		}
		if v, ok := p.SpeedOverGround(); ok {
			s := strconv.FormatFloat(float64(v)*1852/3600, 'f', 2, 64)
			pt.Speed = &s
		}
		g.Trk.Seg.Points = append(g.Trk.Seg.Points, pt)
	}
	return writeXML(w, g)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
