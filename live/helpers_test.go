package live

import (
	"bytes"
	"errors"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/ingest"
	"github.com/sitrep-osint/sitrep/nmea"
	"github.com/sitrep-osint/sitrep/sim"
	"github.com/sitrep-osint/sitrep/track"
)

// newTrack returns an empty live (not batch) track state.
func newTrack(t testing.TB) *track.State {
	t.Helper()
	st, err := track.New(track.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// fix returns a plausible Class A fix of mmsi at lat, lon from feed.
func fix(mmsi sitrep.MMSI, lat, lon float64, feed, station string) sitrep.Position {
	p := sitrep.Position{MMSI: mmsi, Time: time.Date(2025, 1, 25, 12, 0, 0, 0, time.UTC), Lat: lat, Lon: lon,
		Class: sitrep.ClassA, Sources: []sitrep.Provenance{{Feed: feed, Station: station}}}
	p.SetSOG(12.5)
	p.SetCOG(90)
	return p
}

var (
	simOnce  sync.Once
	simState *track.State
	simErr   error
)

// simulated50k returns a track state holding the 50,000 SIMULATED vessels
// of a one-minute capture of package sim (seed 1, whole world), decoded
// and ingested as serve does. It is built once and must not be modified.
func simulated50k(t testing.TB) *track.State {
	t.Helper()
	simOnce.Do(func() {
		g, err := sim.New(sim.Config{Vessels: 50_000, Start: time.Date(2025, 1, 25, 0, 0, 0, 0, time.UTC),
			Duration: 3 * time.Minute, Seed: 1})
		if err != nil {
			simErr = err
			return
		}
		var buf bytes.Buffer
		if _, err := g.WriteTo(&buf); err != nil {
			simErr = err
			return
		}
		st, err := track.New(track.Config{})
		if err != nil {
			simErr = err
			return
		}
		var ps []sitrep.Position
		stage := ingest.New(ingest.Config{Feed: "sim"}, ingest.Sink{
			Position: func(p sitrep.Position) { ps = append(ps, p) },
			Identity: func(u ingest.IdentityUpdate) { st.ObserveAll(ps); ps = ps[:0]; st.Apply(u) },
		})
		r := nmea.NewReader(&buf, nmea.ReaderConfig{Source: "sim"})
		dec := ais.NewDecoder()
		recv := time.Date(2025, 1, 25, 0, 0, 0, 0, time.UTC)
		for {
			msg, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				var pe *nmea.ParseError
				if errors.As(err, &pe) {
					continue
				}
				simErr = err
				return
			}
			m, derr := dec.Decode(msg.Payload, msg.FillBits)
			if m == nil || (derr != nil && !errors.Is(derr, ais.ErrShort)) {
				continue
			}
			stage.Handle(msg, m, recv)
		}
		st.ObserveAll(ps)
		simState = st
	})
	if simErr != nil {
		t.Fatal(simErr)
	}
	return simState
}
