package main

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/sqlite"
)

// failingStore is a real store whose AddPositions fails after the first
// batch, as a full disk would.
type failingStore struct {
	sitrep.Store
	calls int
}

var errDiskFull = errors.New("disk full (simulated)")

func (f *failingStore) AddPositions(ctx context.Context, ps []sitrep.Position) error {
	f.calls++
	if f.calls > 1 {
		return errDiskFull
	}
	return f.Store.AddPositions(ctx, ps)
}

// TestPipelineWriterError: a store error stops the pipeline with that
// error, without deadlock, and what was written before it is kept.
func TestPipelineWriterError(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	real, err := sqlite.Open(ctx, dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer real.Close()
	fs := &failingStore{Store: real}
	p, err := newPipeline(ctx, fs, pipelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2025, 1, 28, 0, 0, 0, 0, time.UTC)
	for i := range 4 * batchSize { // simulated positions of one vessel
		p.position(sitrep.Position{MMSI: 273000001, Time: t0.Add(time.Duration(i) * time.Second), Lat: 34.9, Lon: 35.85})
		if p.failure() != nil {
			break
		}
	}
	if err := p.finish(); !errors.Is(err, errDiskFull) {
		t.Fatalf("finish: %v, want the store's error", err)
	}
	if p.positions != batchSize {
		t.Errorf("%d positions counted as stored, want the first batch of %d", p.positions, batchSize)
	}
	ps, err := real.Track(ctx, 273000001, sitrep.TimeRange{})
	if err != nil || len(ps) != batchSize {
		t.Errorf("stored %d positions (%v), want %d", len(ps), err, batchSize)
	}
}

// sitesFailStore is a real store whose stored sites cannot be read.
type sitesFailStore struct{ sitrep.Store }

var errSites = errors.New("sites unreadable (simulated)")

func (sitesFailStore) Sites(context.Context, sitrep.SiteFilter) ([]sitrep.Site, error) {
	return nil, errSites
}

// TestPipelineDetectorLoadError: a replay's detector is made on its own
// goroutine; when its sites cannot be loaded the pipeline fails with that
// error, without deadlock, and stores nothing more.
func TestPipelineDetectorLoadError(t *testing.T) {
	ctx := context.Background()
	real, err := sqlite.Open(ctx, t.TempDir(), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer real.Close()
	p, err := newPipeline(ctx, sitesFailStore{real}, pipelineOptions{detect: true})
	if err != nil {
		t.Fatalf("newPipeline: %v (the sites load later)", err)
	}
	t0 := time.Date(2025, 1, 28, 0, 0, 0, 0, time.UTC)
	for i := range 3 * batchSize {
		p.position(sitrep.Position{MMSI: 273000001, Time: t0.Add(time.Duration(i) * time.Second), Lat: 34.9, Lon: 35.85})
	}
	if err := p.finish(); !errors.Is(err, errSites) {
		t.Fatalf("finish: %v, want the sites' error", err)
	}
	if p.positions != 0 {
		t.Errorf("%d positions stored after the failure", p.positions)
	}
}
