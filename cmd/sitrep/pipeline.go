package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/detect"
	"github.com/sitrep-osint/sitrep/ingest"
	"github.com/sitrep-osint/sitrep/live"
	"github.com/sitrep-osint/sitrep/nmea"
	"github.com/sitrep-osint/sitrep/track"
)

// pipeline wires the stages for replay and import: ingest -> track ->
// detect -> store, on goroutines so that they use the cores: the caller's
// decodes and ingests (fed by a reader goroutine, see nmeaStream) and
// collects positions, identity updates and duplicate receptions in
// batches; the observer applies a batch to the track state, in the order
// ingest delivered it; the detector (when detection is on) runs the rules
// over it in the same order; the writer stores it. A full batch waits for
// the stage after it (back-pressure: a few batches in memory at most).
//
// With pipelineOptions.live (sitrep serve) the same stages run on a live
// track state (history and spatial index kept), the observer publishes
// each new latest position and the detector each event to the live hub,
// the detector ticks on the clock so that open AIS gaps are reported, the
// writer stores changed vessels every few seconds and keeps going after a
// store error (logged and counted), and the stages are decoupled by
// buffered channels so that a slow store write delays nothing upstream.
type pipeline struct {
	ctx     context.Context
	store   sitrep.Store
	state   *track.State
	det     *detect.Detector // nil without detection; used by the detector goroutine
	events  []sitrep.Event   // the detector's output, owned by the detector goroutine
	dec     *ais.Decoder
	batch   []sitrep.Position
	updates []identityAt
	dups    []sitrep.Receipt

	jobs    chan writeJob // to the observer
	detects chan writeJob // from the observer to the detector (nil without detection)
	writes  chan writeJob // to the writer
	free    chan writeJob // written batches, for reuse
	done    sync.WaitGroup
	// observed is closed when the observer is done: the track state is
	// final.
	observed chan struct{}
	failed   atomic.Bool // set once the pipeline has failed (see fail); err then holds why
	err      error       // written once, by fail, before failed is set
	failOnce sync.Once

	// Counted by the writer; read after finish.
	positions, changesN int64
	eventIDs            map[string]bool // the events stored, by ID
	// Counted by the reading goroutine.
	rejected, decodeErrs int64

	live      *liveOutput              // nil for replay and import
	batchCap  int                      // positions that make a batch full
	batchInit int                      // capacity of a new position batch
	lastEvent time.Time                // latest position event time the detector saw (live)
	dirty     map[sitrep.MMSI]struct{} // vessels moved since the writer last stored them (live)
	newIdent  map[sitrep.MMSI]struct{} // vessels new or with new identity data since then (live)
	known     map[sitrep.MMSI]struct{} // vessels the writer has stored (live)
	flushes   int                      // batches handed to the observer, by the ingesting goroutine
}

// writeJob is one batch for the observer and writer goroutines.
type writeJob struct {
	positions []sitrep.Position
	updates   []identityAt
	dups      []sitrep.Receipt
	changes   []sitrep.IdentityChange // set by the observer
	idents    []identityRecord        // set by the observer, for the detector
	events    []sitrep.Event          // set by the detector
}

// identityRecord is what track.State.Apply reported for one vessel, with
// the vessel's state after it, before positions[at] of its batch.
type identityRecord struct {
	at      int
	v       sitrep.Vessel
	changes []sitrep.IdentityChange
}

// identityAt is an identity update that ingest delivered before
// positions[at] of its batch.
type identityAt struct {
	at int
	u  ingest.IdentityUpdate
}

// batchSize is how many positions go to the store in one transaction.
const batchSize = 50_000

// pipelineOptions configure newPipeline.
type pipelineOptions struct {
	// detect runs detection (with the default parameters and the sites of
	// detectionSites) and stores the events.
	detect bool
	// live, when set, runs the pipeline for sitrep serve (see pipeline).
	live *liveOutput
}

// liveOutput is what a live pipeline writes to besides the store.
type liveOutput struct {
	track *track.State // a live (not batch) state; written only through state
	state *live.State  // over track
	hub   *live.Hub
	now   func() time.Time
	log   *slog.Logger
	met   *pipelineMetrics
	// tick is how often the detector is told the time (open gaps) and the
	// writer stores the vessels that changed.
	tick time.Duration
}

