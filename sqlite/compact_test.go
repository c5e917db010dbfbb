package sqlite

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// snapshot is what a set of queries returns, to compare before and after
// compaction.
type snapshot struct {
	tracks map[sitrep.MMSI][]sitrep.Position
	areas  [][]sitrep.Position
}

// testAreas are the Areas snapshot queries: the SIMULATED fleet's region,
// a part of it, and one crossing the antimeridian.
var testAreas = []sitrep.Area{
	{MinLat: 28, MinLon: 5, MaxLat: 50, MaxLon: 40},
	{MinLat: 33, MinLon: 20, MaxLat: 36, MaxLon: 26},
	{MinLat: -90, MinLon: 170, MaxLat: 90, MaxLon: 30},
}

func takeSnapshot(t *testing.T, s *Store, mmsis []sitrep.MMSI, r sitrep.TimeRange) snapshot {
	t.Helper()
	sn := snapshot{tracks: map[sitrep.MMSI][]sitrep.Position{}}
	for _, m := range mmsis {
		ps, err := s.Track(t.Context(), m, r)
		if err != nil {
			t.Fatalf("Track: %v", err)
		}
		sn.tracks[m] = ps
	}
	for _, a := range testAreas {
		ps, err := s.PositionsIn(t.Context(), a, r, 0)
		if err != nil {
			t.Fatalf("PositionsIn: %v", err)
		}
		sn.areas = append(sn.areas, ps)
	}
	return sn
}

