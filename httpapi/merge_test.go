package httpapi

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// TestMergeLive: the live state may know less than the store (a vessel it
// heard only since start, or only by a static message): the merge keeps
// what the store knows and takes what the live state knows later.
func TestMergeLive(t *testing.T) {
	t0 := time.Date(2025, 2, 9, 21, 0, 0, 0, time.UTC)
	pos := func(at time.Time) *sitrep.Position {
		return &sitrep.Position{MMSI: 273990001, Time: at, Lat: 35.95, Lon: -5.6}
	}
	stored := sitrep.Vessel{Identity: sitrep.Identity{MMSI: 273990001, Name: "SPARTA", IMO: 9268710},
		Voyage: sitrep.Voyage{Destination: "ST PETERSBURG"}, LastPosition: pos(t0), FirstSeen: t0.Add(-480 * time.Hour), LastSeen: t0}

	// Heard again later, by a message without identity, and no fix yet.
	lv := sitrep.Vessel{Identity: sitrep.Identity{MMSI: 273990001}, FirstSeen: t0.Add(time.Hour), LastSeen: t0.Add(time.Hour)}
	got := mergeLive(stored, lv)
	if got.Name != "SPARTA" || got.Destination != "ST PETERSBURG" || got.LastPosition == nil || !got.LastPosition.Time.Equal(t0) ||
		!got.FirstSeen.Equal(stored.FirstSeen) || !got.LastSeen.Equal(t0.Add(time.Hour)) {
		t.Errorf("live without identity or fix: %+v", got)
	}

	// A newer fix and a new destination.
	lv.LastPosition, lv.Name, lv.Destination = pos(t0.Add(time.Hour)), "SPARTA", "KALININGRAD"
	got = mergeLive(stored, lv)
	if !got.LastPosition.Time.Equal(t0.Add(time.Hour)) || got.Destination != "KALININGRAD" {
		t.Errorf("newer live fix and destination: %+v", got)
	}

	// An older live entry changes nothing.
	old := sitrep.Vessel{Identity: sitrep.Identity{MMSI: 273990001, Name: "OLD"}, LastPosition: pos(t0.Add(-time.Hour)),
		FirstSeen: t0.Add(-time.Hour), LastSeen: t0.Add(-time.Hour)}
	if got := mergeLive(stored, old); got.Name != "SPARTA" || !got.LastPosition.Time.Equal(t0) || !got.LastSeen.Equal(t0) {
		t.Errorf("older live entry: %+v", got)
	}
}
