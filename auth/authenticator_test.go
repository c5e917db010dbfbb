package auth_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/auth"
	"github.com/sitrep-osint/sitrep/sqlite"
)

// clock is a settable clock shared by the Authenticator and the test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// syncBuffer collects log output from the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// env is an Authenticator on a real SQLite store in a temp dir, served by
// a real HTTP server on 127.0.0.1 with these routes:
//
//	POST /login   {"name","password"} -> Login; sets the cookie
//	POST /logout                      -> Logout
//	GET  /me                          -> Authenticate
//	GET  /read    viewer;  POST /write analyst;  GET|POST /admin admin
//
// The protected routes answer the Principal as JSON.
type env struct {
	t     *testing.T
	a     *auth.Authenticator
	store *sqlite.Store
	clock *clock
	logs  *syncBuffer
	srv   *httptest.Server
	// secrets are every password, token secret, cookie and CSRF value the
	// test saw; none may appear in the logs or the audit log, nor (but
	// the CSRF tokens, which the store keeps) in the database files.
	secrets []string
	csrfs   []string
}

func newEnv(t *testing.T, configure func(*auth.Authenticator)) *env {
	t.Helper()
	dir := t.TempDir()
	store, err := sqlite.Open(t.Context(), dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	e := &env{t: t, store: store, clock: &clock{t: time.Date(2025, 1, 25, 6, 0, 0, 0, time.UTC)}, logs: &syncBuffer{}}
	e.a = &auth.Authenticator{
		Store: store, Now: e.clock.Now, AnonymousRead: true,
		Logger: slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if configure != nil {
		configure(e.a)
	}
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := auth.FromContext(r.Context())
		if !ok {
			http.Error(w, "no principal", 500)
			return
		}
		json.NewEncoder(w).Encode(wireP{p, p.CSRF})
	})
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		var b struct{ Name, Password string }
		json.NewDecoder(r.Body).Decode(&b)
		c, p, err := e.a.Login(r.Context(), b.Name, b.Password, auth.RemoteHost(r))
		if err != nil {
			writeErr(w, err)
			return
		}
		http.SetCookie(w, c)
		json.NewEncoder(w).Encode(map[string]string{"user": p.User, "role": string(p.Role), "csrf": p.CSRF})
	})
	mux.HandleFunc("POST /logout", func(w http.ResponseWriter, r *http.Request) {
		c, err := e.a.Logout(r.Context(), r)
		if err != nil {
			writeErr(w, err)
			return
		}
		http.SetCookie(w, c)
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /me", func(w http.ResponseWriter, r *http.Request) {
		p, err := e.a.Authenticate(r)
		if err != nil {
			writeErr(w, err)
			return
		}
		json.NewEncoder(w).Encode(wireP{p, p.CSRF})
	})
	mux.Handle("GET /read", e.a.Require(sitrep.RoleViewer, echo))
	mux.Handle("POST /write", e.a.Require(sitrep.RoleAnalyst, echo))
	mux.Handle("/admin", e.a.Require(sitrep.RoleAdmin, echo))
	e.srv = httptest.NewServer(mux)
	t.Cleanup(e.srv.Close)
	t.Cleanup(func() {
		logs := e.logs.String()
		es, err := store.Audit(context.Background(), sitrep.AuditFilter{})
		if err != nil {
			t.Errorf("Audit: %v", err)
		}
		audit, _ := json.Marshal(es)
		var files []byte // the database, WAL and all
		ents, _ := os.ReadDir(dir)
		for _, ent := range ents {
			b, _ := os.ReadFile(filepath.Join(dir, ent.Name()))
			files = append(files, b...)
		}
		csrf := map[string]bool{}
		for _, c := range e.csrfs {
			csrf[c] = true
		}
		for _, s := range append(e.secrets, e.csrfs...) {
			if s != "" && !csrf[s] && bytes.Contains(files, []byte(s)) {
				t.Errorf("a secret (%.6s…) is in the database files", s)
			}
			if s != "" && strings.Contains(logs, s) {
				t.Errorf("a secret (%.6s…) is in the logs", s)
			}
			if s != "" && strings.Contains(string(audit), s) {
				t.Errorf("a secret (%.6s…) is in the audit log", s)
			}
		}
	})
	return e
}

