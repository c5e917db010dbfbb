package sqlite

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"log/slog"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/chunk"
)

// TestHeadIsQueriedLikeChunks: positions read from the head (before a
// flush), from chunk rows (after it) and after a reopen are the same.
func TestHeadIsQueriedLikeChunks(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	f := newSimFleet(3, 12)
	for range 20 {
		ps := f.batch(300)
		for i := 0; i < len(ps); i += 40 {
			ps[i].Sources = append(ps[i].Sources, sitrep.Provenance{Feed: "sim", Station: "SIM-2", Received: ps[i].Time.Add(2 * time.Second)})
		}
		if err := s.AddPositions(t.Context(), ps); err != nil {
			t.Fatal(err)
		}
	}
	var mmsis []sitrep.MMSI
	for _, v := range f.vessels {
		mmsis = append(mmsis, v.mmsi)
	}
	r := sitrep.TimeRange{From: simStart.Add(10 * time.Minute), To: simStart.Add(40 * time.Minute)}
	if n := count(t, s, "SELECT count(*) FROM chunks"); n != 0 {
		t.Fatalf("%d chunk rows before any flush", n)
	}
	inHead := takeSnapshot(t, s, mmsis, r)
	if len(inHead.tracks[mmsis[0]]) == 0 {
		t.Fatal("nothing read from the head")
	}
	if err := s.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM head_log"); n != 0 {
		t.Errorf("%d head_log rows after a flush", n)
	}
	if got := takeSnapshot(t, s, mmsis, r); !reflect.DeepEqual(got, inHead) {
		t.Error("results differ after the flush")
	}
	s.Close()
	s = openTest(t, dir, Options{})
	defer s.Close()
	if got := takeSnapshot(t, s, mmsis, r); !reflect.DeepEqual(got, inHead) {
		t.Error("results differ after reopening")
	}
}

// TestHeadLateAndRecovered: out-of-order positions of a vessel come back
// in time order from the head, from a head recovered from head_log (a
// store not closed, as after a crash), and from the flushed chunks.
func TestHeadLateAndRecovered(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	at := func(min int) sitrep.Position {
		return sitrep.Position{MMSI: 273000001, Time: simStart.Add(time.Duration(min) * time.Minute), Lat: 59.9 + float64(min)/1000, Lon: 30.2}
	}
	for _, batch := range [][]sitrep.Position{{at(10), at(11)}, {at(5), at(12)}, {at(1)}} {
		if err := s.AddPositions(t.Context(), batch); err != nil {
			t.Fatal(err)
		}
	}
	want := []int{1, 5, 10, 11, 12}
	check := func(s *Store, when string) {
		t.Helper()
		ps, err := s.Track(t.Context(), 273000001, sitrep.TimeRange{})
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, p := range ps {
			got = append(got, int(p.Time.Sub(simStart)/time.Minute))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: minutes %v, want %v", when, got, want)
		}
	}
	check(s, "head")
	// A second store on the same directory, as after a crash: it loads
	// the head log. (The first is then abandoned without Close.)
	var logs bytes.Buffer
	s2 := openTest(t, dir, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	check(s2, "recovered head")
	if err := s2.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	check(s2, "flushed")
	s2.Close()
	s.db.Close()
}

// TestCorruptHeadLogRowIsSkipped: a head_log row that does not decode is
// reported and skipped at Open; the other rows are loaded.
func TestCorruptHeadLogRowIsSkipped(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	p := sitrep.Position{MMSI: 273000001, Time: simStart, Lat: 1, Lon: 2}
	if err := s.AddPositions(t.Context(), []sitrep.Position{p}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("INSERT INTO head_log (data) VALUES (x'01ff')"); err != nil {
		t.Fatal(err)
	}
	s.db.Close() // no flush: the log stays
	var logs bytes.Buffer
	s = openTest(t, dir, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	defer s.Close()
	if !strings.Contains(logs.String(), "corrupt head_log row") {
		t.Errorf("no report of the corrupt row; log:\n%s", logs.String())
	}
	ps, err := s.Track(t.Context(), p.MMSI, sitrep.TimeRange{})
	if err != nil || len(ps) != 1 {
		t.Fatalf("Track: %d positions, %v", len(ps), err)
	}
}

func FuzzDecodeLog(f *testing.F) {
	pts := []stored{{mmsi: 1}, {mmsi: 2}}
	pts[1].T = 1000
	f.Add(encodeLog(nil, pts))
	f.Add([]byte{logVersion, 5, 200, 1})
	f.Add([]byte{logVersionV1, 5, 200, 1})
	f.Add([]byte{logVersion, 5, 2, 0, 20, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		raw, err := decodeLog(b)
		if err != nil {
			return
		}
		var rd chunkReader
		_, _ = rd.decodeRaw(t.Context(), raw, nil, func(chunk.Point) bool { return true })
	})
}

// TestHeadLogVersion1IsRead: a head_log row of the first format (whole
// chunks), as a crash of an older sitrep leaves it, is loaded at Open.
func TestHeadLogVersion1IsRead(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	s.Close()
	var e chunk.Encoder
	e.Reset(nil)
	want := []sitrep.Position{
		{MMSI: 273000002, Time: simStart, Lat: 43.1, Lon: 35.8},
		{MMSI: 273000002, Time: simStart.Add(10 * time.Second), Lat: 43.11, Lon: 35.81},
	}
	for _, p := range want {
		q, err := toPoint(&p, 0)
		if err != nil {
			t.Fatal(err)
		}
		_ = e.Append(q)
	}
	row := []byte{logVersionV1}
	row = binary.AppendUvarint(row, 273000002)
	row = binary.AppendUvarint(row, uint64(len(e.Bytes())))
	row = append(row, e.Bytes()...)
	recv := appendRecv(nil, []int64{0, 0})
	row = binary.AppendUvarint(row, uint64(len(recv)))
	row = append(row, recv...)
	db, err := sql.Open("sqlite", filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO head_log (data) VALUES (?)", row); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s = openTest(t, dir, Options{})
	defer s.Close()
	got, err := s.Track(t.Context(), 273000002, sitrep.TimeRange{})
	if err != nil || len(got) != 2 || !got[1].Time.Equal(want[1].Time) {
		t.Fatalf("Track after loading a version 1 row: %d positions, %v", len(got), err)
	}
}
