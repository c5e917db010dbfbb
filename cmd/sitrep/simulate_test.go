package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
