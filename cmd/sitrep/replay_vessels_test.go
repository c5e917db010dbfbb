package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/sqlite"
)

// TestReplayStoresEachVesselsOwnLastPosition: after a replay every stored
// vessel's last position is its own (its MMSI) and is the last point of
// its stored track (the vessel rows are written from the track state,
// which hands out reused values).
func TestReplayStoresEachVesselsOwnLastPosition(t *testing.T) {
	dir := t.TempDir()
	files, _ := filepath.Glob("../../testdata/ais/*.nmea")
	if _, _, err := run(t, "", append([]string{"replay", "--data", dir, "--progress=false"}, files...)...); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := sqlite.Open(ctx, dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	vs, err := s.Vessels(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	with := 0
	for _, v := range vs {
		if v.LastPosition == nil {
			continue
		}
		with++
		if v.LastPosition.MMSI != v.MMSI {
			t.Fatalf("vessel %s has the last position of %s", v.MMSI, v.LastPosition.MMSI)
		}
		tr, err := s.Track(ctx, v.MMSI, sitrep.TimeRange{})
		if err != nil {
			t.Fatal(err)
		}
		// The last accepted fix: implausible ones are stored, flagged, but
		// are never a vessel's last position.
		var last *sitrep.Position
		for i := range tr {
			if !tr[i].Flags.Implausible() && (last == nil || !tr[i].Time.Before(last.Time)) {
				last = &tr[i]
			}
		}
		if last != nil && !last.Time.Equal(v.LastPosition.Time.Truncate(time.Millisecond)) {
			t.Errorf("vessel %s: last position at %v, its last plausible fix at %v", v.MMSI, v.LastPosition.Time, last.Time)
		}
	}
	if with < 100 {
		t.Fatalf("only %d of %d vessels have a last position", with, len(vs))
	}
}
