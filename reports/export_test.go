package reports_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/reports"
)

// convoySelection selects the Tartus area (the base, the checkpoint and
// the road from Khmeimim) on 10 Feb 2025.
func convoySelection(t *testing.T) *reports.Selection {
	t.Helper()
	f := tartusFusion(t)
	s, err := f.Select(t.Context(), reports.Query{Area: &sitrep.Area{MinLat: 34.8, MinLon: 35.8, MaxLat: 35.5, MaxLon: 36.1},
		Range: sitrep.TimeRange{From: mustTime(t, "2025-02-10T00:00:00Z"), To: mustTime(t, "2025-02-11T00:00:00Z")}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestExportGeoJSON(t *testing.T) {
	s := convoySelection(t)
	var buf bytes.Buffer
	if err := reports.WriteGeoJSON(&buf, s); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil || fc.Type != "FeatureCollection" {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	kinds := map[string]int{}
	for _, f := range fc.Features {
		k, _ := f.Properties["kind"].(string)
		kinds[k+"/"+f.Geometry.Type]++
		if k == "entity_track" {
			if f.Properties["derived"] != reports.DerivedNote || f.Properties["line"] != "dashed" {
				t.Errorf("track properties %v", f.Properties)
			}
			var line [][2]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &line); err != nil || len(line) != 3 {
				t.Errorf("track line %s: want Khmeimim, checkpoint, checkpoint", f.Geometry.Coordinates)
			} else if line[0][1] < 35.3 || line[1][1] > 35 {
				t.Errorf("track starts at %v, then %v: want Khmeimim (35.4 N) then the checkpoint", line[0], line[1])
			}
		}
	}
	// Claims: TRT's departure (point), block and turn-back (the checkpoint
	// area), the video, two counts, the assessment; one dashed track with
	// its six points.
	want := map[string]int{"report_claim/Point": 5, "report_claim/Polygon": 2, "entity_track/LineString": 1, "entity_track_point/Point": 6}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%s: %d features, want %d (all: %v)", k, kinds[k], n, kinds)
		}
	}
}

func TestExportCSVAndKML(t *testing.T) {
	s := convoySelection(t)
	var buf bytes.Buffer
	if err := reports.WriteCSV(&buf, s); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(s.Items)+6 || rows[0][0] != "kind" {
		t.Errorf("%d CSV rows for %d items + 6 track points", len(rows), len(s.Items))
	}
	for _, r := range rows[1:] {
		if r[0] == "report_claim" && r[5] == "" {
			t.Errorf("claim row without grade: %v", r)
		}
	}
	buf.Reset()
	if err := reports.WriteKML(&buf, s); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Placemarks []struct {
			Name string `xml:"name"`
		} `xml:"Document>Placemark"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range doc.Placemarks {
		names = append(names, p.Name)
	}
	all := strings.Join(names, "\n")
	if !strings.Contains(all, "[C3] The convoy is forced to return") || !strings.Contains(all, "(derived from reports, not AIS)") {
		t.Errorf("KML placemarks:\n%s", all)
	}
}
