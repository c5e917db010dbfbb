package sqlite

import (
	"context"
	"database/sql"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/chunk"
)

// stored is a point read from or written to a chunk, with the receipt
// latency of its first source (see recv.go).
type stored struct {
	chunk.Point
	lat  int64
	mmsi sitrep.MMSI
}

// chunkWriter inserts chunk rows within one transaction, reusing its
// statements and buffers: unboxed ones (the box in the row) or, when boxed
// is set, with their box in chunk_boxes. It is not safe for concurrent use.
type chunkWriter struct {
	tx               *sql.Tx
	boxed            bool
	insChunk, insBox *sql.Stmt
	enc              chunk.Encoder
	buf, rbuf        []byte
	lats             []int64

	// Unboxed rows wait in args (their blobs in arena) to be inserted
	// rowsPerInsert at a time; multi-row INSERTs cost far less per row.
	args  []any
	arena []byte
	multi *sql.Stmt
}

// rowsPerInsert is the number of rows of one multi-row INSERT (11
// parameters each, below SQLite's limit of 32766).
const rowsPerInsert = 256

// chunkCols are the columns of a chunks row, in the order of args.
const chunkCols = "(mmsi, t_min, t_max, n, boxed, lat_min, lat_max, lon_min, lon_max, data, recv)"

