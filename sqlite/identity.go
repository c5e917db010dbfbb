package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/sitrep-osint/sitrep"
)

// AddIdentityChanges appends cs, in order, to the identity history; see
// sitrep.VesselStore. A change whose MMSI, Field, Old and New equal those
// of the newest stored change of that field (greatest FirstSeen, then the
// latest stored) extends that change's LastSeen to the later of the two
// instead of adding a row. Times are kept to the millisecond. All of cs is
// stored, or none.
//
// Errors: the context's error when ctx ends first; EINTERNAL for a
// database error.
func (s *Store) AddIdentityChanges(ctx context.Context, cs []sitrep.IdentityChange) error {
	const op = "sqlite.AddIdentityChanges"
	if err := ctx.Err(); err != nil {
		return wrap(op, err)
	}
	if len(cs) == 0 {
		return nil
	}
	return wrap(op, s.writeTx(ctx, func(tx *sql.Tx) error {
		for _, c := range cs {
			var (
				id            int64
				old, new_     string
				last, lastNew = int64(0), c.LastSeen.UnixMilli()
			)
			err := tx.QueryRowContext(ctx, `SELECT id, old, new, last_seen FROM identity_changes
				WHERE mmsi = ? AND field = ? ORDER BY first_seen DESC, id DESC LIMIT 1`,
				int64(c.MMSI), string(c.Field)).Scan(&id, &old, &new_, &last)
			switch {
			case err == nil && old == c.Old && new_ == c.New:
				if lastNew > last {
					_, err = tx.ExecContext(ctx, "UPDATE identity_changes SET last_seen = ? WHERE id = ?", lastNew, id)
				}
			case err == nil || errors.Is(err, sql.ErrNoRows):
				_, err = tx.ExecContext(ctx, `INSERT INTO identity_changes (mmsi, field, old, new, first_seen, last_seen)
					VALUES (?, ?, ?, ?, ?, ?)`, int64(c.MMSI), string(c.Field), c.Old, c.New, c.FirstSeen.UnixMilli(), lastNew)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}))
}

// IdentityHistory returns the identity changes of mmsi ordered by
// FirstSeen (then the order they were stored), in UTC; see
// sitrep.VesselStore.
//
// Errors: the context's error when ctx ends first; EINTERNAL for a
// database error.
func (s *Store) IdentityHistory(ctx context.Context, mmsi sitrep.MMSI) ([]sitrep.IdentityChange, error) {
	const op = "sqlite.IdentityHistory"
	rows, err := s.db.QueryContext(ctx, `SELECT field, old, new, first_seen, last_seen FROM identity_changes
		WHERE mmsi = ? ORDER BY first_seen, id`, int64(mmsi))
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	cs := []sitrep.IdentityChange{}
	for rows.Next() {
		c := sitrep.IdentityChange{MMSI: mmsi}
		var field string
		var first, last sql.NullInt64
		if err := rows.Scan(&field, &c.Old, &c.New, &first, &last); err != nil {
			return nil, wrap(op, err)
		}
		c.Field = sitrep.IdentityField(field)
		c.FirstSeen, c.LastSeen = fromNullMilli(first), fromNullMilli(last)
		cs = append(cs, c)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(op, err)
	}
	return cs, nil
}
