package sqlite

import (
	"math"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/internal/storetest"
)

// openTest opens a Store in dir for tests, failing t on error.
func openTest(t *testing.T, dir string, opts Options) *Store {
	t.Helper()
	s, err := Open(t.Context(), dir, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T, dir string) sitrep.Store {
		return openTest(t, dir, Options{})
	})
}

// TestContractSmallHead runs the contract with a head that flushes every
// few positions, so that queries meet positions both in the head and in
// chunk rows, and a vessel's positions straddle flushes.
func TestContractSmallHead(t *testing.T) {
	storetest.Run(t, func(t *testing.T, dir string) sitrep.Store {
		return openTest(t, dir, Options{HeadPoints: 5})
	})
}

func TestMigrations(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM schema_version"); n != len(ms) {
		t.Errorf("schema_version has %d rows, want %d", n, len(ms))
	}
	// A database from a newer program is refused.
	if _, err := s.db.Exec("INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future', '')"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(t.Context(), dir, Options{}); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("Open(newer schema): %v, want EINVALID", err)
	}
}

func TestReopenKeepsSchema(t *testing.T) {
	dir := t.TempDir()
	openTest(t, dir, Options{}).Close()
	s := openTest(t, dir, Options{})
	defer s.Close()
	ms, _ := migrations()
	if n := count(t, s, "SELECT count(*) FROM schema_version"); n != len(ms) {
		t.Errorf("after reopen schema_version has %d rows, want %d", n, len(ms))
	}
}

func TestCorruptChunkIsAnError(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	defer s.Close()
	p := sitrep.Position{MMSI: 273000001, Time: simStart, Lat: 1, Lon: 2}
	if err := s.AddPositions(t.Context(), []sitrep.Position{p, p}); err != nil {
		t.Fatal(err)
	}
	if err := s.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("UPDATE chunks SET data = substr(data, 1, length(data) - 1) || x'ff'"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Track(t.Context(), p.MMSI, sitrep.TimeRange{}); sitrep.ErrorCode(err) != sitrep.EINTERNAL || err == nil {
		t.Errorf("Track over a corrupt chunk: %v, want an EINTERNAL error", err)
	}
}

func TestAddPositionsRejectsUnstorable(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	defer s.Close()
	good := sitrep.Position{MMSI: 273000001, Time: simStart, Lat: 1, Lon: 2}
	for name, mod := range map[string]func(*sitrep.Position){
		"NaN latitude":     func(p *sitrep.Position) { p.Lat = math.NaN() },
		"huge longitude":   func(p *sitrep.Position) { p.Lon = 1e6 },
		"undefined class":  func(p *sitrep.Position) { p.Class = 9 },
		"undefined source": func(p *sitrep.Position) { p.TimeSource = 8 },
		"undefined flag":   func(p *sitrep.Position) { p.Flags = 8 },
	} {
		bad := good
		mod(&bad)
		if err := s.AddPositions(t.Context(), []sitrep.Position{good, bad}); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("%s: %v, want EINVALID", name, err)
		}
	}
	if n := count(t, s, "SELECT count(*) FROM chunks"); n != 0 {
		t.Errorf("%d chunks stored by failed batches", n)
	}
}

func TestPointClamps(t *testing.T) {
	p := sitrep.Position{MMSI: 1, Time: simStart.Add(1500 * time.Microsecond), Lat: 91, Lon: 181}
	p.SetSOG(150)
	p.SetCOG(359.99)
	p.SetHeading(600)
	q, err := toPoint(&p, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := fromPoint(1, q)
	if got.SOG != 102.2 || got.COG != 0 || got.Heading != maxStoredHdg || got.Lat != 91 || got.Lon != 181 ||
		!got.Time.Equal(simStart.Add(time.Millisecond)) || got.Has != p.Has {
		t.Errorf("clamped round trip: %+v", got)
	}
}

// TestMigrationBelowNewestApplied: a migration numbered below the newest
// applied one (branches merged in either order) is still applied.
func TestMigrationBelowNewestApplied(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	if _, err := s.db.Exec("DROP TABLE head_log; DELETE FROM schema_version WHERE version = 2"); err != nil {
		t.Fatal(err)
	}
	s.db.Close()
	s = openTest(t, dir, Options{})
	defer s.Close()
	if n := count(t, s, "SELECT count(*) FROM schema_version WHERE version = 2"); n != 1 {
		t.Errorf("migration 2 not recorded again (%d rows)", n)
	}
	if n := count(t, s, "SELECT count(*) FROM head_log"); n != 0 {
		t.Errorf("head_log has %d rows", n)
	}
}
