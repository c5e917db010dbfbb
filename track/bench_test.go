package track

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ingest"
)

// Areas of the InArea benchmark.
var (
	// eastMed is the eastern Mediterranean with the Aegean: Piraeus, Port
	// Said, the Levant coast and southern Turkey.
	eastMed = sitrep.Area{MinLat: 30, MinLon: 22, MaxLat: 41, MaxLon: 37}
)

// fleetState returns a State holding the simulated fleet of n vessels, each
// observed fixes times along its course (at least once; fixes >= the
// history limit fills every ring), with an identity as a type 5 gives it,
// and the fleet's latest positions.
func fleetState(tb testing.TB, n, fixes int) (*State, []sitrep.Position) {
	tb.Helper()
	s := newState(tb, Config{})
	fleet := simFleet(n, 42)
	for k := range max(fixes, 1) {
		last := k == max(fixes, 1)-1
		for i := range fleet {
			p := &fleet[i]
			if k > 0 {
				step(p, 0.002, 10*time.Second)
			}
			if last {
				// Ingest hands each fix its own provenance; the latest is kept.
				p.Sources = []sitrep.Provenance{{Feed: "sim", Station: "rx-1", Received: p.Time}}
			}
			s.Observe(*p)
		}
	}
	for i := range fleet {
		m := fleet[i].MMSI
		s.Apply(ingest.IdentityUpdate{
			Time:   fleet[i].Time,
			Fields: ingest.HasName | ingest.HasCallsign | ingest.HasIMO | ingest.HasShipType | ingest.HasDimensions | ingest.HasDestination | ingest.HasETA | ingest.HasDraught,
			Identity: sitrep.Identity{MMSI: m, IMO: 9000000 + uint32(i), Name: "SIM VESSEL " + strconv.Itoa(i),
				Callsign: "C" + strconv.Itoa(i), ShipType: 70, Length: 120, Beam: 20, Class: sitrep.ClassA},
			Voyage: sitrep.Voyage{Destination: "PORT " + strconv.Itoa(i%5000), ETA: t0.Add(72 * time.Hour), Draught: 7.5},
		})
	}
	return s, fleet
}

// bytesPerVessel measures the live heap that n simulated vessels with full
// histories (and identities) hold: in-use heap after a GC, before and after
// building the State, divided by n. It also returns the in-use span bytes
// per vessel, which include size-class rounding and free slots in spans.
func bytesPerVessel(tb testing.TB, n int) (alloc, inuse float64) {
	tb.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	s, _ := fleetState(tb, n, DefaultHistory) // the fleet slice is garbage here, not the State's
	runtime.GC()
	runtime.ReadMemStats(&after)
	if s.Len() != n {
		tb.Fatalf("State holds %d vessels, want %d", s.Len(), n)
	}
	runtime.KeepAlive(s)
	return float64(after.HeapAlloc-before.HeapAlloc) / float64(n),
		float64(after.HeapInuse-before.HeapInuse) / float64(n)
}

// TestMemoryPerVessel checks the 2 KiB budget per live vessel (full
// history ring, identity, index and map) on a smaller fleet than the
// benchmark. It measures memory, not time.
func TestMemoryPerVessel(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 vessels with full histories")
	}
	alloc, inuse := bytesPerVessel(t, 10_000)
	t.Logf("%.0f B/vessel live heap, %.0f B/vessel in-use spans", alloc, inuse)
	if alloc > 2048 || alloc < 20*DefaultHistory {
		t.Errorf("%.0f B/vessel, want between the ring alone (%d) and 2048", alloc, 20*DefaultHistory)
	}
}

// BenchmarkMemory reports the bytes per live vessel over 200,000 simulated
// vessels with full histories. Run with -benchtime=1x: one iteration takes
// seconds.
func BenchmarkMemory(b *testing.B) {
	b.ReportAllocs()
	var alloc, inuse float64
	for b.Loop() {
		alloc, inuse = bytesPerVessel(b, 200_000)
	}
	b.ReportMetric(alloc, "B/vessel")
	b.ReportMetric(inuse, "inuse-B/vessel")
}

// BenchmarkObserve measures one Observe in steady state: every vessel's
// history is full and fixes move each vessel about 200 m along its course.
// cpu-ns/op is the CPU time of the benchmarking thread per op (Linux),
// which leaves out the time other processes on a shared machine take.
// (BenchmarkMemory observes 200,000 vessels 64 times each, ring growth
// included.)
func BenchmarkObserve(b *testing.B) {
	for _, n := range []int{10_000} {
		b.Run(fmt.Sprintf("vessels=%d", n), func(b *testing.B) {
			s, fleet := fleetState(b, n, DefaultHistory)
			for i := range fleet {
				fleet[i].Sources = nil
			}
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			b.ReportAllocs()
			c0, cpuOK := threadCPU()
			i, ops := 0, 0
			for b.Loop() {
				p := &fleet[i]
				step(p, 0.002, 10*time.Second)
				s.Observe(*p)
				if i++; i == len(fleet) {
					i = 0
				}
				ops++
			}
			if c1, ok := threadCPU(); ok && cpuOK {
				b.ReportMetric(float64(c1-c0)/float64(ops), "cpu-ns/op")
			}
		})
	}
}

