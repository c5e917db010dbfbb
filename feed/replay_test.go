package feed

import (
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// TestFileReplaySchedule replays real captures whose lines carry times
// (tag-block seconds, some out of order; trailer milliseconds) at 10x with
// a fake clock: every line must be received exactly when it is due,
// w0 + (t - t0)/10, or at once when it is already due, and the waits must add
// up to the capture's span / 10 (no drift).
func TestFileReplaySchedule(t *testing.T) {
	for _, tc := range []struct {
		name string
		re   string // the line's time, independently of lineTime
		unit time.Duration
	}{
		{"amsa-timestamped.nmea", `^\\c:(\d+)\*`, time.Second},
		{"amsa-exact-earth-2.nmea", `,(\d{13})$`, time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) { checkSchedule(t, tc.name, regexp.MustCompile(tc.re), tc.unit) })
	}
}

func checkSchedule(t *testing.T, name string, re *regexp.Regexp, unit time.Duration) {
	lines := captureLines(t, name)
	clock := newFakeClock()
	w0 := clock.Now()
	var t0, latest time.Time
	var want []time.Time
	for _, l := range lines {
		m := re.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("line without a time: %q", l)
		}
		v, _ := strconv.ParseInt(m[1], 10, 64)
		ti := time.Unix(0, v*int64(unit))
		if t0.IsZero() {
			t0, latest = ti, ti
		}
		if ti.After(latest) {
			latest = ti
		}
		want = append(want, w0.Add(latest.Sub(t0)/10))
	}
	c := newCollector()
	m := NewManager(c.handle, Options{Clock: clock.Now, Sleep: clock.Sleep, Logger: quietLogger()})
	defer m.Close()
	if err := m.Start(t.Context(), Config{Name: "replay", Kind: File, Path: "../testdata/ais/" + name, Speed: 10}); err != nil {
		t.Fatal(err)
	}
	st := waitState(t, m, "replay", Done)
	got, at := c.snapshot()
	if strings.Join(got, "\n") != strings.Join(lines, "\n") {
		t.Fatal("the replay changed the lines")
	}
	bad := 0
	for i := range want {
		if !at[i].Equal(want[i]) {
			if bad++; bad < 10 {
				t.Errorf("line %d received at +%v, want +%v", i+1, at[i].Sub(w0), want[i].Sub(w0))
			}
		}
	}
	var total time.Duration
	for _, d := range clock.Sleeps() {
		total += d
	}
	if span := latest.Sub(t0); total != span/10 || span == 0 {
		t.Errorf("waited %v in all, want %v (the capture's %v span at 10x)", total, span/10, span)
	}
	if st.Lines != uint64(len(lines)) || !st.LastLine.Equal(want[len(want)-1]) {
		t.Errorf("status %+v", st)
	}
	t.Logf("%d lines over %v of capture time, %d waits", len(lines), latest.Sub(t0), len(clock.Sleeps()))
}

