package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/sitrep-osint/sitrep"
)

// PutEntity creates or replaces an entity; see sitrep.ReportStore.
//
// Errors: EINVALID when e fails Validate; EINTERNAL for a database error.
func (s *Store) PutEntity(ctx context.Context, e sitrep.Entity) error {
	const op = "sqlite.PutEntity"
	if err := e.Validate(); err != nil {
		return &sitrep.Error{Op: op, Err: err}
	}
	doc, err := json.Marshal(e)
	if err != nil {
		return wrap(op, err)
	}
	return wrap(op, s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO entities (id, doc) VALUES (?, ?)", e.ID, string(doc))
		return err
	}))
}

// Entity returns one entity; see sitrep.ReportStore.
//
// Errors: ENOTFOUND when there is none; EINTERNAL for a database error.
func (s *Store) Entity(ctx context.Context, id string) (sitrep.Entity, error) {
	const op = "sqlite.Entity"
	var doc string
	err := s.db.QueryRowContext(ctx, "SELECT doc FROM entities WHERE id = ?", id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return sitrep.Entity{}, &sitrep.Error{Code: sitrep.ENOTFOUND, Op: op, Message: "no entity " + id}
	}
	if err != nil {
		return sitrep.Entity{}, wrap(op, err)
	}
	var e sitrep.Entity
	return e, wrap(op, json.Unmarshal([]byte(doc), &e))
}

// Entities returns every entity ordered by ID; see sitrep.ReportStore.
//
// Errors: EINTERNAL for a database error.
func (s *Store) Entities(ctx context.Context) ([]sitrep.Entity, error) {
	es, err := queryDocs[sitrep.Entity](ctx, s.db, "SELECT doc FROM entities ORDER BY id")
	return es, wrap("sqlite.Entities", err)
}
