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

// AddPositions stores ps in one transaction: as one head_log row, then in
// the in-memory head, which a flush later writes as chunk rows (head.go);
// see sitrep.PositionStore. When it returns nil the batch is committed
// with synchronous=FULL, so it survives a process crash or power loss. It
// stores nothing when it fails. A flush that fails after the commit is
// logged, not returned: the batch is stored, and the next write retries.
//
// Errors: EINVALID for a position that cannot be stored (see toPoint);
// ECONFLICT when the batch would add a 65536th receiver; the context's
// error when ctx ends first; otherwise the database's error (EINTERNAL).
func (s *Store) AddPositions(ctx context.Context, ps []sitrep.Position) error {
	const op = "sqlite.AddPositions"
	if err := ctx.Err(); err != nil {
		return wrap(op, err)
	}
	if len(ps) == 0 {
		return nil
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	src := pending{d: s.srcs}
	var pts []stored
	err := s.txLocked(ctx, func(tx *sql.Tx) error {
		// Convert in input order (sequential memory access), then order
		// by vessel, keeping the input order within a vessel, and sort a
		// vessel's points by time only where they are not already.
		b := &s.addBuf
		conv := grow(&b.conv, len(ps))
		keys := grow(&b.keys, len(ps))
		var (
			extra   *sql.Stmt
			lastKey sourceKey
			lastID  uint16
			haveID  bool
		)
		for i := range ps {
			p := &ps[i]
			t := p.Time.UnixMilli()
			var id uint16
			var lat int64
			if len(p.Sources) > 0 {
				k := sourceKey{p.Sources[0].Feed, p.Sources[0].Station}
				if !haveID || k != lastKey {
					var err error
					if lastID, err = src.id(ctx, tx, k); err != nil {
						return err
					}
					lastKey, haveID = k, true
				}
				id = lastID
				lat = p.Sources[0].Received.UnixMilli() - t
			}
			q, err := toPoint(p, id)
			if err != nil {
				return err
			}
			conv[i] = stored{Point: q, lat: lat, mmsi: p.MMSI}
			keys[i] = uint64(p.MMSI)<<32 | uint64(i)
			for _, pv := range p.Sources[min(1, len(p.Sources)):] {
				if extra == nil {
					if extra, err = tx.PrepareContext(ctx, insertExtra); err != nil {
						return err
					}
					defer extra.Close()
				}
				if err := s.addExtra(ctx, tx, &src, extra, p.MMSI, t, pv); err != nil {
					return err
				}
			}
		}
		sortKeys(keys, grow(&b.tmp, len(keys)))
		pts = grow(&b.pts, len(ps))
		for i, k := range keys {
			pts[i] = conv[uint32(k)]
		}
		for i := 0; i < len(pts); {
			j, sorted := i+1, true
			for ; j < len(pts) && pts[j].mmsi == pts[i].mmsi; j++ {
				sorted = sorted && pts[j].T >= pts[j-1].T
			}
			if !sorted {
				slices.SortStableFunc(pts[i:j], func(a, b stored) int { return cmp.Compare(a.T, b.T) })
			}
			i = j
		}
		b.log = encodeLog(b.log[:0], pts)
		_, err := tx.ExecContext(ctx, "INSERT INTO head_log (data) VALUES (?)", b.log)
		return err
	})
	if err != nil {
		return wrap(op, err)
	}
	src.commit()
	s.head.mu.Lock()
	s.head.addAll(pts)
	full := s.head.points >= s.headPoints()
	s.head.mu.Unlock()
	if full {
		if err := s.flushLocked(ctx); err != nil {
			s.log.Error("sqlite: flushing the head", "err", err)
		}
	}
	return nil
}

// headPoints is Options.HeadPoints or its default.
func (s *Store) headPoints() int {
	if s.opts.HeadPoints > 0 {
		return s.opts.HeadPoints
	}
	return 1 << 22
}

// addBuffers are AddPositions' working buffers, reused from batch to batch
// under Store.wmu.
type addBuffers struct {
	conv, pts []stored
	keys, tmp []uint64
	log       []byte
}

// grow returns (*buf)[:n], reallocating *buf when it is too small.
func grow[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n)
	}
	return (*buf)[:n]
}

