package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/sitrep-osint/sitrep"
)

var _ sitrep.EventStore = (*Store)(nil)

// eventColumns are the columns of events that scanEvent reads, in order.
const eventColumns = `id, kind, mmsi, other, site_id, start_ms, end_ms, start_bounds, end_bounds,
	lat, lon, summary, attrs, rule, evidence`

// PutEvents inserts or replaces es by ID, all or none; see
// sitrep.EventStore. Start and End are kept to the millisecond; bounds,
// attributes, rule and evidence are kept as JSON (times to the
// nanosecond).
//
// Errors: EINVALID naming the event for an empty ID or an unknown kind; the
// context's error when ctx ends first; EINTERNAL for a database error.
func (s *Store) PutEvents(ctx context.Context, es []sitrep.Event) error {
	const op = "sqlite.PutEvents"
	if err := ctx.Err(); err != nil {
		return wrap(op, err)
	}
	for i := range es {
		if es[i].ID == "" {
			return &sitrep.Error{Code: sitrep.EINVALID, Op: op, Message: "event has no ID"}
		}
		if !es[i].Kind.Valid() {
			return &sitrep.Error{Code: sitrep.EINVALID, Op: op, Message: "event " + es[i].ID + ": unknown kind " + string(es[i].Kind)}
		}
	}
	if len(es) == 0 {
		return nil
	}
	return wrap(op, s.writeTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO events (`+eventColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		for i := range es {
			e := &es[i]
			var sb, eb any
			if e.StartBounds != nil {
				if sb, err = jsonText(e.StartBounds); err != nil {
					return err
				}
			}
			if e.EndBounds != nil {
				if eb, err = jsonText(e.EndBounds); err != nil {
					return err
				}
			}
			attrs := e.Attrs
			if attrs == nil {
				attrs = map[string]string{}
			}
			at, err := jsonText(attrs)
			if err != nil {
				return err
			}
			rule, err := jsonText(e.Rule)
			if err != nil {
				return err
			}
			ev := e.Evidence
			if ev == nil {
				ev = []sitrep.EventFix{}
			}
			evidence, err := jsonText(ev)
			if err != nil {
				return err
			}
			if _, err := st.ExecContext(ctx, e.ID, string(e.Kind), int64(e.MMSI), int64(e.Other), e.SiteID,
				e.Start.UnixMilli(), nullMilli(e.End), sb, eb, e.Lat, e.Lon, e.Summary, at, rule, evidence); err != nil {
				return err
			}
		}
		return nil
	}))
}

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// Event returns the event with id; see sitrep.EventStore.
//
// Errors: ENOTFOUND when there is none; the context's error when ctx ends
// first; EINTERNAL for a database error or an undecodable row.
func (s *Store) Event(ctx context.Context, id string) (sitrep.Event, error) {
	const op = "sqlite.Event"
	e, err := scanEvent(s.db.QueryRowContext(ctx, "SELECT "+eventColumns+" FROM events WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return sitrep.Event{}, &sitrep.Error{Code: sitrep.ENOTFOUND, Op: op, Message: "no event with ID " + id}
	}
	if err != nil {
		return sitrep.Event{}, wrap(op, err)
	}
	return e, nil
}

// Events returns the events matching f ordered by Start then ID; see
// sitrep.EventStore. Indexes serve the vessel, site, kind and time
// selections; Area scans the (lat, lon) index.
//
// Errors: the context's error when ctx ends first; EINTERNAL for a
// database error or an undecodable row.
func (s *Store) Events(ctx context.Context, f sitrep.EventFilter) ([]sitrep.Event, error) {
	const op = "sqlite.Events"
	where, args := eventWhere(f)
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+eventColumns+" FROM events"+where+" ORDER BY start_ms, id LIMIT ?",
		append(args, limit)...)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	es := []sitrep.Event{}
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, wrap(op, err)
		}
		es = append(es, e)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(op, err)
	}
	return es, nil
}

// DeleteEvents removes the events matching f (Limit ignored) and returns
// how many; see sitrep.EventStore.
//
// Errors: the context's error when ctx ends first; EINTERNAL for a
// database error.
func (s *Store) DeleteEvents(ctx context.Context, f sitrep.EventFilter) (int, error) {
	const op = "sqlite.DeleteEvents"
	if err := ctx.Err(); err != nil {
		return 0, wrap(op, err)
	}
	where, args := eventWhere(f)
	var n int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM events"+where, args...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), wrap(op, err)
}

// eventWhere turns a filter into a WHERE clause (with a leading space, or
// empty) and its arguments.
func eventWhere(f sitrep.EventFilter) (string, []any) {
	var conds []string
	var args []any
	if len(f.Kinds) > 0 {
		conds = append(conds, "kind IN (?"+strings.Repeat(", ?", len(f.Kinds)-1)+")")
		for _, k := range f.Kinds {
			args = append(args, string(k))
		}
	}
	if f.MMSI != 0 {
		conds = append(conds, "(mmsi = ? OR (other = ? AND other != 0))")
		args = append(args, int64(f.MMSI), int64(f.MMSI))
	}
	if f.SiteID != "" {
		conds = append(conds, "site_id = ?")
		args = append(args, f.SiteID)
	}
	if a := f.Area; a != nil {
		conds = append(conds, "lat BETWEEN ? AND ?")
		args = append(args, a.MinLat, a.MaxLat)
		if a.MinLon <= a.MaxLon {
			conds = append(conds, "lon BETWEEN ? AND ?")
		} else {
			conds = append(conds, "(lon >= ? OR lon <= ?)")
		}
		args = append(args, a.MinLon, a.MaxLon)
	}
	// The span [start, end] (end NULL: open, to the end of time) meets the
	// half-open range [From, To).
	if !f.Range.To.IsZero() {
		conds = append(conds, "start_ms < ?")
		args = append(args, f.Range.To.UnixMilli())
	}
	if !f.Range.From.IsZero() {
		conds = append(conds, "(end_ms IS NULL OR end_ms >= ?)")
		args = append(args, f.Range.From.UnixMilli())
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// scanEvent reads the eventColumns of one row.
func scanEvent(row interface{ Scan(...any) error }) (sitrep.Event, error) {
	var (
		e                     sitrep.Event
		kind                  string
		mmsi, other, start    int64
		end                   sql.NullInt64
		sb, eb                sql.NullString
		attrs, rule, evidence string
	)
	if err := row.Scan(&e.ID, &kind, &mmsi, &other, &e.SiteID, &start, &end, &sb, &eb,
		&e.Lat, &e.Lon, &e.Summary, &attrs, &rule, &evidence); err != nil {
		return e, err
	}
	e.Kind, e.MMSI, e.Other = sitrep.EventKind(kind), sitrep.MMSI(mmsi), sitrep.MMSI(other)
	e.Start = fromNullMilli(sql.NullInt64{Int64: start, Valid: true})
	e.End = fromNullMilli(end)
	if sb.Valid {
		e.StartBounds = new(sitrep.TimeRange)
		if err := json.Unmarshal([]byte(sb.String), e.StartBounds); err != nil {
			return e, err
		}
	}
	if eb.Valid {
		e.EndBounds = new(sitrep.TimeRange)
		if err := json.Unmarshal([]byte(eb.String), e.EndBounds); err != nil {
			return e, err
		}
	}
	if err := json.Unmarshal([]byte(attrs), &e.Attrs); err != nil {
		return e, err
	}
	if len(e.Attrs) == 0 {
		e.Attrs = nil
	}
	if err := json.Unmarshal([]byte(rule), &e.Rule); err != nil {
		return e, err
	}
	if err := json.Unmarshal([]byte(evidence), &e.Evidence); err != nil {
		return e, err
	}
	return e, nil
}
