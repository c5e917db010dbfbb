package feed

import (
	"context"
	"io"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sitrep-osint/sitrep"
)

func TestManagerNamesAndErrors(t *testing.T) {
	m := NewManager(func(string, []byte, time.Time) {}, Options{Logger: quietLogger()})
	path := "../testdata/ais/dma-ais250.nmea"
	if err := m.Start(t.Context(), Config{Name: "a", Kind: File, Path: path}); err != nil {
		t.Fatal(err)
	}
	err := m.Start(t.Context(), Config{Name: "a", Kind: UDP, Addr: "127.0.0.1:0"})
	if sitrep.ErrorCode(err) != sitrep.ECONFLICT || !strings.Contains(err.Error(), `feed "a" already exists`) {
		t.Errorf("duplicate name: %v, want ECONFLICT", err)
	}
	if err := m.Start(t.Context(), Config{Name: "B", Kind: File, Path: path}); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("bad name: %v, want EINVALID", err)
	}
	if err := m.Stop("nope"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("Stop of an unknown feed: %v, want ENOTFOUND", err)
	}
	if _, err := m.Status("nope"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("Status of an unknown feed: %v, want ENOTFOUND", err)
	}
	if err := m.Start(t.Context(), Config{Name: "b", Kind: File, Path: path}); err != nil {
		t.Fatal(err)
	}
	waitState(t, m, "a", Done)
	waitState(t, m, "b", Done)
	if all := m.Statuses(); len(all) != 2 || all[0].Name != "a" || all[1].Name != "b" || all[0].Lines != uint64(len(captureLines(t, "dma-ais250.nmea"))) {
		t.Errorf("statuses %+v", all)
	}
	if err := m.Stop("a"); err != nil {
		t.Fatal(err)
	}
	if err := m.Start(t.Context(), Config{Name: "a", Kind: File, Path: path}); err != nil {
		t.Errorf("a stopped feed's name cannot be used again: %v", err)
	}
	m.Close()
	if err := m.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := m.Start(t.Context(), Config{Name: "c", Kind: File, Path: path}); sitrep.ErrorCode(err) != sitrep.ECONFLICT {
		t.Errorf("Start after Close: %v, want ECONFLICT", err)
	}
}

