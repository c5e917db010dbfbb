package auth

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// CookieName is the session cookie; CSRFHeader the header that must echo
// the session's CSRF token on writes.
const (
	CookieName = "sitrep_session"
	CSRFHeader = "X-CSRF-Token"
)

// Defaults of the Authenticator's zero fields.
const (
	DefaultSessionTTL    = 12 * time.Hour
	DefaultLoginFailures = 10
	DefaultLoginWindow   = time.Minute
)

// touchEvery is how stale a token's LastUsed may get before a request
// writes it again (one write per token per minute, not per request).
const touchEvery = time.Minute

// Authenticator authenticates HTTP requests against a UserStore and
// manages users, tokens and sessions. Set the fields, then use it through
// a pointer; it must not be copied after first use. It is safe for
// concurrent use.
type Authenticator struct {
	// Store keeps users, tokens, sessions and the audit log.
	Store sitrep.UserStore
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Logger receives security events (failed logins, refused tokens),
	// never a secret; nil discards them.
	Logger *slog.Logger
	// AnonymousRead lets requests without credentials read (as viewer).
	AnonymousRead bool
	// SecureCookies marks the session cookie Secure (HTTPS only).
	SecureCookies bool
	// SessionTTL is how long a session lasts; zero means DefaultSessionTTL.
	SessionTTL time.Duration
	// LoginFailures failed logins from one address within LoginWindow
	// refuse further logins from it until the window ends; zero means
	// DefaultLoginFailures and DefaultLoginWindow.
	LoginFailures int
	LoginWindow   time.Duration
	// Deny writes the response when Require refuses a request; the API
	// server sets it to write its JSON error body. err is an
	// *sitrep.Error with code EUNAUTHORIZED, EFORBIDDEN or (when the store
	// fails) EINTERNAL. Nil means a plain JSON body of the contract's
	// shape with 401, 403 or 500.
	Deny func(w http.ResponseWriter, r *http.Request, err error)

	once  sync.Once
	limit *limiter
	log   *slog.Logger
	// hashing holds a slot per password check in progress (each takes
	// 19 MiB and tens of ms), so that a burst of logins cannot exhaust
	// memory.
	hashing chan struct{}

	dummyOnce sync.Once
	dummy     string // a password hash checked for unknown users, for even timing
}

func (a *Authenticator) init() {
	a.once.Do(func() {
		n, w := a.LoginFailures, a.LoginWindow
		if n <= 0 {
			n = DefaultLoginFailures
		}
		if w <= 0 {
			w = DefaultLoginWindow
		}
		a.limit = newLimiter(n, w)
		a.hashing = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))
		a.log = a.Logger
		if a.log == nil {
			a.log = slog.New(slog.NewTextHandler(io.Discard, nil))
		}
	})
}

func (a *Authenticator) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

func (a *Authenticator) ttl() time.Duration {
	if a.SessionTTL > 0 {
		return a.SessionTTL
	}
	return DefaultSessionTTL
}

// Errors Authenticate returns; their messages are safe to show.
var (
	errNoCredentials = sitrep.Errorf(sitrep.EUNAUTHORIZED, "sign in or send an API token")
	errBadAuthHeader = sitrep.Errorf(sitrep.EUNAUTHORIZED, "Authorization header must be \"Bearer sitrep_…\"")
	errBadToken      = sitrep.Errorf(sitrep.EUNAUTHORIZED, "invalid or revoked API token")
	errTokenExpired  = sitrep.Errorf(sitrep.EUNAUTHORIZED, "API token expired")
	errBadSession    = sitrep.Errorf(sitrep.EUNAUTHORIZED, "session expired or signed out; sign in again")
	errUserDisabled  = sitrep.Errorf(sitrep.EUNAUTHORIZED, "user disabled")
	errCSRF          = sitrep.Errorf(sitrep.EFORBIDDEN, "missing or wrong CSRF token")
	errWriteAnon     = sitrep.Errorf(sitrep.EUNAUTHORIZED, "sign in or send an API token to make changes")
)

// Authenticate finds who r comes from. An Authorization header, when
// present, must be "Bearer <token secret>" and decides alone; otherwise
// the session cookie does; otherwise the request is anonymous.
//
// Errors (all EUNAUTHORIZED unless said): a malformed Authorization
// header; an unknown, revoked or expired token; a session cookie that is
// malformed, unknown, expired or signed out; a disabled or deleted user;
// no credentials when AnonymousRead is off. EINTERNAL when the store
// fails.
func (a *Authenticator) Authenticate(r *http.Request) (Principal, error) {
	a.init()
	remote := RemoteHost(r)
	if h := r.Header.Get("Authorization"); h != "" {
		return a.authToken(r.Context(), h, remote)
	}
	if c, err := r.Cookie(CookieName); err == nil {
		return a.authSession(r.Context(), c.Value, remote)
	}
	if a.AnonymousRead {
		return Principal{Role: sitrep.RoleViewer, Remote: remote}, nil
	}
	return Principal{}, errNoCredentials
}

