package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBriefMarkdownAndHTML(t *testing.T) {
	dir := loadTartusCLI(t)
	out, _, err := run(t, "", "brief", "--data", dir, "--area", "34.8,35.8,35.5,36.1", "--from", "2025-02-10", "--to", "2025-02-10", "--now", "2025-02-15T09:00:00Z")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# Situation report: area 34.80,35.80–35.50,36.10 (lat,lon), 10 Feb 2025 – 10 Feb 2025",
		"Generated 2025-02-15 09:00 UTC",
		"### Monday 10 February 2025",
		"**2025-02-10 17:00 +03:00 (14:00Z) (hour), \"about 17:00 local\"** — The convoy is forced to return to Khmeimim at about 17:00 local time.",
		"TRT World / TRT Haber [C3]",
		"| count | 24 vehicles — Defense Express, C3 (defense-express-convoy-count) |",
		"| count | 35 vehicles — Other social-media posts on the convoy, F4 (social-posts-convoy-count) |",
		"| 30 vehicles — TRT World / TRT Haber, C3 (trt-convoy-turned-back) |",
		"**almost certain (95–99 %), confidence not stated** (ICD 203)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("brief lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "No AIS event store") { // the sqlite store keeps events
		t.Errorf("brief says the store has no events:\n%s", out)
	}
	html := filepath.Join(t.TempDir(), "b.html")
	if _, _, err := run(t, "", "brief", "--data", dir, "--site", "tartus-naval-base", "--format", "html", "-o", html); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(html)
	if err != nil || !strings.HasPrefix(string(b), "<!DOCTYPE html>") || !strings.Contains(string(b), "Maxar Technologies") {
		t.Errorf("HTML brief: %v\n%.300s", err, b)
	}
	if _, _, err := run(t, "", "brief", "--data", dir, "--format", "pdf"); err == nil {
		t.Error("--format pdf accepted")
	}
}

func TestReportsExportAndCorroborate(t *testing.T) {
	dir := loadTartusCLI(t)
	out, _, err := run(t, "", "reports", "export", "--data", dir, "--entity", "khmeimim-convoy-2025-02-10", "--format", "geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Geometry   struct{ Type string } `json:"geometry"`
			Properties map[string]any        `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(out), &fc); err != nil {
		t.Fatal(err)
	}
	tracks := 0
	for _, f := range fc.Features {
		if f.Properties["kind"] == "entity_track" && f.Geometry.Type == "LineString" && f.Properties["derived"] == "derived from reports, not AIS" {
			tracks++
		}
	}
	if tracks != 1 {
		t.Errorf("%d derived tracks in:\n%s", tracks, out)
	}
	out, _, err = run(t, "", "reports", "corroborate", "--data", dir, "rferl-sparta-departure")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "! time: 2025-01-26  vs  2025-01-29 — uk-di-departures#2 [B3, uk-mod-di]") {
		t.Errorf("corroborate:\n%s", out)
	}
	out, _, err = run(t, "", "reports", "timeline", "--data", dir, "--imo", "9268710", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var items []struct {
		Grade string `json:"grade"`
	}
	if err := json.Unmarshal([]byte(out), &items); err != nil || len(items) != 7 {
		t.Errorf("timeline --imo 9268710: %d items, %v", len(items), err)
	}
}
