package auth

import (
	"context"
	"net/http"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// errLogin is the one answer to a failed login, whatever failed, so that
// it does not tell which user names exist.
var errLogin = sitrep.Errorf(sitrep.EUNAUTHORIZED, "wrong user name or password")

// Login checks name and password and starts a session. It returns the
// session cookie to set (HttpOnly, SameSite=Strict, Path=/, Secure when
// SecureCookies, MaxAge the session TTL) and the session's Principal,
// whose CSRF field is the token the UI must send in X-CSRF-Token on every
// write. The cookie holds 32 random bytes; the store keeps only their
// SHA-256 digest. Login does not write the audit log (the caller does,
// with the returned Principal). It also deletes expired sessions.
//
// Errors: EUNAUTHORIZED "wrong user name or password" for an unknown
// user, a wrong password or a disabled user alike (checked in about the
// same time); EFORBIDDEN "too many failed logins from this address…"
// once LoginFailures logins from remote failed within LoginWindow (until
// the window ends; a success clears the count); EINTERNAL when the store
// fails; the context's error when it ends while the login waits for one
// of the few password checks that run at once (GOMAXPROCS, at least 2).
func (a *Authenticator) Login(ctx context.Context, name, password, remote string) (*http.Cookie, Principal, error) {
	a.init()
	now := a.now()
	if blocked, wait := a.limit.blocked(remote, now); blocked {
		a.log.WarnContext(ctx, "auth: login refused, too many failures", "remote", remote)
		return nil, Principal{}, sitrep.Errorf(sitrep.EFORBIDDEN,
			"too many failed logins from this address; try again in %d s", int(wait.Seconds()+0.999))
	}
	select {
	case a.hashing <- struct{}{}:
		defer func() { <-a.hashing }()
	case <-ctx.Done():
		return nil, Principal{}, ctx.Err()
	}
	u, err := a.Store.User(ctx, name)
	switch {
	case sitrep.ErrorCode(err) == sitrep.ENOTFOUND || (err == nil && u.PasswordHash == ""):
		_, _ = CheckPassword(a.dummyHash(), password) // even timing
		// The name is not logged: people type passwords into it.
		a.log.WarnContext(ctx, "auth: login failed, unknown user", "remote", remote)
		a.limit.fail(remote, now)
		return nil, Principal{}, errLogin
	case err != nil:
		return nil, Principal{}, err
	}
	ok, err := CheckPassword(u.PasswordHash, password)
	if err != nil {
		a.log.ErrorContext(ctx, "auth: stored password hash unreadable", "user", u.Name, "err", err)
	}
	if !ok || u.Disabled {
		a.log.WarnContext(ctx, "auth: login failed", "user", u.Name, "disabled", u.Disabled, "remote", remote)
		a.limit.fail(remote, now)
		return nil, Principal{}, errLogin
	}
	a.limit.succeed(remote)

	value, err := newSecret(secretBytes)
	if err != nil {
		return nil, Principal{}, &sitrep.Error{Code: sitrep.EINTERNAL, Op: "auth.Login", Err: err}
	}
	csrf, err := newSecret(secretBytes)
	if err != nil {
		return nil, Principal{}, &sitrep.Error{Code: sitrep.EINTERNAL, Op: "auth.Login", Err: err}
	}
	ttl := a.ttl()
	s := sitrep.Session{Hash: digest(value), User: u.Name, CSRF: csrf, Created: now, Expires: now.Add(ttl)}
	if err := a.Store.PutSession(ctx, s); err != nil {
		return nil, Principal{}, err
	}
	if n, err := a.Store.DeleteExpiredSessions(ctx, now); err != nil {
		a.log.WarnContext(ctx, "auth: deleting expired sessions", "err", err)
	} else if n > 0 {
		a.log.DebugContext(ctx, "auth: deleted expired sessions", "n", n)
	}
	a.log.InfoContext(ctx, "auth: login", "user", u.Name, "remote", remote)
	c := &http.Cookie{
		Name: CookieName, Value: value, Path: "/",
		MaxAge: int(ttl / time.Second), Expires: now.Add(ttl).UTC(),
		HttpOnly: true, Secure: a.SecureCookies, SameSite: http.SameSiteStrictMode,
	}
	return c, Principal{User: u.Name, Role: u.Role, Session: true, CSRF: csrf, Remote: remote}, nil
}

// dummyHash returns a hash that matches no password, made once.
func (a *Authenticator) dummyHash() string {
	a.dummyOnce.Do(func() {
		pw, err := newSecret(24)
		if err == nil {
			a.dummy, err = HashPassword(pw)
		}
		if err != nil {
			a.log.Error("auth: making the dummy password hash", "err", err)
		}
	})
	return a.dummy
}

// Logout ends the session whose cookie r carries, if any, and returns a
// cookie that clears it in the browser. Logging out without a session (or
// with an expired one) is not an error. Logout does not write the audit
// log.
//
// Errors: EINTERNAL when the store fails to delete the session.
func (a *Authenticator) Logout(ctx context.Context, r *http.Request) (*http.Cookie, error) {
	a.init()
	if c, err := r.Cookie(CookieName); err == nil && parseSessionValue(c.Value) {
		if err := a.Store.DeleteSession(ctx, digest(c.Value)); err != nil {
			return nil, err
		}
	}
	return a.clearCookie(), nil
}

// clearCookie is a session cookie that deletes the browser's.
func (a *Authenticator) clearCookie() *http.Cookie {
	return &http.Cookie{
		Name: CookieName, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(0, 0).UTC(),
		HttpOnly: true, Secure: a.SecureCookies, SameSite: http.SameSiteStrictMode,
	}
}