// TestCloseStopsEverything starts one feed of every kind, each blocked in
// its own way, and checks that Close returns promptly and that no
// goroutine is left behind.
func TestCloseStopsEverything(t *testing.T) {
	before := runtime.NumGoroutine()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		conn, err := ln.Accept()
		if err == nil {
			accepted <- conn // keep it open and silent
		}
	}()
	pr, pw := io.Pipe()
	defer pw.Close()
	clock := newFakeClock()
	clock.hook = func(ctx context.Context, n int, d time.Duration) error { <-ctx.Done(); return ctx.Err() } // every wait blocks until stopped
	c := newCollector()
	m := NewManager(c.handle, Options{Stdin: pr, Sleep: clock.Sleep, Logger: quietLogger()})
	for _, cfg := range []Config{
		{Name: "tcp-up", Kind: TCP, Addr: ln.Addr().String()},
		{Name: "tcp-down", Kind: TCP, Addr: "127.0.0.1:1"},                                       // refused, then waiting
		{Name: "udp", Kind: UDP, Addr: "127.0.0.1:0"},                                            // waiting for a datagram
		{Name: "file", Kind: File, Path: "../testdata/ais/amsa-exact-earth-2.nmea", Speed: 1e-3}, // waiting for the next line
		{Name: "stdin", Kind: Stdin},                                                             // waiting for input
	} {
		if err := m.Start(t.Context(), cfg); err != nil {
			t.Fatal(err)
		}
	}
	conn := <-accepted
	defer conn.Close()
	waitState(t, m, "tcp-up", Up)
	waitState(t, m, "tcp-down", Down)
	waitState(t, m, "udp", Up)
	waitState(t, m, "stdin", Up)
	c.waitLines(t, 1) // the file's first line went at once; the second waits
	promptly(t, "Close", 2*time.Second, m.Close)
	for _, st := range m.Statuses() {
		if st.State != Stopped {
			t.Errorf("feed %s: state %s after Close, want stopped", st.Name, st.State)
		}
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before+1 && time.Now().Before(deadline) { // +1: the accepting goroutine above has ended or will
		time.Sleep(5 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+1 {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after Close, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

// TestMetrics runs two Managers at once in one process, each with its own
// registry and a feed of the same name, and then two on one registry.
func TestMetrics(t *testing.T) {
	path := "../testdata/ais/amsa-tag-block.nmea"
	lines := captureLines(t, path[len("../testdata/ais/"):])
	regs := []*prometheus.Registry{prometheus.NewRegistry(), prometheus.NewRegistry()}
	var ms []*Manager
	for i, reg := range regs {
		m := NewManager(func(string, []byte, time.Time) {}, Options{Registerer: reg, Logger: quietLogger()})
		defer m.Close()
		ms = append(ms, m)
		cfg := Config{Name: "tags", Kind: File, Path: path, MaxLine: 100, Loop: i == 1}
		if err := m.Start(t.Context(), cfg); err != nil {
			t.Fatal(err)
		}
	}
	// the first replays the file once; the second loops until it has read
	// it three times, then is stopped
	waitState(t, ms[0], "tags", Done)
	for st, _ := ms[1].Status("tags"); st.Loops < 3; st, _ = ms[1].Status("tags") {
		time.Sleep(time.Millisecond)
	}
	ms[1].Close()
	for i, m := range ms {
		st, _ := m.Status("tags")
		got := gather(t, regs[i])
		if got[`sitrep_feed_lines_total{feed="tags"}`] != float64(st.Lines) ||
			got[`sitrep_feed_bytes_total{feed="tags"}`] != float64(st.Bytes) ||
			got[`sitrep_feed_dropped_total{feed="tags",reason="too_long"}`] != float64(st.DroppedBy[DropTooLong]) ||
			got[`sitrep_feed_up{feed="tags"}`] != 0 {
			t.Errorf("manager %d: metrics %v\nstatus %+v", i, got, st)
		}
		if n := st.Lines + st.Dropped; st.Dropped == 0 || i == 0 && n != uint64(len(lines)) || i == 1 && n < 3*uint64(len(lines)) {
			t.Errorf("manager %d: status %+v: want 1 or at least 3 passes over %d lines, some over 100 bytes", i, st, len(lines))
		}
	}
	if err := ms[0].Stop("tags"); err != nil {
		t.Fatal(err)
	}
	if got := gather(t, regs[0]); len(got) != 0 {
		t.Errorf("a stopped feed's series remain: %v", got)
	}

	shared := prometheus.NewRegistry()
	for _, name := range []string{"one", "two"} {
		m := NewManager(func(string, []byte, time.Time) {}, Options{Registerer: shared, Logger: quietLogger()})
		defer m.Close()
		if err := m.Start(t.Context(), Config{Name: name, Kind: File, Path: path}); err != nil {
			t.Fatal(err)
		}
		waitState(t, m, name, Done)
	}
	got := gather(t, shared)
	if got[`sitrep_feed_lines_total{feed="one"}`] == 0 || got[`sitrep_feed_lines_total{feed="one"}`] != got[`sitrep_feed_lines_total{feed="two"}`] {
		t.Errorf("two managers on one registry: %v", got)
	}
}

// gather returns the registry's samples by name{labels}.
func gather(t *testing.T, reg *prometheus.Registry) map[string]float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.Metric {
			var labels []string
			for _, l := range m.Label {
				labels = append(labels, l.GetName()+`="`+l.GetValue()+`"`)
			}
			out[mf.GetName()+"{"+strings.Join(labels, ",")+"}"] = m.GetCounter().GetValue() + m.GetGauge().GetValue()
		}
	}
	return out
}