// encodeLog appends the head_log blob of pts, sorted by MMSI then time, to
// out.
func encodeLog(out []byte, pts []stored) []byte {
	out = append(out, logVersion)
	var (
		enc  chunk.Encoder
		buf  []byte
		lats []int64
		rbuf []byte
	)
	for i := 0; i < len(pts); {
		enc.Reset(buf[:0])
		lats = lats[:0]
		j := i
		for ; j < len(pts) && pts[j].mmsi == pts[i].mmsi; j++ {
			if enc.Len() == chunk.MaxPoints {
				break
			}
			_ = enc.Append(pts[j].Point) // sorted by time, not full
			lats = append(lats, pts[j].lat)
		}
		buf = enc.Bytes() // keeps the grown buffer for the next group
		rbuf = appendRecv(rbuf[:0], lats)
		out = appendLogGroup(out, pts[i].mmsi, enc.Len(), enc.MinTime(), enc.Body(), rbuf)
		i = j
	}
	return out
}

// insertExtra records one more receipt of a position.
const insertExtra = "INSERT OR IGNORE INTO extra_sources (mmsi, t, source_id, received) VALUES (?, ?, ?, ?)"

// addExtra inserts one extra_sources row through stmt.
func (s *Store) addExtra(ctx context.Context, tx *sql.Tx, src *pending, stmt *sql.Stmt, mmsi sitrep.MMSI, t int64, pv sitrep.Provenance) error {
	id, err := src.id(ctx, tx, sourceKey{pv.Feed, pv.Station})
	if err != nil {
		return err
	}
	_, err = stmt.ExecContext(ctx, int64(mmsi), t, id, pv.Received.UnixMilli())
	return err
}

// AddSources records more receipts of the position of mmsi at t (to the
// millisecond); see sitrep.PositionStore. A receipt already recorded (same
// receiver and Received) is not added twice. The receipts are kept even
// when no position of mmsi at t is stored (yet).
//
// Errors: as AddPositions.
func (s *Store) AddSources(ctx context.Context, mmsi sitrep.MMSI, t time.Time, srcs []sitrep.Provenance) error {
	rs := make([]sitrep.Receipt, len(srcs))
	for i, pv := range srcs {
		rs[i] = sitrep.Receipt{MMSI: mmsi, Time: t, Source: pv}
	}
	return wrap("sqlite.AddSources", s.addReceipts(ctx, rs))
}

// AddReceipts records more receipts of stored (or later stored) positions
// in one transaction; see sitrep.PositionStore. A receipt already recorded
// (same position, receiver and Received) is not added twice.
//
// Errors: as AddPositions.
func (s *Store) AddReceipts(ctx context.Context, rs []sitrep.Receipt) error {
	return wrap("sqlite.AddReceipts", s.addReceipts(ctx, rs))
}

func (s *Store) addReceipts(ctx context.Context, rs []sitrep.Receipt) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(rs) == 0 {
		return nil
	}
	src := pending{d: s.srcs}
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, insertExtra)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, r := range rs {
			if err := s.addExtra(ctx, tx, &src, stmt, r.MMSI, r.Time.UnixMilli(), r.Source); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	src.commit()
	return nil
}

