package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/chunk"
)

// The head holds the positions stored since the last flush, per vessel,
// already chunk-encoded in memory, in the spirit of the head block of the
// Prometheus TSDB. AddPositions makes a batch durable by appending it to
// head_log (one row per batch: a cheap sequential insert) and then adds it
// to the head. When the head holds Options.HeadPoints positions, flush
// writes each vessel's head as one chunk row and empties head_log, in one
// transaction. So a chunk row holds a vessel's positions over a flush
// interval rather than over one batch, which is what makes positions
// compact on disk (see docs/benchmarks.md) and writes fast: per flush one
// row per vessel instead of one per vessel per batch.
//
// Queries read the head beside the chunk rows. Open loads a head_log left
// by a crash back into the head, so that nothing committed is lost.

// head is the in-memory part of the store. Its fields are guarded by mu;
// it is changed only under Store.wmu as well, so that a writer sees a
// stable head between its commit and its add.
type head struct {
	mu     sync.Mutex
	series map[sitrep.MMSI]*series
	points int
	warm   byte // see addAll
}

// series is one vessel's head: points appended in time order go to enc
// (and their receipt latencies to recv); a point older than the newest
// one waits in late. Full chunks move to sealed.
type series struct {
	enc    chunk.Encoder
	recv   recvBuilder
	late   []stored
	sealed []rawChunk
}

// recvBuilder run-length encodes latencies as appendRecv does, one at a
// time.
type recvBuilder struct {
	buf []byte // the completed runs
	cur int64  // latency of the current run
	run uint64 // its length; 0 when no latency was added
}

func (r *recvBuilder) add(lat int64) {
	if r.run > 0 && lat == r.cur {
		r.run++
		return
	}
	if r.run > 0 {
		r.buf = binary.AppendUvarint(r.buf, r.run)
		r.buf = binary.AppendVarint(r.buf, r.cur)
	}
	r.cur, r.run = lat, 1
}

// appendTo appends the recv column of the latencies added so far to dst.
func (r *recvBuilder) appendTo(dst []byte) []byte {
	dst = append(dst, recvVersion)
	dst = append(dst, r.buf...)
	if r.run > 0 {
		dst = binary.AppendUvarint(dst, r.run)
		dst = binary.AppendVarint(dst, r.cur)
	}
	return dst
}

// addAll appends pts, ordered by vessel, to the head.
//
// With thousands of vessels each vessel's series and the end of its
// encoder's buffer are misses to main memory, which adding vessel after
// vessel would wait for one at a time: addAll looks up the series of
// warmSeries vessels at once and loads those lines (loads that do not
// depend on one another, which the processor overlaps) before adding
// their points.
func (h *head) addAll(pts []stored) {
	const warmSeries = 32
	var (
		groups [warmSeries][]stored
		ses    [warmSeries]*series
	)
	for len(pts) > 0 {
		n := 0
		for n < warmSeries && len(pts) > 0 {
			j := 1
			for j < len(pts) && pts[j].mmsi == pts[0].mmsi {
				j++
			}
			groups[n], pts = pts[:j], pts[j:]
			ses[n] = h.series[groups[n][0].mmsi]
			n++
		}
		var x byte
		for _, se := range ses[:n] {
			if se != nil {
				x ^= byte(se.enc.Len()) ^ byte(se.recv.run)
			}
		}
		for _, se := range ses[:n] {
			if se != nil {
				x ^= se.enc.Touch()
			}
		}
		h.warm = x // keeps the loads
		for i, g := range groups[:n] {
			h.addTo(ses[i], g[0].mmsi, g)
		}
	}
}

// addTo appends the points of one vessel, mmsi, in any order, to its
// series se (nil when it has none yet).
func (h *head) addTo(se *series, mmsi sitrep.MMSI, pts []stored) {
	if h.series == nil {
		h.series = map[sitrep.MMSI]*series{}
	}
	if se == nil {
		se = &series{}
		se.enc.Reset(nil)
		h.series[mmsi] = se
	}
	for i := range pts {
		p := &pts[i]
		if se.enc.Len() > 0 && p.T < se.enc.MaxTime() {
			se.late = append(se.late, stored{Point: p.Point, lat: p.lat, mmsi: mmsi})
			continue
		}
		if se.enc.Len() == chunk.MaxPoints {
			se.seal(mmsi)
		}
		if err := se.enc.Append(p.Point); err != nil {
			panic(err) // in order and not full: cannot happen
		}
		se.recv.add(p.lat)
	}
	h.points += len(pts)
}

// seal moves the encoder's chunk to sealed and starts a new one.
func (se *series) seal(mmsi sitrep.MMSI) {
	se.sealed = append(se.sealed, rawChunk{mmsi: mmsi, data: se.enc.Bytes(), recv: se.recv.appendTo(nil)})
	se.enc.Reset(nil)
	se.recv = recvBuilder{}
}

