package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// simTrack is a SIMULATED three-fix track with one flagged jump.
func simTrack() Track {
	t0 := time.Date(2025, 2, 9, 22, 0, 0, 0, time.UTC)
	v := sitrep.Vessel{Identity: sitrep.Identity{MMSI: 273000001, Name: "SPARTA", IMO: 9268710, Flag: "RU"}}
	var ps []sitrep.Position
	for i, ll := range [][2]float64{{35.95, -5.20}, {35.96, -5.30}, {10, 10}} {
		p := sitrep.Position{MMSI: v.MMSI, Time: t0.Add(time.Duration(i) * time.Minute), Lat: ll[0], Lon: ll[1]}
		p.SetSOG(12.5)
		p.SetCOG(270)
		if i == 2 {
			p.Flags = sitrep.FlagSpeedJump
		}
		ps = append(ps, p)
	}
	return Track{Vessel: v, Positions: ps, Note: "SIMULATED data"}
}

func TestParseFormat(t *testing.T) {
	if f, err := ParseFormat("KML"); err != nil || f != KML {
		t.Errorf("%v %v", f, err)
	}
	if _, err := ParseFormat("shp"); err == nil || sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "geojson, csv, kml, gpx") {
		t.Errorf("err %v", err)
	}
}

func TestGeoJSON(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, GeoJSON, simTrack()); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Geometry struct {
				Type        string
				Coordinates json.RawMessage
			}
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(b.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 4 {
		t.Fatalf("%s", b.String())
	}
	var line [][2]float64
	json.Unmarshal(fc.Features[0].Geometry.Coordinates, &line)
	if len(line) != 2 || line[0] != [2]float64{-5.20, 35.95} {
		t.Errorf("line %v: lon,lat order and the flagged fix left out", line)
	}
	if fc.Features[3].Properties["flags"] != "speed_jump" || fc.Features[0].Properties["note"] != "SIMULATED data" {
		t.Errorf("properties %v %v", fc.Features[3].Properties, fc.Features[0].Properties)
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, CSV, simTrack()); err != nil {
		t.Fatal(err)
	}
	s := strings.TrimPrefix(b.String(), "# SIMULATED data\n")
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[1][2] != "2025-02-09T22:00:00Z" || rows[1][3] != "35.95" || rows[1][5] != "12.5" || rows[3][9] != "speed_jump" {
		t.Errorf("rows %q", rows)
	}
}

func TestKMLAndGPXAreWellFormed(t *testing.T) {
	for _, f := range []Format{KML, GPX} {
		var b bytes.Buffer
		if err := Write(&b, f, simTrack()); err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(&b)
		n := 0
		for {
			tok, err := dec.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("%s: %v", f, err)
				}
				break
			}
			if se, ok := tok.(xml.StartElement); ok && (se.Name.Local == "trkpt" || se.Name.Local == "Point") {
				n++
			}
		}
		want := map[Format]int{KML: 3, GPX: 2}[f] // GPX leaves the flagged fix out
		if n != want {
			t.Errorf("%s: %d points, want %d", f, n, want)
		}
	}
}

// TestSimulatedTrackSaysSo: a track with a position received from a
// simulated station carries SimulatedNote in every format; one without
// does not.
func TestSimulatedTrackSaysSo(t *testing.T) {
	tr := simTrack()
	tr.Note = ""
	for _, f := range Formats {
		var buf bytes.Buffer
		if err := Write(&buf, f, tr); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "SIMULATED") {
			t.Errorf("%s: a track without simulated receipts says SIMULATED", f)
		}
	}
	tr.Positions[1].Sources = []sitrep.Provenance{{Feed: "replay", Station: "sitrep-simulated-tartus"}}
	for _, f := range Formats {
		var buf bytes.Buffer
		if err := Write(&buf, f, tr); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), SimulatedNote) {
			t.Errorf("%s: a track with a simulated receipt lacks the note:\n%s", f, buf.String())
		}
	}
}
