package feed

import (
	"bytes"
	"io"
	"net"
	"os"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkTCPFeed measures a TCP feed over loopback: a local server writes
// a real capture (testdata/ais/amsa-ais-head3000.nmea, repeated) as fast as
// the feed reads it, and the Handler only counts. One op is one line.
func BenchmarkTCPFeed(b *testing.B) {
	raw, err := os.ReadFile("../testdata/ais/amsa-ais-head3000.nmea")
	if err != nil {
		b.Fatal(err)
	}
	if !bytes.HasSuffix(raw, []byte("\n")) {
		raw = append(raw, '\n')
	}
	perCopy := len(captureLines(b, "amsa-ais-head3000.nmea"))
	copies := (b.N + perCopy - 1) / perCopy
	want := int64(copies * perCopy)

	addr := serveConn(b, func(conn net.Conn) error {
		for range copies {
			if _, err := conn.Write(raw); err != nil {
				return err
			}
		}
		return nil
	})

	var n atomic.Int64
	done := make(chan struct{})
	h := func(_ string, line []byte, _ time.Time) {
		if n.Add(1) == want {
			close(done)
		}
	}
	m := NewManager(h, Options{Logger: quietLogger()})
	defer m.Close()
	b.SetBytes(int64(len(raw)) / int64(perCopy))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	if err := m.Start(b.Context(), Config{Name: "bench", Kind: TCP, Addr: addr}); err != nil {
		b.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		b.Fatalf("%d of %d lines", n.Load(), want)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(want)/elapsed.Seconds(), "lines/s")
	if st, _ := m.Status("bench"); st.Dropped != 0 || st.Lines != uint64(want) {
		b.Fatalf("status %+v, want %d lines and none dropped", st, want)
	}
}

// BenchmarkReadLines measures the framing alone (no socket): a real
// capture read from memory, checked and passed to a Handler that counts.
// One op is one line (the last pass may overshoot b.N by less than a file).
func BenchmarkReadLines(b *testing.B) {
	raw, err := os.ReadFile("../testdata/ais/amsa-ais-head3000.nmea")
	if err != nil {
		b.Fatal(err)
	}
	perCopy := len(captureLines(b, "amsa-ais-head3000.nmea"))
	f := testFeed(newCollector(), DefaultMaxLine)
	var n int
	f.h = func(string, []byte, time.Time) { n++ }
	buf := make([]byte, bufSize(DefaultMaxLine))
	r := bytes.NewReader(raw)
	b.SetBytes(int64(len(raw)) / int64(perCopy))
	b.ReportAllocs()
	b.ResetTimer()
	for n < b.N {
		r.Reset(raw)
		if err := f.readLines(b.Context(), r, buf, f.line); err != io.EOF {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if f.st.tooLong.Load()+f.st.junk.Load() != 0 {
		b.Fatal("lines dropped")
	}
}