// TestReplayGap checks that a jump of more than MaxReplayGap in event time
// (forward or back) starts a new schedule instead of stalling the feed.
func TestReplayGap(t *testing.T) {
	const s = `!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22`
	t0 := int64(1737784800)
	var in []string
	for _, off := range []int64{0, 60, 120, 120 + 86400, 120 + 86400 + 30, 30, 90} {
		in = append(in, `\c:`+strconv.FormatInt(t0+off, 10)+`*00\`+s)
	}
	path := filepath.Join(t.TempDir(), "gap.nmea")
	if err := os.WriteFile(path, []byte(strings.Join(in, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	clock := newFakeClock()
	m := NewManager(func(string, []byte, time.Time) {}, Options{Clock: clock.Now, Sleep: clock.Sleep, Logger: quietLogger()})
	defer m.Close()
	if err := m.Start(t.Context(), Config{Name: "gap", Kind: File, Path: path, Speed: 1}); err != nil {
		t.Fatal(err)
	}
	waitState(t, m, "gap", Done)
	want := []time.Duration{time.Minute, time.Minute, 30 * time.Second, time.Minute}
	if got := clock.Sleeps(); !equalDurations(got, want) {
		t.Errorf("waits %v, want %v (the day forward and the day back are skipped)", got, want)
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestFileUnpacedLoopGzip replays a gzipped real capture as fast as
// possible, in a loop.
func TestFileUnpacedLoopGzip(t *testing.T) {
	lines := captureLines(t, "dma-replay-dump.nmea")
	raw, err := os.ReadFile("../testdata/ais/dma-replay-dump.nmea")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "dump.nmea.gz")
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(fh)
	zw.Write(raw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	fh.Close()

	clock := newFakeClock()
	c := newCollector()
	m := NewManager(c.handle, Options{Clock: clock.Now, Sleep: clock.Sleep, Logger: quietLogger()})
	defer m.Close()
	if err := m.Start(t.Context(), Config{Name: "dump", Kind: File, Path: path, Loop: true}); err != nil {
		t.Fatal(err)
	}
	got := c.waitLines(t, 3*len(lines))
	promptly(t, "Stop a looping replay", 2*time.Second, func() error { return m.Stop("dump") })
	for i := range 3 * len(lines) {
		if got[i] != lines[i%len(lines)] {
			t.Fatalf("line %d = %q, want %q", i+1, got[i], lines[i%len(lines)])
		}
	}
	if len(clock.Sleeps()) != 0 {
		t.Errorf("an unpaced replay waited: %v", clock.Sleeps())
	}

	// once, without the loop: done, with every byte of the file counted
	if err := m.Start(t.Context(), Config{Name: "dump", Kind: File, Path: path}); err != nil {
		t.Fatal(err)
	}
	st := waitState(t, m, "dump", Done)
	if st.Lines != uint64(len(lines)) || st.Bytes != uint64(len(raw)) || st.Loops != 0 {
		t.Errorf("status %+v: want %d lines and %d (uncompressed) bytes", st, len(lines), len(raw))
	}
}

func TestFileErrors(t *testing.T) {
	m := NewManager(func(string, []byte, time.Time) {}, Options{Logger: quietLogger()})
	defer m.Close()
	err := m.Start(t.Context(), Config{Name: "x", Kind: File, Path: "no/such/file.nmea"})
	if sitrep.ErrorCode(err) != sitrep.ENOTFOUND || !strings.Contains(err.Error(), `path "no/such/file.nmea": cannot open: no such file or directory`) {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.gz")
	os.WriteFile(bad, []byte("not gzip at all"), 0o644)
	if err := m.Start(t.Context(), Config{Name: "x", Kind: File, Path: bad}); sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), "gzip") {
		t.Errorf("bad gzip: %v", err)
	}
	empty := filepath.Join(t.TempDir(), "empty.nmea")
	os.WriteFile(empty, nil, 0o644)
	if err := m.Start(t.Context(), Config{Name: "empty", Kind: File, Path: empty, Loop: true}); err != nil {
		t.Fatal(err)
	}
	if st := waitState(t, m, "empty", Done); st.Loops != 0 || st.LastError == "" {
		t.Errorf("an empty file in a loop: %+v", st)
	}
	if len(m.Statuses()) != 1 {
		t.Errorf("statuses %+v: want only the empty feed", m.Statuses())
	}
}

// TestStdin reads a pipe as standard input: to its end, and stopped while a
// read is blocked.
func TestStdin(t *testing.T) {
	lines := captureLines(t, "pyais-sample.nmea")[:50]
	pr, pw := io.Pipe()
	c := newCollector()
	m := NewManager(c.handle, Options{Stdin: pr, Logger: quietLogger()})
	defer m.Close()
	if err := m.Start(t.Context(), Config{Name: "stdin", Kind: Stdin}); err != nil {
		t.Fatal(err)
	}
	if err := m.Start(t.Context(), Config{Name: "stdin2", Kind: Stdin}); sitrep.ErrorCode(err) != sitrep.ECONFLICT {
		t.Errorf("a second stdin feed: %v, want ECONFLICT", err)
	}
	go func() {
		io.WriteString(pw, strings.Join(lines[:25], "\n")+"\n")
		io.WriteString(pw, strings.Join(lines[25:], "\n")) // no final line end
		pw.Close()
	}()
	waitState(t, m, "stdin", Done)
	if got, _ := c.snapshot(); strings.Join(got, "\n") != strings.Join(lines, "\n") {
		t.Fatalf("got %d lines, want %d", len(got), len(lines))
	}
	if st, _ := m.Status("stdin"); st.Addr != "-" || st.Lines != 50 {
		t.Errorf("status %+v", st)
	}
	if err := m.Stop("stdin"); err != nil {
		t.Fatal(err)
	}

	pr2, pw2 := io.Pipe()
	defer pw2.Close()
	m2 := NewManager(c.handle, Options{Stdin: pr2, Logger: quietLogger()})
	ctx, cancel := context.WithCancel(t.Context())
	if err := m2.Start(ctx, Config{Name: "stdin", Kind: Stdin}); err != nil {
		t.Fatal(err)
	}
	waitState(t, m2, "stdin", Up)
	cancel() // the feed's context ends while it waits for input
	waitState(t, m2, "stdin", Stopped)
	promptly(t, "Close", 2*time.Second, m2.Close)
}
