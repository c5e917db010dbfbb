package auth

import (
	"context"
	"time"
	"unicode/utf8"

	"github.com/sitrep-osint/sitrep"
)

// Limits on what CreateToken and Audit keep.
const (
	MaxTokenName   = 64  // bytes of a token's label
	maxAuditObject = 200 // bytes
	maxAuditDetail = 500 // bytes
)

// CreateUser creates a user with a password. It does not write the audit
// log.
//
// Errors: EINVALID when the name is not a slug (sitrep.ValidSlug), the
// role is not valid or the password breaks ValidatePassword; ECONFLICT
// when the user exists; EINTERNAL when the store fails.
func (a *Authenticator) CreateUser(ctx context.Context, name, password string, role sitrep.Role) (sitrep.User, error) {
	a.init()
	if err := validUser(name, role); err != nil {
		return sitrep.User{}, err
	}
	switch _, err := a.Store.User(ctx, name); {
	case err == nil:
		return sitrep.User{}, sitrep.Errorf(sitrep.ECONFLICT, "user %s exists", name)
	case sitrep.ErrorCode(err) != sitrep.ENOTFOUND:
		return sitrep.User{}, err
	}
	h, err := HashPassword(password)
	if err != nil {
		return sitrep.User{}, err
	}
	u := sitrep.User{Name: name, Role: role, PasswordHash: h, Created: a.now().UTC()}
	if err := a.Store.PutUser(ctx, u); err != nil {
		return sitrep.User{}, err
	}
	return u, nil
}

func validUser(name string, role sitrep.Role) error {
	if !sitrep.ValidSlug(name) {
		return sitrep.Errorf(sitrep.EINVALID, "user name %q must be a slug: a-z, 0-9 and - _ . (not first), at most 64", clip(name, 80))
	}
	if !role.Valid() {
		return sitrep.Errorf(sitrep.EINVALID, "role %q must be viewer, analyst or admin", clip(string(role), 40))
	}
	return nil
}

// UserChange is what SetUser changes; nil fields stay as they are.
type UserChange struct {
	Role     *sitrep.Role
	Disabled *bool
	Password *string
}

// SetUser changes a user's role, disabled flag or password. The change
// applies to the user's sessions and tokens at their next request (roles
// and the disabled flag are read on every request); a new password or
// disabling also ends all the user's sessions (API tokens stay, and are
// revoked separately). It does not write the audit log.
//
// Errors: ENOTFOUND when there is no such user; EINVALID for an invalid
// role or password; ECONFLICT when the change would leave no enabled
// admin; EINTERNAL when the store fails.
func (a *Authenticator) SetUser(ctx context.Context, name string, ch UserChange) (sitrep.User, error) {
	a.init()
	u, err := a.Store.User(ctx, name)
	if err != nil {
		return sitrep.User{}, err
	}
	wasAdmin := u.Role == sitrep.RoleAdmin && !u.Disabled
	if ch.Role != nil {
		if !ch.Role.Valid() {
			return sitrep.User{}, sitrep.Errorf(sitrep.EINVALID, "role %q must be viewer, analyst or admin", clip(string(*ch.Role), 40))
		}
		u.Role = *ch.Role
	}
	if ch.Disabled != nil {
		u.Disabled = *ch.Disabled
	}
	if ch.Password != nil {
		if u.PasswordHash, err = HashPassword(*ch.Password); err != nil {
			return sitrep.User{}, err
		}
	}
	if wasAdmin && (u.Role != sitrep.RoleAdmin || u.Disabled) {
		n, err := a.enabledAdmins(ctx)
		if err != nil {
			return sitrep.User{}, err
		}
		if n <= 1 {
			return sitrep.User{}, sitrep.Errorf(sitrep.ECONFLICT, "%s is the last enabled admin; make another admin first", u.Name)
		}
	}
	if err := a.Store.PutUser(ctx, u); err != nil {
		return sitrep.User{}, err
	}
	if ch.Password != nil || u.Disabled {
		// A new password signs out every browser that had the old one.
		if _, err := a.Store.DeleteUserSessions(ctx, u.Name); err != nil {
			return sitrep.User{}, err
		}
	}
	return u, nil
}