// replayQueue is how many batches may wait between two stages of a
// replay or import: a stage that takes longer over one batch (the store
// writer when it flushes its head, for one) then holds up the others a
// batch or two later, not at once, and both cores stay busy.
const replayQueue = 2

// liveQueue is how many batches may wait between two live stages: live
// batches are small (see liveIngest), so that is seconds of a busy feed,
// and a slow store transaction (a checkpoint, the vessels) holds up
// neither the map nor the stream. It also bounds what a feed that outruns
// the store can queue (up to liveQueue batches of liveBatchSize positions
// or receipts per stage), and so what a shutdown must still store.
const liveQueue = 512

// liveBatchSize caps a live batch; live batches are mostly handed on as
// soon as the feeds pause (see liveIngest) and are much smaller, so they
// start small (liveBatchInit) and grow.
const (
	liveBatchSize = 4096
	liveBatchInit = 64
)

func newPipeline(ctx context.Context, store sitrep.Store, opts pipelineOptions) (*pipeline, error) {
	p := &pipeline{ctx: ctx, store: store, dec: ais.NewDecoder(), batchCap: batchSize, batchInit: batchSize, observed: make(chan struct{})}
	queue := replayQueue
	if opts.live != nil {
		p.live, p.state, p.batchCap, p.batchInit, queue = opts.live, opts.live.track, liveBatchSize, liveBatchInit, liveQueue
		p.dirty, p.newIdent, p.known = map[sitrep.MMSI]struct{}{}, map[sitrep.MMSI]struct{}{}, map[sitrep.MMSI]struct{}{}
	} else {
		// Nothing queries the live state during a replay: batch mode.
		st, err := track.New(track.Config{Resolve: backgroundResolve(), Batch: true})
		if err != nil {
			return nil, err
		}
		p.state = st
	}
	p.batch = make([]sitrep.Position, 0, p.batchInit)
	p.jobs, p.writes, p.free = make(chan writeJob, queue), make(chan writeJob, queue), make(chan writeJob, 2+queue)
	p.done.Add(2)
	if opts.detect {
		newDetector := func() (*detect.Detector, error) {
			idx, err := detectionSites(ctx, store)
			if err != nil {
				return nil, err
			}
			return detect.New(detect.Config{Params: detect.DefaultParams(), Sites: idx,
				Sink: func(e sitrep.Event) { p.events = append(p.events, e) }})
		}
		if p.live != nil { // serve does not start without its detector
			var err error
			if p.det, err = newDetector(); err != nil {
				return nil, err
			}
			newDetector = nil
		}
		p.detects = make(chan writeJob, queue)
		p.done.Add(1)
		go p.detector(newDetector)
	}
	go p.observer()
	go p.writer()
	return p, nil
}

// observer applies the batches it receives to the track state, positions
// and identity updates in the order ingest delivered them, and passes them
// on to the detector (or the writer), until jobs is closed.
func (p *pipeline) observer() {
	defer p.done.Done()
	defer close(p.observed)
	next := p.writes
	if p.detects != nil {
		next = p.detects
	}
	defer close(next)
	for j := range p.jobs {
		if p.live != nil {
			p.live.state.Update(func(*track.State) { p.observe(&j) })
			p.publishPositions(&j)
		} else {
			p.observe(&j)
		}
		next <- j
	}
}

// observe applies j to the track state.
func (p *pipeline) observe(j *writeJob) {
	from := 0 // positions before from are observed
	for _, u := range j.updates {
		p.state.ObserveAll(j.positions[from:u.at])
		from = u.at
		// Detection hears of first values too (they are not changes): a
		// first declared destination is what the next arrival is compared
		// with, a first IMO what a later MMSI is matched against.
		cs, first := p.state.ApplyFirsts(u.u)
		j.changes = append(j.changes, cs...)
		if p.detects != nil && (len(cs) > 0 || first != 0) {
			if v, ok := p.state.Vessel(u.u.Identity.MMSI); ok {
				j.idents = append(j.idents, identityRecord{at: u.at, v: v, changes: cs})
			}
		}
	}
	p.state.ObserveAll(j.positions[from:])
}

