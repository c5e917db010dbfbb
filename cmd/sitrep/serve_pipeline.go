package main

import (
	"bytes"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/feed"
	"github.com/sitrep-osint/sitrep/ingest"
	"github.com/sitrep-osint/sitrep/live"
	"github.com/sitrep-osint/sitrep/nmea"
)

// pipelineMetrics are the live pipeline's Prometheus metrics.
type pipelineMetrics struct {
	bad          *prometheus.CounterVec // lines rejected, by feed and reason
	messages     *prometheus.CounterVec // AIS messages framed, by feed
	undecoded    prometheus.Counter
	positions    prometheus.Counter
	stored       prometheus.Counter
	pendingNew   prometheus.Gauge
	pendingMoved prometheus.Gauge
	events       prometheus.Counter
	storeErrs    prometheus.Counter
	batchDelay   prometheus.Histogram // first line of a batch received -> batch published
}

func newPipelineMetrics(reg prometheus.Registerer) *pipelineMetrics {
	m := &pipelineMetrics{
		bad: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sitrep_ingest_rejected_lines_total",
			Help: "Feed lines rejected by NMEA framing, by feed and reason (checksum, format, orphan, ...)."}, []string{"feed", "reason"}),
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sitrep_ingest_messages_total",
			Help: "Complete AIS messages framed from feed lines, by feed."}, []string{"feed"}),
		undecoded: prometheus.NewCounter(prometheus.CounterOpts{Name: "sitrep_ingest_undecodable_total",
			Help: "AIS messages whose payload could not be decoded."}),
		positions: prometheus.NewCounter(prometheus.CounterOpts{Name: "sitrep_ingest_positions_total",
			Help: "Positions ingested (applied to the live state and queued for the store)."}),
		stored: prometheus.NewCounter(prometheus.CounterOpts{Name: "sitrep_store_positions_total",
			Help: "Positions the live pipeline has written to the store."}),
		pendingNew: prometheus.NewGauge(prometheus.GaugeOpts{Name: "sitrep_store_vessel_rows_pending_new",
			Help: "Vessels new or with new identity data whose row is not stored yet."}),
		pendingMoved: prometheus.NewGauge(prometheus.GaugeOpts{Name: "sitrep_store_vessel_rows_pending_moved",
			Help: "Vessels that moved since their row was stored."}),
		events: prometheus.NewCounter(prometheus.CounterOpts{Name: "sitrep_detect_events_total",
			Help: "Events emitted by detection (an open event counts each time it grows)."}),
		storeErrs: prometheus.NewCounter(prometheus.CounterOpts{Name: "sitrep_store_write_errors_total",
			Help: "Failed store writes of the live pipeline (the batch is lost; details in the log)."}),
		batchDelay: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "sitrep_ingest_batch_seconds",
			Help:    "Time from receiving the first line of a live batch to publishing its positions.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14)}),
	}
	if reg != nil {
		reg.MustRegister(m.bad, m.messages, m.undecoded, m.positions, m.stored, m.pendingNew, m.pendingMoved, m.events, m.storeErrs, m.batchDelay)
	}
	return m
}

// liveFlush is how long a live batch may wait for more lines: a quiet
// feed's sentence reaches the stream this long after it arrived, at most,
// plus the work.
const liveFlush = 10 * time.Millisecond

// liveLine is one framed AIS message of a feed, copied out of the framer.
type liveLine struct {
	feed string
	msg  nmea.Message
	recv time.Time
}

// framer frames one feed's lines into AIS messages: its own NMEA parser
// (tag-block interning, $PGHP headers) and multipart assembly. It is used
// by the feed's goroutine only.
type framer struct {
	p   nmea.Parser
	asm *nmea.Assembler
	s   nmea.Sentence
}

// liveIngest turns feed lines into pipeline batches: each feed's lines are
// framed on the feed's goroutine, and the messages of every feed are
// decoded and ingested (one ingest stage, so duplicates heard on two feeds
// are merged) on one goroutine, which hands a batch on as soon as no more
// messages are queued, when it is full, or liveFlush after its first line,
// whichever comes first.
type liveIngest struct {
	p   *pipeline
	met *pipelineMetrics
	log *slog.Logger
	in  chan liveLine

	mu      sync.Mutex
	framers map[string]*framer
	closed  bool

	rejected  atomic.Int64 // lines rejected by framing, all feeds
	rejectsMu sync.Mutex
	rejects   map[string]map[string]uint64 // by feed and reason

	stage   *ingest.Stage
	curFeed string    // feed of the message being ingested
	first   time.Time // receive time of the first line of the pending batch
	done    chan struct{}
}