// chunks appends to dst copies of the chunks of se (the late points as a
// chunk of their own), as rows read from the database would be.
func (se *series) chunks(dst []rawChunk, mmsi sitrep.MMSI) []rawChunk {
	for _, c := range se.sealed {
		dst = append(dst, rawChunk{mmsi: mmsi, data: slices.Clone(c.data), recv: slices.Clone(c.recv)})
	}
	if se.enc.Len() > 0 {
		dst = append(dst, rawChunk{mmsi: mmsi, data: se.enc.AppendChunk(nil), recv: se.recv.appendTo(nil)})
	}
	if len(se.late) > 0 {
		late := slices.Clone(se.late)
		slices.SortStableFunc(late, func(a, b stored) int { return cmp.Compare(a.T, b.T) })
		var enc chunk.Encoder
		enc.Reset(nil)
		lats := make([]int64, 0, len(late))
		for i, p := range late {
			if enc.Len() == chunk.MaxPoints {
				dst = append(dst, rawChunk{mmsi: mmsi, data: enc.Bytes(), recv: appendRecv(nil, lats)})
				enc.Reset(nil)
				lats = lats[:0]
			}
			_ = enc.Append(late[i].Point) // sorted, and never full
			lats = append(lats, p.lat)
		}
		dst = append(dst, rawChunk{mmsi: mmsi, data: enc.Bytes(), recv: appendRecv(nil, lats)})
	}
	return dst
}

// overlaps reports whether se may hold points of [from, to) in a box for
// which inBox returns true (a cheap test on the encoder's span and box;
// sealed and late points always qualify).
func (se *series) overlaps(from, to int64, inBox func(chunk.BBox) bool) bool {
	if len(se.sealed) > 0 || len(se.late) > 0 {
		return true
	}
	return se.enc.Len() > 0 && se.enc.MinTime() < to && se.enc.MaxTime() >= from &&
		(inBox == nil || inBox(se.enc.BBox()))
}

// vesselLocked returns copies of the head chunks of mmsi that may hold
// points of [from, to). The caller holds h.mu.
func (h *head) vesselLocked(mmsi sitrep.MMSI, from, to int64) []rawChunk {
	se := h.series[mmsi]
	if se == nil || !se.overlaps(from, to, nil) {
		return nil
	}
	return se.chunks(nil, mmsi)
}

// allLocked returns copies of every head chunk that may hold points of
// [from, to) in a box for which inBox returns true, vessels in MMSI order.
// The caller holds h.mu.
func (h *head) allLocked(from, to int64, inBox func(chunk.BBox) bool) []rawChunk {
	var dst []rawChunk
	for _, m := range slices.Sorted(maps.Keys(h.series)) {
		if se := h.series[m]; se.overlaps(from, to, inBox) {
			dst = se.chunks(dst, m)
		}
	}
	return dst
}

// readTx begins a read-only transaction whose snapshot of the database
// matches the head as copyHead sees it: copyHead runs under h.mu, and a
// flush commits under h.mu too, so the points a reader gets from the head
// and from chunk rows are each stored once. The caller rolls tx back.
func (s *Store) readTx(ctx context.Context, copyHead func(h *head)) (*sql.Tx, error) {
	s.head.mu.Lock()
	defer s.head.mu.Unlock()
	copyHead(&s.head)
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	// A read starts the transaction's snapshot (BEGIN alone does not).
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM head_log WHERE id < 0").Scan(&n); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// Flush writes the positions held in memory since the last flush to chunk
// rows (see HeadPoints in Options). It is never needed for durability:
// they are already committed, in head_log. Close flushes.
//
// Errors: the context's error; EINTERNAL for a database error.
func (s *Store) Flush(ctx context.Context) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return wrap("sqlite.Flush", s.flushLocked(ctx))
}