// detector runs detection over the batches it receives, positions and
// identity changes in order, and passes them on to the writer with the
// events, until detects is closed; then it flushes the open events.
//
// A replay's detector is made here, by newDetector (the sites take a tenth
// of a second to load, while the reader, ingest and track get going): if
// that fails, the pipeline fails (see fail) and the batches go on to the
// writer, which drops them.
func (p *pipeline) detector(newDetector func() (*detect.Detector, error)) {
	defer p.done.Done()
	defer close(p.writes)
	if newDetector != nil {
		var err error
		if p.det, err = newDetector(); err != nil {
			p.fail(err)
			for j := range p.detects {
				p.writes <- j
			}
			return
		}
	}
	var tick <-chan time.Time
	if p.live != nil {
		t := time.NewTicker(p.live.tick)
		defer t.Stop()
		tick = t.C
	}
	for {
		var j writeJob
		select {
		case <-tick:
			p.det.Tick(p.tickTime())
			if len(p.events) > 0 {
				j := writeJob{events: p.events}
				p.events = nil
				p.publishEvents(j.events)
				p.writes <- j
			}
			continue
		case jj, ok := <-p.detects:
			if !ok {
				p.flushDetector()
				return
			}
			j = jj
		}
		from := 0
		for _, r := range j.idents {
			p.detectPositions(j.positions, from, r.at)
			from = r.at
			p.det.Identity(r.v, r.changes)
		}
		p.detectPositions(j.positions, from, len(j.positions))
		if p.live != nil && len(j.positions) > 0 {
			p.lastEvent = maxTime(p.lastEvent, j.positions[len(j.positions)-1].Time)
		}
		j.events, p.events = p.events, j.events[:0]
		p.publishEvents(j.events)
		p.writes <- j
	}
}

// detectPositions feeds ps[from:to] to the detector, calling Detector.Warm
// before each block of detect.WarmBlock positions of ps. Warm is only a
// cache hint, so an identity change may come between it and the positions
// it prepared.
func (p *pipeline) detectPositions(ps []sitrep.Position, from, to int) {
	for i := from; i < to; i++ {
		if i%detect.WarmBlock == 0 {
			p.det.Warm(ps[i:])
		}
		p.det.Position(ps[i])
	}
}

// flushDetector emits and queues the events still open, at the end.
func (p *pipeline) flushDetector() {
	// The open visits, loitering and encounters as they stand. Gaps still
	// open are not reported: a replay of archived data has no "now"
	// (captures of different years may be replayed together); serve asks
	// with its clock.
	p.det.Flush()
	if len(p.events) > 0 {
		p.publishEvents(p.events)
		p.writes <- writeJob{events: p.events}
	}
}

// writer writes the batches it receives until jobs is closed. After the
// first error it records it and drops what follows.
func (p *pipeline) writer() {
	defer p.done.Done()
	if p.live != nil {
		p.liveWriter()
		return
	}
	// A replay's events are stored a few thousand at a time rather than
	// a transaction (and an fsync) with every batch; an event updated
	// meanwhile is stored once, as it stands.
	var held []sitrep.Event
	for j := range p.writes {
		if !p.failed.Load() {
			held = append(held, j.events...)
			j.events = j.events[:0]
			err := p.write(j)
			if err == nil && len(held) >= eventsPerWrite {
				err, held = p.putEvents(held), held[:0]
			}
			if err != nil {
				p.fail(err)
			}
		}
		j.positions, j.updates, j.dups, j.changes, j.idents, j.events = j.positions[:0], j.updates[:0], j.dups[:0], j.changes[:0], j.idents[:0], j.events[:0]
		select {
		case p.free <- j:
		default:
		}
	}
	if !p.failed.Load() {
		if err := p.putEvents(held); err != nil {
			p.fail(err)
		}
	}
}

// eventsPerWrite is how many events a replay's writer holds before it
// stores them.
const eventsPerWrite = 4096

func (p *pipeline) write(j writeJob) error {
	if len(j.positions) > 0 {
		if err := p.store.AddPositions(p.ctx, j.positions); err != nil {
			return err
		}
		p.positions += int64(len(j.positions))
	}
	// All of a batch's duplicate receipts in one transaction: a live
	// feed hears most transmissions from several receivers.
	if err := p.store.AddReceipts(p.ctx, j.dups); err != nil {
		return err
	}
	if len(j.changes) > 0 {
		if err := p.store.AddIdentityChanges(p.ctx, j.changes); err != nil {
			return err
		}
		p.changesN += int64(len(j.changes))
	}
	return p.putEvents(j.events)
}