// newLiveIngest starts the ingest goroutine of p.
func newLiveIngest(p *pipeline, met *pipelineMetrics, log *slog.Logger) *liveIngest {
	li := &liveIngest{p: p, met: met, log: log, in: make(chan liveLine, 8192), framers: map[string]*framer{},
		done: make(chan struct{})}
	sink := p.sink()
	pos, ident, dup := sink.Position, sink.Identity, sink.Duplicate
	li.stage = ingest.New(ingest.Config{}, ingest.Sink{
		Position: func(q sitrep.Position) {
			q.Sources[0].Feed = li.curFeed
			met.positions.Inc()
			pos(q)
		},
		Identity: func(u ingest.IdentityUpdate) {
			u.Source.Feed = li.curFeed
			ident(u)
		},
		Duplicate: func(m sitrep.MMSI, t time.Time, src sitrep.Provenance) {
			src.Feed = li.curFeed
			dup(m, t, src)
		},
	})
	go li.run()
	return li
}

// Line is the feed.Handler: it frames line (a line of feed, received at
// recv) and queues the messages it completes. Bad lines are counted and
// logged at debug level. It blocks while the ingest queue is full (the feed
// then reads no further: back-pressure, nothing dropped).
func (li *liveIngest) Line(feed string, line []byte, recv time.Time) {
	li.mu.Lock()
	if li.closed {
		li.mu.Unlock()
		return
	}
	f := li.framers[feed]
	if f == nil {
		f = &framer{asm: nmea.NewAssembler(nmea.AssemblerConfig{})}
		li.framers[feed] = f
	}
	li.mu.Unlock()
	if len(bytes.TrimSpace(line)) == 0 {
		return
	}
	err := f.p.Parse(line, &f.s)
	if err == nmea.ErrNotVDM {
		return
	}
	if err != nil {
		li.bad(feed, err, line)
		return
	}
	m, err := f.asm.Add(&f.s, feed)
	for {
		oerr := f.asm.NextOrphan()
		if oerr == nil {
			break
		}
		li.bad(feed, oerr, nil)
	}
	if err != nil {
		li.bad(feed, err, line)
		return
	}
	if m == nil {
		return // a fragment; the message is not complete yet
	}
	li.met.messages.WithLabelValues(feed).Inc()
	ll := liveLine{feed: feed, msg: *m, recv: recv}
	ll.msg.Payload = bytes.Clone(m.Payload)
	li.in <- ll
}

// bad counts a rejected line of feed.
func (li *liveIngest) bad(feed string, err error, line []byte) {
	reason := nmea.ReasonOf(err).String()
	li.met.bad.WithLabelValues(feed, reason).Inc()
	li.rejected.Add(1)
	li.rejectsMu.Lock()
	if li.rejects == nil {
		li.rejects = map[string]map[string]uint64{}
	}
	if li.rejects[feed] == nil {
		li.rejects[feed] = map[string]uint64{}
	}
	li.rejects[feed][reason]++
	li.rejectsMu.Unlock()
	if li.log.Enabled(li.p.ctx, slog.LevelDebug) {
		li.log.Debug("rejected line", "feed", feed, "reason", reason, "err", err, "line", string(line[:min(len(line), 120)]))
	}
}

// run decodes and ingests the queued messages until in is closed.
func (li *liveIngest) run() {
	defer close(li.done)
	dec := ais.NewDecoder()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	pending := false
	for {
		select {
		case l, ok := <-li.in:
			if !ok {
				li.flush()
				return
			}
			m, derr := dec.Decode(l.msg.Payload, l.msg.FillBits)
			if m == nil || (derr != nil && !errors.Is(derr, ais.ErrShort)) {
				li.met.undecoded.Inc()
				li.p.decodeErrs++
				continue
			}
			li.curFeed = l.feed
			n := li.p.flushes
			li.stage.Handle(&l.msg, m, l.recv)
			if li.p.flushes != n {
				// position() flushed a full batch.
				li.met.batchDelay.Observe(li.p.live.now().Sub(li.first).Seconds())
				pending = false
			}
			if !pending && (len(li.p.batch) > 0 || len(li.p.updates) > 0 || len(li.p.dups) > 0) {
				pending, li.first = true, l.recv
				timer.Reset(liveFlush)
			}
			if pending && len(li.in) == 0 {
				// Nothing more queued: waiting would only add latency (the
				// writer joins small batches into one transaction).
				timer.Stop()
				li.flush()
				pending = false
			}
		case <-timer.C:
			li.flush()
			pending = false
		}
	}
}

