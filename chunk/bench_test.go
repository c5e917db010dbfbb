package chunk

import (
	"testing"
)

// benchChunkPoints is the chunk length of the benchmarks: one hour of a
// vessel reporting every 10 s.
const benchChunkPoints = 360

// BenchmarkAppend encodes the SIMULATED 12 kn / 10 s track in chunks of
// benchChunkPoints points into a reused buffer; one op is one point.
func BenchmarkAppend(b *testing.B) {
	ps := simulatedTrack(benchChunkPoints*100, 8)
	benchAppend(b, [][]Point{ps})
}

// BenchmarkAppendReal encodes the real captures, one chunk per vessel; one
// op is one point.
func BenchmarkAppendReal(b *testing.B) {
	tracks, _ := realTracks(b)
	benchAppend(b, tracks)
}

func benchAppend(b *testing.B, tracks [][]Point) {
	var all []Point
	var starts []bool // starts[i]: point i begins a chunk
	for _, ps := range tracks {
		for i, p := range ps {
			all = append(all, p)
			starts = append(starts, i%benchChunkPoints == 0)
		}
	}
	e := NewEncoder(make([]byte, 0, 64<<10))
	b.ReportAllocs()
	cpu0 := processCPU()
	i := 0
	for b.Loop() {
		if starts[i] {
			e.Reset(e.Bytes()[:0])
		}
		if err := e.Append(all[i]); err != nil {
			b.Fatal(err)
		}
		i++
		if i == len(all) {
			i = 0
		}
	}
	reportCPU(b, cpu0, b.N)
	reportSize(b, tracks)
}

// reportSize reports the bytes per point of one chunk per track, at most
// benchChunkPoints points long.
func reportSize(b *testing.B, tracks [][]Point) {
	var n, size int
	for _, ps := range tracks {
		for len(ps) > 0 {
			k := min(len(ps), benchChunkPoints)
			size += len(encode(b, ps[:k]))
			n += k
			ps = ps[k:]
		}
	}
	b.ReportMetric(float64(size)/float64(n), "B/point")
}

// BenchmarkIterate decodes chunks of the SIMULATED track with a reused
// Iterator; one op is one point.
func BenchmarkIterate(b *testing.B) {
	ps := simulatedTrack(benchChunkPoints*100, 9)
	benchIterate(b, [][]Point{ps})
}

// BenchmarkIterateReal decodes the real captures, one chunk per vessel; one
// op is one point.
func BenchmarkIterateReal(b *testing.B) {
	tracks, _ := realTracks(b)
	benchIterate(b, tracks)
}

func benchIterate(b *testing.B, tracks [][]Point) {
	var chunks [][]byte
	total := 0
	for _, ps := range tracks {
		for len(ps) > 0 {
			k := min(len(ps), benchChunkPoints)
			chunks = append(chunks, encode(b, ps[:k]))
			total += k
			ps = ps[k:]
		}
	}
	var it Iterator
	var sink int64
	b.ReportAllocs()
	cpu0 := processCPU()
	n := 0
	for b.Loop() {
		for _, c := range chunks {
			if err := it.Reset(c); err != nil {
				b.Fatal(err)
			}
			for it.Next() {
				sink += it.At().T
			}
			if it.Err() != nil {
				b.Fatal(it.Err())
			}
		}
		n += total
	}
	_ = sink
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/point")
	reportCPU(b, cpu0, n)
}

// reportCPU reports the process CPU time per point since cpu0, which is
// steadier than wall time when other processes compete for the cores.
func reportCPU(b *testing.B, cpu0 int64, points int) {
	if cpu1 := processCPU(); cpu0 >= 0 && cpu1 >= 0 && points > 0 {
		b.ReportMetric(float64(cpu1-cpu0)/float64(points), "cpu-ns/point")
	}
}

// BenchmarkStat reads the header of a one-hour chunk.
func BenchmarkStat(b *testing.B) {
	c := encode(b, simulatedTrack(benchChunkPoints, 10))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Stat(c); err != nil {
			b.Fatal(err)
		}
	}
}
