package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/feed"
	"github.com/sitrep-osint/sitrep/live"
	"github.com/sitrep-osint/sitrep/sqlite"
)

// runningServe is a sitrep serve started in-process by startServe.
type runningServe struct {
	addr string
	s    *server
	stop func() error // shuts down and returns runServe's result
}

// startServe runs sitrep serve on 127.0.0.1:0 with cfg (Listen is set)
// until the test stops it.
func startServe(t testing.TB, cfg serveConfig, tick time.Duration) *runningServe {
	t.Helper()
	cfg.Listen = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan *runningServe, 1)
	done := make(chan error, 1)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	go func() {
		done <- runServe(ctx, cfg, serveDeps{log: log, now: time.Now, tick: tick,
			ready: func(addr string, s *server) { ready <- &runningServe{addr: addr, s: s} }})
	}()
	var rs *runningServe
	select {
	case rs = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("serve ended before it was ready: %v", err)
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatal("serve not ready within 60 s")
	}
	var once sync.Once
	var err error
	rs.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(5 * time.Minute):
				err = fmt.Errorf("serve did not stop within 5 minutes")
			}
		})
		return err
	}
	t.Cleanup(func() { _ = rs.stop() })
	return rs
}

// waitFor polls cond every 20 ms until it holds or d passes.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// storedCounts opens the store in dir and counts its positions (with
// their receptions) and vessels.
func storedCounts(t testing.TB, dir string) (positions, vessels int) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	world := sitrep.Area{MinLat: -90, MinLon: -180, MaxLat: 90, MaxLon: 180}
	ps, err := st.PositionsIn(ctx, world, sitrep.TimeRange{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := st.Vessels(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(ps), len(vs)
}

// replayInto runs `sitrep replay` of file into dir.
func replayInto(t testing.TB, dir, file string) {
	t.Helper()
	cmd := newRootCmd()
	cmd.SetArgs([]string{"replay", "--data", dir, "--progress=false", file})
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	if err := cmd.Execute(); err != nil {
		t.Fatalf("replay %s: %v", file, err)
	}
}

// TestServeFileFeed replays a real capture through a file feed at full
// speed: its positions appear in the live state, the vessel search of the
// API sees them, and after shutdown the store holds exactly what `sitrep
// replay` of the same file stores.
func TestServeFileFeed(t *testing.T) {
	const capture = "../../testdata/ais/amsa-ais-head3000.nmea"
	dir := t.TempDir()
	fc, err := feed.ParseSpec("file:" + capture + "?name=amsa&speed=0")
	if err != nil {
		t.Fatal(err)
	}
	rs := startServe(t, serveConfig{Data: dir, Feeds: []feed.Config{fc}, Detect: true, AnonymousRead: true}, 100*time.Millisecond)

	// The feed ends; everything it delivered reaches the live state.
	waitFor(t, 30*time.Second, "the file feed to finish", func() bool {
		st, err := rs.s.feeds.Status("amsa")
		return err == nil && st.State == feed.Done
	})
	refDir := t.TempDir()
	replayInto(t, refDir, capture)
	wantPos, wantVessels := storedCounts(t, refDir)
	if wantPos < 1000 {
		t.Fatalf("replay stored only %d positions: wrong capture?", wantPos)
	}
	waitFor(t, 30*time.Second, "the live state to hold every vessel", func() bool { return rs.s.state.Len() == wantVessels })

	// The live map over HTTP.
	resp, err := http.Get("http://" + rs.addr + "/api/live?bbox=-180,-90,180,90&limit=1000")
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Items []live.Vessel `json:"items"`
		Total int           `json:"total"`
	}
	err = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("/api/live: %d %v", resp.StatusCode, err)
	}
	if body.Total == 0 || len(body.Items) == 0 {
		t.Fatalf("/api/live: %d vessels of %d", len(body.Items), body.Total)
	}
	for _, v := range body.Items {
		if v.Simulated {
			t.Errorf("vessel %d of a real capture marked simulated", v.MMSI)
		}
	}
	// Changed vessels are stored while serving (tick 100 ms), not only
	// at shutdown.
	waitFor(t, 30*time.Second, "the vessel search to find the vessels", func() bool {
		vs, err := rs.s.store.Vessels(context.Background(), "", 0)
		return err == nil && len(vs) == wantVessels
	})

	if err := rs.stop(); err != nil {
		t.Fatalf("serve: %v", err)
	}
	gotPos, gotVessels := storedCounts(t, dir)
	if gotPos != wantPos || gotVessels != wantVessels {
		t.Errorf("serve stored %d positions of %d vessels; replay stores %d of %d", gotPos, gotVessels, wantPos, wantVessels)
	}
}

