package sitrep

import (
	"context"
	"time"
)

// Role is what a user, session or API token may do. Roles are ordered:
// an admin may do everything an analyst may, an analyst everything a
// viewer may.
//
//   - viewer: read everything (vessels, tracks, sites, events, reports).
//   - analyst: also write reports, sources, entities and sites.
//   - admin: also manage feeds, users and tokens, and read the audit log.
type Role string

// The roles, lowest first.
const (
	RoleViewer  Role = "viewer"
	RoleAnalyst Role = "analyst"
	RoleAdmin   Role = "admin"
)

// rank orders the roles; 0 means not a role.
func (r Role) rank() int {
	switch r {
	case RoleViewer:
		return 1
	case RoleAnalyst:
		return 2
	case RoleAdmin:
		return 3
	}
	return 0
}

// Valid reports whether r is one of the three roles.
func (r Role) Valid() bool { return r.rank() > 0 }

// Allows reports whether a holder of r may do what needs the role need.
// An invalid r allows nothing; an invalid need is allowed to nobody.
func (r Role) Allows(need Role) bool {
	return r.rank() > 0 && need.rank() > 0 && r.rank() >= need.rank()
}

// User is a person who logs in. Name is a slug (see ValidSlug) and the
// user's identity in the audit log. PasswordHash is an encoded password
// hash (the auth package's format); it never leaves the server.
type User struct {
	Name         string    `json:"name"`
	Role         Role      `json:"role"`
	PasswordHash string    `json:"-"`
	Disabled     bool      `json:"disabled,omitempty"`
	Created      time.Time `json:"created"`
}

// Token is an API token. The secret is shown once, when the token is
// made; the store keeps only Hash, a SHA-256 digest of the secret. ID is
// a public, non-secret identifier (shown in lists and the audit log).
// Role may be lower than its user's; the effective role is the lower of
// the two, and a token of a disabled user authenticates nobody.
type Token struct {
	ID       string    `json:"id"`
	User     string    `json:"user"`
	Name     string    `json:"name,omitempty"` // a label: "ingest box", "notebook"
	Role     Role      `json:"role"`
	Hash     []byte    `json:"-"`
	Created  time.Time `json:"created"`
	Expires  time.Time `json:"expires,omitzero"` // zero: never
	LastUsed time.Time `json:"last_used,omitzero"`
}

// Session is a logged-in browser. The cookie carries a random secret; the
// store keeps only Hash, its SHA-256 digest. CSRF is the token the UI must
// echo in a header on every write in this session.
type Session struct {
	Hash    []byte    `json:"-"`
	User    string    `json:"user"`
	CSRF    string    `json:"-"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires"`
}

// AuditEntry records one write: who (Actor: a user name, with the token
// ID for API tokens), with which role, what (Action such as
// "report.create", Object such as the report's ID) and when. Detail is a
// short human-readable summary; it never holds a secret.
type AuditEntry struct {
	ID     int64     `json:"id"`
	Time   time.Time `json:"time"`
	Actor  string    `json:"actor"`
	Token  string    `json:"token,omitempty"` // token ID when a token was used
	Role   Role      `json:"role"`
	Action string    `json:"action"`
	Object string    `json:"object,omitempty"`
	Detail string    `json:"detail,omitempty"`
	Remote string    `json:"remote,omitempty"` // client address
}

// AuditFilter selects audit entries, newest first.
type AuditFilter struct {
	Actor  string
	Action string // exact, or a prefix ending in "." ("report.")
	Range  TimeRange
	Limit  int // <= 0: no limit
}

// UserStore keeps users, API tokens, sessions and the audit log.
//
// Errors: lookups of a missing user, token or session return an error
// with code ENOTFOUND; an invalid name or role gives EINVALID.
type UserStore interface {
	// PutUser creates or replaces the user of that name.
	PutUser(ctx context.Context, u User) error
	// User returns the named user.
	User(ctx context.Context, name string) (User, error)
	// Users lists all users by name.
	Users(ctx context.Context) ([]User, error)

	// PutToken stores a new token, or replaces the one with its ID.
	PutToken(ctx context.Context, t Token) error
	// TokenByHash returns the token whose Hash equals hash.
	TokenByHash(ctx context.Context, hash []byte) (Token, error)
	// Tokens lists a user's tokens (all users' when user is ""), by ID.
	Tokens(ctx context.Context, user string) ([]Token, error)
	// TouchToken records that the token was used at t.
	TouchToken(ctx context.Context, id string, t time.Time) error
	// DeleteToken revokes the token; ENOTFOUND when there is none.
	DeleteToken(ctx context.Context, id string) error

	// PutSession stores a session.
	PutSession(ctx context.Context, s Session) error
	// SessionByHash returns the session whose Hash equals hash, expired or
	// not (the caller checks Expires).
	SessionByHash(ctx context.Context, hash []byte) (Session, error)
	// DeleteSession ends a session; deleting a missing one is not an error.
	DeleteSession(ctx context.Context, hash []byte) error
	// DeleteUserSessions ends all of a user's sessions (after a password
	// change, for instance) and returns how many there were.
	DeleteUserSessions(ctx context.Context, user string) (int, error)
	// DeleteExpiredSessions removes sessions that expired before now and
	// returns how many.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)

	// AddAudit appends an entry; the store assigns ID (and Time when zero).
	AddAudit(ctx context.Context, e AuditEntry) error
	// Audit lists entries matching f, newest first.
	Audit(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
}