// putEvents stores events, the last state of each ID (an event is emitted
// when it opens, as it grows and when it closes).
func (p *pipeline) putEvents(es []sitrep.Event) error {
	if len(es) == 0 {
		return nil
	}
	last := make(map[string]int, len(es))
	for i := range es {
		last[es[i].ID] = i
	}
	out := make([]sitrep.Event, 0, len(last))
	for i := range es {
		if last[es[i].ID] == i {
			out = append(out, es[i])
		}
	}
	if err := p.store.PutEvents(p.ctx, out); err != nil {
		return err
	}
	if p.eventIDs == nil {
		p.eventIDs = map[string]bool{}
	}
	for i := range out {
		p.eventIDs[out[i].ID] = true
	}
	return nil
}

// sink returns the ingest sink that feeds track state and the store.
func (p *pipeline) sink() ingest.Sink {
	return ingest.Sink{
		Position: p.position,
		Duplicate: func(mmsi sitrep.MMSI, t time.Time, src sitrep.Provenance) {
			p.dups = append(p.dups, sitrep.Receipt{MMSI: mmsi, Time: t, Source: src})
			if len(p.dups) >= p.batchCap { // bounded like positions: back-pressure
				p.flush()
			}
		},
		Identity: p.identity,
	}
}

// identity queues an identity update for the observer, in order with the
// positions.
func (p *pipeline) identity(u ingest.IdentityUpdate) {
	p.updates = append(p.updates, identityAt{len(p.batch), u})
}

func (p *pipeline) position(pos sitrep.Position) {
	p.batch = append(p.batch, pos)
	if len(p.batch) >= p.batchCap {
		p.flush()
	}
}

// flush hands what is pending to the writer and starts new buffers.
func (p *pipeline) flush() {
	if len(p.batch) == 0 && len(p.dups) == 0 && len(p.updates) == 0 {
		return
	}
	p.jobs <- writeJob{positions: p.batch, updates: p.updates, dups: p.dups}
	p.flushes++
	select {
	case j := <-p.free:
		p.batch, p.updates, p.dups = j.positions, j.updates, j.dups
	default:
		p.batch, p.updates, p.dups = make([]sitrep.Position, 0, p.batchInit), nil, nil
	}
}

// fail records err as the pipeline's error, unless it has one already;
// the writer then drops what it receives.
func (p *pipeline) fail(err error) {
	p.failOnce.Do(func() {
		p.err = err
		p.failed.Store(true)
	})
}

// failure returns the pipeline's error once it has failed, else nil.
func (p *pipeline) failure() error {
	if p.failed.Load() {
		return p.err
	}
	return nil
}

// nmeaStream ingests one NMEA stream; recv gives each message's receive
// time. onProgress is called every so often with the reader's stats. The
// stream is read and framed on a goroutine of its own, which hands the
// caller's goroutine batches of messages to decode and ingest.
func (p *pipeline) nmeaStream(name string, r io.Reader, recv func(*nmea.Message) time.Time, onProgress func(nmea.Stats)) (nmea.Stats, ingest.Stats, error) {
	// Sources are read-only after ingest in a replay (the track state
	// copies what it keeps): lines of one receiver and second share one.
	stage := ingest.New(ingest.Config{Feed: name, ShareSources: true}, p.sink())
	nr := nmea.NewReader(r, nmea.ReaderConfig{Source: name})
	// At most msgBatches batches exist: the reader waits for a free one
	// rather than allocating more when it runs ahead.
	const msgBatches = 4
	batches := make(chan *msgBatch, msgBatches)
	free := make(chan *msgBatch, msgBatches)
	stop := make(chan struct{})
	read := make(chan struct{}) // closed when the reader goroutine is done
	go func() {
		defer close(read)
		defer close(batches)
		b, n, made := newMsgBatch(), 0, 1
		send := func() bool {
			select {
			case batches <- b:
			case <-stop:
				return false
			}
			if made < msgBatches {
				select {
				case b = <-free:
				default:
					b, made = newMsgBatch(), made+1
				}
				return true
			}
			select {
			case b = <-free:
			case <-stop:
				return false
			}
			return true
		}
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
				b.err = err
				break
			}
			b.add(msg, recv(msg))
			if n++; n&0xFFFF == 0 && onProgress != nil {
				onProgress(nr.Stats())
			}
			if len(b.msgs) == msgBatchSize && !send() {
				return
			}
		}
		if len(b.msgs) > 0 || b.err != nil {
			send()
		}
	}()
	var err error
	// On an early return, stop the reader. It is not waited for: it may be
	// blocked reading a live pipe; it ends at its next line.
	defer close(stop)
	for b := range batches {
		for i := range b.msgs {
			if i%ingest.WarmBlock == 0 {
				stage.Warm(b.msgs[i:])
			}
			msg := &b.msgs[i]
			m, derr := p.dec.Decode(msg.Payload, msg.FillBits)
			if m == nil || (derr != nil && !errors.Is(derr, ais.ErrShort)) {
				p.decodeErrs++
				continue
			}
			stage.Handle(msg, m, b.recv[i])
		}
		if err := p.failure(); err != nil {
			return nmea.Stats{}, stage.Stats(), err // the reader may still run: no stats
		}
		if b.err != nil {
			err = b.err
		}
		b.reset()
		free <- b // never blocks: it holds every batch
	}
	<-read
	if err != nil {
		return nr.Stats(), stage.Stats(), err
	}
	return nr.Stats(), stage.Stats(), p.failure()
}

