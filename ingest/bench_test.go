package ingest

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/internal/benchclock"
	"github.com/sitrep-osint/sitrep/nmea"
	"github.com/sitrep-osint/sitrep/sim"
)

// BenchmarkStage20k measures decoding and ingesting one message where the
// stage's state no longer fits in the caches, as in `sitrep replay` of the
// 20,000-vessel capture: 10 minutes of 20,000 SIMULATED vessels (package
// sim, seed 1), framed beforehand. One op is one message; each pass over
// the capture starts on a fresh Stage. "warm" calls Stage.Warm for each
// block of 32 messages first, as the replay does. cpu-ns/op is the
// process's CPU time per op, less disturbed than ns/op by other processes
// on a shared machine.
func BenchmarkStage20k(b *testing.B) {
	g, err := sim.New(sim.Config{Vessels: 20_000, Start: time.Date(2025, 1, 25, 0, 0, 0, 0, time.UTC), Duration: 10 * time.Minute, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := g.WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	var msgs []nmea.Message
	r := nmea.NewReader(&buf, nmea.ReaderConfig{})
	for {
		m, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			continue
		}
		c := *m
		c.Payload = bytes.Clone(m.Payload)
		msgs = append(msgs, c)
	}
	b.Logf("%d messages", len(msgs))
	for _, warm := range []bool{false, true} {
		name := "cold"
		if warm {
			name = "warm"
		}
		b.Run(name, func(b *testing.B) {
			dec := ais.NewDecoder()
			var st *Stage
			positions := 0
			sink := Sink{Position: func(sitrep.Position) { positions++ }}
			i := len(msgs)
			b.ReportAllocs()
			cpu0 := benchclock.ProcessCPU()
			for b.Loop() {
				if i == len(msgs) {
					st, i = New(Config{Feed: "bench"}, sink), 0
				}
				if warm && i%32 == 0 {
					st.Warm(msgs[i:min(i+32, len(msgs))])
				}
				m := &msgs[i]
				if d, err := dec.Decode(m.Payload, m.FillBits); d != nil && (err == nil || errors.Is(err, ais.ErrShort)) {
					st.Handle(m, d, m.Time)
				}
				i++
			}
			b.ReportMetric(float64(benchclock.ProcessCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}