// BenchmarkInArea queries 200,000 live vessels, clustered like real
// traffic, for the eastern Mediterranean (one fixed box) and for 1°×1°
// boxes around busy places, with InArea (MMSIs from the index) and
// EachInArea (a copy of each vessel's state), and reports percentiles of
// the query time: wall clock (p50-ns, p99-ns) and, on Linux, the CPU time
// of the querying thread (cpu-p99-ns), which leaves out the time other
// processes on a shared machine take. Each op is one query; run with
// -benchtime=1000x for 1,000 queries.
func BenchmarkInArea(b *testing.B) {
	s, _ := fleetState(b, 200_000, 1)
	rng := rand.New(rand.NewPCG(9, 9))
	oneDegree := make([]sitrep.Area, 1000)
	for i := range oneDegree {
		h := hotspots[rng.IntN(len(hotspots))]
		lat := h.lat + (rng.Float64()-0.5)*h.sigma - 0.5
		lon := h.lon + (rng.Float64()-0.5)*h.sigma - 0.5
		oneDegree[i] = sitrep.Area{MinLat: lat, MinLon: wrapLon(lon), MaxLat: lat + 1, MaxLon: wrapLon(lon + 1)}
	}
	var ids []sitrep.MMSI
	queries := []struct {
		name  string
		query func(a sitrep.Area) int
	}{
		{"ids", func(a sitrep.Area) int {
			ids = s.InArea(a, ids[:0])
			return len(ids)
		}},
		{"vessels", func(a sitrep.Area) int {
			n := 0
			s.EachInArea(a, func(v *sitrep.Vessel) bool {
				if v.LastPosition != nil {
					n++
				}
				return true
			})
			return n
		}},
	}
	for _, q := range queries {
		for _, bc := range []struct {
			name  string
			areas []sitrep.Area
		}{
			{"east-med", []sitrep.Area{eastMed}},
			{"1x1deg", oneDegree},
		} {
			b.Run(q.name+"/"+bc.name, func(b *testing.B) {
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				b.ReportAllocs()
				var wall, cpu []time.Duration
				found := 0
				for b.Loop() {
					a := bc.areas[len(wall)%len(bc.areas)]
					c0, cpuOK := threadCPU()
					start := time.Now()
					found += q.query(a)
					wall = append(wall, time.Since(start))
					if c1, ok := threadCPU(); ok && cpuOK {
						cpu = append(cpu, time.Duration(c1-c0))
					}
				}
				b.ReportMetric(float64(found)/float64(len(wall)), "vessels/query")
				slices.Sort(wall)
				b.ReportMetric(float64(wall[len(wall)/2].Nanoseconds()), "p50-ns")
				b.ReportMetric(float64(wall[len(wall)*99/100].Nanoseconds()), "p99-ns")
				if len(cpu) == len(wall) {
					slices.Sort(cpu)
					b.ReportMetric(float64(cpu[len(cpu)*99/100].Nanoseconds()), "cpu-p99-ns")
				}
			})
		}
	}
}

// BenchmarkApply measures merging a type 5 whose destination alternates
// (every call reports a change) and one that repeats (the common case).
func BenchmarkApply(b *testing.B) {
	b.Run("change", func(b *testing.B) { benchmarkApply(b, [2]string{"ST.PETERSBURG", "KALININGRAD"}, 1) })
	b.Run("repeat", func(b *testing.B) { benchmarkApply(b, [2]string{"KALININGRAD", "KALININGRAD"}, 0) })
}

// benchmarkApply applies updates whose destination alternates between
// dests and checks that each reports changes changes (after the first).
func benchmarkApply(b *testing.B, dests [2]string, changes int) {
	s := newState(b, Config{})
	u := ingest.IdentityUpdate{Time: t0,
		Fields:   ingest.HasName | ingest.HasCallsign | ingest.HasIMO | ingest.HasDestination | ingest.HasETA | ingest.HasDraught,
		Identity: sitrep.Identity{MMSI: sparta, IMO: 9160578, Name: "SPARTA IV", Callsign: "UBCF6", Class: sitrep.ClassA},
		Voyage:   sitrep.Voyage{ETA: t0.Add(72 * time.Hour), Draught: 6.5}}
	u.Voyage.Destination = dests[1]
	s.Apply(u)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		u.Time = u.Time.Add(6 * time.Minute)
		u.Voyage.Destination = dests[i&1]
		i++
		if ch := s.Apply(u); len(ch) != changes {
			b.Fatalf("changes %+v, want %d", ch, changes)
		}
	}
}