// msgBatchSize is how many messages the reader goroutine hands over at once.
const msgBatchSize = 4096

// msgBatch is a batch of framed messages, copied out of the reader's
// buffers, with their receive times.
type msgBatch struct {
	msgs  []nmea.Message
	recv  []time.Time
	arena []byte // the payloads
	err   error  // the reader's error that ended the stream, after msgs
}

func newMsgBatch() *msgBatch {
	return &msgBatch{msgs: make([]nmea.Message, 0, msgBatchSize), recv: make([]time.Time, 0, msgBatchSize),
		arena: make([]byte, 0, 48*msgBatchSize)}
}

// add copies msg (its payload into the arena) with its receive time t.
func (b *msgBatch) add(msg *nmea.Message, t time.Time) {
	if len(b.arena)+len(msg.Payload) > cap(b.arena) {
		// Earlier payloads keep the old array; the next batch gets this one.
		b.arena = make([]byte, 0, max(2*cap(b.arena), len(msg.Payload)))
	}
	at := len(b.arena)
	b.arena = append(b.arena, msg.Payload...)
	b.msgs = append(b.msgs, *msg)
	b.msgs[len(b.msgs)-1].Payload = b.arena[at:len(b.arena):len(b.arena)]
	b.recv = append(b.recv, t)
}

// reset empties b for reuse.
func (b *msgBatch) reset() {
	b.msgs, b.recv, b.arena, b.err = b.msgs[:0], b.recv[:0], b.arena[:0], nil
}

// finish flushes, waits for the writer and stores the state of every
// vessel held. It must be called once, and the pipeline not used after.
//
// In a replay the vessels are stored as soon as the track state is final
// (the observer is done), while detection and the writer finish the last
// batches: the vessel rows and what is left of those go to the store at
// once, on the two cores. (Serve's writer stores vessels too, so there the
// vessels are stored after it, as before.)
func (p *pipeline) finish() error {
	p.flush()
	close(p.jobs)
	if p.live != nil {
		p.done.Wait()
		if p.err != nil {
			return p.err
		}
		return p.putVessels()
	}
	<-p.observed
	var err error
	if p.failure() == nil {
		err = p.putVessels()
	}
	p.done.Wait()
	if p.err != nil {
		return p.err // the pipeline's failure comes first
	}
	return err
}

// putVessels stores every vessel of the track state, which must not
// change meanwhile.
func (p *pipeline) putVessels() error {
	// Each passes one reused Vessel whose LastPosition points at one
	// reused Position: copy both (the positions into one array).
	var vs []sitrep.Vessel
	var last []sitrep.Position
	p.state.Each(func(v *sitrep.Vessel) bool {
		vs = append(vs, *v)
		if v.LastPosition != nil {
			lp := *v.LastPosition
			lp.Sources = slices.Clone(lp.Sources)
			last = append(last, lp)
		}
		return true
	})
	k := 0
	for i := range vs {
		if vs[i].LastPosition != nil {
			vs[i].LastPosition = &last[k]
			k++
		}
	}
	return p.store.PutVessels(p.ctx, vs)
}

// stop ends the writer without storing vessels, after an error elsewhere.
func (p *pipeline) stop() {
	close(p.jobs)
	p.done.Wait()
}