// wireP is a Principal with its CSRF token, as the test handlers send it.
type wireP struct {
	auth.Principal
	CSRF string `json:"csrf"`
}

func writeErr(w http.ResponseWriter, err error) {
	status := map[sitrep.Code]int{sitrep.EUNAUTHORIZED: 401, sitrep.EFORBIDDEN: 403, sitrep.EINVALID: 400}[sitrep.ErrorCode(err)]
	if status == 0 {
		status = 500
	}
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": string(sitrep.ErrorCode(err)), "message": sitrep.ErrorMessage(err)}})
}

func (e *env) user(name string, role sitrep.Role, password string) {
	e.t.Helper()
	if _, err := e.a.CreateUser(e.t.Context(), name, password, role); err != nil {
		e.t.Fatalf("CreateUser(%s): %v", name, err)
	}
	e.secrets = append(e.secrets, password)
}

func (e *env) token(user string, role sitrep.Role, expires time.Time) (string, sitrep.Token) {
	e.t.Helper()
	secret, tok, err := e.a.CreateToken(e.t.Context(), user, "test", role, expires)
	if err != nil {
		e.t.Fatalf("CreateToken(%s, %s): %v", user, role, err)
	}
	e.secrets = append(e.secrets, secret)
	return secret, tok
}

// reply is a response: status, decoded error code/message, and Principal.
type reply struct {
	status  int
	code    string
	message string
	p       auth.Principal
	header  http.Header
	raw     string
}