func (a *Authenticator) authToken(ctx context.Context, header, remote string) (Principal, error) {
	secret, id, ok := parseBearer(header)
	if !ok {
		a.log.WarnContext(ctx, "auth: malformed Authorization header", "remote", remote)
		return Principal{}, errBadAuthHeader
	}
	t, err := a.Store.TokenByHash(ctx, digest(secret))
	if sitrep.ErrorCode(err) == sitrep.ENOTFOUND || (err == nil && t.ID != id) {
		a.log.WarnContext(ctx, "auth: unknown or revoked token", "token", id, "remote", remote)
		return Principal{}, errBadToken
	}
	if err != nil {
		return Principal{}, err
	}
	now := a.now()
	if !t.Expires.IsZero() && !now.Before(t.Expires) {
		a.log.WarnContext(ctx, "auth: expired token", "token", t.ID, "user", t.User, "remote", remote)
		return Principal{}, errTokenExpired
	}
	u, err := a.activeUser(ctx, t.User, remote)
	if err != nil {
		return Principal{}, err
	}
	role := t.Role
	if !u.Role.Allows(role) {
		role = u.Role
	}
	if now.Sub(t.LastUsed) >= touchEvery {
		if err := a.Store.TouchToken(ctx, t.ID, now); err != nil {
			a.log.WarnContext(ctx, "auth: recording token use", "token", t.ID, "err", err)
		}
	}
	return Principal{User: u.Name, Role: role, TokenID: t.ID, Remote: remote}, nil
}

func (a *Authenticator) authSession(ctx context.Context, value, remote string) (Principal, error) {
	if !parseSessionValue(value) {
		return Principal{}, errBadSession
	}
	h := digest(value)
	s, err := a.Store.SessionByHash(ctx, h)
	if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
		return Principal{}, errBadSession
	}
	if err != nil {
		return Principal{}, err
	}
	if !a.now().Before(s.Expires) {
		if err := a.Store.DeleteSession(ctx, h); err != nil {
			a.log.WarnContext(ctx, "auth: deleting expired session", "user", s.User, "err", err)
		}
		return Principal{}, errBadSession
	}
	u, err := a.activeUser(ctx, s.User, remote)
	if err != nil {
		return Principal{}, err
	}
	return Principal{User: u.Name, Role: u.Role, Session: true, CSRF: s.CSRF, Remote: remote}, nil
}

// activeUser returns the named user unless it is gone or disabled.
func (a *Authenticator) activeUser(ctx context.Context, name, remote string) (sitrep.User, error) {
	u, err := a.Store.User(ctx, name)
	if sitrep.ErrorCode(err) == sitrep.ENOTFOUND || (err == nil && u.Disabled) {
		a.log.WarnContext(ctx, "auth: credentials of a disabled or deleted user", "user", name, "remote", remote)
		return sitrep.User{}, errUserDisabled
	}
	return u, err
}

// unsafe reports whether the method changes state.
func unsafe(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return false
	}
	return true
}

// Require returns a handler that authenticates each request (see
// Authenticate) and passes it to next, with the Principal in its context
// (FromContext), only when:
//   - for a method other than GET, HEAD, OPTIONS and TRACE, the caller has
//     real credentials (anonymous: 401 EUNAUTHORIZED) and, when they are
//     a session, header X-CSRF-Token equals the session's CSRF token
//     (compared in constant time; else 403 EFORBIDDEN "missing or wrong
//     CSRF token"); API tokens need no CSRF token;
//   - the caller's role allows need (an anonymous caller: 401; a
//     signed-in one: 403 EFORBIDDEN).
//
// Refusals go through Deny. When the refusal is a bad session cookie, the
// response also clears the cookie, so the browser's next request is
// anonymous.
func (a *Authenticator) Require(need sitrep.Role, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := a.Authenticate(r)
		if err != nil {
			if errors.Is(err, errBadSession) {
				http.SetCookie(w, a.clearCookie())
			}
			a.deny(w, r, err)
			return
		}
		if unsafe(r.Method) {
			if p.Anonymous() {
				a.deny(w, r, errWriteAnon)
				return
			}
			if p.Session && !csrfOK(r.Header.Get(CSRFHeader), p.CSRF) {
				a.log.WarnContext(r.Context(), "auth: write without the right CSRF token", "user", p.User, "method", r.Method, "path", r.URL.Path, "remote", p.Remote)
				a.deny(w, r, errCSRF)
				return
			}
		}
		if !p.Role.Allows(need) {
			if p.Anonymous() {
				a.deny(w, r, errNoCredentials)
				return
			}
			a.deny(w, r, sitrep.Errorf(sitrep.EFORBIDDEN, "role %s may not do this; it needs %s", p.Role, need))
			return
		}
		next.ServeHTTP(w, r.WithContext(WithPrincipal(r.Context(), p)))
	})
}

func csrfOK(got, want string) bool {
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func (a *Authenticator) deny(w http.ResponseWriter, r *http.Request, err error) {
	if a.Deny != nil {
		a.Deny(w, r, err)
		return
	}
	status := http.StatusInternalServerError
	switch sitrep.ErrorCode(err) {
	case sitrep.EUNAUTHORIZED:
		status = http.StatusUnauthorized
	case sitrep.EFORBIDDEN:
		status = http.StatusForbidden
	default:
		a.log.ErrorContext(r.Context(), "auth: store error", "err", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	var body struct {
		Error struct {
			Code    sitrep.Code `json:"code"`
			Message string      `json:"message"`
		} `json:"error"`
	}
	body.Error.Code, body.Error.Message = sitrep.ErrorCode(err), sitrep.ErrorMessage(err)
	_ = json.NewEncoder(w).Encode(body)
}

// RemoteHost returns the host part of r.RemoteAddr. Proxy headers
// (X-Forwarded-For) are not trusted: behind a reverse proxy every client
// shares the proxy's address, for the rate limiter too.
func RemoteHost(r *http.Request) string {
	if h, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return h
	}
	return strings.TrimSpace(r.RemoteAddr)
}
