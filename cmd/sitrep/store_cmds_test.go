package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestReplayAndQueries replays the bundled real captures into a fresh data
// directory and queries them through the CLI.
func TestReplayAndQueries(t *testing.T) {
	dir := t.TempDir()
	files, _ := filepath.Glob("../../testdata/ais/*.nmea")
	_, summary, err := run(t, "", append([]string{"replay", "--data", dir, "--progress=false"}, files...)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"7354 lines", "5476 valid AIS sentences", "stored 4067 positions of 1288 vessels"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}

	out, _, err := run(t, "", "vessels", "--data", dir, "search", "vale")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "566206000") || !strings.Contains(out, "VALE CHINA") || !strings.Contains(out, "9522972") {
		t.Errorf("vessels search vale:\n%s", out)
	}

	out, _, err = run(t, "", "vessel", "--data", dir, "566206000", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Vessel struct {
			Name        string `json:"name"`
			Destination string `json:"destination"`
			Flag        string `json:"flag"`
		} `json:"vessel"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if v.Vessel.Name != "VALE CHINA" || v.Vessel.Destination != "PDM BRAZIL" || v.Vessel.Flag != "SG" {
		t.Errorf("vessel %+v", v.Vessel)
	}

	out, _, err = run(t, "", "track", "--data", dir, "636091763", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(out, "\n"); lines < 2 || !strings.HasPrefix(out, "mmsi,name,time,lat,lon") {
		t.Errorf("track csv:\n%s", out)
	}

	if _, _, err := run(t, "", "vessel", "--data", dir, "123456780"); err == nil || !strings.Contains(err.Error(), "no vessel with MMSI 123456780") {
		t.Errorf("unknown vessel: %v", err)
	}
	if _, _, err := run(t, "", "track", "--data", dir, "566206000", "--from", "yesterday"); err == nil || !strings.Contains(err.Error(), "--from") {
		t.Errorf("bad --from: %v", err)
	}
}

func TestImportCSV(t *testing.T) {
	dir := t.TempDir()
	_, summary, err := run(t, "", "import", "--data", dir, "--errors", "../../testdata/csvimport/dma-sample.csv", "../../testdata/csvimport/marinecadastre-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(summary, "6 CSV rows (2 rejected)") || !strings.Contains(summary, "dma-sample.csv:line 4, column \"Longitude\"") {
		t.Errorf("summary:\n%s", summary)
	}
	out, _, err := run(t, "", "vessel", "--data", dir, "273000001")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "SPARTA") || !strings.Contains(out, "ST PETERSBURG -> ") {
		t.Errorf("imported vessel (simulated sample):\n%s", out)
	}
}

// TestReplayIsDeterministic replays a capture without timestamps twice with
// a fixed --received time: the stored tracks are identical and carry that
// time. (Before --received, the wall clock and a randomly seeded dedup
// table made the stored count vary between runs.)
func TestReplayIsDeterministic(t *testing.T) {
	var tracks [2]string
	for i := range tracks {
		dir := t.TempDir()
		if _, _, err := run(t, "", "replay", "--data", dir, "--progress=false", "--received", "2025-01-25T06:00:00Z", "../../testdata/ais/pyais-sample.nmea", "../../testdata/ais/dma-ais250.nmea"); err != nil {
			t.Fatal(err)
		}
		out, _, err := run(t, "", "track", "--data", dir, "237836700", "--format", "csv", "--from", "2025-01-01T00:00:00Z")
		if err != nil {
			t.Fatal(err)
		}
		tracks[i] = out
	}
	if tracks[0] != tracks[1] {
		t.Errorf("two replays differ:\n%s\n%s", tracks[0], tracks[1])
	}
	if !strings.Contains(tracks[0], "2025-01-25T06:00:00Z") {
		t.Errorf("track lacks the --received time:\n%s", tracks[0])
	}
	if _, _, err := run(t, "", "replay", "--data", t.TempDir(), "--received", "yesterday", "../../testdata/ais/pyais-sample.nmea"); err == nil || !strings.Contains(err.Error(), "--received") {
		t.Errorf("bad --received: %v", err)
	}
}