// sseClient reads an SSE stream and sends each position it carries.
func sseClient(t testing.TB, url string, out chan<- live.Vessel) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		cancel()
		t.Fatalf("stream: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = line[len("event: "):]
			case strings.HasPrefix(line, "data: ") && event == "position":
				var v live.Vessel
				if err := json.Unmarshal([]byte(line[len("data: "):]), &v); err == nil {
					select {
					case out <- v:
					case <-ctx.Done():
						return
					}
				}
			case line == "":
				event = ""
			}
		}
	}()
	return func() { cancel(); <-done }
}

// tcpSource is a local TCP server a tcp feed dials: it hands the test the
// first connection.
func tcpSource(t testing.TB) (addr string, conn <-chan net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	c := make(chan net.Conn, 1)
	go func() {
		cn, err := ln.Accept()
		if err == nil {
			c <- cn
		}
	}()
	return ln.Addr().String(), c
}

// TestServeTCPFeedStream: lines sent by a TCP source reach an SSE client
// of the real HTTP server as positions, bad lines beside them are counted
// and do not stop the feed, and everything is stored at shutdown.
func TestServeTCPFeedStream(t *testing.T) {
	const capture = "../../testdata/ais/amsa-tag-block.nmea"
	src, conns := tcpSource(t)
	dir := t.TempDir()
	fc, err := feed.ParseSpec("tcp:" + src + "?name=tcp-test&min_backoff=50ms")
	if err != nil {
		t.Fatal(err)
	}
	rs := startServe(t, serveConfig{Data: dir, Feeds: []feed.Config{fc}, Detect: true, AnonymousRead: true}, 100*time.Millisecond)

	positions := make(chan live.Vessel, 10000)
	stopSSE := sseClient(t, "http://"+rs.addr+"/api/stream?kind=position", positions)
	defer stopSSE()
	var conn net.Conn
	select {
	case conn = <-conns:
	case <-time.After(30 * time.Second):
		t.Fatal("the tcp feed did not connect")
	}
	defer conn.Close()
	data, err := os.ReadFile(capture)
	if err != nil {
		t.Fatal(err)
	}
	// Bad lines between good ones: a wrong checksum, junk, a truncated
	// sentence.
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var sent strings.Builder
	for i, l := range lines {
		sent.WriteString(l + "\n")
		if i == 10 {
			sent.WriteString("!AIVDM,1,1,,B,13aEOK?P00PD2wVMdLDRhgvL289?,0*FF\nnot nmea at all\n!AIVDM,1,1,,A,15M\n")
		}
	}
	if _, err := io.WriteString(conn, sent.String()); err != nil {
		t.Fatal(err)
	}

	refDir := t.TempDir()
	replayInto(t, refDir, capture)
	wantPos, wantVessels := storedCounts(t, refDir)

	seen := map[sitrep.MMSI]bool{}
	deadline := time.After(30 * time.Second)
	for len(seen) < wantVessels-1 { // one vessel of the capture has no position
		select {
		case v := <-positions:
			seen[v.MMSI] = true
			if v.Simulated || v.Class == "" || v.Time.IsZero() {
				t.Fatalf("stream position %+v", v)
			}
		case <-deadline:
			t.Fatalf("stream: positions of %d vessels after 30 s, want %d", len(seen), wantVessels-1)
		}
	}
	st, err := rs.s.feeds.Status("tcp-test")
	if err != nil || st.State != feed.Up {
		t.Errorf("feed status %+v, %v; want up", st, err)
	}
	if n := rs.s.li.rejected.Load(); n != 3 {
		t.Errorf("%d lines rejected, want the 3 bad ones", n)
	}
	// The feed's status, as the API shows it, counts them.
	resp, err := http.Get("http://" + rs.addr + "/api/feeds")
	if err != nil {
		t.Fatal(err)
	}
	var feeds struct {
		Items []feed.Status `json:"items"`
	}
	err = json.NewDecoder(resp.Body).Decode(&feeds)
	resp.Body.Close()
	if err != nil || len(feeds.Items) != 1 || feeds.Items[0].Dropped != 3 ||
		feeds.Items[0].DroppedBy["nmea_checksum"] != 1 || feeds.Items[0].Lines != uint64(len(lines)+3) {
		t.Errorf("/api/feeds: %+v, %v; want 3 dropped (1 nmea_checksum) of %d lines", feeds.Items, err, len(lines)+3)
	}
	stopSSE()
	if err := rs.stop(); err != nil {
		t.Fatalf("serve: %v", err)
	}
	gotPos, gotVessels := storedCounts(t, dir)
	if gotPos != wantPos || gotVessels != wantVessels {
		t.Errorf("serve stored %d positions of %d vessels; replay stores %d of %d", gotPos, gotVessels, wantPos, wantVessels)
	}
}