// do sends a request with optional headers (name, value pairs).
func (e *env) do(c *http.Client, method, path, body string, hdr ...string) reply {
	e.t.Helper()
	req, err := http.NewRequestWithContext(e.t.Context(), method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	if c == nil {
		c = e.srv.Client()
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := reply{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	var eb struct {
		Error struct{ Code, Message string }
	}
	if json.Unmarshal(raw, &eb) == nil && eb.Error.Code != "" {
		r.code, r.message = eb.Error.Code, eb.Error.Message
	} else {
		var w wireP
		json.Unmarshal(raw, &w)
		r.p, r.p.CSRF = w.Principal, w.CSRF
	}
	return r
}

func bearer(secret string) []string { return []string{"Authorization", "Bearer " + secret} }

func (e *env) want(r reply, status int, code string) {
	e.t.Helper()
	if r.status != status || r.code != code {
		e.t.Errorf("got %d %s %q, want %d %s", r.status, r.code, r.message, status, code)
	}
}

// browser returns a client with a cookie jar, logged in as name.
func (e *env) browser(name, password string) (*http.Client, string) {
	e.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	r := e.do(c, "POST", "/login", `{"name":"`+name+`","password":"`+password+`"}`)
	if r.status != 200 {
		e.t.Fatalf("login %s: %d %s", name, r.status, r.raw)
	}
	var b struct{ CSRF string }
	json.Unmarshal([]byte(r.raw), &b)
	if b.CSRF == "" {
		e.t.Fatal("login returned no CSRF token")
	}
	for _, ck := range jar.Cookies(mustURL(e.srv.URL)) {
		e.secrets = append(e.secrets, ck.Value)
	}
	e.csrfs = append(e.csrfs, b.CSRF)
	return c, b.CSRF
}

func TestTokens(t *testing.T) {
	e := newEnv(t, nil)
	ctx := t.Context()
	e.user("ann", sitrep.RoleAnalyst, "ann's password")
	good, tok := e.token("ann", "", time.Time{})
	if tok.Role != sitrep.RoleAnalyst {
		t.Errorf("token role defaults to %s, want the user's analyst", tok.Role)
	}

	r := e.do(nil, "POST", "/write", "", bearer(good)...)
	e.want(r, 200, "")
	if r.p.User != "ann" || r.p.Role != sitrep.RoleAnalyst || r.p.TokenID != tok.ID || r.p.Session || r.p.Remote != "127.0.0.1" {
		t.Errorf("principal = %+v", r.p)
	}
	// Used: LastUsed recorded.
	ts, _ := e.store.Tokens(ctx, "ann")
	if len(ts) != 1 || !ts[0].LastUsed.Equal(e.clock.Now()) {
		t.Errorf("LastUsed = %v, want %v", ts, e.clock.Now())
	}

	// Malformed header, unknown secret of the right shape, wrong scheme.
	e.want(e.do(nil, "GET", "/read", "", "Authorization", "Bearer nonsense"), 401, "unauthorized")
	e.want(e.do(nil, "GET", "/read", "", "Authorization", "Basic YW5uOnB3"), 401, "unauthorized")
	fake, _, _ := auth.NewToken()
	e.want(e.do(nil, "GET", "/read", "", bearer(fake)...), 401, "unauthorized")
	// The right random part under another token's ID is refused.
	other := "sitrep_" + strings.Repeat("0", 16) + good[len("sitrep_")+16:]
	e.want(e.do(nil, "GET", "/read", "", bearer(other)...), 401, "unauthorized")

	// Expiring token: good before, refused from its expiry on.
	exp, _ := e.token("ann", sitrep.RoleViewer, e.clock.Now().Add(time.Hour))
	e.want(e.do(nil, "GET", "/read", "", bearer(exp)...), 200, "")
	e.clock.Add(time.Hour)
	r = e.do(nil, "GET", "/read", "", bearer(exp)...)
	e.want(r, 401, "unauthorized")
	if r.message != "API token expired" {
		t.Errorf("expired token message %q", r.message)
	}

	// Revoked.
	rev, revTok := e.token("ann", sitrep.RoleViewer, time.Time{})
	e.want(e.do(nil, "GET", "/read", "", bearer(rev)...), 200, "")
	if err := e.a.RevokeToken(ctx, revTok.ID); err != nil {
		t.Fatal(err)
	}
	e.want(e.do(nil, "GET", "/read", "", bearer(rev)...), 401, "unauthorized")
	if err := e.a.RevokeToken(ctx, revTok.ID); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("revoking twice: %v", err)
	}

	// A token whose user is downgraded acts with the lower role at once;
	// a disabled user's token stops working.
	e.user("admin", sitrep.RoleAdmin, "admin password")
	viewer := sitrep.RoleViewer
	if _, err := e.a.SetUser(ctx, "ann", auth.UserChange{Role: &viewer}); err != nil {
		t.Fatal(err)
	}
	r = e.do(nil, "POST", "/write", "", bearer(good)...)
	e.want(r, 403, "forbidden")
	r = e.do(nil, "GET", "/read", "", bearer(good)...)
	if r.status != 200 || r.p.Role != sitrep.RoleViewer {
		t.Errorf("downgraded user's analyst token: %d role %s, want 200 viewer", r.status, r.p.Role)
	}
	yes := true
	if _, err := e.a.SetUser(ctx, "ann", auth.UserChange{Disabled: &yes}); err != nil {
		t.Fatal(err)
	}
	r = e.do(nil, "GET", "/read", "", bearer(good)...)
	e.want(r, 401, "unauthorized")
	if r.message != "user disabled" {
		t.Errorf("disabled user's token message %q", r.message)
	}
}

func TestCreateTokenRules(t *testing.T) {
	e := newEnv(t, nil)
	ctx := t.Context()
	e.user("vic", sitrep.RoleViewer, "vic's password")
	now := e.clock.Now()
	for _, c := range []struct {
		name    string
		user    string
		label   string
		role    sitrep.Role
		expires time.Time
		code    sitrep.Code
	}{
		{"above the user's role", "vic", "x", sitrep.RoleAnalyst, time.Time{}, sitrep.EINVALID},
		{"not a role", "vic", "x", "root", time.Time{}, sitrep.EINVALID},
		{"expiry in the past", "vic", "x", sitrep.RoleViewer, now.Add(-time.Second), sitrep.EINVALID},
		{"expiry now", "vic", "x", sitrep.RoleViewer, now, sitrep.EINVALID},
		{"long label", "vic", strings.Repeat("x", auth.MaxTokenName+1), sitrep.RoleViewer, time.Time{}, sitrep.EINVALID},
		{"unknown user", "nobody", "x", sitrep.RoleViewer, time.Time{}, sitrep.ENOTFOUND},
	} {
		_, _, err := e.a.CreateToken(ctx, c.user, c.label, c.role, c.expires)
		if sitrep.ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	if ts, _ := e.store.Tokens(ctx, ""); len(ts) != 0 {
		t.Errorf("rejected tokens were stored: %+v", ts)
	}
	_, tok := e.token("vic", sitrep.RoleViewer, now.Add(720*time.Hour))
	if !tok.Expires.Equal(now.Add(720*time.Hour)) || tok.User != "vic" || tok.Name != "test" || !tok.Created.Equal(now) {
		t.Errorf("token = %+v", tok)
	}
}

func TestSessionCookieAndCSRF(t *testing.T) {
	e := newEnv(t, nil)
	e.user("ann", sitrep.RoleAnalyst, "ann's password")
	r := e.do(nil, "POST", "/login", `{"name":"ann","password":"ann's password"}`)
	if r.status != 200 {
		t.Fatalf("login: %d %s", r.status, r.raw)
	}
	sc := r.header.Get("Set-Cookie")
	for _, want := range []string{"sitrep_session=", "Path=/", "Max-Age=43200", "HttpOnly", "SameSite=Strict"} {
		if !strings.Contains(sc, want) {
			t.Errorf("Set-Cookie %q lacks %s", sc, want)
		}
	}
	if strings.Contains(sc, "Secure") {
		t.Errorf("Set-Cookie %q is Secure without SecureCookies", sc)
	}
	cookieVal := strings.TrimPrefix(strings.SplitN(sc, ";", 2)[0], "sitrep_session=")
	e.secrets = append(e.secrets, cookieVal)
	var b struct{ CSRF string }
	json.Unmarshal([]byte(r.raw), &b)
	e.csrfs = append(e.csrfs, b.CSRF)
	// The store keeps the digest, not the cookie value.
	if se, err := e.store.SessionByHash(t.Context(), sha(cookieVal)); err != nil || se.User != "ann" || se.CSRF != b.CSRF {
		t.Errorf("session by the cookie's digest: %+v, %v", se, err)
	}

	ck := "sitrep_session=" + cookieVal
	// Reads need no CSRF token.
	r = e.do(nil, "GET", "/read", "", "Cookie", ck)
	e.want(r, 200, "")
	if r.p.User != "ann" || !r.p.Session || r.p.CSRF != b.CSRF {
		t.Errorf("session principal %+v", r.p)
	}
	// Writes do.
	r = e.do(nil, "POST", "/write", "", "Cookie", ck)
	e.want(r, 403, "forbidden")
	if r.message != "missing or wrong CSRF token" {
		t.Errorf("CSRF message %q", r.message)
	}
	e.want(e.do(nil, "POST", "/write", "", "Cookie", ck, "X-CSRF-Token", b.CSRF+"x"), 403, "forbidden")
	e.want(e.do(nil, "POST", "/write", "", "Cookie", ck, "X-CSRF-Token", strings.ToUpper(b.CSRF)), 403, "forbidden")
	e.want(e.do(nil, "POST", "/write", "", "Cookie", ck, "X-CSRF-Token", b.CSRF), 200, "")
	for _, m := range []string{"PUT", "PATCH", "DELETE"} {
		e.want(e.do(nil, m, "/admin", "", "Cookie", ck), 403, "forbidden") // CSRF first
	}
	// Analyst session with the right CSRF on an admin route: role too low.
	r = e.do(nil, "POST", "/admin", "", "Cookie", ck, "X-CSRF-Token", b.CSRF)
	e.want(r, 403, "forbidden")
	if !strings.Contains(r.message, "needs admin") {
		t.Errorf("role message %q", r.message)
	}
	// A bearer token needs no CSRF token even with a session cookie beside.
	tok, _ := e.token("ann", "", time.Time{})
	e.want(e.do(nil, "POST", "/write", "", append(bearer(tok), "Cookie", ck)...), 200, "")

	// A malformed or unknown cookie: 401, and the response clears it.
	r = e.do(nil, "GET", "/read", "", "Cookie", "sitrep_session=garbage")
	e.want(r, 401, "unauthorized")
	if sc := r.header.Get("Set-Cookie"); !strings.Contains(sc, "sitrep_session=;") || !strings.Contains(sc, "Max-Age=0") {
		t.Errorf("bad cookie not cleared: %q", sc)
	}

	// Expiry: the session ends after 12 h.
	e.clock.Add(12*time.Hour - time.Second)
	e.want(e.do(nil, "GET", "/read", "", "Cookie", ck), 200, "")
	e.clock.Add(time.Second)
	r = e.do(nil, "GET", "/read", "", "Cookie", ck)
	e.want(r, 401, "unauthorized")
	if _, err := e.store.SessionByHash(t.Context(), sha(cookieVal)); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("expired session still stored: %v", err)
	}
}

func TestSecureCookiesAndTTL(t *testing.T) {
	e := newEnv(t, func(a *auth.Authenticator) { a.SecureCookies = true; a.SessionTTL = time.Hour })
	e.user("ann", sitrep.RoleAnalyst, "ann's password")
	c, p, err := e.a.Login(t.Context(), "ann", "ann's password", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	e.secrets, e.csrfs = append(e.secrets, c.Value), append(e.csrfs, p.CSRF)
	if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.MaxAge != 3600 || c.Name != "sitrep_session" {
		t.Errorf("cookie %+v", c)
	}
	if len(c.Value) != 43 || len(p.CSRF) != 43 || c.Value == p.CSRF {
		t.Errorf("cookie value / CSRF not 32 random bytes each")
	}
	if p.User != "ann" || p.Role != sitrep.RoleAnalyst || !p.Session || p.Remote != "192.0.2.1" {
		t.Errorf("principal %+v", p)
	}
	_, p2, err := e.a.Login(t.Context(), "ann", "ann's password", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	e.csrfs = append(e.csrfs, p2.CSRF)
	if p2.CSRF == p.CSRF {
		t.Error("two sessions share a CSRF token")
	}
}

func TestLogout(t *testing.T) {
	e := newEnv(t, func(a *auth.Authenticator) { a.AnonymousRead = false })
	e.user("ann", sitrep.RoleAnalyst, "ann's password")
	c, csrf := e.browser("ann", "ann's password")
	cookie := c.Jar.Cookies(mustURL(e.srv.URL))[0].Value
	e.want(e.do(c, "GET", "/read", ""), 200, "")
	r := e.do(c, "POST", "/logout", "")
	if r.status != 204 {
		t.Fatalf("logout: %d", r.status)
	}
	if sc := r.header.Get("Set-Cookie"); !strings.Contains(sc, "Max-Age=0") {
		t.Errorf("logout cookie %q does not clear", sc)
	}
	if len(c.Jar.Cookies(mustURL(e.srv.URL))) != 0 {
		t.Error("browser kept the cookie")
	}
	e.want(e.do(c, "GET", "/read", ""), 401, "unauthorized")
	// The old cookie replayed: the session is gone.
	e.want(e.do(nil, "POST", "/write", "", "Cookie", "sitrep_session="+cookie, "X-CSRF-Token", csrf), 401, "unauthorized")
	// Logging out again, or without a session, is fine.
	if r := e.do(nil, "POST", "/logout", ""); r.status != 204 {
		t.Errorf("logout without session: %d", r.status)
	}
}

func TestLoginFailuresLookAlike(t *testing.T) {
	e := newEnv(t, nil)
	ctx := t.Context()
	e.user("ann", sitrep.RoleAnalyst, "ann's password")
	e.user("dan", sitrep.RoleAnalyst, "dan's password")
	e.user("root", sitrep.RoleAdmin, "root's password")
	yes := true
	if _, err := e.a.SetUser(ctx, "dan", auth.UserChange{Disabled: &yes}); err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for i, c := range []struct{ name, pw string }{
		{"nobody", "whatever1"},
		{"ann", "wrong password"},
		{"dan", "dan's password"}, // disabled
		{"ann", ""},
		{"", "ann's password"},
		{"ann", strings.Repeat("x", 5000)},
		{"ann's password", "ann's password"}, // password typed as the name
	} {
		_, _, err := e.a.Login(ctx, c.name, c.pw, "192.0.2."+string(rune('1'+i)))
		if sitrep.ErrorCode(err) != sitrep.EUNAUTHORIZED {
			t.Errorf("Login(%q) = %v, want unauthorized", c.name, err)
		}
		msgs = append(msgs, sitrep.ErrorMessage(err))
	}
	for _, m := range msgs[1:] {
		if m != msgs[0] {
			t.Errorf("failure messages differ: %q vs %q", m, msgs[0])
		}
	}
	// A password typed into the name field is not logged.
	if strings.Contains(e.logs.String(), "ann's password") {
		t.Error("a name field holding a password was logged")
	}
}

func TestLoginRateLimit(t *testing.T) {
	e := newEnv(t, nil)
	ctx := t.Context()
	e.user("ann", sitrep.RoleAnalyst, "ann's password")
	const addr = "198.51.100.7"
	for i := range auth.DefaultLoginFailures {
		if _, _, err := e.a.Login(ctx, "ann", "guess number "+string(rune('a'+i)), addr); sitrep.ErrorCode(err) != sitrep.EUNAUTHORIZED {
			t.Fatalf("failure %d: %v", i, err)
		}
		e.clock.Add(time.Second)
	}
	// Blocked now, even with the right password.
	_, _, err := e.a.Login(ctx, "ann", "ann's password", addr)
	if sitrep.ErrorCode(err) != sitrep.EFORBIDDEN || !strings.Contains(sitrep.ErrorMessage(err), "too many failed logins") {
		t.Fatalf("11th login = %v, want forbidden too many", err)
	}
	// Another address is not.
	c, p, err := e.a.Login(ctx, "ann", "ann's password", "198.51.100.8")
	if err != nil {
		t.Fatalf("other address: %v", err)
	}
	e.secrets, e.csrfs = append(e.secrets, c.Value), append(e.csrfs, p.CSRF)
	// Through HTTP too: the refusal is 403.
	r := e.do(nil, "POST", "/login", `{"name":"ann","password":"ann's password"}`)
	if r.status != 200 {
		t.Errorf("login from 127.0.0.1 blocked: %d", r.status)
	}
	// After the window (one minute from the first failure) it works.
	e.clock.Add(time.Minute - 10*time.Second)
	c, p, err = e.a.Login(ctx, "ann", "ann's password", addr)
	if err != nil {
		t.Fatalf("after the window: %v", err)
	}
	e.secrets, e.csrfs = append(e.secrets, c.Value), append(e.csrfs, p.CSRF)
}

func TestRoleMatrix(t *testing.T) {
	e := newEnv(t, nil)
	e.user("vic", sitrep.RoleViewer, "vic's password")
	e.user("ann", sitrep.RoleAnalyst, "ann's password")
	e.user("root", sitrep.RoleAdmin, "root's password")
	tokens := map[string]string{}
	for _, u := range []string{"vic", "ann", "root"} {
		tokens[u], _ = e.token(u, "", time.Time{})
	}
	rootViewer, _ := e.token("root", sitrep.RoleViewer, time.Time{})
	type call struct{ method, path string }
	calls := []call{{"GET", "/read"}, {"POST", "/write"}, {"GET", "/admin"}, {"POST", "/admin"}}
	for _, c := range []struct {
		who  string
		hdr  []string
		want []int
	}{
		{"anonymous", nil, []int{200, 401, 401, 401}},
		{"viewer", bearer(tokens["vic"]), []int{200, 403, 403, 403}},
		{"analyst", bearer(tokens["ann"]), []int{200, 200, 403, 403}},
		{"admin", bearer(tokens["root"]), []int{200, 200, 200, 200}},
		{"admin's viewer token", bearer(rootViewer), []int{200, 403, 403, 403}},
	} {
		for i, cl := range calls {
			r := e.do(nil, cl.method, cl.path, "", c.hdr...)
			if r.status != c.want[i] {
				t.Errorf("%s %s %s: %d, want %d (%s)", c.who, cl.method, cl.path, r.status, c.want[i], r.message)
			}
		}
	}
	// Sessions with CSRF follow the same matrix.
	for _, c := range []struct {
		user string
		want []int
	}{
		{"vic", []int{200, 403, 403, 403}},
		{"ann", []int{200, 200, 403, 403}},
		{"root", []int{200, 200, 200, 200}},
	} {
		cl, csrf := e.browser(c.user, c.user+"'s password")
		for i, call := range calls {
			r := e.do(cl, call.method, call.path, "", "X-CSRF-Token", csrf)
			if r.status != c.want[i] {
				t.Errorf("session %s %s %s: %d, want %d (%s)", c.user, call.method, call.path, r.status, c.want[i], r.message)
			}
		}
	}
}

func TestAnonymousRead(t *testing.T) {
	on := newEnv(t, nil)
	r := on.do(nil, "GET", "/read", "")
	on.want(r, 200, "")
	if r.p.User != "" || r.p.Role != sitrep.RoleViewer {
		t.Errorf("anonymous principal %+v", r.p)
	}
	r = on.do(nil, "GET", "/me", "")
	if r.status != 200 || r.p.Role != sitrep.RoleViewer || r.p.User != "" {
		t.Errorf("/me anonymous: %d %+v", r.status, r.p)
	}
	r = on.do(nil, "POST", "/write", "")
	on.want(r, 401, "unauthorized")

	off := newEnv(t, func(a *auth.Authenticator) { a.AnonymousRead = false })
	off.want(off.do(nil, "GET", "/read", ""), 401, "unauthorized")
	off.want(off.do(nil, "GET", "/me", ""), 401, "unauthorized")
	off.user("vic", sitrep.RoleViewer, "vic's password")
	tok, _ := off.token("vic", "", time.Time{})
	off.want(off.do(nil, "GET", "/read", "", bearer(tok)...), 200, "")
}

func TestCustomDeny(t *testing.T) {
	var got error
	e := newEnv(t, func(a *auth.Authenticator) {
		a.AnonymousRead = false
		a.Deny = func(w http.ResponseWriter, r *http.Request, err error) {
			got = err
			w.WriteHeader(http.StatusTeapot)
		}
	})
	if r := e.do(nil, "GET", "/read", ""); r.status != http.StatusTeapot {
		t.Errorf("status %d, want Deny's 418", r.status)
	}
	if sitrep.ErrorCode(got) != sitrep.EUNAUTHORIZED {
		t.Errorf("Deny got %v", got)
	}
}

func TestUsersAdmin(t *testing.T) {
	e := newEnv(t, nil)
	ctx := t.Context()
	e.user("root", sitrep.RoleAdmin, "root's password")
	if _, err := e.a.CreateUser(ctx, "root", "another password", sitrep.RoleViewer); sitrep.ErrorCode(err) != sitrep.ECONFLICT {
		t.Errorf("duplicate user: %v", err)
	}
	for _, c := range []struct {
		name, pw string
		role     sitrep.Role
	}{
		{"Bad Name", "long enough", sitrep.RoleViewer},
		{"ok", "short", sitrep.RoleViewer},
		{"ok", "long enough", "superuser"},
	} {
		if _, err := e.a.CreateUser(ctx, c.name, c.pw, c.role); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("CreateUser(%q, %s): %v, want invalid", c.name, c.role, err)
		}
	}
	u, _ := e.store.User(ctx, "root")
	if !strings.HasPrefix(u.PasswordHash, "$argon2id$") || u.Created.IsZero() {
		t.Errorf("stored user %+v", u)
	}

	// The last enabled admin can be neither demoted nor disabled.
	analyst, yes := sitrep.RoleAnalyst, true
	if _, err := e.a.SetUser(ctx, "root", auth.UserChange{Role: &analyst}); sitrep.ErrorCode(err) != sitrep.ECONFLICT {
		t.Errorf("demoting the last admin: %v", err)
	}
	if _, err := e.a.SetUser(ctx, "root", auth.UserChange{Disabled: &yes}); sitrep.ErrorCode(err) != sitrep.ECONFLICT {
		t.Errorf("disabling the last admin: %v", err)
	}
	e.user("root2", sitrep.RoleAdmin, "root2's password")
	if _, err := e.a.SetUser(ctx, "root", auth.UserChange{Role: &analyst}); err != nil {
		t.Errorf("demoting one of two admins: %v", err)
	}
	if _, err := e.a.SetUser(ctx, "nobody", auth.UserChange{Role: &analyst}); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("SetUser(nobody): %v", err)
	}
	bad := sitrep.Role("boss")
	if _, err := e.a.SetUser(ctx, "root", auth.UserChange{Role: &bad}); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("SetUser bad role: %v", err)
	}

	// Password change: the old one stops working, the new one works, and
	// the sessions opened with the old one end.
	_, oldCSRF := e.browser("root", "root's password")
	oldCookie := e.secrets[len(e.secrets)-1]
	e.want(e.do(nil, "GET", "/read", "", "Cookie", "sitrep_session="+oldCookie), 200, "")
	np := "a new password"
	e.secrets = append(e.secrets, np)
	if _, err := e.a.SetUser(ctx, "root", auth.UserChange{Password: &np}); err != nil {
		t.Fatal(err)
	}
	e.want(e.do(nil, "POST", "/write", "", "Cookie", "sitrep_session="+oldCookie, "X-CSRF-Token", oldCSRF), 401, "unauthorized")
	if _, _, err := e.a.Login(ctx, "root", "root's password", "192.0.2.9"); sitrep.ErrorCode(err) != sitrep.EUNAUTHORIZED {
		t.Errorf("old password still works: %v", err)
	}
	c, p, err := e.a.Login(ctx, "root", np, "192.0.2.9")
	if err != nil {
		t.Fatalf("new password: %v", err)
	}
	e.secrets, e.csrfs = append(e.secrets, c.Value), append(e.csrfs, p.CSRF)
	if p.Role != sitrep.RoleAnalyst {
		t.Errorf("role after change %s", p.Role)
	}
	short := "short"
	if _, err := e.a.SetUser(ctx, "root", auth.UserChange{Password: &short}); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("short new password: %v", err)
	}
}

