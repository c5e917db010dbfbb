package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/feed"
	"github.com/sitrep-osint/sitrep/live"
	"github.com/sitrep-osint/sitrep/nmea"
	"github.com/sitrep-osint/sitrep/sim"
)

// posKey identifies a position on both sides of the measurement.
type posKey struct {
	mmsi sitrep.MMSI
	sec  int64
}

// TestServeLatency measures, on a real sitrep serve (TCP feed, HTTP SSE
// stream), the time from writing a sentence to the feed's TCP socket to
// receiving its position on an SSE client, with 50,000 live vessels and
// 20,000 sentences a second. The traffic is SIMULATED (package sim,
// station "sitrep-simulated"). It asserts nothing about timing; it logs
// p50/p90/p99/max. Run it with
//
//	SITREP_SERVE_LATENCY=1 go test -run TestServeLatency -v -timeout 20m ./cmd/sitrep
//
// SITREP_SERVE_LATENCY_RATE overrides the rate (sentences per second).
func TestServeLatency(t *testing.T) {
	if os.Getenv("SITREP_SERVE_LATENCY") == "" {
		t.Skip("set SITREP_SERVE_LATENCY=1 to measure (takes a minute or two)")
	}
	rate := 20_000
	if s := os.Getenv("SITREP_SERVE_LATENCY_RATE"); s != "" {
		fmt.Sscan(s, &rate)
	}
	vessels := 50_000
	if s := os.Getenv("SITREP_SERVE_LATENCY_VESSELS"); s != "" {
		fmt.Sscan(s, &vessels)
	}
	start := time.Date(2025, 1, 25, 0, 0, 0, 0, time.UTC)
	warmFor, measureFor := 3*time.Minute, time.Minute
	g, err := sim.New(sim.Config{Vessels: vessels, Start: start, Duration: warmFor + measureFor, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var capture bytes.Buffer
	if _, err := g.WriteTo(&capture); err != nil {
		t.Fatal(err)
	}
	// Split at the end of the warm-up, and key the positions measured.
	var warm []byte
	var lines [][]byte
	var keys [][]posKey // per line: the positions it completes (0 or 1)
	index := map[posKey]int{}
	dec := ais.NewDecoder()
	cut := start.Add(warmFor)
	for rest := capture.Bytes(); len(rest) > 0; {
		i := bytes.IndexByte(rest, '\n')
		line := rest[:i+1]
		rest = rest[i+1:]
		var s nmea.Sentence
		if err := nmea.Parse(bytes.TrimSpace(line), &s); err != nil {
			t.Fatalf("simulated line %q: %v", line, err)
		}
		if s.Time.Before(cut) {
			warm = append(warm, line...)
			continue
		}
		var k []posKey
		if s.FragCount == 1 {
			if m, err := dec.Decode(s.Payload, s.FillBits); err == nil {
				if typ := m.Head().Type; typ == 1 || typ == 2 || typ == 3 || typ == 18 || typ == 27 {
					pk := posKey{sitrep.MMSI(m.Head().MMSI), s.Time.Unix()}
					if _, dup := index[pk]; !dup {
						index[pk] = len(index)
						k = []posKey{pk}
					}
				}
			}
		}
		lines = append(lines, line)
		keys = append(keys, k)
	}
	sentAt := make([]atomic.Int64, len(index)) // Unix ns the line carrying each key was written
	t.Logf("SIMULATED capture: %d vessels, %d warm-up bytes, %d measured lines (%d positions)", vessels, len(warm), len(lines), len(index))

	src, conns := tcpSource(t)
	fc, err := feed.ParseSpec("tcp:" + src + "?name=sitrep-simulated-tcp&min_backoff=50ms")
	if err != nil {
		t.Fatal(err)
	}
	rs := startServe(t, serveConfig{Data: t.TempDir(), Feeds: []feed.Config{fc}, Detect: true, AnonymousRead: true}, time.Second)
	conn := <-conns
	defer conn.Close()
	conn.(*net.TCPConn).SetNoDelay(true)

	// Warm-up, as fast as it goes.
	t0 := time.Now()
	if _, err := conn.Write(warm); err != nil {
		t.Fatal(err)
	}
	ingested := func() float64 { return testutil.ToFloat64(rs.s.li.met.positions) }
	stored := func() float64 { return testutil.ToFloat64(rs.s.li.met.stored) }
	last, stable := -1.0, 0
	waitFor(t, 10*time.Minute, "the warm-up to be ingested and stored, vessel rows included", func() bool {
		time.Sleep(200 * time.Millisecond)
		n := ingested()
		if n == last && len(rs.s.li.in) == 0 && stored() == n && testutil.ToFloat64(rs.s.li.met.pendingNew) == 0 {
			stable++
		} else {
			stable = 0
		}
		last = n
		return stable >= 3
	})
	t.Logf("warm-up: %d live vessels, %.0f positions in %v", rs.s.state.Len(), testutil.ToFloat64(rs.s.li.met.positions), time.Since(t0).Round(time.Millisecond))
	if rs.s.state.Len() < vessels*95/100 {
		t.Fatalf("only %d live vessels after the warm-up", rs.s.state.Len())
	}

	// The SSE client watches a map-sized box, the eastern Mediterranean
	// (about a fifth of the simulated traffic), as the UI does; every
	// position is still ingested and published to the hub.
	bbox := os.Getenv("SITREP_SERVE_LATENCY_BBOX")
	if bbox == "" {
		bbox = "20,30,37,40"
	}
	recv := make(chan live.Vessel, 1<<16)
	stopSSE := sseClient(t, "http://"+rs.addr+"/api/stream?kind=position&bbox="+bbox, recv)
	defer stopSSE()
	lat := make([]time.Duration, 0, len(index))
	collected := make(chan struct{})
	var unmatched int
	go func() {
		defer close(collected)
		for v := range recv {
			now := time.Now().UnixNano()
			i, ok := index[posKey{v.MMSI, v.Time.Unix()}]
			if !ok {
				unmatched++
				continue
			}
			if s := sentAt[i].Load(); s != 0 {
				lat = append(lat, time.Duration(now-s))
			}
		}
	}()
	time.Sleep(200 * time.Millisecond) // the subscription is in place

	// Measured: rate sentences a second, in 5 ms steps.
	const step = 5 * time.Millisecond
	per := max(1, rate*int(step)/int(time.Second))
	t1 := time.Now()
	var buf []byte
	for i := 0; i < len(lines); i += per {
		next := t1.Add(time.Duration(i/per) * step)
		if d := time.Until(next); d > 0 {
			time.Sleep(d)
		}
		buf = buf[:0]
		end := min(i+per, len(lines))
		for _, l := range lines[i:end] {
			buf = append(buf, l...)
		}
		now := time.Now().UnixNano()
		for _, ks := range keys[i:end] {
			for _, k := range ks {
				sentAt[index[k]].Store(now)
			}
		}
		if _, err := conn.Write(buf); err != nil {
			t.Fatal(err)
		}
	}
	sendTime := time.Since(t1)
	time.Sleep(2 * time.Second)
	stopSSE()
	close(recv)
	<-collected

	dropped := gathered(t, rs, "sitrep_live_dropped_subscribers_total")
	if len(lat) == 0 {
		t.Fatalf("no position matched (%d unmatched, %v subscribers dropped, %v published)", unmatched, dropped,
			gathered(t, rs, "sitrep_live_published_total"))
	}
	slices.Sort(lat)
	q := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	t.Logf("sent %d lines in %v (%.0f lines/s); %d positions received on the stream (bbox %s, %d unmatched), %d subscribers dropped",
		len(lines), sendTime.Round(time.Millisecond), float64(len(lines))/sendTime.Seconds(), len(lat), bbox, unmatched, int(dropped))
	t.Logf("sentence written to TCP -> position read from SSE: p50 %v  p90 %v  p99 %v  max %v",
		q(0.50).Round(100*time.Microsecond), q(0.90).Round(100*time.Microsecond), q(0.99).Round(100*time.Microsecond), lat[len(lat)-1].Round(100*time.Microsecond))
	if err := rs.stop(); err != nil {
		t.Fatal(err)
	}
}

// gathered returns the sum of the values of the counter name in the
// server's registry.
func gathered(t testing.TB, rs *runningServe, name string) float64 {
	t.Helper()
	mfs, err := rs.s.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var v float64
	for _, mf := range mfs {
		if mf.GetName() == name {
			for _, m := range mf.GetMetric() {
				v += m.GetCounter().GetValue()
			}
		}
	}
	return v
}
