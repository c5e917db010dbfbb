package main

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/gazetteer"
	"github.com/sitrep-osint/sitrep/ingest"
	"github.com/sitrep-osint/sitrep/nmea"
	"github.com/sitrep-osint/sitrep/track"
)

// pipeline wires the stages for replay and import: ingest -> track ->
// store, with positions written in batches.
type pipeline struct {
	ctx     context.Context
	store   sitrep.Store
	state   *track.State
	dec     *ais.Decoder
	batch   []sitrep.Position
	dups    []dupSource
	changes []sitrep.IdentityChange
	err     error // the first store error; the pipeline stops writing after it

	positions, changesN, rejected, decodeErrs int64
}

type dupSource struct {
	mmsi sitrep.MMSI
	t    time.Time
	src  sitrep.Provenance
}

// batchSize is how many positions go to the store in one transaction.
const batchSize = 50_000

func newPipeline(ctx context.Context, store sitrep.Store) (*pipeline, error) {
	var resolve func(string) *sitrep.PortRef
	if g, err := gazetteer.Default(); err == nil {
		resolve = func(raw string) *sitrep.PortRef {
			r := g.Resolve(raw)
			if r.Port == nil {
				return nil
			}
			return &sitrep.PortRef{LOCODE: r.Port.LOCODE, Name: r.Port.Name, Country: r.Port.Country, Lat: r.Port.Lat, Lon: r.Port.Lon}
		}
	}
	st, err := track.New(track.Config{Resolve: resolve})
	if err != nil {
		return nil, err
	}
	return &pipeline{ctx: ctx, store: store, state: st, dec: ais.NewDecoder(),
		batch: make([]sitrep.Position, 0, batchSize)}, nil
}

// sink returns the ingest sink that feeds track state and the store.
func (p *pipeline) sink() ingest.Sink {
	return ingest.Sink{
		Position: p.position,
		Duplicate: func(mmsi sitrep.MMSI, t time.Time, src sitrep.Provenance) {
			p.dups = append(p.dups, dupSource{mmsi, t, src})
		},
		Identity: func(u ingest.IdentityUpdate) {
			p.changes = append(p.changes, p.state.Apply(u)...)
		},
	}
}

func (p *pipeline) position(pos sitrep.Position) {
	p.state.Observe(pos)
	p.batch = append(p.batch, pos)
	if len(p.batch) >= batchSize {
		p.flush()
	}
}

// flush writes what is pending. After a store error it keeps the first
// error and drops further writes.
func (p *pipeline) flush() {
	if p.err == nil && len(p.batch) > 0 {
		p.err = p.store.AddPositions(p.ctx, p.batch)
		if p.err == nil {
			p.positions += int64(len(p.batch))
		}
	}
	p.batch = p.batch[:0]
	for _, d := range p.dups {
		if p.err == nil {
			p.err = p.store.AddSources(p.ctx, d.mmsi, d.t, []sitrep.Provenance{d.src})
		}
	}
	p.dups = p.dups[:0]
	if p.err == nil && len(p.changes) > 0 {
		p.err = p.store.AddIdentityChanges(p.ctx, p.changes)
		if p.err == nil {
			p.changesN += int64(len(p.changes))
		}
	}
	p.changes = p.changes[:0]
}

// nmeaStream ingests one NMEA stream. onLine is called every so often with
// the reader's stats (for progress).
func (p *pipeline) nmeaStream(name string, r io.Reader, recv func() time.Time, onProgress func(nmea.Stats)) (nmea.Stats, ingest.Stats, error) {
	stage := ingest.New(ingest.Config{Feed: name}, p.sink())
	nr := nmea.NewReader(r, nmea.ReaderConfig{Source: name})
	n := 0
	for {
		msg, err := nr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *nmea.ParseError
			if errors.As(err, &pe) {
				p.rejected++
				continue
			}
			return nr.Stats(), stage.Stats(), err
		}
		m, err := p.dec.Decode(msg.Payload, msg.FillBits)
		if m == nil || (err != nil && !errors.Is(err, ais.ErrShort)) {
			p.decodeErrs++
			continue
		}
		stage.Handle(msg, m, recv())
		if n++; n&0xFFFF == 0 && onProgress != nil {
			onProgress(nr.Stats())
		}
		if p.err != nil {
			return nr.Stats(), stage.Stats(), p.err
		}
	}
	return nr.Stats(), stage.Stats(), p.err
}

// finish flushes and stores the state of every vessel held.
func (p *pipeline) finish() error {
	p.flush()
	if p.err != nil {
		return p.err
	}
	var err error
	p.state.Each(func(v *sitrep.Vessel) bool {
		err = p.store.PutVessel(p.ctx, *v)
		return err == nil
	})
	return err
}
