package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/chunk"
)

// TrackFunc calls fn with each position of mmsi in r, in the order and
// with the Sources that Track returns, decoding one chunk at a time rather
// than building the whole track; see sitrep.PositionStore. The Position
// and its Sources are reused between calls. When the chunks overlap in
// time (late positions), it sorts the vessel's points in range first,
// holding them in their compact stored form.
//
// Errors: an error from fn, returned as is; otherwise as Track.
func (s *Store) TrackFunc(ctx context.Context, mmsi sitrep.MMSI, r sitrep.TimeRange, fn func(*sitrep.Position) error) error {
	const op = "sqlite.TrackFunc"
	from, to := msRange(r)
	if from >= to {
		return nil
	}
	var hc []rawChunk
	tx, err := s.readTx(ctx, func(h *head) { hc = h.vesselLocked(mmsi, from, to) })
	if err != nil {
		return wrap(op, err)
	}
	defer tx.Rollback()
	extras, err := s.extrasOf(ctx, tx, mmsi, from, to)
	if err != nil {
		return wrap(op, err)
	}
	ordered, err := chunksOrdered(ctx, tx, mmsi, from, to, hc)
	if err != nil {
		return wrap(op, err)
	}
	w := trackWalker{pool: &s.batches, names: s.srcs.snapshot(), extras: extras, srcs: make([]sitrep.Provenance, 1, 4), fn: fn, mmsi: mmsi, lastT: math.MinInt64, from: from, to: to}
	const q = "SELECT id, mmsi, n, data, recv FROM chunks WHERE mmsi = ? AND t_min < ? AND t_max >= ? ORDER BY t_min, id"
	if !ordered {
		// Late positions: sort the vessel's points in range first.
		rows, err := tx.QueryContext(ctx, q, int64(mmsi), to, from)
		if err != nil {
			return wrap(op, err)
		}
		var rd chunkReader
		if _, err := rd.scan(rows, nil); err != nil {
			return wrap(op, err)
		}
		rd.raw = append(rd.raw, hc...)
		pts, err := rd.decodeRaw(ctx, rd.raw, nil, func(p chunk.Point) bool { return p.T >= from && p.T < to })
		clear(rd.raw)
		if err != nil {
			return wrap(op, err)
		}
		slices.SortStableFunc(pts, func(a, b stored) int { return cmp.Compare(a.T, b.T) })
		for i := range pts {
			if err := w.emit(&pts[i].Point, pts[i].lat); err != nil {
				return err
			}
		}
		return nil
	}
	// In order: one goroutine reads and decodes the rows, this one hands
	// the points to fn (see walk).
	rows, err := tx.QueryContext(ctx, q, int64(mmsi), to, from)
	if err != nil {
		return wrap(op, err)
	}
	return w.walk(ctx, rows, hc)
}

// chunksOrdered reports whether the chunks of mmsi meeting [from, to), then
// the head chunks hc, follow each other in time without overlap.
func chunksOrdered(ctx context.Context, tx *sql.Tx, mmsi sitrep.MMSI, from, to int64, hc []rawChunk) (bool, error) {
	rows, err := tx.QueryContext(ctx,
		"SELECT t_min, t_max FROM chunks WHERE mmsi = ? AND t_min < ? AND t_max >= ? ORDER BY t_min, id", int64(mmsi), to, from)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	ordered, last := true, int64(math.MinInt64)
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			return false, err
		}
		ordered = ordered && a >= last
		last = max(last, b)
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	for _, c := range hc {
		info, err := chunk.Stat(c.data)
		if err != nil {
			return false, errStoredCorrupt(err)
		}
		if info.Count > 0 {
			ordered = ordered && info.MinTime >= last
			last = max(last, info.MaxTime)
		}
	}
	return ordered, nil
}

// trackWalker turns stored points into the Position handed to fn.
type trackWalker struct {
	pool   *sync.Pool // of *pointBatch, reused between calls
	names  sourceNames
	extras map[int64][]sitrep.Provenance
	fn     func(*sitrep.Position) error
	mmsi   sitrep.MMSI
	pos    sitrep.Position
	srcs   []sitrep.Provenance // backs pos.Sources; capacity >= 1 (see emit)
	lastT  int64
	from   int64 // the range, Unix ms [from, to)
	to     int64
}

// pointBatch is the points in range of one chunk, decoded.
type pointBatch struct {
	pts []stored
	err error
}

// walk hands the points in range of the chunks of rows (id, mmsi, n,
// data, recv), then of hc, which all follow each other in time, to fn. A
// second goroutine reads the rows and decodes each chunk ahead (up to
// batches of them) while this one builds each Position and calls fn: the
// two halves of the work cost about the same, so a long track takes about
// half the time on two cores. fn is only ever called from the calling
// goroutine, in order. walk closes rows.
//
// Errors: fn's, as is (the reader then stops); a corrupt chunk or recv
// column (EINTERNAL); SQLite's and the context's (wrapped).
func (w *trackWalker) walk(ctx context.Context, rows *sql.Rows, hc []rawChunk) error {
	const (
		op      = "sqlite.TrackFunc"
		batches = 3
	)
	full := make(chan *pointBatch, batches)
	free := make(chan *pointBatch, batches)
	stop := make(chan struct{})
	for range batches {
		b, ok := w.pool.Get().(*pointBatch)
		if !ok {
			b = &pointBatch{}
		}
		free <- b
	}
	defer func() {
		for range batches {
			w.pool.Put(<-free)
		}
	}()
	var readErr error // the reader's own error; read after full is closed
	go func() {
		defer close(full)
		defer rows.Close()
		var it chunk.Iterator
		var runs recvRuns
		// next decodes c into a free batch and sends it on; false: stop.
		next := func(c rawChunk) bool {
			var b *pointBatch
			select {
			case b = <-free:
			case <-stop:
				return false
			}
			b.pts, b.err = w.decode(ctx, &it, &runs, c, b.pts[:0])
			full <- b // never blocks: there are only batches batches
			return b.err == nil
		}
		for rows.Next() {
			var (
				id, m, n int64
				c        rawChunk
			)
			// RawBytes: decoded here, before the next row, from the
			// driver's own buffer.
			if err := rows.Scan(&id, &m, &n, (*sql.RawBytes)(&c.data), (*sql.RawBytes)(&c.recv)); err != nil {
				readErr = wrap(op, err)
				return
			}
			if !next(c) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			readErr = wrap(op, err)
			return
		}
		for _, c := range hc {
			if !next(c) {
				return
			}
		}
	}()
	var err error
	for b := range full {
		if err == nil {
			if err = b.err; err == nil {
				err = w.emitAll(b.pts)
			}
			if err != nil {
				close(stop)
			}
		}
		free <- b
	}
	if err == nil {
		err = readErr
	}
	return err
}

