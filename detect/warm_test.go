package detect

import (
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ingest"
	"github.com/sitrep-osint/sitrep/internal/capturetest"
	"github.com/sitrep-osint/sitrep/track"
)

// identityAt is an identity change that came before positions[at].
type identityAt struct {
	at      int
	v       sitrep.Vessel
	changes []sitrep.IdentityChange
}

// decodeStream runs nmea, ais, ingest and track over data, as replay does,
// and returns the positions and, between them, the identity changes.
func decodeStream(tb testing.TB, data []byte) ([]sitrep.Position, []identityAt) {
	tb.Helper()
	st, err := track.New(track.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	var ps []sitrep.Position
	var ids []identityAt
	stage := ingest.New(ingest.Config{Feed: "test"}, ingest.Sink{
		Position: func(p sitrep.Position) { st.Observe(p); ps = append(ps, p) },
		Identity: func(u ingest.IdentityUpdate) {
			cs := st.Apply(u)
			if v, ok := st.Vessel(u.Identity.MMSI); ok {
				ids = append(ids, identityAt{at: len(ps), v: v, changes: cs})
			}
		},
	})
	capturetest.ReplayData(data, "test", time.Unix(0, 0).UTC(), stage.Handle)
	return ps, ids
}

// TestWarmChangesNothing feeds a simulated capture over the bundled sites
// to two Detectors, one calling Warm before each block of positions (with
// identity changes between it and the positions it prepared, as in the
// replay, and blocks that start before vessels are first seen), and
// compares everything they emit.
func TestWarmChangesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("replays a simulated capture twice")
	}
	idx := catalogueIndex(t)
	ps, ids := decodeStream(t, simCapture(t, 800, 2*time.Hour))
	run := func(warm bool) *recorder {
		d, rec := newDetector(t, idx, nil)
		next := 0 // first identity change not fed
		for i := range ps {
			if warm && i%WarmBlock == 0 {
				d.Warm(ps[i:])
			}
			for ; next < len(ids) && ids[next].at == i; next++ {
				d.Identity(ids[next].v, ids[next].changes)
			}
			d.Position(ps[i])
		}
		for ; next < len(ids); next++ {
			d.Identity(ids[next].v, ids[next].changes)
		}
		d.Tick(ps[len(ps)-1].Time.Add(24 * time.Hour))
		d.Flush()
		return rec
	}
	a, b := run(false), run(true)
	if len(a.all) == 0 || len(ids) == 0 {
		t.Fatalf("%d emissions, %d identity changes: the test tests little", len(a.all), len(ids))
	}
	if !reflect.DeepEqual(a.all, b.all) {
		t.Errorf("with and without Warm: %d and %d emissions differ", len(b.all), len(a.all))
	}
	t.Logf("%d positions, %d identity changes, %d emissions: %s", len(ps), len(ids), len(a.all), kindCounts(a.final()))
}

// TestWarmEdges calls Warm on an empty Detector, with no positions, with
// more than WarmBlock and with vessels never seen: nothing is added.
func TestWarmEdges(t *testing.T) {
	d, rec := newDetector(t, nil, nil)
	ps := make([]sitrep.Position, 2*WarmBlock)
	for i := range ps {
		ps[i] = sitrep.Position{MMSI: sitrep.MMSI(200_000_000 + i), Time: t0, Lat: 1, Lon: 2}
	}
	d.Warm(ps)
	d.Warm(nil)
	d.Position(ps[0])
	d.Warm(ps)
	d.Warm(ps[:0])
	if d.vessels.n != 1 || len(rec.all) != 0 {
		t.Errorf("after Warm: %d vessels, %d emissions; want 1, 0", d.vessels.n, len(rec.all))
	}
}
