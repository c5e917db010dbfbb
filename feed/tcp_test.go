package feed

import (
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// serveOnce accepts one connection on ln, closes ln (so that dials are
// refused until someone listens again), writes lines to the connection and
// closes it.
func serveOnce(t *testing.T, ln net.Listener, lines []string) {
	t.Helper()
	go func() {
		conn, err := ln.Accept()
		ln.Close()
		if err != nil {
			return
		}
		defer conn.Close()
		io.WriteString(conn, strings.Join(lines, "\r\n")+"\r\n")
	}()
}

func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// TestTCPReconnectBackoff runs a real TCP server that sends lines, drops
// the connection and stays away for three dials, then comes back on the
// same port: the feed reconnects, the waits double (within their jitter)
// while the server is away and return to the minimum after a connection
// that delivered lines.
func TestTCPReconnectBackoff(t *testing.T) {
	lines := captureLines(t, "amsa-tag-block.nmea")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	serveOnce(t, ln, lines[:3])

	clock := newFakeClock()
	var (
		mu     sync.Mutex
		states = map[int]Status{} // status during each wait
		m      *Manager
	)
	clock.hook = func(ctx context.Context, n int, d time.Duration) error {
		st, _ := m.Status("ais")
		mu.Lock()
		states[n] = st
		mu.Unlock()
		switch n {
		case 4: // the server comes back before the fifth dial
			ln2, err := net.Listen("tcp", addr)
			if err != nil {
				t.Errorf("listen again on %s: %v", addr, err)
				return err
			}
			serveOnce(t, ln2, lines[3:5])
		case 5: // stay down until stopped
			<-ctx.Done()
			return ctx.Err()
		}
		return nil
	}
	c := newCollector()
	m = NewManager(c.handle, Options{Clock: clock.Now, Sleep: clock.Sleep, Logger: quietLogger()})
	defer m.Close()
	if err := m.Start(t.Context(), Config{Name: "ais", Kind: TCP, Addr: addr}); err != nil {
		t.Fatal(err)
	}
	got := c.waitLines(t, 5)
	if strings.Join(got, "\n") != strings.Join(lines[:5], "\n") {
		t.Fatalf("lines:\n%q\nwant\n%q", got, lines[:5])
	}
	for len(clock.Sleeps()) < 5 {
		time.Sleep(time.Millisecond)
	}
	sleeps := clock.Sleeps()
	t.Logf("backoff waits: %v", sleeps)
	for i, base := range []time.Duration{1, 2, 4, 8, 1} {
		lo, hi := base*800*time.Millisecond, base*1200*time.Millisecond
		if sleeps[i] < lo || sleeps[i] >= hi {
			t.Errorf("wait %d = %v, want in [%v, %v)", i+1, sleeps[i], lo, hi)
		}
		if i > 0 && i < 4 && sleeps[i] <= sleeps[i-1] {
			t.Errorf("wait %d = %v did not grow from %v", i+1, sleeps[i], sleeps[i-1])
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for n := 1; n <= 5; n++ {
		if st := states[n]; st.State != Down || st.LastError == "" {
			t.Errorf("during wait %d: state %s, last error %q; want down with the reason", n, st.State, st.LastError)
		}
	}
	if !strings.Contains(states[1].LastError, "connection closed by") || !strings.Contains(states[2].LastError, "refused") {
		t.Errorf("last errors %q, %q: want the close, then the refused dial", states[1].LastError, states[2].LastError)
	}
	st, _ := m.Status("ais")
	if st.Lines != 5 || st.Reconnects != 1 || st.Errors != 5 || st.Dropped != 0 {
		t.Errorf("status %+v: want 5 lines, 1 reconnect, 5 errors (2 closes, 3 refused dials), 0 dropped", st)
	}
	if want := uint64(len(strings.Join(lines[:5], "\r\n")) + 2); st.Bytes != want { // two writes, each ending in CR LF
		t.Errorf("bytes %d, want %d", st.Bytes, want)
	}
	promptly(t, "Stop while waiting to reconnect", 2*time.Second, func() error { return m.Stop("ais") })
}

func TestBackoffPolicy(t *testing.T) {
	c := Config{MinBackoff: time.Second, MaxBackoff: time.Minute}
	for n, want := range []time.Duration{1, 2, 4, 8, 16, 32, 60, 60, 60} {
		want *= time.Second
		if got := backoff(c, n, 0.5); got != want {
			t.Errorf("backoff(%d, no jitter) = %v, want %v", n, got, want)
		}
		if got := backoff(c, n, 0); got != want*8/10 {
			t.Errorf("backoff(%d, -20%%) = %v, want %v", n, got, want*8/10)
		}
		if got := backoff(c, n, 0.999999); got > c.MaxBackoff || got < want {
			t.Errorf("backoff(%d, +20%%) = %v, want in [%v, %v]", n, got, want, c.MaxBackoff)
		}
	}
	if got := backoff(c, 1000, 0.5); got != time.Minute {
		t.Errorf("backoff after 1000 failures = %v", got)
	}
}

// TestTCPOverlongAndJunk sends a real capture in small pieces with an
// over-long line and a binary line among the good ones.
func TestTCPOverlongAndJunk(t *testing.T) {
	lines := captureLines(t, "dma-ais250.nmea")[:20]
	var in strings.Builder
	for i, l := range lines {
		in.WriteString(l + "\r\n")
		switch i {
		case 5:
			in.WriteString("!AIVDM," + strings.Repeat("0", 5000) + ",0*00\r\n")
		case 10:
			in.WriteString("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n") // a TLS hello
		case 15:
			in.WriteString(strings.Repeat("X", 200<<10)) // 200 KiB without a line end ...
			in.WriteString("\n")                         // ... then one
		}
	}
	addr := serveConn(t, func(conn net.Conn) error {
		b := []byte(in.String())
		for len(b) > 0 { // in odd-sized pieces, so lines span reads
			n := min(len(b), 997)
			if _, err := conn.Write(b[:n]); err != nil {
				return err
			}
			b = b[n:]
		}
		return nil
	})
	c := newCollector()
	m := NewManager(c.handle, Options{Logger: quietLogger()})
	defer m.Close()
	if err := m.Start(t.Context(), Config{Name: "ais", Kind: TCP, Addr: addr}); err != nil {
		t.Fatal(err)
	}
	got := c.waitLines(t, len(lines))
	if strings.Join(got, "\n") != strings.Join(lines, "\n") {
		t.Fatalf("lines:\n%q\nwant\n%q", got, lines)
	}
	st := waitState(t, m, "ais", Up)
	for st.Bytes < uint64(in.Len()) {
		time.Sleep(time.Millisecond)
		st, _ = m.Status("ais")
	}
	if want := `too_long: a line of 204800 bytes (max_line 4096) starting "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"...`; st.LastDrop != want {
		t.Errorf("last drop %q, want %q", st.LastDrop, want)
	}
	if st.Dropped != 3 || st.DroppedBy[DropTooLong] != 2 || st.DroppedBy[DropJunk] != 1 || st.Bytes != uint64(in.Len()) {
		t.Errorf("status %+v: want 2 too long, 1 junk, %d bytes", st, in.Len())
	}
	promptly(t, "Stop with an open, quiet connection", 2*time.Second, func() error { return m.Stop("ais") })
	if _, err := m.Status("ais"); err == nil {
		t.Error("a stopped feed is still listed")
	}
}

// TestTCPStopWhileConnecting stops a feed that cannot connect, while it
// dials or waits an hour to try again.
func TestTCPStopWhileConnecting(t *testing.T) {
	m := NewManager(func(string, []byte, time.Time) {}, Options{Logger: quietLogger(), DialTimeout: time.Minute})
	defer m.Close()
	// 192.0.2.0/24 is TEST-NET-1: dials there hang or fail fast, never connect.
	if err := m.Start(t.Context(), Config{Name: "far", Kind: TCP, Addr: "192.0.2.1:5631", MinBackoff: time.Hour}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		st, _ := m.Status("far")
		if st.State == Connecting || st.State == Down {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("state %s, want connecting or down", st.State)
		}
	}
	promptly(t, "Stop while connecting or waiting an hour", 2*time.Second, func() error { return m.Stop("far") })
}
