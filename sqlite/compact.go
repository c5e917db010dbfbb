package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"math"
	"slices"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/chunk"
)

// dayMs is a UTC day in milliseconds.
const dayMs = 24 * 60 * 60 * 1000

// Compact flushes the head, then rewrites the positions before olderThan:
// for each vessel it merges them into one chunk per UTC day, drops the positions older
// than Now()-Retention and keeps, among the positions older than
// Now()-DownsampleAfter, only the earliest of each DownsampleInterval
// (Options). Receipts in extra_sources of dropped positions go with them.
// Positions at olderThan or later are left as they are, so callers pass a
// time some way behind the newest data (an hour, say).
//
// Each vessel is rewritten in its own transaction (writers wait for one
// vessel at most), so queries see either
// its old chunks or its new ones, and Track and PositionsIn return the same
// positions before and after (less those dropped by retention and
// downsampling). A vessel already compacted (one chunk per day, nothing to
// drop) is not rewritten. Afterwards the freed pages are returned to the
// file system.
//
// Errors: the context's error when ctx ends first (vessels done so far
// stay compacted); EINTERNAL for a database error or a corrupt chunk.
func (s *Store) Compact(ctx context.Context, olderThan time.Time) error {
	const op = "sqlite.Compact"
	if err := s.Flush(ctx); err != nil { // the head's positions become chunk rows first
		return err
	}
	cutoff := olderThan.UnixMilli()
	now := s.now()
	keepFrom := int64(math.MinInt64)
	if s.opts.Retention > 0 {
		keepFrom = now.Add(-s.opts.Retention).UnixMilli()
	}
	thinBefore, interval := int64(math.MinInt64), s.opts.DownsampleInterval.Milliseconds()
	if s.opts.DownsampleAfter > 0 && interval > 0 {
		thinBefore = now.Add(-s.opts.DownsampleAfter).UnixMilli()
	}
	var mmsis []int64
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT mmsi FROM chunks WHERE t_min < ? ORDER BY mmsi", cutoff)
	if err != nil {
		return wrap(op, err)
	}
	for rows.Next() {
		var m int64
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return wrap(op, err)
		}
		mmsis = append(mmsis, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return wrap(op, err)
	}
	c := compactor{cutoff: cutoff, keepFrom: keepFrom, thinBefore: thinBefore, interval: interval}
	var rewritten, dropped int
	for _, m := range mmsis {
		if err := ctx.Err(); err != nil {
			return wrap(op, err)
		}
		s.wmu.Lock() // per vessel, so that writers get in between
		did, n, err := c.vessel(ctx, s.db, sitrep.MMSI(m))
		s.wmu.Unlock()
		if err != nil {
			return wrap(op, err)
		}
		if did {
			rewritten++
		}
		dropped += n
	}
	if _, err := s.db.ExecContext(ctx, "PRAGMA incremental_vacuum"); err != nil {
		return wrap(op, err)
	}
	s.log.Info("sqlite: compacted", "vessels", len(mmsis), "rewritten", rewritten, "dropped_positions", dropped)
	return nil
}

// compactor holds the parameters of one Compact run, in Unix ms, and its
// reusable buffers.
type compactor struct {
	cutoff, keepFrom, thinBefore, interval int64

	rd        chunkReader
	pts, tail []stored
}

