package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// vesselColumns are the columns of vessels that scanVessel reads, in order.
const vesselColumns = `mmsi, imo, name, callsign, ship_type, flag, length, beam, class,
	destination, dest_port, eta, draught, last_position, first_seen, last_seen`

// PutVessel stores v, replacing any vessel with its MMSI; see
// sitrep.VesselStore. Times are kept to the millisecond.
//
// Errors: the context's error when ctx ends first; EINTERNAL for a
// database error.
func (s *Store) PutVessel(ctx context.Context, v sitrep.Vessel) error {
	return wrap("sqlite.PutVessel", s.putVessels(ctx, []sitrep.Vessel{v}))
}

// PutVessels stores vs in one transaction, as PutVessel does each; see
// sitrep.VesselStore.
//
// Errors: as PutVessel; on error nothing is stored.
func (s *Store) PutVessels(ctx context.Context, vs []sitrep.Vessel) error {
	return wrap("sqlite.PutVessels", s.putVessels(ctx, vs))
}

func (s *Store) putVessels(ctx context.Context, vs []sitrep.Vessel) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(vs) == 0 {
		return nil
	}
	// Rows go in multi-row INSERTs of up to vesselsPerInsert rows (20
	// parameters each): far less work per row than one statement each.
	const vesselsPerInsert = 200
	insert := func(n int) string {
		var b strings.Builder
		b.WriteString("INSERT OR REPLACE INTO vessels (" + vesselColumns + ", name_key, callsign_key, mmsi_key, imo_key) VALUES ")
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
		}
		return b.String()
	}
	// In MMSI order, the rows go to the end of the table's B-tree one
	// after the other instead of splitting pages all over it (4 times
	// faster for the 20,000 vessels of a replay); vs itself is left as is.
	order := make([]int, len(vs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(vs[a].MMSI, vs[b].MMSI) })
	// The rows' values (JSON and all) are made on a goroutine of their
	// own, a group or two ahead of the INSERTs: for the 20,000 vessels at
	// the end of a replay the two overlap, on two cores.
	type group struct {
		args []any
		n    int
		err  error
	}
	groups := make(chan group, 2)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(groups)
		for rest := order; len(rest) > 0; {
			n := min(len(rest), vesselsPerInsert)
			args, err := vesselArgs(make([]any, 0, 20*n), vs, rest[:n])
			select {
			case groups <- group{args, n, err}:
			case <-stop:
				return
			}
			if err != nil {
				return
			}
			rest = rest[n:]
		}
	}()
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		// The statement of a full group is prepared once (parsing it
		// cost as much as running it).
		var full *sql.Stmt
		if len(order) >= vesselsPerInsert {
			var err error
			if full, err = tx.PrepareContext(ctx, insert(vesselsPerInsert)); err != nil {
				return err
			}
			defer full.Close()
		}
		for g := range groups {
			if g.err != nil {
				return g.err
			}
			var err error
			if g.n == vesselsPerInsert {
				_, err = full.ExecContext(ctx, g.args...)
			} else {
				_, err = tx.ExecContext(ctx, insert(g.n), g.args...)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// vesselArgs appends to dst the values of the vessels rows of vs[i] for
// each i of order, in the column order of putVessels' INSERT.
func vesselArgs(dst []any, vs []sitrep.Vessel, order []int) ([]any, error) {
	for _, i := range order {
		v := &vs[i]
		var port, last any
		if v.DestinationPort != nil {
			b, err := json.Marshal(v.DestinationPort)
			if err != nil {
				return nil, err
			}
			port = string(b)
		}
		if v.LastPosition != nil {
			b, err := json.Marshal(v.LastPosition)
			if err != nil {
				return nil, err
			}
			last = string(b)
		}
		imoKey := ""
		if v.IMO != 0 {
			imoKey = strconv.FormatUint(uint64(v.IMO), 10)
		}
		dst = append(dst,
			int64(v.MMSI), int64(v.IMO), v.Name, v.Callsign, int64(v.ShipType), v.Flag, int64(v.Length), int64(v.Beam), int64(v.Class),
			v.Destination, port, nullMilli(v.ETA), float64(v.Draught), last, nullMilli(v.FirstSeen), nullMilli(v.LastSeen),
			strings.ToLower(v.Name), strings.ToLower(v.Callsign), v.MMSI.String(), imoKey)
	}
	return dst, nil
}

// Vessel returns the vessel with mmsi; see sitrep.VesselStore.
//
// Errors: ENOTFOUND when there is none; the context's error when ctx ends
// first; EINTERNAL for a database error or an undecodable row.
func (s *Store) Vessel(ctx context.Context, mmsi sitrep.MMSI) (sitrep.Vessel, error) {
	const op = "sqlite.Vessel"
	row := s.db.QueryRowContext(ctx, "SELECT "+vesselColumns+" FROM vessels WHERE mmsi = ?", int64(mmsi))
	v, err := scanVessel(row)
	if errors.Is(err, sql.ErrNoRows) {
		return sitrep.Vessel{}, &sitrep.Error{Code: sitrep.ENOTFOUND, Op: op, Message: "no vessel with MMSI " + mmsi.String()}
	}
	if err != nil {
		return sitrep.Vessel{}, wrap(op, err)
	}
	return v, nil
}

// Vessels returns the vessels whose name, call sign, MMSI (nine digits,
// zero-padded) or IMO starts with text, ignoring case (Unicode simple
// folding to lower case), ordered by name (byte order) then MMSI; see
// sitrep.VesselStore.
//
// Errors: as Vessel, without ENOTFOUND: no match is an empty slice.
func (s *Store) Vessels(ctx context.Context, text string, limit int) ([]sitrep.Vessel, error) {
	const op = "sqlite.Vessels"
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	q := strings.ToLower(text)
	rows, err := s.db.QueryContext(ctx, "SELECT "+vesselColumns+` FROM vessels
		WHERE ?1 = '' OR substr(name_key, 1, length(?1)) = ?1 OR substr(callsign_key, 1, length(?1)) = ?1
			OR substr(mmsi_key, 1, length(?1)) = ?1 OR substr(imo_key, 1, length(?1)) = ?1
		ORDER BY name, mmsi LIMIT ?2`, q, limit)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	vs := []sitrep.Vessel{}
	for rows.Next() {
		v, err := scanVessel(rows)
		if err != nil {
			return nil, wrap(op, err)
		}
		vs = append(vs, v)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(op, err)
	}
	return vs, nil
}

// scanVessel reads the vesselColumns of one row.
func scanVessel(row interface{ Scan(...any) error }) (sitrep.Vessel, error) {
	var (
		v                            sitrep.Vessel
		mmsi, imo, st, ln, bm, class int64
		port, last                   sql.NullString
		eta, first, lastSeen         sql.NullInt64
		draught                      float64
	)
	if err := row.Scan(&mmsi, &imo, &v.Name, &v.Callsign, &st, &v.Flag, &ln, &bm, &class,
		&v.Destination, &port, &eta, &draught, &last, &first, &lastSeen); err != nil {
		return v, err
	}
	v.MMSI, v.IMO, v.ShipType = sitrep.MMSI(mmsi), uint32(imo), sitrep.ShipType(st)
	v.Length, v.Beam, v.Class = uint16(ln), uint16(bm), sitrep.VesselClass(class)
	v.Draught = float32(draught)
	v.ETA, v.FirstSeen, v.LastSeen = fromNullMilli(eta), fromNullMilli(first), fromNullMilli(lastSeen)
	if port.Valid {
		v.DestinationPort = new(sitrep.PortRef)
		if err := json.Unmarshal([]byte(port.String), v.DestinationPort); err != nil {
			return v, err
		}
	}
	if last.Valid {
		v.LastPosition = new(sitrep.Position)
		if err := json.Unmarshal([]byte(last.String), v.LastPosition); err != nil {
			return v, err
		}
	}
	return v, nil
}

// nullMilli returns t as Unix ms, or nil for the zero time.
func nullMilli(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// fromNullMilli is the inverse of nullMilli, in UTC.
func fromNullMilli(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.UnixMilli(n.Int64).UTC()
}