// Track returns the positions of mmsi in r in time order (positions with
// equal times in the order they were stored); see sitrep.PositionStore.
//
// Errors: the context's error when ctx ends first; EINTERNAL for a
// database error or a corrupt chunk.
func (s *Store) Track(ctx context.Context, mmsi sitrep.MMSI, r sitrep.TimeRange) ([]sitrep.Position, error) {
	const op = "sqlite.Track"
	from, to := msRange(r)
	if from >= to {
		return []sitrep.Position{}, nil
	}
	var hc []rawChunk
	tx, err := s.readTx(ctx, func(h *head) { hc = h.vesselLocked(mmsi, from, to) })
	if err != nil {
		return nil, wrap(op, err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx,
		"SELECT id, mmsi, n, data, recv FROM chunks WHERE mmsi = ? AND t_min < ? AND t_max >= ? ORDER BY t_min, id",
		int64(mmsi), to, from)
	if err != nil {
		return nil, wrap(op, err)
	}
	// Decode straight into the result: one vessel, chunks in time order
	// (then the head, newer), so the points are mostly sorted already.
	var rd chunkReader
	total, err := rd.scan(rows, nil)
	if err != nil {
		return nil, wrap(op, err)
	}
	for _, c := range hc {
		if info, err := chunk.Stat(c.data); err == nil {
			total += info.Count
		}
	}
	rd.raw = append(rd.raw, hc...)
	ps, sorted, err := rd.positions(ctx, s.srcs.snapshot(), total, from, to)
	if err != nil {
		return nil, wrap(op, err)
	}
	if !sorted {
		slices.SortStableFunc(ps, func(a, b sitrep.Position) int { return a.Time.Compare(b.Time) })
	}
	if len(ps) == 0 {
		return ps, nil
	}
	span := map[sitrep.MMSI][2]int64{mmsi: {ps[0].Time.UnixMilli(), ps[len(ps)-1].Time.UnixMilli()}}
	if err := s.attachSpans(ctx, ps, span); err != nil {
		return nil, wrap(op, err)
	}
	return ps, nil
}

// PositionsIn returns the positions in a and r ordered by time then MMSI
// (then the order they were stored), at most limit of them when limit > 0;
// see sitrep.PositionStore. An Area with MinLon > MaxLon crosses the
// antimeridian.
//
// Errors: as Track.
func (s *Store) PositionsIn(ctx context.Context, a sitrep.Area, r sitrep.TimeRange, limit int) ([]sitrep.Position, error) {
	const op = "sqlite.PositionsIn"
	from, to := msRange(r)
	if from >= to || a.MinLat > a.MaxLat {
		return []sitrep.Position{}, nil
	}
	lons := [][2]int64{{unitsFloor(a.MinLon), unitsCeil(a.MaxLon)}}
	if a.MinLon > a.MaxLon {
		lons = [][2]int64{{unitsFloor(a.MinLon), math.MaxInt32}, {math.MinInt32, unitsCeil(a.MaxLon)}}
	}
	keep := func(p chunk.Point) bool {
		return p.T >= from && p.T < to &&
			a.Contains(float64(p.Lat)/coordScale, float64(p.Lon)/coordScale)
	}
	latMin, latMax := int32(unitsFloor(a.MinLat)), int32(unitsCeil(a.MaxLat))
	inBox := func(b chunk.BBox) bool {
		if b.MaxLat < latMin || b.MinLat > latMax {
			return false
		}
		for _, lon := range lons {
			if int64(b.MaxLon) >= lon[0] && int64(b.MinLon) <= lon[1] {
				return true
			}
		}
		return false
	}
	var hc []rawChunk
	tx, err := s.readTx(ctx, func(h *head) { hc = h.allLocked(from, to, inBox) })
	if err != nil {
		return nil, wrap(op, err)
	}
	defer tx.Rollback()
	var (
		rd   chunkReader
		pts  []stored
		seen = map[int64]bool{}
	)
	for _, lon := range lons {
		rows, err := tx.QueryContext(ctx, `SELECT c.id, c.mmsi, c.n, c.data, c.recv
			FROM chunk_boxes b JOIN chunks c ON c.id = b.id
			WHERE b.t0 <= ? AND b.t1 >= ? AND b.lat0 <= ? AND b.lat1 >= ? AND b.lon0 <= ? AND b.lon1 >= ?`,
			ceilMinute(to), floorMinute(from), unitsCeil(a.MaxLat), unitsFloor(a.MinLat), lon[1], lon[0])
		if err != nil {
			return nil, wrap(op, err)
		}
		if pts, err = rd.appendRows(ctx, rows, pts, seen, keep); err != nil {
			return nil, wrap(op, err)
		}
		rows, err = tx.QueryContext(ctx, `SELECT id, mmsi, n, data, recv FROM chunks
			WHERE boxed = 0 AND t_min < ? AND t_max >= ? AND lat_min <= ? AND lat_max >= ? AND lon_min <= ? AND lon_max >= ?`,
			to, from, unitsCeil(a.MaxLat), unitsFloor(a.MinLat), lon[1], lon[0])
		if err != nil {
			return nil, wrap(op, err)
		}
		if pts, err = rd.appendRows(ctx, rows, pts, seen, keep); err != nil {
			return nil, wrap(op, err)
		}
	}
	if pts, err = rd.decodeRaw(ctx, hc, pts, keep); err != nil {
		return nil, wrap(op, err)
	}
	sortStored(pts)
	if limit > 0 && len(pts) > limit {
		pts = pts[:limit]
	}
	ps := s.positions(pts)
	if err := s.attachExtras(ctx, ps); err != nil {
		return nil, wrap(op, err)
	}
	return ps, nil
}

// sortStored sorts pts by time then MMSI, stably.
func sortStored(pts []stored) {
	less := func(a, b stored) int {
		if c := cmp.Compare(a.T, b.T); c != 0 {
			return c
		}
		return cmp.Compare(a.mmsi, b.mmsi)
	}
	if !slices.IsSortedFunc(pts, less) {
		slices.SortStableFunc(pts, less)
	}
}

// positions converts stored points to Positions with their first source.
// The Positions share one backing array for their Sources.
func (s *Store) positions(pts []stored) []sitrep.Position {
	ps := make([]sitrep.Position, len(pts))
	n := 0
	for i := range pts {
		if pts[i].Source != 0 {
			n++
		}
	}
	provs := make([]sitrep.Provenance, 0, n)
	names := s.srcs.snapshot()
	for i := range pts {
		ps[i] = fromPoint(pts[i].mmsi, pts[i].Point)
		if id := pts[i].Source; id != 0 {
			pv := names.provenance(id)
			pv.Received = time.UnixMilli(pts[i].T + pts[i].lat).UTC()
			provs = append(provs, pv)
			ps[i].Sources = provs[len(provs)-1 : len(provs) : len(provs)]
		}
	}
	return ps
}

// attachExtras adds the extra_sources of the positions ps, which are
// sorted by time then MMSI, and sorts each position's Sources by Received
// (stably). A receipt of a time shared by several positions of a vessel
// goes to the first of them.
func (s *Store) attachExtras(ctx context.Context, ps []sitrep.Position) error {
	if len(ps) == 0 {
		return nil
	}
	// ps is sorted by time, so a vessel's span runs from its first
	// position to its last.
	span := map[sitrep.MMSI][2]int64{}
	var (
		cur    = ps[0].MMSI
		cs, ce = ps[0].Time.UnixMilli(), ps[0].Time.UnixMilli()
	)
	flush := func() {
		sp, ok := span[cur]
		if !ok {
			sp = [2]int64{cs, ce}
		}
		span[cur] = [2]int64{min(sp[0], cs), max(sp[1], ce)}
	}
	for i := range ps {
		if ps[i].MMSI != cur {
			flush()
			cur, cs = ps[i].MMSI, ps[i].Time.UnixMilli()
		}
		ce = ps[i].Time.UnixMilli()
	}
	flush()
	return s.attachSpans(ctx, ps, span)
}

// attachSpans is attachExtras given span, the first and last time of each
// vessel's positions in ps.
func (s *Store) attachSpans(ctx context.Context, ps []sitrep.Position, span map[sitrep.MMSI][2]int64) error {
	names := s.srcs.snapshot()
	type hit struct {
		mmsi sitrep.MMSI
		t    int64
	}
	touched := map[int]bool{}
	for m, sp := range span {
		rows, err := s.db.QueryContext(ctx,
			"SELECT t, source_id, received FROM extra_sources WHERE mmsi = ? AND t BETWEEN ? AND ?",
			int64(m), sp[0], sp[1])
		if err != nil {
			return err
		}
		for rows.Next() {
			var t, id, recv int64
			if err := rows.Scan(&t, &id, &recv); err != nil {
				rows.Close()
				return err
			}
			i, ok := slices.BinarySearchFunc(ps, hit{m, t}, func(p sitrep.Position, h hit) int {
				if c := cmp.Compare(p.Time.UnixMilli(), h.t); c != 0 {
					return c
				}
				return cmp.Compare(p.MMSI, h.mmsi)
			})
			if !ok {
				continue
			}
			pv := names.provenance(uint16(id))
			pv.Received = time.UnixMilli(recv).UTC()
			ps[i].Sources = append(ps[i].Sources, pv)
			touched[i] = true
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for i := range touched {
		slices.SortStableFunc(ps[i].Sources, func(a, b sitrep.Provenance) int { return a.Received.Compare(b.Received) })
	}
	return nil
}
