package detect

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ingest"
	"github.com/sitrep-osint/sitrep/internal/benchclock"
	"github.com/sitrep-osint/sitrep/internal/capturetest"
	"github.com/sitrep-osint/sitrep/track"
)

// benchVessels and benchDuration size the SIMULATED capture of the
// benchmarks (about 80,000 positions).
const (
	benchVessels  = 500
	benchDuration = 2 * time.Hour
)

// replayStages runs nmea, ais, ingest and track over data, as replay does
// before the store, calling pos for each position (nil: none).
func replayStages(tb testing.TB, data []byte, pos func(sitrep.Position)) int {
	st, err := track.New(track.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	n := 0
	stage := ingest.New(ingest.Config{Feed: "bench"}, ingest.Sink{
		Position: func(p sitrep.Position) {
			st.Observe(p)
			n++
			if pos != nil {
				pos(p)
			}
		},
		Identity: func(u ingest.IdentityUpdate) { st.Apply(u) },
	})
	capturetest.ReplayData(data, "bench", t0, stage.Handle)
	return n
}

// BenchmarkDetectorPosition measures Detector.Position alone over the
// positions of a simulated capture, with no sites and with 4,000 sites in
// a grid index (geo.ShapeIndex, as *sites.Index). One op is one position.
func BenchmarkDetectorPosition(b *testing.B) {
	data := simCapture(b, benchVessels, benchDuration)
	var ps []sitrep.Position
	replayStages(b, data, func(p sitrep.Position) { ps = append(ps, p) })
	for _, bc := range []struct {
		name string
		idx  SiteIndex
	}{{"sites=0", nil}, {"sites=4000", newGridIndex(b, 4000, 1)}} {
		b.Run(bc.name, func(b *testing.B) {
			var d *Detector
			events := 0
			i := len(ps)
			b.ReportAllocs()
			for b.Loop() {
				if i == len(ps) { // start the capture again on a fresh detector
					b.StopTimer()
					var err error
					d, err = New(Config{Params: DefaultParams(), Sites: bc.idx, Sink: func(sitrep.Event) { events++ }})
					if err != nil {
						b.Fatal(err)
					}
					i = 0
					b.StartTimer()
				}
				d.Position(ps[i])
				i++
			}
		})
	}
}

// BenchmarkReplayWithDetection compares the replay stages before the store
// (nmea, ais, ingest, track) without and with full detection over 4,000
// sites, on the same simulated capture; one op is one pass over it.
func BenchmarkReplayWithDetection(b *testing.B) {
	data := simCapture(b, benchVessels, benchDuration)
	idx := newGridIndex(b, 4000, 1)
	for _, detect := range []bool{false, true} {
		name := "detect=off"
		if detect {
			name = "detect=on"
		}
		b.Run(name, func(b *testing.B) {
			n := 0
			b.ReportAllocs()
			for b.Loop() {
				var pos func(sitrep.Position)
				if detect {
					d, err := New(Config{Params: DefaultParams(), Sites: idx, Sink: func(sitrep.Event) {}})
					if err != nil {
						b.Fatal(err)
					}
					pos = d.Position
				}
				n = replayStages(b, data, pos)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/position")
		})
	}
}

// BenchmarkDetectorPosition20k measures Detector.Position where its state
// no longer fits in the caches, as in `sitrep replay` of the 20,000-vessel
// capture: the positions of 20,000 SIMULATED vessels over 10 minutes
// (about a million, interleaved in time order as track delivers them),
// with every bundled site (sites.Catalogue, sites.ForDetection,
// sites.NewIndex). One op is one position; each pass over the capture
// starts on a fresh Detector. "warm" calls Detector.Warm for each block of
// WarmBlock positions first, as the replay does. cpu-ns/op is the
// process's CPU time per op, less disturbed than ns/op by other processes
// on a shared machine.
func BenchmarkDetectorPosition20k(b *testing.B) {
	data := simCapture(b, 20_000, 10*time.Minute)
	var ps []sitrep.Position
	replayStages(b, data, func(p sitrep.Position) { ps = append(ps, p) })
	idx := catalogueIndex(b)
	b.Logf("%d positions, %d sites", len(ps), idx.Len())
	for _, warm := range []bool{false, true} {
		name := "cold"
		if warm {
			name = "warm"
		}
		b.Run(name, func(b *testing.B) {
			var d *Detector
			events := 0
			i := len(ps)
			b.ReportAllocs()
			cpu0 := benchclock.ProcessCPU()
			for b.Loop() {
				if i == len(ps) {
					b.StopTimer()
					var err error
					d, err = New(Config{Params: DefaultParams(), Sites: idx, Sink: func(sitrep.Event) { events++ }})
					if err != nil {
						b.Fatal(err)
					}
					i = 0
					b.StartTimer()
				}
				if warm && i%WarmBlock == 0 {
					d.Warm(ps[i:])
				}
				d.Position(ps[i])
				i++
			}
			b.ReportMetric(float64(benchclock.ProcessCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}
