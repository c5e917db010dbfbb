package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
)

var _ sitrep.UserStore = (*Store)(nil)

// PutUser creates or replaces the user of that name; see sitrep.UserStore.
// The store keeps u as given (the caller sets Created).
//
// Errors: EINVALID when the name is not a slug or the role is not one of
// the three; EINTERNAL for a database error.
func (s *Store) PutUser(ctx context.Context, u sitrep.User) error {
	const op = "sqlite.PutUser"
	if !sitrep.ValidSlug(u.Name) {
		return &sitrep.Error{Code: sitrep.EINVALID, Op: op, Message: "user name " + quote(u.Name) + " must be a slug (a-z, 0-9, - _ ., at most 64)"}
	}
	if !u.Role.Valid() {
		return &sitrep.Error{Code: sitrep.EINVALID, Op: op, Message: "user " + u.Name + ": role " + quote(string(u.Role)) + " must be viewer, analyst or admin"}
	}
	return wrap(op, s.writeTx(ctx, func(tx *sql.Tx) error {
		// An upsert, not INSERT OR REPLACE: replacing would delete the row
		// that tokens and sessions reference.
		_, err := tx.ExecContext(ctx, `INSERT INTO users (name, role, password_hash, disabled, created) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash,
				disabled = excluded.disabled, created = excluded.created`,
			u.Name, string(u.Role), u.PasswordHash, u.Disabled, u.Created.UnixMilli())
		return err
	}))
}

// User returns the named user; see sitrep.UserStore.
//
// Errors: ENOTFOUND when there is none; EINTERNAL for a database error.
func (s *Store) User(ctx context.Context, name string) (sitrep.User, error) {
	const op = "sqlite.User"
	u, err := scanUser(s.db.QueryRowContext(ctx, "SELECT name, role, password_hash, disabled, created FROM users WHERE name = ?", name))
	if errors.Is(err, sql.ErrNoRows) {
		return sitrep.User{}, &sitrep.Error{Code: sitrep.ENOTFOUND, Op: op, Message: "no user " + quote(name)}
	}
	return u, wrap(op, err)
}

// Users lists all users by name; see sitrep.UserStore.
//
// Errors: EINTERNAL for a database error.
func (s *Store) Users(ctx context.Context) ([]sitrep.User, error) {
	const op = "sqlite.Users"
	rows, err := s.db.QueryContext(ctx, "SELECT name, role, password_hash, disabled, created FROM users ORDER BY name")
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	us := []sitrep.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, wrap(op, err)
		}
		us = append(us, u)
	}
	return us, wrap(op, rows.Err())
}

func scanUser(row interface{ Scan(...any) error }) (sitrep.User, error) {
	var u sitrep.User
	var role string
	var created int64
	if err := row.Scan(&u.Name, &role, &u.PasswordHash, &u.Disabled, &created); err != nil {
		return sitrep.User{}, err
	}
	u.Role = sitrep.Role(role)
	u.Created = time.UnixMilli(created).UTC()
	return u, nil
}

// PutToken stores a new token or replaces the one with its ID; see
// sitrep.UserStore.
//
// Errors: EINVALID when the ID is empty or longer than 64 bytes, the role
// is not valid or the hash is not a SHA-256 digest (32 bytes); ENOTFOUND
// when the user does not exist; ECONFLICT when another token has the same
// hash; EINTERNAL for a database error.
func (s *Store) PutToken(ctx context.Context, t sitrep.Token) error {
	const op = "sqlite.PutToken"
	switch {
	case t.ID == "" || len(t.ID) > 64:
		return &sitrep.Error{Code: sitrep.EINVALID, Op: op, Message: "token ID must be 1 to 64 bytes"}
	case !t.Role.Valid():
		return &sitrep.Error{Code: sitrep.EINVALID, Op: op, Message: "token " + t.ID + ": role " + quote(string(t.Role)) + " must be viewer, analyst or admin"}
	case len(t.Hash) != sha256.Size:
		return &sitrep.Error{Code: sitrep.EINVALID, Op: op, Message: "token " + t.ID + ": hash must be a 32-byte SHA-256 digest"}
	}
	return wrap(op, s.writeTx(ctx, func(tx *sql.Tx) error {
		if err := userExists(ctx, tx, t.User); err != nil {
			return err
		}
		var other string
		err := tx.QueryRowContext(ctx, "SELECT id FROM tokens WHERE hash = ? AND id <> ?", t.Hash, t.ID).Scan(&other)
		if err == nil {
			return sitrep.Errorf(sitrep.ECONFLICT, "token %s: another token has the same secret", t.ID)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO tokens (id, user, name, role, hash, created, expires, last_used)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			t.ID, t.User, t.Name, string(t.Role), t.Hash, t.Created.UnixMilli(), nullMilli(t.Expires), nullMilli(t.LastUsed))
		return err
	}))
}

// quote returns s in Go quotes, so that odd names show as they are.
func quote(s string) string { return strconv.Quote(s) }

