package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
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
	w := trackWalker{names: s.srcs.snapshot(), extras: extras, srcs: make([]sitrep.Provenance, 1, 4), fn: fn, mmsi: mmsi, lastT: math.MinInt64, from: from, to: to}
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
	// In order: decode each row as it is read, from SQLite's own buffer.
	rows, err := tx.QueryContext(ctx, q, int64(mmsi), to, from)
	if err != nil {
		return wrap(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, m, n   int64
			data, recv sql.RawBytes
		)
		if err := rows.Scan(&id, &m, &n, &data, &recv); err != nil {
			return wrap(op, err)
		}
		if err := w.chunk(ctx, data, recv); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return wrap(op, err)
	}
	for _, c := range hc {
		if err := w.chunk(ctx, c.data, c.recv); err != nil {
			return err
		}
	}
	return nil
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
	names  sourceNames
	extras map[int64][]sitrep.Provenance
	fn     func(*sitrep.Position) error
	mmsi   sitrep.MMSI
	pos    sitrep.Position
	srcs   []sitrep.Provenance // backs pos.Sources; capacity >= 1 (see emit)
	lastT  int64
	from   int64 // the range, Unix ms [from, to)
	to     int64
	it     chunk.Iterator
	runs   recvRuns
}

// chunk hands the points of one chunk in range to fn.
//
// Errors: fn's, as is; a corrupt chunk or recv column (EINTERNAL); the
// context's.
func (w *trackWalker) chunk(ctx context.Context, data, recv []byte) error {
	const op = "sqlite.TrackFunc"
	if err := ctx.Err(); err != nil {
		return wrap(op, err)
	}
	if err := w.it.Reset(data); err != nil {
		return wrap(op, errStoredCorrupt(err))
	}
	if err := w.runs.reset(recv); err != nil {
		return wrap(op, errStoredCorrupt(err))
	}
	info := w.it.Info()
	all := info.MinTime >= w.from && info.MaxTime < w.to // no need to check each point
	for w.it.Next() {
		lat, ok := w.runs.next()
		if !ok {
			return wrap(op, errStoredCorrupt(w.runs.err))
		}
		p := w.it.At()
		if !all && (p.T < w.from || p.T >= w.to) {
			continue
		}
		if err := w.emit(&p, lat); err != nil {
			return err
		}
	}
	if err := w.it.Err(); err != nil {
		return wrap(op, errStoredCorrupt(err))
	}
	if !w.runs.done() {
		return wrap(op, errStoredCorrupt(fmt.Errorf("%w: more latencies than points", errRecv)))
	}
	return nil
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