// count returns the result of a one-value query.
func count(t *testing.T, s *Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.QueryRowContext(t.Context(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// ingestDays stores hours of SIMULATED traffic of n vessels reporting
// every 30 s in small batches, with a second receipt for every 50th
// position, and returns the fleet.
func ingestDays(t *testing.T, s *Store, n int, hours int) *simFleet {
	t.Helper()
	f := newSimFleet(7, n)
	for i := range f.vessels {
		f.vessels[i].interval = 30_000
	}
	end := f.now + int64(hours)*3600_000
	for f.now < end {
		ps := f.batch(500)
		for i := 0; i < len(ps); i += 50 {
			ps[i].Sources = append(ps[i].Sources, sitrep.Provenance{Feed: "sim", Station: "SIM-SECOND", Received: ps[i].Time.Add(3 * time.Second)})
		}
		if err := s.AddPositions(t.Context(), ps); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func TestCompactKeepsResults(t *testing.T) {
	dir := t.TempDir()
	// A small head: many flushes, chunks straddling the cutoff.
	s := openTest(t, dir, Options{HeadPoints: 5000})
	f := ingestDays(t, s, 30, 60)
	var mmsis []sitrep.MMSI
	for _, v := range f.vessels {
		mmsis = append(mmsis, v.mmsi)
	}
	ranges := []sitrep.TimeRange{{}, {From: simStart.Add(20 * time.Hour), To: simStart.Add(30 * time.Hour)}}
	var before []snapshot
	for _, r := range ranges {
		before = append(before, takeSnapshot(t, s, mmsis, r))
	}
	chunksBefore := count(t, s, "SELECT count(*) FROM chunks")

	// Compact all but the last hour, then everything; each time the
	// results stay the same.
	for _, cut := range []time.Time{time.UnixMilli(f.now).Add(-time.Hour), time.UnixMilli(f.now + 1)} {
		if err := s.Compact(t.Context(), cut); err != nil {
			t.Fatalf("Compact: %v", err)
		}
		for i, r := range ranges {
			if got := takeSnapshot(t, s, mmsis, r); !reflect.DeepEqual(got, before[i]) {
				t.Fatalf("results for %v changed by Compact(%v)", r, cut)
			}
		}
	}
	chunks := count(t, s, "SELECT count(*) FROM chunks")
	days := 3 // 60 hours from midnight
	if chunks > len(mmsis)*days || chunks >= chunksBefore {
		t.Errorf("%d chunks after Compact (%d before), want at most %d", chunks, chunksBefore, len(mmsis)*days)
	}
	if n := count(t, s, "SELECT count(*) FROM chunks WHERE boxed = 0"); n != 0 {
		t.Errorf("%d unboxed chunks after compacting everything", n)
	}
	if n := count(t, s, "SELECT count(*) FROM chunk_boxes"); n != chunks {
		t.Errorf("%d boxes for %d chunks", n, chunks)
	}

	// Compacting again changes nothing.
	var ids1 []int64
	rows, _ := s.db.Query("SELECT id FROM chunks ORDER BY id")
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids1 = append(ids1, id)
	}
	rows.Close()
	if err := s.Compact(t.Context(), time.UnixMilli(f.now+1)); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM chunks WHERE id <= ?", ids1[len(ids1)-1]); n != len(ids1) {
		t.Errorf("second Compact rewrote chunks: %d of %d left", n, len(ids1))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openTest(t, dir, Options{})
	defer s.Close()
	if err := s.Check(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := takeSnapshot(t, s, mmsis, ranges[0]); !reflect.DeepEqual(got, before[0]) {
		t.Error("results changed after Compact and reopen")
	}
}

func TestCompactRetentionAndDownsampling(t *testing.T) {
	now := simStart.Add(14 * 24 * time.Hour)
	opts := Options{
		Retention:          10 * 24 * time.Hour,
		DownsampleAfter:    2 * 24 * time.Hour,
		DownsampleInterval: 5 * time.Minute,
		Now:                func() time.Time { return now },
	}
	s := openTest(t, t.TempDir(), opts)
	defer s.Close()
	f := newSimFleet(8, 3)
	for i := range f.vessels {
		f.vessels[i].interval = 60_000 // one fix a minute
	}
	var all []sitrep.Position
	for f.now < now.UnixMilli()-1000 {
		ps := f.batch(600)
		for i := range ps {
			ps[i].Sources = append(ps[i].Sources, sitrep.Provenance{Feed: "sim", Station: "SIM-SECOND", Received: ps[i].Time.Add(time.Second)})
		}
		if err := s.AddPositions(t.Context(), ps); err != nil {
			t.Fatal(err)
		}
		all = append(all, ps...)
	}
	if err := s.Compact(t.Context(), now); err != nil {
		t.Fatal(err)
	}
	keepFrom, thinBefore := now.Add(-opts.Retention), now.Add(-opts.DownsampleAfter)
	for _, v := range f.vessels {
		var want []sitrep.Position
		last := int64(-1)
		for _, p := range all {
			if p.MMSI != v.mmsi || p.Time.Before(keepFrom) {
				continue
			}
			if p.Time.Before(thinBefore) {
				b := p.Time.UnixMilli() / opts.DownsampleInterval.Milliseconds()
				if b == last {
					continue
				}
				last = b
			}
			want = append(want, p)
		}
		got, err := s.Track(t.Context(), v.mmsi, sitrep.TimeRange{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("vessel %v: %d positions after Compact, want %d", v.mmsi, len(got), len(want))
		}
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("vessel %v position %d:\n got %+v\nwant %+v", v.mmsi, i, got[i], want[i])
			}
		}
		if len(want) == 0 || want[0].Time.Before(keepFrom) {
			t.Fatal("test data has nothing to keep")
		}
	}
	// Receipts of dropped positions are gone; those of kept ones stay.
	if n := count(t, s, "SELECT count(*) FROM extra_sources WHERE t < ?", keepFrom.UnixMilli()); n != 0 {
		t.Errorf("%d receipts older than the retention left", n)
	}
	kept := count(t, s, "SELECT count(*) FROM extra_sources")
	ps, err := s.PositionsIn(context.Background(), sitrep.Area{MinLat: -90, MinLon: -180, MaxLat: 90, MaxLon: 180}, sitrep.TimeRange{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if kept != len(ps) {
		t.Errorf("%d receipts left for %d positions", kept, len(ps))
	}
}