// userExists returns ENOTFOUND when tx has no user of that name.
func userExists(ctx context.Context, tx *sql.Tx, name string) error {
	var one int
	err := tx.QueryRowContext(ctx, "SELECT 1 FROM users WHERE name = ?", name).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return sitrep.Errorf(sitrep.ENOTFOUND, "no user %s", quote(name))
	}
	return err
}

const tokenCols = "id, user, name, role, hash, created, expires, last_used"

// TokenByHash returns the token whose Hash equals hash, whatever the state
// of its user; see sitrep.UserStore.
//
// Errors: ENOTFOUND when there is none; EINTERNAL for a database error.
func (s *Store) TokenByHash(ctx context.Context, hash []byte) (sitrep.Token, error) {
	const op = "sqlite.TokenByHash"
	t, err := scanToken(s.db.QueryRowContext(ctx, "SELECT "+tokenCols+" FROM tokens WHERE hash = ?", hash))
	if errors.Is(err, sql.ErrNoRows) {
		// The message names no part of the hash.
		return sitrep.Token{}, &sitrep.Error{Code: sitrep.ENOTFOUND, Op: op, Message: "no such token"}
	}
	return t, wrap(op, err)
}

// Tokens lists a user's tokens (all users' when user is "") by ID; see
// sitrep.UserStore.
//
// Errors: EINTERNAL for a database error.
func (s *Store) Tokens(ctx context.Context, user string) ([]sitrep.Token, error) {
	const op = "sqlite.Tokens"
	q, args := "SELECT "+tokenCols+" FROM tokens ORDER BY id", []any(nil)
	if user != "" {
		q, args = "SELECT "+tokenCols+" FROM tokens WHERE user = ? ORDER BY id", []any{user}
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	ts := []sitrep.Token{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, wrap(op, err)
		}
		ts = append(ts, t)
	}
	return ts, wrap(op, rows.Err())
}

func scanToken(row interface{ Scan(...any) error }) (sitrep.Token, error) {
	var t sitrep.Token
	var role string
	var created int64
	var expires, used sql.NullInt64
	if err := row.Scan(&t.ID, &t.User, &t.Name, &role, &t.Hash, &created, &expires, &used); err != nil {
		return sitrep.Token{}, err
	}
	t.Role = sitrep.Role(role)
	t.Created = time.UnixMilli(created).UTC()
	t.Expires = fromNullMilli(expires)
	t.LastUsed = fromNullMilli(used)
	return t, nil
}

// TouchToken records that the token was used at t; see sitrep.UserStore.
//
// Errors: ENOTFOUND when there is no such token; EINTERNAL for a database
// error.
func (s *Store) TouchToken(ctx context.Context, id string, t time.Time) error {
	const op = "sqlite.TouchToken"
	return wrap(op, s.writeTx(ctx, func(tx *sql.Tx) error {
		return affected(tx.ExecContext(ctx, "UPDATE tokens SET last_used = ? WHERE id = ?", t.UnixMilli(), id))(
			sitrep.Errorf(sitrep.ENOTFOUND, "no token %s", quote(id)))
	}))
}

// DeleteToken revokes the token; see sitrep.UserStore.
//
// Errors: ENOTFOUND when there is none; EINTERNAL for a database error.
func (s *Store) DeleteToken(ctx context.Context, id string) error {
	const op = "sqlite.DeleteToken"
	return wrap(op, s.writeTx(ctx, func(tx *sql.Tx) error {
		return affected(tx.ExecContext(ctx, "DELETE FROM tokens WHERE id = ?", id))(
			sitrep.Errorf(sitrep.ENOTFOUND, "no token %s", quote(id)))
	}))
}

// affected returns a function that gives the statement's error, or
// notFound when it changed no row.
func affected(res sql.Result, err error) func(notFound error) error {
	return func(notFound error) error {
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return notFound
		}
		return nil
	}
}

// PutSession stores a session; see sitrep.UserStore.
//
// Errors: EINVALID when the hash is not a SHA-256 digest or the CSRF token
// is empty; ENOTFOUND when the user does not exist; EINTERNAL for a
// database error.
func (s *Store) PutSession(ctx context.Context, se sitrep.Session) error {
	const op = "sqlite.PutSession"
	switch {
	case len(se.Hash) != sha256.Size:
		return &sitrep.Error{Code: sitrep.EINVALID, Op: op, Message: "session hash must be a 32-byte SHA-256 digest"}
	case se.CSRF == "":
		return &sitrep.Error{Code: sitrep.EINVALID, Op: op, Message: "session has no CSRF token"}
	}
	return wrap(op, s.writeTx(ctx, func(tx *sql.Tx) error {
		if err := userExists(ctx, tx, se.User); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO sessions (hash, user, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
			se.Hash, se.User, se.CSRF, se.Created.UnixMilli(), se.Expires.UnixMilli())
		return err
	}))
}

