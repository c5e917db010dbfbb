package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/sitrep-osint/sitrep"
)

var _ sitrep.ReportStore = (*Store)(nil)

// PutSource creates or updates a source and records a reliability change
// when the source is new or its grade changes; see sitrep.ReportStore. The
// change's time is the store's clock (Options.Now).
//
// Errors: EINVALID when s fails Validate; the context's error when ctx
// ends first; EINTERNAL for a database error.
func (s *Store) PutSource(ctx context.Context, src sitrep.Source, ch sitrep.Change) error {
	const op = "sqlite.PutSource"
	if err := src.Validate(); err != nil {
		return &sitrep.Error{Op: op, Err: err}
	}
	doc, err := json.Marshal(src)
	if err != nil {
		return wrap(op, err)
	}
	return wrap(op, s.writeTx(ctx, func(tx *sql.Tx) error {
		var old string
		err := tx.QueryRowContext(ctx, "SELECT reliability FROM report_sources WHERE id = ?", src.ID).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO report_sources (id, doc, reliability) VALUES (?, ?, ?)",
			src.ID, string(doc), string(src.Reliability)); err != nil {
			return err
		}
		if old == string(src.Reliability) {
			return nil
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO report_source_grades (source_id, seq, from_g, to_g, at, by, why)
			SELECT ?1, coalesce(max(seq), 0) + 1, ?2, ?3, ?4, ?5, ?6 FROM report_source_grades WHERE source_id = ?1`,
			src.ID, old, string(src.Reliability), s.now().UnixMilli(), ch.By, ch.Why)
		return err
	}))
}

// Source returns one source; see sitrep.ReportStore.
//
// Errors: ENOTFOUND when there is none; EINTERNAL for a database error.
func (s *Store) Source(ctx context.Context, id string) (sitrep.Source, error) {
	const op = "sqlite.Source"
	var doc string
	err := s.db.QueryRowContext(ctx, "SELECT doc FROM report_sources WHERE id = ?", id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return sitrep.Source{}, &sitrep.Error{Code: sitrep.ENOTFOUND, Op: op, Message: "no source " + id}
	}
	if err != nil {
		return sitrep.Source{}, wrap(op, err)
	}
	var src sitrep.Source
	return src, wrap(op, json.Unmarshal([]byte(doc), &src))
}

// Sources returns every source ordered by ID; see sitrep.ReportStore.
//
// Errors: EINTERNAL for a database error.
func (s *Store) Sources(ctx context.Context) ([]sitrep.Source, error) {
	const op = "sqlite.Sources"
	srcs, err := queryDocs[sitrep.Source](ctx, s.db, "SELECT doc FROM report_sources ORDER BY id")
	return srcs, wrap(op, err)
}

// ReliabilityHistory returns a source's grades, oldest first; see
// sitrep.ReportStore.
//
// Errors: ENOTFOUND when the source does not exist; EINTERNAL for a
// database error.
func (s *Store) ReliabilityHistory(ctx context.Context, id string) ([]sitrep.ReliabilityChange, error) {
	const op = "sqlite.ReliabilityHistory"
	if _, err := s.Source(ctx, id); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT from_g, to_g, at, by, why FROM report_source_grades WHERE source_id = ? ORDER BY seq", id)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	hs := []sitrep.ReliabilityChange{}
	for rows.Next() {
		h := sitrep.ReliabilityChange{SourceID: id}
		var from, to string
		var at sql.NullInt64
		if err := rows.Scan(&from, &to, &at, &h.By, &h.Why); err != nil {
			return nil, wrap(op, err)
		}
		h.From, h.To, h.At = sitrep.Reliability(from), sitrep.Reliability(to), fromNullMilli(at)
		hs = append(hs, h)
	}
	return hs, wrap(op, rows.Err())
}

// queryDocs runs a query whose rows are one JSON document each and decodes
// them; an empty slice when there are none.
func queryDocs[T any](ctx context.Context, db interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
