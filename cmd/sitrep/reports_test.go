package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// loadTartusCLI loads the story's report files into a fresh data directory
// through the CLI and returns the directory.
func loadTartusCLI(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob("../../scenario/tartus/reports/*.yaml")
	if len(files) < 4 {
		t.Fatalf("Tartus report files: %v", files)
	}
	out, summary, err := run(t, "", append([]string{"reports", "load", "--data", dir}, files...)...)
	if err != nil {
		t.Fatalf("load: %v\n%s\n%s", err, out, summary)
	}
	if !strings.Contains(summary, "12 reports stored (0 unchanged); 0 problems") {
		t.Errorf("load summary: %s", summary)
	}
	return dir
}

func TestReportsLoadListShow(t *testing.T) {
	dir := loadTartusCLI(t)
	out, _, err := run(t, "", "reports", "list", "--data", dir, "--site", "tartus-naval-base", "--from", "2025-01-25", "--to", "2025-01-26")
	if err != nil {
		t.Fatal(err)
	}
	// The imagery of 25 Jan and the RFE/RL departure of 26 Jan (day
	// precision widens it into the evening of 25 Jan), not UK DI's 28 Jan.
	for _, want := range []string{"maxar-tartus-2025-01-25", "B2", "rferl-sparta-departure"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "uk-di-departures") || strings.Contains(out, "trt-convoy") {
		t.Errorf("list has reports outside the range:\n%s", out)
	}

	out, _, err = run(t, "", "reports", "list", "--data", dir, "--source", "trt", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rs []struct {
		ID     string `json:"id"`
		Claims []struct {
			What string `json:"what"`
		} `json:"claims"`
	}
	if err := json.Unmarshal([]byte(out), &rs); err != nil || len(rs) != 1 || rs[0].ID != "trt-convoy-turned-back" || len(rs[0].Claims) != 3 {
		t.Errorf("list --source trt: %v\n%s", err, out)
	}

	out, _, err = run(t, "", "reports", "show", "--data", dir, "trt-convoy-turned-back")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"grade        C3 (fairly reliable; possibly true)", "2025-02-10 17:00 +03:00 (14:00Z) (hour)", "30 vehicles", "versions:"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	out, _, err = run(t, "", "reports", "show", "--data", dir, "uk-di-negotiations-2025-02-10")
	if err != nil || !strings.Contains(out, "almost certain (95–99 %)") || !strings.Contains(out, "not stated by the source") {
		t.Errorf("show assessment: %v\n%s", err, out)
	}
	if _, _, err := run(t, "", "reports", "show", "--data", dir, "nope"); err == nil || !strings.Contains(err.Error(), "no report nope") {
		t.Errorf("show unknown: %v", err)
	}
	out, _, err = run(t, "", "reports", "sources", "--data", dir, "trt")
	if err != nil || !strings.Contains(out, "reliability C (fairly reliable)") || !strings.Contains(out, "new -> C") {
		t.Errorf("sources trt: %v\n%s", err, out)
	}
}

func TestReportsLoadBadFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	src := `sources:
  - {id: sim, name: Simulated, kind: outlet, reliability: C}
reports:
  - id: good
    title: Simulated good report
    source: sim
    credibility: 3
    claims:
      - {what: sighting, text: x, when: {at: "2025-02-10", zone: UTC}}
  - id: bad
    title: Simulated bad report
    source: sim
    credibility: 3
    claims:
      - what: sighting
        text: x
        when: {from: "about noon", to: "2025-02-10T13:00Z"}
`
	if err := os.WriteFile(bad, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := run(t, "", "reports", "load", "--data", dir, bad)
	if err == nil {
		t.Fatal("load of a bad file succeeded")
	}
	if !strings.Contains(stderr, bad+`:17: reports[1].claims[0].when.from: not a time: "about noon"`) {
		t.Errorf("stderr:\n%s", stderr)
	}
	if !strings.Contains(out, "report good created") {
		t.Errorf("good report not loaded:\n%s", out)
	}
}
