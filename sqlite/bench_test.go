package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// BenchmarkAddPositions stores batches of 10,000 SIMULATED positions of
// 2,000 vessels and reports the ingest rate.
func BenchmarkAddPositions(b *testing.B) {
	f := newSimFleet(1, 2000)
	batches := make([][]sitrep.Position, 50)
	for i := range batches {
		batches[i] = f.batch(10_000)
	}
	s, err := Open(b.Context(), b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	n := 0
	for i := 0; b.Loop(); i++ {
		if err := s.AddPositions(b.Context(), batches[i%len(batches)]); err != nil {
			b.Fatal(err)
		}
		n += 10_000
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "positions/s")
}

// denseMonth stores 30 days of dense SIMULATED history of one vessel (a
// fix every 10 s, 259,200 positions), compacted to one chunk per day.
func denseMonth(b *testing.B) (*Store, sitrep.MMSI, int) {
	s, err := Open(b.Context(), b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	f := newSimFleet(2, 1)
	v := &f.vessels[0]
	v.moored, v.sog, v.interval, v.next = false, 12, 10_000, f.now
	const total = 30 * 24 * 360
	for done := 0; done < total; {
		ps := f.batch(min(10_000, total-done))
		if err := s.AddPositions(b.Context(), ps); err != nil {
			b.Fatal(err)
		}
		done += len(ps)
	}
	if err := s.Compact(b.Context(), time.UnixMilli(f.now+1)); err != nil {
		b.Fatal(err)
	}
	return s, v.mmsi, total
}

// BenchmarkTrack reads denseMonth with Track and reports the median and
// 99th percentile latencies besides ns/op.
func BenchmarkTrack(b *testing.B) {
	s, mmsi, total := denseMonth(b)
	var lat []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		t := time.Now()
		ps, err := s.Track(b.Context(), mmsi, sitrep.TimeRange{})
		lat = append(lat, time.Since(t))
		if err != nil || len(ps) != total {
			b.Fatalf("Track: %d positions, %v", len(ps), err)
		}
	}
	reportLatency(b, lat)
}

// BenchmarkTrackFunc walks denseMonth with TrackFunc (every position
// decoded, with its source, and handed to a callback) and reports the
// median and 99th percentile latencies besides ns/op.
func BenchmarkTrackFunc(b *testing.B) {
	s, mmsi, total := denseMonth(b)
	var lat []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		t := time.Now()
		n, sum := 0, 0.0
		err := s.TrackFunc(b.Context(), mmsi, sitrep.TimeRange{}, func(p *sitrep.Position) error {
			n++
			sum += p.Lat
			return nil
		})
		lat = append(lat, time.Since(t))
		if err != nil || n != total || sum == 0 {
			b.Fatalf("TrackFunc: %d positions, %v", n, err)
		}
	}
	reportLatency(b, lat)
}

// reportLatency reports the median and the 99th percentile of lat. On a
// shared machine the two differ mostly by the time other processes take
// from the cores; the median shows the cost of the code itself.
func reportLatency(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
}

// BenchmarkBytesPerPosition stores 1,000,000 SIMULATED positions of 2,000
// vessels in batches of 10,000 and reports the database size (file plus
// WAL, after a checkpoint) per position, as ingested (B/pos-ingested) and
// after Compact (B/pos). Run it with -benchtime=1x.
func BenchmarkBytesPerPosition(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		inLog, flushed, compacted := bytesPerPosition(b, 1_000_000)
		b.ReportMetric(inLog, "B/pos-head-log")
		b.ReportMetric(flushed, "B/pos-flushed")
		b.ReportMetric(compacted, "B/pos")
	}
}

// bytesPerPosition stores n SIMULATED positions in a new store and returns
// the bytes per position on disk before and after compaction.
func bytesPerPosition(b *testing.B, n int) (inLog, flushed, compacted float64) {
	ctx := context.Background()
	dir := b.TempDir()
	s, err := Open(ctx, dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	f := newSimFleet(3, 2000)
	for done := 0; done < n; done += 10_000 {
		if err := s.AddPositions(ctx, f.batch(10_000)); err != nil {
			b.Fatal(err)
		}
	}
	size := func() float64 {
		if _, err := s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			b.Fatal(err)
		}
		var total int64
		for _, name := range []string{FileName, FileName + "-wal"} {
			if fi, err := os.Stat(filepath.Join(dir, name)); err == nil {
				total += fi.Size()
			}
		}
		return float64(total) / float64(n)
	}
	inLog = size() // everything still in the head (and head_log)
	if err := s.Flush(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, "PRAGMA incremental_vacuum"); err != nil { // as Close does
		b.Fatal(err)
	}
	flushed = size()
	if err := s.Compact(ctx, time.UnixMilli(f.now+1)); err != nil {
		b.Fatal(err)
	}
	return inLog, flushed, size()
}

// BenchmarkPutVessels stores 20,000 SIMULATED vessels, each with an
// identity, a voyage and a last position, into a new store, as the end of
// `sitrep replay` of the 20,000-vessel capture does. One op is the 20,000.
func BenchmarkPutVessels(b *testing.B) {
	f := newSimFleet(3, 20_000)
	ps := f.batch(20_000)
	vs := make([]sitrep.Vessel, len(ps))
	for i := range ps {
		p := ps[i]
		vs[i] = sitrep.Vessel{
			Identity:     sitrep.Identity{MMSI: p.MMSI, IMO: 9000000 + uint32(i), Name: "SIMULATED " + p.MMSI.String(), Callsign: "SIM" + p.MMSI.String()[:4], ShipType: 70, Flag: "PA", Length: 120, Beam: 20, Class: sitrep.ClassA},
			Voyage:       sitrep.Voyage{Destination: "ST.PETERSBURG", Draught: 7.5, ETA: time.UnixMilli(f.now).UTC()},
			LastPosition: &p,
			FirstSeen:    p.Time.Add(-time.Hour),
			LastSeen:     p.Time,
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		s, err := Open(b.Context(), b.TempDir(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.PutVessels(b.Context(), vs); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