// flush hands the pending batch to the observer.
func (li *liveIngest) flush() {
	if len(li.p.batch) == 0 && len(li.p.updates) == 0 && len(li.p.dups) == 0 {
		return
	}
	li.p.flush()
	li.met.batchDelay.Observe(li.p.live.now().Sub(li.first).Seconds())
}

// close stops taking lines, ingests what is queued and flushes it. The
// feeds must have stopped calling Line.
func (li *liveIngest) close() {
	li.mu.Lock()
	li.closed = true
	li.mu.Unlock()
	close(li.in)
	<-li.done
}

// publishPositions publishes the live view of each vessel of j whose
// latest position j changed.
func (p *pipeline) publishPositions(j *writeJob) {
	for i := range j.positions {
		q := &j.positions[i]
		v, ok := p.state.Vessel(q.MMSI)
		if !ok || v.LastPosition == nil || !v.LastPosition.Time.Equal(q.Time) || v.LastPosition.Lat != q.Lat || v.LastPosition.Lon != q.Lon {
			continue // implausible, or older than the latest
		}
		lv := live.FromPosition(q, &v.Identity)
		var at time.Time
		if len(q.Sources) > 0 {
			at = q.Sources[0].Received
		}
		p.live.hub.Publish(live.Message{Kind: live.KindPosition, Vessel: &lv, At: at})
	}
}

// publishEvents publishes es (a copy of each) on a live pipeline.
func (p *pipeline) publishEvents(es []sitrep.Event) {
	if p.live == nil {
		return
	}
	for i := range es {
		e := es[i]
		p.live.hub.Publish(live.Message{Kind: live.KindEvent, Event: &e})
	}
	p.live.met.events.Add(float64(len(es)))
}

// replayLag is how far behind the clock the data's event times may be for
// the detector to take the clock as "now"; further behind, the data is a
// replay and the latest event time stands for now (else every vessel of an
// old capture would be reported silent).
const replayLag = 10 * time.Minute