// flushLocked is Flush with s.wmu held.
func (s *Store) flushLocked(ctx context.Context) error {
	h := &s.head
	h.mu.Lock()
	n, ser := h.points, h.series
	h.mu.Unlock()
	if n == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The log first: the chunk rows then reuse its pages (the same
	// transaction), rather than growing the file while they sit free.
	if _, err := tx.ExecContext(ctx, "DELETE FROM head_log"); err != nil {
		return err
	}
	if err := writeHead(ctx, tx, ser); err != nil {
		return err
	}
	// Commit and empty the head at once for readers (see readTx).
	h.mu.Lock()
	err = tx.Commit()
	if err == nil {
		h.series, h.points = nil, 0
	}
	h.mu.Unlock()
	if err != nil {
		return err
	}
	s.log.Debug("sqlite: flushed head", "positions", n, "vessels", len(ser))
	return nil
}

// writeHead writes the chunks of ser as chunk rows on tx.
func writeHead(ctx context.Context, tx *sql.Tx, ser map[sitrep.MMSI]*series) error {
	w, err := newChunkWriter(ctx, tx, false)
	if err != nil {
		return err
	}
	defer w.close()
	var (
		raw       []rawChunk
		rd        chunkReader
		buf, rbuf []byte
	)
	for _, m := range slices.Sorted(maps.Keys(ser)) {
		se := ser[m]
		if len(se.late) == 0 {
			for _, c := range se.sealed {
				if err := w.insertEncoded(ctx, m, c.data, c.recv); err != nil {
					return err
				}
			}
			if se.enc.Len() > 0 {
				if err := w.insertEncoded(ctx, m, se.enc.AppendChunk(buf[:0]), se.recv.appendTo(rbuf[:0])); err != nil {
					return err
				}
			}
			continue
		}
		// Late points: merge everything of the vessel in time order.
		raw = se.chunks(raw[:0], m)
		pts, err := rd.decodeRaw(ctx, raw, nil, func(chunk.Point) bool { return true })
		if err != nil {
			return err
		}
		slices.SortStableFunc(pts, func(a, b stored) int { return cmp.Compare(a.T, b.T) })
		if err := w.write(ctx, m, pts); err != nil {
			return err
		}
	}
	return w.flush(ctx)
}

// The head_log data column holds one batch:
//
//	byte 0      logVersion
//	then groups uvarint MMSI, uvarint count, varint (zigzag) time of the
//	            first point, uvarint length, the body (chunk.Encoder.Body:
//	            a chunk without its 42-byte header) of the vessel's points
//	            in time order, uvarint length, its recv column (recv.go)
//
// A batch holds a few points of each of many vessels, so a whole chunk a
// group (version 1: uvarint MMSI, uvarint length, a chunk, uvarint length,
// recv) spent more on headers than on points; version 1 rows, left by a
// crash of an older sitrep, are still read.
const (
	logVersion   = 2
	logVersionV1 = 1
)

// errLog is wrapped by every error of decodeLog.
var errLog = errors.New("sqlite: corrupt head_log row")

// appendLogGroup appends one vessel's group to a head_log blob: count
// points from minT on, body as chunk.Encoder.Body returns it.
func appendLogGroup(dst []byte, mmsi sitrep.MMSI, count int, minT int64, body, recv []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(mmsi))
	dst = binary.AppendUvarint(dst, uint64(count))
	dst = binary.AppendVarint(dst, minT)
	dst = binary.AppendUvarint(dst, uint64(len(body)))
	dst = append(dst, body...)
	dst = binary.AppendUvarint(dst, uint64(len(recv)))
	return append(dst, recv...)
}

// decodeLog splits a head_log blob into its chunks (a version 1 blob's
// alias b; a version 2 blob's are rebuilt with chunk.FromBody).
func decodeLog(b []byte) ([]rawChunk, error) {
	if len(b) == 0 || (b[0] != logVersion && b[0] != logVersionV1) {
		return nil, fmt.Errorf("%w: missing or unknown version", errLog)
	}
	v1 := b[0] == logVersionV1
	var out []rawChunk
	field := func(i int) ([]byte, int, error) {
		n, k := binary.Uvarint(b[i:])
		if k <= 0 || n > uint64(len(b)-i-k) {
			return nil, 0, fmt.Errorf("%w: bad length at byte %d", errLog, i)
		}
		i += k
		return b[i : i+int(n) : i+int(n)], i + int(n), nil
	}
	for i := 1; i < len(b); {
		m, k := binary.Uvarint(b[i:])
		if k <= 0 || m > 999_999_999 {
			return nil, fmt.Errorf("%w: bad MMSI at byte %d", errLog, i)
		}
		i += k
		var (
			count uint64
			minT  int64
		)
		if !v1 {
			at := i
			if count, k = binary.Uvarint(b[i:]); k <= 0 || count == 0 || count > chunk.MaxPoints {
				return nil, fmt.Errorf("%w: bad count at byte %d", errLog, at)
			}
			i += k
			if minT, k = binary.Varint(b[i:]); k <= 0 {
				return nil, fmt.Errorf("%w: bad time at byte %d", errLog, i)
			}
			i += k
		}
		data, j, err := field(i)
		if err != nil {
			return nil, err
		}
		if !v1 {
			if data, err = chunk.FromBody(nil, int(count), minT, data); err != nil {
				return nil, fmt.Errorf("%w: group at byte %d: %w", errLog, i, err)
			}
		}
		recv, j, err := field(j)
		if err != nil {
			return nil, err
		}
		out = append(out, rawChunk{mmsi: sitrep.MMSI(m), data: data, recv: recv})
		i = j
	}
	return out, nil
}

// loadHead reads head_log back into the head (after a crash: a clean
// Close leaves it empty). A row that does not decode is logged and
// skipped, and deleted by the next flush.
func (s *Store) loadHead(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "SELECT id, data FROM head_log ORDER BY id")
	if err != nil {
		return err
	}
	defer rows.Close()
	var rd chunkReader
	for rows.Next() {
		var id int64
		var b []byte
		if err := rows.Scan(&id, &b); err != nil {
			return err
		}
		raw, err := decodeLog(b)
		var pts []stored
		if err == nil {
			pts, err = rd.decodeRaw(ctx, raw, nil, func(chunk.Point) bool { return true })
		}
		if err != nil {
			s.log.Error("sqlite: skipping a corrupt head_log row", "id", id, "err", err)
			continue
		}
		s.head.addAll(pts)
	}
	return rows.Err()
}