// newChunkWriter prepares the statements on tx.
func newChunkWriter(ctx context.Context, tx *sql.Tx, boxed bool) (*chunkWriter, error) {
	w := &chunkWriter{tx: tx, boxed: boxed}
	var err error
	if w.insChunk, err = tx.PrepareContext(ctx, `INSERT INTO chunks
		(mmsi, t_min, t_max, n, boxed, lat_min, lat_max, lon_min, lon_max, data, recv)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
		return nil, err
	}
	if w.insBox, err = tx.PrepareContext(ctx,
		"INSERT INTO chunk_boxes (id, t0, t1, lat0, lat1, lon0, lon1) VALUES (?, ?, ?, ?, ?, ?, ?)"); err != nil {
		w.insChunk.Close()
		return nil, err
	}
	return w, nil
}

// close releases the statements.
func (w *chunkWriter) close() {
	w.insChunk.Close()
	w.insBox.Close()
	if w.multi != nil {
		w.multi.Close()
	}
}

// flush inserts the rows waiting in w.args; call it before committing.
func (w *chunkWriter) flush(ctx context.Context) error {
	const cols = 11
	for len(w.args) > 0 {
		n := len(w.args) / cols
		var stmt *sql.Stmt
		if n == rowsPerInsert {
			if w.multi == nil {
				var err error
				if w.multi, err = w.tx.PrepareContext(ctx, multiInsert(n)); err != nil {
					return err
				}
			}
			stmt = w.multi
		} else {
			var err error
			if stmt, err = w.tx.PrepareContext(ctx, multiInsert(n)); err != nil {
				return err
			}
			defer stmt.Close()
		}
		if _, err := stmt.ExecContext(ctx, w.args...); err != nil {
			return err
		}
		w.args, w.arena = w.args[:0], w.arena[:0]
	}
	return nil
}

// multiInsert returns an INSERT of n chunks rows.
func multiInsert(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO chunks " + chunkCols + " VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(?,?,?,?,?,?,?,?,?,?,?)")
	}
	return b.String()
}

// write stores ps, points of vessel mmsi in non-decreasing time order, as
// one chunk (several when ps exceeds chunk.MaxPoints).
func (w *chunkWriter) write(ctx context.Context, mmsi sitrep.MMSI, ps []stored) error {
	for len(ps) > 0 {
		n := min(len(ps), chunk.MaxPoints)
		if err := w.writeOne(ctx, mmsi, ps[:n]); err != nil {
			return err
		}
		ps = ps[n:]
	}
	return nil
}

// writeOne stores ps as one chunk.
func (w *chunkWriter) writeOne(ctx context.Context, mmsi sitrep.MMSI, ps []stored) error {
	w.enc.Reset(w.buf[:0])
	w.lats = w.lats[:0]
	for i := range ps {
		if err := w.enc.Append(ps[i].Point); err != nil {
			return err // out of order: a bug of the caller
		}
		w.lats = append(w.lats, ps[i].lat)
	}
	w.buf = w.enc.Bytes()
	w.rbuf = appendRecv(w.rbuf[:0], w.lats)
	return w.insertEncoded(ctx, mmsi, w.buf, w.rbuf)
}

// insertEncoded stores an encoded chunk of mmsi and its recv column. An
// unboxed row is copied and inserted with others later (flush); a boxed
// one is inserted now.
func (w *chunkWriter) insertEncoded(ctx context.Context, mmsi sitrep.MMSI, data, recv []byte) error {
	info, err := chunk.Stat(data)
	if err != nil {
		return err
	}
	tMin, tMax, box := info.MinTime, info.MaxTime, info.BBox
	if !w.boxed {
		if len(w.args) == 0 && cap(w.arena) < 1<<20 {
			w.arena = make([]byte, 0, 1<<20)
		}
		// Blobs are copied into the arena; when it grows, earlier slices
		// keep pointing at the old array, which stays valid.
		at := len(w.arena)
		w.arena = append(w.arena, data...)
		d := w.arena[at:len(w.arena):len(w.arena)]
		at = len(w.arena)
		w.arena = append(w.arena, recv...)
		r := w.arena[at:len(w.arena):len(w.arena)]
		w.args = append(w.args, int64(mmsi), tMin, tMax, int64(info.Count), int64(0),
			int64(box.MinLat), int64(box.MaxLat), int64(box.MinLon), int64(box.MaxLon), d, r)
		if len(w.args) == rowsPerInsert*11 {
			return w.flush(ctx)
		}
		return nil
	}
	res, err := w.insChunk.ExecContext(ctx, int64(mmsi), tMin, tMax, info.Count, 1, nil, nil, nil, nil, data, recv)
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	_, err = w.insBox.ExecContext(ctx, id, floorMinute(tMin), ceilMinute(tMax),
		box.MinLat, box.MaxLat, box.MinLon, box.MaxLon)
	return err
}

// chunkReader decodes chunk rows, reusing its buffers. It is not safe for
// concurrent use.
type chunkReader struct {
	it   chunk.Iterator
	lats []int64
	raw  []rawChunk
}

// rawChunk is a chunk row as read.
type rawChunk struct {
	mmsi       sitrep.MMSI
	data, recv []byte
}

// errStoredCorrupt reports a stored chunk that does not decode.
func errStoredCorrupt(err error) error {
	return &sitrep.Error{Code: sitrep.EINTERNAL, Message: "stored positions are corrupt", Err: err}
}

// appendRows decodes every row (id, mmsi, n, data, recv) of rows whose id
// is not yet in seen (nil: take all) and appends to dst the points for
// which keep returns true, in row order. It checks ctx between chunks.
//
// Errors: the cause from rows or ctx; a corrupt chunk or recv column
// (wrapping chunk.ErrCorrupt or errRecv), reported with EINTERNAL.
func (r *chunkReader) appendRows(ctx context.Context, rows *sql.Rows, dst []stored, seen map[int64]bool, keep func(chunk.Point) bool) ([]stored, error) {
	if _, err := r.scan(rows, seen); err != nil {
		return dst, err
	}
	defer clear(r.raw) // drop the blobs
	return r.decodeRaw(ctx, r.raw, dst, keep)
}

// decodeRaw appends to dst the points of the chunks raw for which keep
// returns true, in chunk order. It checks ctx between chunks.
//
// Errors: as appendRows.
func (r *chunkReader) decodeRaw(ctx context.Context, raw []rawChunk, dst []stored, keep func(chunk.Point) bool) ([]stored, error) {
	for _, c := range raw {
		if err := ctx.Err(); err != nil {
			return dst, err
		}
		if err := r.it.Reset(c.data); err != nil {
			return dst, errStoredCorrupt(err)
		}
		var err error
		if r.lats, err = decodeRecv(c.recv, r.it.Info().Count, r.lats[:0]); err != nil {
			return dst, errStoredCorrupt(err)
		}
		dst = slices.Grow(dst, r.it.Info().Count)
		for i := 0; r.it.Next(); i++ {
			if p := r.it.At(); keep(p) {
				dst = append(dst, stored{Point: p, lat: r.lats[i], mmsi: c.mmsi})
			}
		}
		if err := r.it.Err(); err != nil {
			return dst, errStoredCorrupt(err)
		}
	}
	return dst, nil
}

// scan reads every row (id, mmsi, n, data, recv) of rows whose id is not
// yet in seen (nil: take all) into r.raw, in row order, closes rows and
// returns the sum of their n.
func (r *chunkReader) scan(rows *sql.Rows, seen map[int64]bool) (int, error) {
	defer rows.Close()
	r.raw = r.raw[:0]
	total := 0
	for rows.Next() {
		var (
			id, mmsi int64
			n        int
			c        rawChunk
		)
		if err := rows.Scan(&id, &mmsi, &n, &c.data, &c.recv); err != nil {
			return 0, err
		}
		if seen != nil {
			if seen[id] {
				continue
			}
			seen[id] = true
		}
		c.mmsi = sitrep.MMSI(mmsi)
		r.raw = append(r.raw, c)
		total += max(n, 0)
	}
	return total, rows.Err()
}

// positions decodes the chunks read by scan (total points in all) into
// Positions, in chunk then point order, keeping the points with from <= T
// < to, each with its first source as Sources (see Store.positions). It
// reports whether the result is in non-decreasing time order. It checks
// ctx between chunks.
//
// Errors: the cause from ctx; a corrupt chunk or recv column, reported
// with EINTERNAL.
func (r *chunkReader) positions(ctx context.Context, names sourceNames, total int, from, to int64) (ps []sitrep.Position, sorted bool, err error) {
	ps = make([]sitrep.Position, 0, total)
	sorted = true
	last := int64(math.MinInt64)
	// provs is an arena for the Sources of the positions: each gets a
	// distinct one-element sub-slice (capacity one, so that appending to
	// it copies). Its capacity bounds the points still to come.
	var provs []sitrep.Provenance
	seen := 0          // points decoded so far
	defer clear(r.raw) // drop the blobs
	for _, c := range r.raw {
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
		if err := r.it.Reset(c.data); err != nil {
			return nil, false, errStoredCorrupt(err)
		}
		n := r.it.Info().Count
		if r.lats, err = decodeRecv(c.recv, n, r.lats[:0]); err != nil {
			return nil, false, errStoredCorrupt(err)
		}
		for i := 0; r.it.Next(); i++ {
			p := r.it.At()
			if p.T < from || p.T >= to {
				continue
			}
			if p.T < last {
				sorted = false
			}
			last = p.T
			ps = append(ps, sitrep.Position{})
			q := &ps[len(ps)-1]
			setFromPoint(q, c.mmsi, &p)
			if p.Source == 0 {
				continue
			}
			if len(provs) == cap(provs) {
				provs = make([]sitrep.Provenance, 0, max(total-seen-i, 1))
			}
			pv := names.provenance(p.Source)
			pv.Received = time.UnixMilli(p.T + r.lats[i]).UTC()
			provs = append(provs, pv)
			q.Sources = provs[len(provs)-1 : len(provs) : len(provs)]
		}
		if err := r.it.Err(); err != nil {
			return nil, false, errStoredCorrupt(err)
		}
		seen += n
	}
	return ps, sorted, nil
}

// floorMinute and ceilMinute round Unix ms outward to Unix minutes, clamped
// to the int32 range of the R*Tree.
func floorMinute(ms int64) int64 { return clamp32(floorDiv(ms, 60000)) }
func ceilMinute(ms int64) int64 {
	return clamp32(-floorDiv(-max(ms, math.MinInt64+1), 60000))
}

// floorDiv is a/b rounded down, for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// clamp32 clamps v to the int32 range.
func clamp32(v int64) int64 { return min(max(v, math.MinInt32), math.MaxInt32) }

// unitsFloor and unitsCeil convert degrees to chunk units rounded outward,
// clamped to the int32 range.
func unitsFloor(deg float64) int64 { return clamp32f(math.Floor(deg * coordScale)) }
func unitsCeil(deg float64) int64  { return clamp32f(math.Ceil(deg * coordScale)) }

// clamp32f clamps f to the int32 range (NaN to 0).
func clamp32f(f float64) int64 {
	switch {
	case f != f:
		return 0
	case f < math.MinInt32:
		return math.MinInt32
	case f > math.MaxInt32:
		return math.MaxInt32
	}
	return int64(f)
}
