package feed

import (
	"bufio"
	"context"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// collector is a Handler that keeps what it receives.
type collector struct {
	mu    sync.Mutex
	lines []string
	at    []time.Time
	feeds map[string]int
	more  chan struct{} // signalled after every line
}

func newCollector() *collector {
	return &collector{feeds: map[string]int{}, more: make(chan struct{}, 1)}
}

func (c *collector) handle(feed string, line []byte, at time.Time) {
	c.mu.Lock()
	c.lines = append(c.lines, string(line))
	c.at = append(c.at, at)
	c.feeds[feed]++
	c.mu.Unlock()
	select {
	case c.more <- struct{}{}:
	default:
	}
}

func (c *collector) snapshot() ([]string, []time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.lines...), append([]time.Time(nil), c.at...)
}

// waitLines waits until at least n lines have arrived.
func (c *collector) waitLines(t *testing.T, n int) []string {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		lines, _ := c.snapshot()
		if len(lines) >= n {
			return lines
		}
		select {
		case <-c.more:
		case <-time.After(10 * time.Millisecond):
		case <-deadline:
			t.Fatalf("timed out with %d of %d lines", len(lines), n)
		}
	}
}

// fakeClock is a clock that only moves when Sleep is called; Sleep records
// what it was asked to wait.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
	hook   func(ctx context.Context, n int, d time.Duration) error // called by Sleep with the 1-based sleep number, if set
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	c.t = c.t.Add(d)
	n := len(c.sleeps)
	hook := c.hook
	c.mu.Unlock()
	if hook != nil {
		return hook(ctx, n, d)
	}
	return nil
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// captureLines returns the non-blank lines of a real capture in
// testdata/ais, without line ends.
func captureLines(tb testing.TB, name string) []string {
	tb.Helper()
	fh, err := os.Open("../testdata/ais/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	defer fh.Close()
	var lines []string
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if l := strings.TrimRight(sc.Text(), "\r"); l != "" {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return lines
}

// waitState waits until the named feed reaches state s.
func waitState(t *testing.T, m *Manager, name string, s State) Status {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, err := m.Status(name)
		if err != nil {
			t.Fatal(err)
		}
		if st.State == s {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("feed %s: state %s (last error %q), want %s", name, st.State, st.LastError, s)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// promptly runs f and fails the test if it takes longer than d; it is how
// the tests check that Stop and Close return (their goroutines have ended).
func promptly(t *testing.T, what string, d time.Duration, f func() error) {
	t.Helper()
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- f() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		t.Logf("%s took %v", what, time.Since(start))
	case <-time.After(d):
		t.Fatalf("%s did not return within %v", what, d)
	}
}

// serveConn starts a TCP server on 127.0.0.1 that accepts one connection,
// runs write on it and keeps it open until the test ends; it returns the
// server's address.
func serveConn(tb testing.TB, write func(net.Conn) error) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	hold := make(chan struct{})
	tb.Cleanup(func() { close(hold); ln.Close() })
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		if write(conn) == nil {
			<-hold
		}
	}()
	return ln.Addr().String()
}
