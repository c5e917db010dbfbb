package track

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// t0 is the event time the tests count from.
var t0 = time.Date(2025, 1, 28, 6, 0, 0, 0, time.UTC)

// newState returns a State with cfg or fails the test.
func newState(tb testing.TB, cfg Config) *State {
	tb.Helper()
	s, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// fixAt returns a plausible Class A fix of mmsi at t0+sec with SOG and COG.
func fixAt(mmsi sitrep.MMSI, sec int, lat, lon float64) sitrep.Position {
	p := sitrep.Position{MMSI: mmsi, Time: t0.Add(time.Duration(sec) * time.Second),
		TimeSource: sitrep.TimeSourceTagBlock, Lat: lat, Lon: lon, Class: sitrep.ClassA}
	p.SetSOG(12.3)
	p.SetCOG(271.4)
	return p
}

// secs returns the times of ps as seconds after t0.
func secs(ps []sitrep.Position) []int {
	out := make([]int, len(ps))
	for i, p := range ps {
		out[i] = int(p.Time.Sub(t0) / time.Second)
	}
	return out
}