// SessionByHash returns the session whose Hash equals hash, expired or not;
// see sitrep.UserStore.
//
// Errors: ENOTFOUND when there is none; EINTERNAL for a database error.
func (s *Store) SessionByHash(ctx context.Context, hash []byte) (sitrep.Session, error) {
	const op = "sqlite.SessionByHash"
	var se sitrep.Session
	var created, expires int64
	err := s.db.QueryRowContext(ctx, "SELECT hash, user, csrf, created, expires FROM sessions WHERE hash = ?", hash).
		Scan(&se.Hash, &se.User, &se.CSRF, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return sitrep.Session{}, &sitrep.Error{Code: sitrep.ENOTFOUND, Op: op, Message: "no such session"}
	}
	if err != nil {
		return sitrep.Session{}, wrap(op, err)
	}
	se.Created = time.UnixMilli(created).UTC()
	se.Expires = time.UnixMilli(expires).UTC()
	return se, nil
}

// DeleteSession ends a session; a missing one is not an error. See
// sitrep.UserStore.
//
// Errors: EINTERNAL for a database error.
func (s *Store) DeleteSession(ctx context.Context, hash []byte) error {
	return wrap("sqlite.DeleteSession", s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE hash = ?", hash)
		return err
	}))
}

// DeleteUserSessions ends all of a user's sessions and returns how many;
// see sitrep.UserStore.
//
// Errors: EINTERNAL for a database error.
func (s *Store) DeleteUserSessions(ctx context.Context, user string) (int, error) {
	n, err := s.execCount(ctx, "DELETE FROM sessions WHERE user = ?", user)
	return n, wrap("sqlite.DeleteUserSessions", err)
}

// execCount runs one write statement in its own transaction and returns
// how many rows it changed.
func (s *Store) execCount(ctx context.Context, q string, args ...any) (int, error) {
	var n int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// DeleteExpiredSessions removes the sessions whose Expires is before now
// and returns how many; see sitrep.UserStore.
//
// Errors: EINTERNAL for a database error.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	n, err := s.execCount(ctx, "DELETE FROM sessions WHERE expires < ?", now.UnixMilli())
	return n, wrap("sqlite.DeleteExpiredSessions", err)
}

// AddAudit appends an entry, assigning ID, and Time (from the store's
// clock) when it is zero; see sitrep.UserStore. Times are kept to the
// millisecond.
//
// Errors: EINVALID when Actor or Action is empty or the role is not
// valid; EINTERNAL for a database error.
func (s *Store) AddAudit(ctx context.Context, e sitrep.AuditEntry) error {
	const op = "sqlite.AddAudit"
	switch {
	case e.Actor == "":
		return &sitrep.Error{Code: sitrep.EINVALID, Op: op, Message: "audit entry has no actor"}
	case e.Action == "":
		return &sitrep.Error{Code: sitrep.EINVALID, Op: op, Message: "audit entry has no action"}
	case !e.Role.Valid():
		return &sitrep.Error{Code: sitrep.EINVALID, Op: op, Message: "audit entry: role " + quote(string(e.Role)) + " must be viewer, analyst or admin"}
	}
	if e.Time.IsZero() {
		e.Time = s.now()
	}
	return wrap(op, s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO audit (time, actor, token, role, action, object, detail, remote)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Time.UnixMilli(), e.Actor, e.Token, string(e.Role), e.Action, e.Object, e.Detail, e.Remote)
		return err
	}))
}

// Audit lists the entries matching f, newest first (by time, then by ID);
// see sitrep.UserStore. An Action ending in "." selects the actions it
// prefixes; otherwise the action must be equal.
//
// Errors: EINTERNAL for a database error.
func (s *Store) Audit(ctx context.Context, f sitrep.AuditFilter) ([]sitrep.AuditEntry, error) {
	const op = "sqlite.Audit"
	var where []string
	var args []any
	if f.Actor != "" {
		where = append(where, "actor = ?")
		args = append(args, f.Actor)
	}
	if f.Action != "" {
		if strings.HasSuffix(f.Action, ".") {
			where = append(where, "substr(action, 1, ?) = ?")
			args = append(args, len(f.Action), f.Action)
		} else {
			where = append(where, "action = ?")
			args = append(args, f.Action)
		}
	}
	if !f.Range.From.IsZero() {
		where = append(where, "time >= ?")
		args = append(args, f.Range.From.UnixMilli())
	}
	if !f.Range.To.IsZero() {
		where = append(where, "time < ?")
		args = append(args, f.Range.To.UnixMilli())
	}
	q := "SELECT id, time, actor, token, role, action, object, detail, remote FROM audit"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY time DESC, id DESC"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	es := []sitrep.AuditEntry{}
	for rows.Next() {
		var e sitrep.AuditEntry
		var t int64
		var role string
		if err := rows.Scan(&e.ID, &t, &e.Actor, &e.Token, &role, &e.Action, &e.Object, &e.Detail, &e.Remote); err != nil {
			return nil, wrap(op, err)
		}
		e.Time = time.UnixMilli(t).UTC()
		e.Role = sitrep.Role(role)
		es = append(es, e)
	}
	return es, wrap(op, rows.Err())
}
