package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

func TestSimulateHelpSaysSimulated(t *testing.T) {
	out, _, err := run(t, "", "simulate", "--help")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "SIMULATED") || !strings.Contains(out, "invented") {
		t.Errorf("help does not say the data is simulated:\n%s", out)
	}
	root, _, _ := run(t, "", "--help")
	if !strings.Contains(root, "simulate") {
		t.Errorf("root help lacks simulate:\n%s", root)
	}
}

func TestSimulateDecodes(t *testing.T) {
	args := []string{"simulate", "--vessels", "30", "--duration", "15m", "--start", "2025-01-25T00:00:00Z", "--seed", "5"}
	capture, summary, err := run(t, "", args...)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(summary, "SIMULATED") || !strings.Contains(summary, "30 vessels") || !strings.Contains(summary, " 5:") {
		t.Errorf("summary: %s", summary)
	}
	if !strings.HasPrefix(capture, `\s:sitrep-simulated,c:1737763`) {
		t.Errorf("capture starts %.80q", capture)
	}
	// The same flags write the same bytes, to a file too.
	file := filepath.Join(t.TempDir(), "sim.nmea")
	if _, _, err := run(t, "", append(args, "--out", file)...); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil || string(b) != capture {
		t.Fatalf("--out file differs from stdout (%d vs %d bytes): %v", len(b), len(capture), err)
	}
	// And sitrep decode reads it all without a rejection.
	_, dsum, err := run(t, capture, "decode", "--quiet")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dsum, " 0 rejected") {
		t.Errorf("decode summary: %s", dsum)
	}
}

func TestSimulateBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"simulate", "--vessels", "0"},
		{"simulate", "--start", "yesterday"},
		{"simulate", "--area", "nowhere"},
		{"simulate", "--duration", "-1m"},
		{"simulate", "extra-arg"},
	} {
		if _, _, err := run(t, "", args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// TestSimulateTartusScenarioDetects is the end-to-end check of the Tartus
// scenario: it writes the SIMULATED capture with simulate --scenario (the
// scenario file as it is, but 5 background vessels per area instead of
// 150 and 80, to keep the test quick), replays it with detection into a
// fresh store and reads the events back: both ships depart the Tartus
// naval base after the imagery of 25 Jan, SPARTA's transponder goes
// silent near Malta for 12 h or more (a suspicious gap), the declared
// destinations change as in the story, both arrive at their Baltic ports,
// and both transit the Strait of Gibraltar westbound on 9-10 Feb.
func TestSimulateTartusScenarioDetects(t *testing.T) {
	dir := t.TempDir()
	yaml, err := os.ReadFile("../../scenario/tartus/scenario.yaml")
	if err != nil {
		t.Fatal(err)
	}
	small := string(yaml)
	for _, n := range []string{"    vessels: 150 # assumed", "    vessels: 80 # assumed"} {
		if !strings.Contains(small, n) {
			t.Fatalf("scenario lacks %q", n)
		}
		small = strings.Replace(small, n, "    vessels: 5", 1)
	}
	scenario := filepath.Join(dir, "scenario.yaml")
	if err := os.WriteFile(scenario, []byte(small), 0o644); err != nil {
		t.Fatal(err)
	}
	capture := filepath.Join(dir, "tartus.nmea")
	_, summary, err := run(t, "", "simulate", "--scenario", scenario, "--out", capture, "--seed", "1")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"SIMULATED", "scenario tartus-2025 version 1", "2 story vessels, 10 background vessels",
		"time span: 2025-01-20T00:00:00Z to 2025-02-19T23:"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	if _, _, err := run(t, "", "simulate", "--scenario", scenario, "--vessels", "3"); err == nil {
		t.Error("--vessels with --scenario: no error")
	}

	data := filepath.Join(dir, "data")
	if _, summary, err = run(t, "", "replay", "--data", data, "--progress=false", capture); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(summary, " 0 rejected lines") {
		t.Errorf("replay: %s", summary)
	}
	events := func(args ...string) []sitrep.Event {
		t.Helper()
		out, _, err := run(t, "", append([]string{"events", "--data", data, "--format", "json"}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		var es []sitrep.Event
		if err := json.Unmarshal([]byte(out), &es); err != nil {
			t.Fatalf("%v\n%.300s", err, out)
		}
		return es
	}
	const sparta, spartaII = sitrep.MMSI(273990001), sitrep.MMSI(273990002) // the scenario's illustrative MMSIs
	imagery := time.Date(2025, 1, 25, 0, 0, 0, 0, time.UTC)
	found := func(es []sitrep.Event, mmsi sitrep.MMSI, kind sitrep.EventKind, site string, ok func(e sitrep.Event) bool) *sitrep.Event {
		for i, e := range es {
			if e.MMSI == mmsi && e.Kind == kind && (site == "" || e.SiteID == site) && (ok == nil || ok(e)) {
				return &es[i]
			}
		}
		return nil
	}
	es := events("--vessel", sparta.String())
	es = append(es, events("--vessel", spartaII.String())...)
	for _, c := range []struct {
		mmsi sitrep.MMSI
		kind sitrep.EventKind
		site string
		ok   func(e sitrep.Event) bool
		what string
	}{
		{sparta, sitrep.EventDeparture, "tartus-naval-base", func(e sitrep.Event) bool { return e.Start.After(imagery) }, "SPARTA departs the Tartus naval base after 25 Jan"},
		{spartaII, sitrep.EventDeparture, "tartus-naval-base", func(e sitrep.Event) bool { return e.Start.After(imagery) }, "SPARTA II departs the Tartus naval base after 25 Jan"},
		{spartaII, sitrep.EventArrival, "tartus-naval-base", func(e sitrep.Event) bool { return e.Start.Format("2006-01-02") == "2025-01-21" }, "SPARTA II enters the Tartus naval base on 21 Jan"},
		{sparta, sitrep.EventGap, "", func(e sitrep.Event) bool {
			return e.Attrs["severity"] == "suspicious" && e.End.Sub(e.Start) >= 12*time.Hour && e.Lon > 14 && e.Lon < 16
		}, "SPARTA silent for 12 h or more from near Malta"},
		{sparta, sitrep.EventDestinationChange, "", func(e sitrep.Event) bool {
			return e.Attrs["old"] == "TARTUS" && e.Attrs["new"] == "BALTIYSK"
		}, "SPARTA declares BALTIYSK"},
		{sparta, sitrep.EventDestinationChange, "", func(e sitrep.Event) bool {
			return e.Attrs["old"] == "BALTIYSK" && e.Attrs["new"] == "ST PETERSBURG"
		}, "SPARTA changes its destination from BALTIYSK to ST PETERSBURG"},
		{spartaII, sitrep.EventDestinationChange, "", func(e sitrep.Event) bool { return e.Attrs["new"] == "KALININGRAD" }, "SPARTA II declares KALININGRAD"},
		{sparta, sitrep.EventArrival, "st-petersburg-port", nil, "SPARTA arrives at St Petersburg"},
		{spartaII, sitrep.EventArrival, "kaliningrad-port", nil, "SPARTA II arrives at Kaliningrad"},
	} {
		if found(es, c.mmsi, c.kind, c.site, c.ok) == nil {
			t.Errorf("no event: %s", c.what)
		}
	}
	if t.Failed() {
		for _, e := range es {
			t.Logf("%s %s %s %s", e.Start.Format(time.RFC3339), e.Kind, e.SiteID, e.Summary)
		}
	}

	// Neither ship is "arriving while declaring" elsewhere: both declare
	// TARTUS at Tartus, and detection hears a first destination too.
	for _, e := range es {
		if e.Kind == sitrep.EventDeclaredMismatch {
			t.Errorf("declared_mismatch: %s", e.Summary)
		}
	}

	// The Strait of Gibraltar, with the default parameters: detection
	// watches the catalogue's band polygon strait-gibraltar and measures a
	// transit across the band's width. Then the same after re-detection
	// over the store (sitrep detect), which must agree with live.
	for _, redetect := range []bool{false, true} {
		if redetect {
			if _, _, err := run(t, "", "detect", "--data", data, "--from", "2025-01-20", "--to", "2025-02-21"); err != nil {
				t.Fatal(err)
			}
		}
		checkGibraltar(t, events("--site", "strait-gibraltar", "--kind", "transit"), redetect)
	}
}

// checkGibraltar checks both story ships' westbound transits of the Strait
// of Gibraltar on 9-10 Feb among transits.
func checkGibraltar(t *testing.T, transits []sitrep.Event, redetected bool) {
	t.Helper()
	for _, m := range []sitrep.MMSI{273990001, 273990002} {
		ok := false
		for _, e := range transits {
			ok = ok || (e.MMSI == m && e.SiteID == "strait-gibraltar" && e.Attrs["direction"] == "westbound" &&
				!e.Start.Before(time.Date(2025, 2, 9, 0, 0, 0, 0, time.UTC)) && e.Start.Before(time.Date(2025, 2, 11, 0, 0, 0, 0, time.UTC)))
		}
		if !ok {
			t.Errorf("%s: no westbound transit of the Strait of Gibraltar on 9-10 Feb in %d transits (re-detected: %v)", m, len(transits), redetected)
		}
	}
}