// TestServeConfigPrecedence: flags beat environment variables, which beat
// the configuration file, which beats the defaults.
func TestServeConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sitrep.yaml")
	if err := os.WriteFile(file, []byte(`listen: 127.0.0.1:9001
data: /from/file
feeds:
  - udp::10111
anonymous_read: false
detect: false
tile_url: https://tiles.example.org/{z}/{x}/{y}.png
`), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SITREP_CONFIG": file, "SITREP_DATA": "/from/env", "SITREP_DETECT": "true"}
	getenv := func(k string) string { return env[k] }
	cmd := newServeCmd()
	if err := cmd.ParseFlags([]string{"--listen", "127.0.0.1:9002"}); err != nil {
		t.Fatal(err)
	}
	cfg, err := resolveServeConfig(cmd.Flags(), getenv, nil, func() string { return "/default" })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Listen != "127.0.0.1:9002" || cfg.Data != "/from/env" || !cfg.Detect || cfg.AnonymousRead ||
		cfg.TileURL != "https://tiles.example.org/{z}/{x}/{y}.png" || len(cfg.Feeds) != 1 || cfg.Feeds[0].Kind != feed.UDP {
		t.Errorf("resolved %+v", cfg)
	}

	// Flag feeds replace the file's; an unknown key in the file fails
	// naming it.
	cfg, err = resolveServeConfig(cmd.Flags(), getenv, []string{"stdin?name=pipe"}, func() string { return "/default" })
	if err != nil || len(cfg.Feeds) != 1 || cfg.Feeds[0].Name != "pipe" {
		t.Errorf("flag feeds: %+v, %v", cfg.Feeds, err)
	}
	if err := os.WriteFile(file, []byte("listen: x\nlisten_port: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := resolveServeConfig(cmd.Flags(), getenv, nil, func() string { return "" }); err == nil || !strings.Contains(err.Error(), "listen_port") {
		t.Errorf("unknown key: %v", err)
	}
	badEnv := func(k string) string { return map[string]string{"SITREP_DETECT": "maybe"}[k] }
	if _, err := resolveServeConfig(newServeCmd().Flags(), badEnv, nil, func() string { return "" }); err == nil || !strings.Contains(err.Error(), "SITREP_DETECT") {
		t.Errorf("bad boolean: %v", err)
	}
	// Defaults.
	cfg, err = resolveServeConfig(newServeCmd().Flags(), func(string) string { return "" }, nil, func() string { return "/default" })
	if err != nil || cfg.Listen != defaultListen || cfg.Data != "/default" || !cfg.AnonymousRead || !cfg.Detect || cfg.SecureCookies || len(cfg.Feeds) != 0 {
		t.Errorf("defaults: %+v, %v", cfg, err)
	}
}

// FuzzServeFile: any configuration file text gives a config or an
// EINVALID error naming the file, never a panic.
func FuzzServeFile(f *testing.F) {
	for _, s := range []string{
		"listen: 127.0.0.1:8080\ndata: /var/lib/sitrep\nfeeds:\n  - tcp:1.2.3.4:5631?name=a\nanonymous_read: false\n",
		"detect: maybe\n", "feeds: 3\n", "unknown: 1\n", "{", "- a\n- b\n", "listen: [1, 2]\n", "",
		"tile_url: https://{s}.tile.example.org/{z}/{x}/{y}.png\nsecure_cookies: yes\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := parseServeFile("fuzz.yaml", b)
		if err != nil {
			if e, ok := err.(*sitrep.Error); !ok || e.Code != sitrep.EINVALID || !strings.Contains(err.Error(), "fuzz.yaml") {
				t.Fatalf("error %T %v: want an EINVALID *sitrep.Error naming the file", err, err)
			}
		}
	})
}