// emitAll hands pts to fn through emit.
func (w *trackWalker) emitAll(pts []stored) error {
	for i := range pts {
		if err := w.emit(&pts[i].Point, pts[i].lat); err != nil {
			return err
		}
	}
	return nil
}

// decode appends to dst the points of c in the walker's range, with their
// receipt latencies. It reads only the walker's fixed fields (range), so
// it may run on another goroutine than emit.
//
// Errors: a corrupt chunk or recv column (EINTERNAL); the context's.
func (w *trackWalker) decode(ctx context.Context, it *chunk.Iterator, runs *recvRuns, c rawChunk, dst []stored) ([]stored, error) {
	const op = "sqlite.TrackFunc"
	if err := ctx.Err(); err != nil {
		return dst, wrap(op, err)
	}
	if err := it.Reset(c.data); err != nil {
		return dst, wrap(op, errStoredCorrupt(err))
	}
	if err := runs.reset(c.recv); err != nil {
		return dst, wrap(op, errStoredCorrupt(err))
	}
	info := it.Info()
	all := info.MinTime >= w.from && info.MaxTime < w.to // no need to check each point
	dst = slices.Grow(dst, info.Count)
	for it.Next() {
		lat, ok := runs.next()
		if !ok {
			return dst, wrap(op, errStoredCorrupt(runs.err))
		}
		p := it.At()
		if !all && (p.T < w.from || p.T >= w.to) {
			continue
		}
		dst = append(dst, stored{Point: p, lat: lat})
	}
	if err := it.Err(); err != nil {
		return dst, wrap(op, errStoredCorrupt(err))
	}
	if !runs.done() {
		return dst, wrap(op, errStoredCorrupt(fmt.Errorf("%w: more latencies than points", errRecv)))
	}
	return dst, nil
}

// emit hands one point with receipt latency lat to fn. The extra receipts
// of a time go to the first position of that time, as in Track.
//
// It writes as few pointers per point as it can (each costs a write
// barrier while the GC runs): the first Provenance is updated in place in
// w.srcs[0], which must exist (capacity >= 1), its Feed and Station only
// when they differ from the source's (fn may have changed them), and
// w.pos.Sources only when it changes.
func (w *trackWalker) emit(p *chunk.Point, lat int64) error {
	setFromPoint(&w.pos, w.mmsi, p)
	srcs := w.srcs[:0]
	if p.Source != 0 {
		srcs = w.srcs[:1]
		pv := &srcs[0]
		var k sourceKey
		if int(p.Source) < len(w.names) {
			k = w.names[p.Source]
		}
		if pv.Feed != k.feed {
			pv.Feed = k.feed
		}
		if pv.Station != k.station {
			pv.Station = k.station
		}
		pv.Received = time.UnixMilli(p.T + lat).UTC()
	}
	if p.T != w.lastT && len(w.extras) > 0 {
		if ex := w.extras[p.T]; len(ex) > 0 {
			srcs = append(srcs, ex...)
			slices.SortStableFunc(srcs, func(a, b sitrep.Provenance) int { return a.Received.Compare(b.Received) })
			w.srcs = srcs
		}
	}
	w.lastT = p.T
	switch {
	case len(srcs) == 0:
		if w.pos.Sources != nil {
			w.pos.Sources = nil
		}
	case len(w.pos.Sources) != len(srcs) || cap(w.pos.Sources) != cap(srcs) || &w.pos.Sources[0] != &srcs[0]:
		w.pos.Sources = srcs
	}
	return w.fn(&w.pos)
}

// extrasOf reads the extra receipts of mmsi's positions in [from, to),
// by position time.
func (s *Store) extrasOf(ctx context.Context, tx *sql.Tx, mmsi sitrep.MMSI, from, to int64) (map[int64][]sitrep.Provenance, error) {
	rows, err := tx.QueryContext(ctx,
		"SELECT t, source_id, received FROM extra_sources WHERE mmsi = ? AND t >= ? AND t < ?", int64(mmsi), from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := s.srcs.snapshot()
	var out map[int64][]sitrep.Provenance
	for rows.Next() {
		var t, id, recv int64
		if err := rows.Scan(&t, &id, &recv); err != nil {
			return nil, err
		}
		if out == nil {
			out = map[int64][]sitrep.Provenance{}
		}
		pv := names.provenance(uint16(id))
		pv.Received = time.UnixMilli(recv).UTC()
		out[t] = append(out[t], pv)
	}
	return out, rows.Err()
}
