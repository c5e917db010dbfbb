package httpapi

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ingest"
	"github.com/sitrep-osint/sitrep/internal/capturetest"
	"github.com/sitrep-osint/sitrep/live"
	"github.com/sitrep-osint/sitrep/sqlite"
	"github.com/sitrep-osint/sitrep/track"
)

// openStore opens a real SQLite store in a temporary directory.
func openStore(t testing.TB) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), t.TempDir(), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// replay decodes a real capture from testdata/ais through nmea, ais and
// ingest, as sitrep replay does, into the live state and the store
// (positions, vessels, identity changes). It returns the positions stored.
func replay(t testing.TB, store sitrep.Store, state *live.State, name string) []sitrep.Position {
	t.Helper()
	var ps []sitrep.Position
	var ups []ingest.IdentityUpdate
	stage := ingest.New(ingest.Config{Feed: "test"}, ingest.Sink{
		Position: func(p sitrep.Position) { ps = append(ps, p) },
		Identity: func(u ingest.IdentityUpdate) { ups = append(ups, u) },
	})
	capturetest.Replay(t, filepath.Join("..", "testdata", "ais", name), time.Date(2025, 2, 10, 6, 0, 0, 0, time.UTC), stage.Handle)
	if len(ps) == 0 {
		t.Fatalf("%s: no positions", name)
	}
	ctx := context.Background()
	var changes []sitrep.IdentityChange
	var vs []sitrep.Vessel
	state.Update(func(st *track.State) {
		for _, u := range ups {
			changes = append(changes, st.Apply(u)...)
		}
		st.ObserveAll(ps)
		st.Each(func(v *sitrep.Vessel) bool {
			vs = append(vs, *v)
			return true
		})
	})
	if err := store.AddPositions(ctx, ps); err != nil {
		t.Fatal(err)
	}
	if err := store.PutVessels(ctx, vs); err != nil {
		t.Fatal(err)
	}
	if err := store.AddIdentityChanges(ctx, changes); err != nil {
		t.Fatal(err)
	}
	return ps
}

// newLive returns an empty live state over a real track state.
func newLive(t testing.TB) *live.State {
	t.Helper()
	st, err := track.New(track.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return live.NewState(st)
}
