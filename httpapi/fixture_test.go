package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/auth"
	"github.com/sitrep-osint/sitrep/feed"
	"github.com/sitrep-osint/sitrep/live"
	"github.com/sitrep-osint/sitrep/reports"
	"github.com/sitrep-osint/sitrep/sqlite"
)

// fixture is a real API server over a real SQLite store filled from a
// real capture and the Tartus reports, with a real live state and hub.
type fixture struct {
	t      *testing.T
	store  *sqlite.Store
	live   *live.State
	hub    *live.Hub
	auth   *auth.Authenticator
	reg    *prometheus.Registry
	srv    *httptest.Server
	ps     []sitrep.Position // replayed positions
	tokens map[sitrep.Role]string
	feeds  *feed.Manager
	lines  atomic.Int64 // lines the feeds delivered
}

// fixtureNow is the fixture's clock.
var fixtureNow = time.Date(2025, 2, 12, 12, 0, 0, 0, time.UTC)

type fixtureOpt func(*Config)

func newFixture(t *testing.T, opts ...fixtureOpt) *fixture {
	t.Helper()
	f := &fixture{t: t, store: openStore(t), live: newLive(t), reg: prometheus.NewRegistry(), tokens: map[sitrep.Role]string{}}
	f.hub = live.NewHub(16, f.reg)
	t.Cleanup(f.hub.Close)
	f.ps = replay(t, f.store, f.live, "amsa-tag-block.nmea")
	f.loadReports()
	f.auth = &auth.Authenticator{Store: f.store, Now: func() time.Time { return fixtureNow }, AnonymousRead: true}
	f.feeds = feed.NewManager(func(string, []byte, time.Time) { f.lines.Add(1) }, feed.Options{Logger: slog.New(slog.DiscardHandler)})
	t.Cleanup(func() { f.feeds.Close() })
	cfg := Config{Store: f.store, Live: f.live, Hub: f.hub, Auth: f.auth, Registry: f.reg, Feeds: f.feeds,
		Now: func() time.Time { return fixtureNow }, Version: "test", PingInterval: 50 * time.Millisecond}
	for _, o := range opts {
		o(&cfg)
	}
	h, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.srv = httptest.NewServer(h)
	t.Cleanup(f.srv.Close)
	for _, role := range []sitrep.Role{sitrep.RoleViewer, sitrep.RoleAnalyst, sitrep.RoleAdmin} {
		f.addUser(string(role)+"1", role)
		secret, tok, err := auth.NewToken()
		if err != nil {
			t.Fatal(err)
		}
		tok.User, tok.Role, tok.Name, tok.Created = string(role)+"1", role, "test", fixtureNow
		if err := f.store.PutToken(context.Background(), tok); err != nil {
			t.Fatal(err)
		}
		f.tokens[role] = secret
	}
	return f
}

// password is every fixture user's password.
const password = "correct horse battery"

func (f *fixture) addUser(name string, role sitrep.Role) {
	f.t.Helper()
	hash, err := auth.HashPassword(password)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.store.PutUser(context.Background(), sitrep.User{Name: name, Role: role, PasswordHash: hash, Created: fixtureNow}); err != nil {
		f.t.Fatal(err)
	}
}

// loadReports loads the Tartus scenario's sources, entities and reports.
func (f *fixture) loadReports() {
	f.t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "scenario", "tartus", "reports", "*.yaml"))
	if err != nil || len(paths) == 0 {
		f.t.Fatalf("no scenario reports: %v", err)
	}
	var files []*reports.File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.t.Fatal(err)
		}
		file, errs := reports.Parse(p, data)
		if len(errs) > 0 {
			f.t.Fatal(errs)
		}
		files = append(files, file)
	}
	if _, errs := reports.Load(context.Background(), f.store, files, sitrep.Change{By: "test"}); len(errs) > 0 {
		f.t.Fatal(errs)
	}
}

// req is one request of a test.
type req struct {
	method, path string
	body         any      // marshalled as JSON; a string is sent as is
	bearer       string   // API token secret
	session      *session // cookie (and CSRF unless noCSRF)
	noCSRF       bool
	header       map[string]string
}

type session struct {
	cookie *http.Cookie
	csrf   string
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func (r resp) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("%s: %v", r.body, err)
	}
}

// errCode returns the code of an error body.
func (r resp) errCode(t *testing.T) string {
	t.Helper()
	var e errorBody
	r.json(t, &e)
	return string(e.Error.Code)
}

func (f *fixture) do(rq req) resp {
	f.t.Helper()
	var body io.Reader
	switch b := rq.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			f.t.Fatal(err)
		}
		body = bytes.NewReader(data)
	}
	method := rq.method
	if method == "" {
		method = http.MethodGet
	}
	hr, err := http.NewRequest(method, f.srv.URL+rq.path, body)
	if err != nil {
		f.t.Fatal(err)
	}
	if rq.bearer != "" {
		hr.Header.Set("Authorization", "Bearer "+rq.bearer)
	}
	if rq.session != nil {
		hr.AddCookie(rq.session.cookie)
		if !rq.noCSRF {
			hr.Header.Set("X-CSRF-Token", rq.session.csrf)
		}
	}
	for k, v := range rq.header {
		hr.Header.Set(k, v)
	}
	res, err := f.srv.Client().Do(hr)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return resp{status: res.StatusCode, header: res.Header, body: data}
}

// get GETs path anonymously and fails unless the status is want.
func (f *fixture) get(path string, want int) resp {
	f.t.Helper()
	r := f.do(req{path: path})
	if r.status != want {
		f.t.Fatalf("GET %s: status %d, want %d: %s", path, r.status, want, r.body)
	}
	return r
}

// login logs name in and returns the session.
func (f *fixture) login(name string) *session {
	f.t.Helper()
	r := f.do(req{method: "POST", path: "/api/login", body: map[string]string{"name": name, "password": password}})
	if r.status != http.StatusOK {
		f.t.Fatalf("login %s: %d %s", name, r.status, r.body)
	}
	var who whoami
	r.json(f.t, &who)
	var c *http.Cookie
	for _, ck := range (&http.Response{Header: r.header}).Cookies() {
		if ck.Name == "sitrep_session" {
			c = ck
		}
	}
	if c == nil || who.CSRF == "" {
		f.t.Fatalf("login %s: no session cookie or CSRF: %v %s", name, r.header, r.body)
	}
	return &session{cookie: c, csrf: who.CSRF}
}

// audited reports whether the audit log has an entry of action on object
// by actor.
func (f *fixture) audited(actor, action, object string) bool {
	f.t.Helper()
	es, err := f.store.Audit(context.Background(), sitrep.AuditFilter{Actor: actor, Action: action})
	if err != nil {
		f.t.Fatal(err)
	}
	for _, e := range es {
		if e.Object == object {
			return true
		}
	}
	return false
}