func (a *Authenticator) enabledAdmins(ctx context.Context) (int, error) {
	us, err := a.Store.Users(ctx)
	n := 0
	for _, u := range us {
		if u.Role == sitrep.RoleAdmin && !u.Disabled {
			n++
		}
	}
	return n, err
}

// CreateToken makes an API token for user, labelled name, with role (""
// means the user's role) and an expiry (zero: never). It returns the
// secret, to be shown once, and the stored token. It does not write the
// audit log.
//
// Errors: ENOTFOUND when there is no such user; EINVALID when the user is
// disabled, the role is invalid or higher than the user's, the label is
// longer than MaxTokenName bytes or expires is not in the future;
// EINTERNAL when the store fails.
func (a *Authenticator) CreateToken(ctx context.Context, user, name string, role sitrep.Role, expires time.Time) (string, sitrep.Token, error) {
	a.init()
	u, err := a.Store.User(ctx, user)
	if err != nil {
		return "", sitrep.Token{}, err
	}
	now := a.now().UTC()
	if role == "" {
		role = u.Role
	}
	switch {
	case u.Disabled:
		return "", sitrep.Token{}, sitrep.Errorf(sitrep.EINVALID, "user %s is disabled", u.Name)
	case !role.Valid():
		return "", sitrep.Token{}, sitrep.Errorf(sitrep.EINVALID, "role %q must be viewer, analyst or admin", clip(string(role), 40))
	case !u.Role.Allows(role):
		return "", sitrep.Token{}, sitrep.Errorf(sitrep.EINVALID, "token role %s exceeds %s's role %s", role, u.Name, u.Role)
	case len(name) > MaxTokenName || !utf8.ValidString(name):
		return "", sitrep.Token{}, sitrep.Errorf(sitrep.EINVALID, "token name must be UTF-8, at most %d bytes", MaxTokenName)
	case !expires.IsZero() && !expires.After(now):
		return "", sitrep.Token{}, sitrep.Errorf(sitrep.EINVALID, "token expiry %s is not in the future", expires.UTC().Format(time.RFC3339))
	}
	secret, t, err := NewToken()
	if err != nil {
		return "", sitrep.Token{}, err
	}
	t.User, t.Name, t.Role, t.Created = u.Name, redactSecrets(name), role, now
	if !expires.IsZero() {
		t.Expires = expires.UTC()
	}
	if err := a.Store.PutToken(ctx, t); err != nil {
		return "", sitrep.Token{}, err
	}
	return secret, t, nil
}

// RevokeToken deletes the token with that ID; it stops working at once.
// It does not write the audit log.
//
// Errors: ENOTFOUND when there is no such token; EINTERNAL when the store
// fails.
func (a *Authenticator) RevokeToken(ctx context.Context, id string) error {
	return a.Store.DeleteToken(ctx, id)
}

// Audit appends an entry for a write that p made: actor p.User, token ID,
// role and remote address from p, time from the clock. Object and detail
// are cut to a few hundred bytes, and anything in them shaped like a
// token secret is redacted; callers must not pass passwords.
//
// Errors: EINVALID when p is anonymous or action is empty; EINTERNAL when
// the store fails.
func (a *Authenticator) Audit(ctx context.Context, p Principal, action, object, detail string) error {
	if p.Anonymous() {
		return sitrep.Errorf(sitrep.EINVALID, "audit entry %q without an actor", clip(action, 40))
	}
	if action == "" {
		return sitrep.Errorf(sitrep.EINVALID, "audit entry without an action")
	}
	return a.Store.AddAudit(ctx, sitrep.AuditEntry{
		Time: a.now().UTC(), Actor: p.User, Token: p.TokenID, Role: p.Role,
		Action: clip(action, 64), Object: clip(redactSecrets(object), maxAuditObject),
		Detail: clip(redactSecrets(detail), maxAuditDetail), Remote: clip(p.Remote, 64),
	})
}

// clip cuts s to at most n bytes on a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