// tickTime is the time the detector is ticked with.
func (p *pipeline) tickTime() time.Time {
	now := p.live.now()
	if !p.lastEvent.IsZero() && p.lastEvent.Before(now.Add(-replayLag)) {
		return p.lastEvent
	}
	return now
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// liveWriter is the writer of a live pipeline: it stores the batches
// queued (all of them in one transaction), logs and counts a failed write
// and goes on, and stores the vessels that changed every tick.
func (p *pipeline) liveWriter() {
	t := time.NewTicker(p.live.tick)
	defer t.Stop()
	var (
		jobs   []writeJob
		merged writeJob // the jobs joined, when there are several
	)
	for {
		select {
		case j, ok := <-p.writes:
			if !ok {
				p.storeDirty(true)
				return
			}
			// Join what else is queued into one transaction, up to
			// batchSize positions and receipts (a transaction must not
			// grow without bound while the feeds outrun the disk).
			jobs = append(jobs[:0], j)
			size := len(j.positions) + len(j.dups)
			closed := false
		more:
			for len(jobs) < liveQueue && size < batchSize {
				select {
				case j, ok := <-p.writes:
					if !ok {
						closed = true
						break more
					}
					jobs = append(jobs, j)
					size += len(j.positions) + len(j.dups)
				default:
					break more
				}
			}
			all := jobs[0]
			if len(jobs) > 1 {
				merged.positions, merged.dups, merged.changes, merged.events = merged.positions[:0], merged.dups[:0], merged.changes[:0], merged.events[:0]
				for _, j := range jobs {
					merged.positions = append(merged.positions, j.positions...)
					merged.dups = append(merged.dups, j.dups...)
					merged.changes = append(merged.changes, j.changes...)
					merged.events = append(merged.events, j.events...)
				}
				all = merged
			}
			if err := p.write(all); err != nil {
				p.live.met.storeErrs.Inc()
				p.live.log.Error("store write failed", "positions", len(all.positions), "events", len(all.events), "err", err)
			} else {
				p.live.met.stored.Add(float64(len(all.positions)))
			}
			for _, j := range jobs {
				for i := range j.positions {
					m := j.positions[i].MMSI
					if _, ok := p.known[m]; ok {
						p.dirty[m] = struct{}{}
					} else {
						p.newIdent[m] = struct{}{}
					}
				}
				for _, u := range j.updates {
					p.newIdent[u.u.Identity.MMSI] = struct{}{}
				}
				j.positions, j.updates, j.dups, j.changes, j.idents, j.events = j.positions[:0], j.updates[:0], j.dups[:0], j.changes[:0], j.idents[:0], j.events[:0]
				select {
				case p.free <- j:
				default:
				}
			}
			if closed {
				p.storeDirty(true)
				return
			}
		case <-t.C:
			p.storeDirty(false)
		}
	}
}

// Vessel rows stored per tick, at most (writing one costs of the order of
// 100-200 µs of CPU in the store): newPerTick of vessels new or with new
// identity data, first, then movedPerTick of vessels that only moved. The
// rows follow the vessels without a burst of writes (50,000 vessels after
// a restart, say) that would take the CPU from the stream.
const (
	newPerTick   = 5000
	movedPerTick = 500
)

// storeDirty stores the current state of vessels new or with new identity
// data since they were last stored, then of vessels that only moved, up to
// newPerTick and movedPerTick (all of them when all is set, at shutdown). A
// vessel's positions are stored as they come; this is its row (identity,
// voyage, last position) for search and the vessel page.
func (p *pipeline) storeDirty(all bool) {
	defer func() {
		p.live.met.pendingNew.Set(float64(len(p.newIdent)))
		p.live.met.pendingMoved.Set(float64(len(p.dirty)))
	}()
	nNew, nMoved := len(p.newIdent), len(p.dirty)
	if !all {
		nNew, nMoved = min(nNew, newPerTick), min(nMoved, movedPerTick)
	}
	if nNew+nMoved == 0 {
		return
	}
	vs := make([]sitrep.Vessel, 0, nNew+nMoved)
	took := make([]sitrep.MMSI, 0, nNew+nMoved)
	for m := range p.newIdent {
		if len(took) == nNew {
			break
		}
		took = append(took, m)
		if v, ok := p.state.Vessel(m); ok {
			vs = append(vs, v)
		}
	}
	tookNew := len(took)
	for m := range p.dirty {
		if len(took) == tookNew+nMoved {
			break
		}
		if _, dup := p.newIdent[m]; dup {
			continue
		}
		took = append(took, m)
		if v, ok := p.state.Vessel(m); ok {
			vs = append(vs, v)
		}
	}
	if err := p.store.PutVessels(p.ctx, vs); err != nil {
		p.live.met.storeErrs.Inc()
		p.live.log.Error("store vessels failed", "vessels", len(vs), "err", err)
		return // kept: tried again next tick
	}
	for i, m := range took {
		if i < tookNew {
			p.known[m] = struct{}{}
			delete(p.newIdent, m)
		}
		delete(p.dirty, m)
	}
}

// feedsWithRejects is the feed Manager as the API sees it: each feed's
// status also counts the lines NMEA framing rejected, in Dropped and in
// DroppedBy under "nmea_" + the reason ("nmea_checksum", "nmea_format",
// "nmea_orphan", ...), so that GET /api/feeds shows bad input per feed.
type feedsWithRejects struct {
	*feed.Manager
	li *liveIngest
}

// Statuses returns the Manager's statuses with the framing rejections.
func (f feedsWithRejects) Statuses() []feed.Status {
	sts := f.Manager.Statuses()
	f.li.rejectsMu.Lock()
	defer f.li.rejectsMu.Unlock()
	for i := range sts {
		rs := f.li.rejects[sts[i].Name]
		if len(rs) == 0 {
			continue
		}
		by := make(map[string]uint64, len(sts[i].DroppedBy)+len(rs))
		for k, v := range sts[i].DroppedBy {
			by[k] = v
		}
		for reason, n := range rs {
			by["nmea_"+reason] += n
			sts[i].Dropped += n
		}
		sts[i].DroppedBy = by
	}
	return sts
}