// vessel compacts the chunks of mmsi that end before c.cutoff in one
// transaction. It reports whether it rewrote them and how many positions
// it dropped.
func (c *compactor) vessel(ctx context.Context, db *sql.DB, mmsi sitrep.MMSI) (bool, int, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx,
		"SELECT id, mmsi, n, data, recv FROM chunks WHERE mmsi = ? AND t_min < ? ORDER BY t_min, id", int64(mmsi), c.cutoff)
	if err != nil {
		return false, 0, err
	}
	var ids []int64
	oneDayEach := true
	days := map[int64]bool{}
	track := func(p chunk.Point) bool { return true }
	// appendRows reports chunk ids through seen; collect them in order.
	seen := map[int64]bool{}
	if c.pts, err = c.rd.appendRows(ctx, rows, c.pts[:0], seen, track); err != nil {
		return false, 0, err
	}
	for id := range seen {
		ids = append(ids, id)
	}
	sortStored(c.pts)
	// Positions at or after the cutoff stay as they are, in a chunk of
	// their own (a head flush writes chunks that may straddle it).
	cut, _ := slices.BinarySearchFunc(c.pts, c.cutoff, func(p stored, t int64) int { return cmp.Compare(p.T, t) })
	c.tail = append(c.tail[:0], c.pts[cut:]...)
	c.pts = c.pts[:cut]

	// Keep what retention and downsampling leave; remember what they drop.
	kept := c.pts[:0]
	var droppedT []int64
	keptT := map[int64]bool{}
	lastBucket, haveBucket := int64(0), false
	for _, p := range c.pts {
		drop := p.T < c.keepFrom
		if !drop && p.T < c.thinBefore {
			b := floorDiv(p.T, c.interval)
			drop = haveBucket && b == lastBucket
			lastBucket, haveBucket = b, true
		}
		if drop {
			droppedT = append(droppedT, p.T)
			continue
		}
		keptT[p.T] = true
		kept = append(kept, p)
		days[floorDiv(p.T, dayMs)] = true
	}
	if len(droppedT) == 0 {
		// Already compacted when every chunk lies within one day and no
		// two share a day.
		var spans []struct{ a, b int64 }
		if err := scanSpans(ctx, tx, mmsi, c.cutoff, &spans); err != nil {
			return false, 0, err
		}
		for _, sp := range spans {
			if floorDiv(sp.a, dayMs) != floorDiv(sp.b, dayMs) {
				oneDayEach = false
			}
		}
		if oneDayEach && len(spans) == len(days) {
			return false, 0, nil
		}
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, "DELETE FROM chunks WHERE id = ?", id); err != nil {
			return false, 0, err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM chunk_boxes WHERE id = ?", id); err != nil {
			return false, 0, err
		}
	}
	if len(c.tail) > 0 {
		tw, err := newChunkWriter(ctx, tx, false)
		if err != nil {
			return false, 0, err
		}
		defer tw.close()
		if err := tw.write(ctx, mmsi, c.tail); err != nil {
			return false, 0, err
		}
		if err := tw.flush(ctx); err != nil {
			return false, 0, err
		}
	}
	w, err := newChunkWriter(ctx, tx, true)
	if err != nil {
		return false, 0, err
	}
	defer w.close()
	for i := 0; i < len(kept); {
		d := floorDiv(kept[i].T, dayMs)
		j := i + 1
		for j < len(kept) && floorDiv(kept[j].T, dayMs) == d {
			j++
		}
		if err := w.write(ctx, mmsi, kept[i:j]); err != nil {
			return false, 0, err
		}
		i = j
	}
	for _, t := range droppedT {
		if keptT[t] {
			continue
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM extra_sources WHERE mmsi = ? AND t = ?", int64(mmsi), t); err != nil {
			return false, 0, err
		}
	}
	return true, len(droppedT), tx.Commit()
}

// scanSpans reads the time spans of the chunks of mmsi starting before
// cutoff; that of an unboxed chunk as longer than a day.
func scanSpans(ctx context.Context, tx *sql.Tx, mmsi sitrep.MMSI, cutoff int64, dst *[]struct{ a, b int64 }) error {
	rows, err := tx.QueryContext(ctx, "SELECT t_min, t_max, boxed FROM chunks WHERE mmsi = ? AND t_min < ?", int64(mmsi), cutoff)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sp struct{ a, b int64 }
		var boxed bool
		if err := rows.Scan(&sp.a, &sp.b, &boxed); err != nil {
			return err
		}
		if !boxed { // never compacted: make the day span fail the check
			sp.b = sp.a + dayMs
		}
		*dst = append(*dst, sp)
	}
	return rows.Err()
}