func TestAudit(t *testing.T) {
	e := newEnv(t, nil)
	ctx := t.Context()
	e.user("ann", sitrep.RoleAnalyst, "ann's password")
	secret, tok := e.token("ann", "", time.Time{})
	r := e.do(nil, "POST", "/write", "", bearer(secret)...)
	if r.status != 200 {
		t.Fatal(r.raw)
	}
	// The principal the middleware gave the handler, as the API server
	// would use it.
	if err := e.a.Audit(ctx, r.p, "report.create", "r-2025-01-25-tartus", "pasted "+secret+" by mistake"); err != nil {
		t.Fatal(err)
	}
	if err := e.a.Audit(ctx, auth.Principal{Role: sitrep.RoleViewer}, "report.create", "x", ""); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("anonymous audit: %v", err)
	}
	if err := e.a.Audit(ctx, r.p, "", "x", ""); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("audit without action: %v", err)
	}
	if err := e.a.Audit(ctx, r.p, "site.update", strings.Repeat("o", 1000), strings.Repeat("é", 1000)); err != nil {
		t.Fatal(err)
	}
	es, err := e.store.Audit(ctx, sitrep.AuditFilter{})
	if err != nil || len(es) != 2 {
		t.Fatalf("audit = %+v, %v", es, err)
	}
	got := es[1]
	if got.Actor != "ann" || got.Token != tok.ID || got.Role != sitrep.RoleAnalyst || got.Action != "report.create" ||
		got.Object != "r-2025-01-25-tartus" || got.Remote != "127.0.0.1" || !got.Time.Equal(e.clock.Now()) {
		t.Errorf("entry %+v", got)
	}
	if !strings.Contains(got.Detail, "sitrep_"+tok.ID+"_[redacted]") {
		t.Errorf("detail %q: secret not redacted", got.Detail)
	}
	if len(es[0].Object) > 210 || len(es[0].Detail) > 510 || !strings.HasSuffix(es[0].Detail, "é…") {
		t.Errorf("long object/detail not cut: %d, %d bytes", len(es[0].Object), len(es[0].Detail))
	}
	// The cleanup checks that no secret reached the logs or the audit log.
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

func sha(s string) []byte {
	d := sha256.Sum256([]byte(s))
	return d[:]
}
