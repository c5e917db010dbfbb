package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/auth"
	"github.com/sitrep-osint/sitrep/feed"
)

// write is one write endpoint: make returns the request for the n-th
// successful call (fresh IDs each time), the status it succeeds with and
// the audit action and object it must leave.
type write struct {
	name string
	need sitrep.Role
	make func(t *testing.T, f *fixture, n int) (method, path string, body any, status int, action, object string)
}

// baseReport returns a copy of a stored Tartus report under a new ID.
func baseReport(t *testing.T, f *fixture, id string) sitrep.Report {
	t.Helper()
	r, err := f.store.Report(context.Background(), "trt-convoy-turned-back")
	if err != nil {
		t.Fatal(err)
	}
	r.ID, r.Version, r.Edited, r.Change = id, 0, time.Time{}, sitrep.Change{Why: "test"}
	return r
}

func testSite(id string) sitrep.Site {
	return sitrep.Site{ID: id, Name: "Test " + id, Kind: sitrep.SiteCheckpoint,
		Shape: sitrep.Shape{Kind: sitrep.ShapeCircle, Center: sitrep.LatLon{Lat: 34.9, Lon: 35.9}, RadiusM: 300}}
}

var writes = []write{
	{"report.create", sitrep.RoleAnalyst, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		id := fmt.Sprintf("test-report-%d", n)
		return "POST", "/api/reports", baseReport(t, f, id), http.StatusCreated, "report.create", id
	}},
	{"report.update", sitrep.RoleAnalyst, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		id := fmt.Sprintf("test-upd-%d", n)
		if _, err := f.store.CreateReport(context.Background(), baseReport(t, f, id), sitrep.Change{By: "test"}); err != nil {
			t.Fatal(err)
		}
		r := baseReport(t, f, id)
		r.Version, r.Title = 1, "Edited title"
		return "PUT", "/api/reports/" + id, r, http.StatusOK, "report.update", id
	}},
	{"source.create", sitrep.RoleAnalyst, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		id := fmt.Sprintf("test-src-%d", n)
		return "POST", "/api/sources", sourceWrite{Source: sitrep.Source{ID: id, Name: "Test", Kind: sitrep.SourceOutlet, Reliability: "C"}}, http.StatusCreated, "source.create", id
	}},
	{"source.update", sitrep.RoleAnalyst, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		return "PUT", "/api/sources/trt", sourceWrite{Source: sitrep.Source{ID: "trt", Name: "TRT World", Kind: sitrep.SourceOutlet, Reliability: sitrep.Reliability([]byte{"BCD"[n%3]})}, Why: "test"}, http.StatusOK, "source.update", "trt"
	}},
	{"entity.put", sitrep.RoleAnalyst, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		id := fmt.Sprintf("test-entity-%d", n)
		return "PUT", "/api/entities/" + id, sitrep.Entity{Name: "Test unit", Kind: sitrep.EntityUnit}, http.StatusOK, "entity.put", id
	}},
	{"site.create", sitrep.RoleAnalyst, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		id := fmt.Sprintf("test-site-%d", n)
		return "POST", "/api/sites", testSite(id), http.StatusCreated, "site.create", id
	}},
	{"site.update", sitrep.RoleAnalyst, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		return "PUT", "/api/sites/tartus-checkpoint", testSite("tartus-checkpoint"), http.StatusOK, "site.update", "tartus-checkpoint"
	}},
	{"site.delete", sitrep.RoleAnalyst, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		id := fmt.Sprintf("test-del-%d", n)
		if err := f.store.PutSite(context.Background(), testSite(id)); err != nil {
			t.Fatal(err)
		}
		return "DELETE", "/api/sites/" + id, nil, http.StatusNoContent, "site.delete", id
	}},
	{"user.create", sitrep.RoleAdmin, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		name := fmt.Sprintf("newuser%d", n)
		return "POST", "/api/users", map[string]string{"name": name, "password": "a long password", "role": "analyst"}, http.StatusCreated, "user.create", name
	}},
	{"user.update", sitrep.RoleAdmin, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		name := fmt.Sprintf("changed%d", n)
		f.addUser(name, sitrep.RoleViewer)
		return "PUT", "/api/users/" + name, map[string]any{"role": "analyst", "disabled": true}, http.StatusOK, "user.update", name
	}},
	{"token.create", sitrep.RoleAdmin, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		return "POST", "/api/tokens", map[string]any{"user": "analyst1", "name": "notebook", "role": "viewer"}, http.StatusCreated, "token.create", ""
	}},
	{"token.revoke", sitrep.RoleAdmin, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		_, tok, err := f.auth.CreateToken(context.Background(), "viewer1", "old", sitrep.RoleViewer, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		return "DELETE", "/api/tokens/" + tok.ID, nil, http.StatusNoContent, "token.revoke", tok.ID
	}},
	{"feed.create", sitrep.RoleAdmin, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		name := fmt.Sprintf("replay-%d", n)
		spec := "file:../testdata/ais/amsa-tag-block.nmea?name=" + name
		return "POST", "/api/feeds", map[string]string{"spec": spec}, http.StatusCreated, "feed.create", name
	}},
	{"feed.delete", sitrep.RoleAdmin, func(t *testing.T, f *fixture, n int) (string, string, any, int, string, string) {
		name := fmt.Sprintf("udp-del-%d", n)
		c, err := feed.ParseSpec("udp:127.0.0.1:0?name=" + name)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.feeds.Start(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		return "DELETE", "/api/feeds/" + name, nil, http.StatusNoContent, "feed.delete", name
	}},
}

// TestWriteAccess checks every write endpoint: no credentials 401, a
// lower role 403, a session without or with a wrong CSRF token 403, the
// required role by bearer token and by session with CSRF succeeds and is
// audited.
func TestWriteAccess(t *testing.T) {
	f := newFixture(t)
	sessions := map[sitrep.Role]*session{}
	for _, role := range []sitrep.Role{sitrep.RoleViewer, sitrep.RoleAnalyst, sitrep.RoleAdmin} {
		sessions[role] = f.login(string(role) + "1")
	}
	n := 0
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) {
			check := func(what string, rq req, status int, code string) {
				t.Helper()
				r := f.do(rq)
				if r.status != status || (code != "" && r.errCode(t) != code) {
					t.Errorf("%s: %s %s: %d %s, want %d %s", what, rq.method, rq.path, r.status, r.body, status, code)
				}
			}
			n++
			method, path, body, _, _, _ := w.make(t, f, n)
			check("no credentials", req{method: method, path: path, body: body}, http.StatusUnauthorized, "unauthorized")
			for _, low := range []sitrep.Role{sitrep.RoleViewer, sitrep.RoleAnalyst} {
				if low.Allows(w.need) {
					continue
				}
				check(string(low)+" token", req{method: method, path: path, body: body, bearer: f.tokens[low]}, http.StatusForbidden, "forbidden")
				check(string(low)+" session", req{method: method, path: path, body: body, session: sessions[low]}, http.StatusForbidden, "forbidden")
			}
			check("session without CSRF", req{method: method, path: path, body: body, session: sessions[w.need], noCSRF: true}, http.StatusForbidden, "forbidden")
			wrong := &session{cookie: sessions[w.need].cookie, csrf: "wrong"}
			check("session with a wrong CSRF token", req{method: method, path: path, body: body, session: wrong}, http.StatusForbidden, "forbidden")
			bad := &session{cookie: &http.Cookie{Name: "sitrep_session", Value: "forged"}, csrf: "x"}
			check("forged session", req{method: method, path: path, body: body, session: bad}, http.StatusUnauthorized, "unauthorized")
			check("bad token", req{method: method, path: path, body: body, bearer: "sitrep_nope_nope"}, http.StatusUnauthorized, "unauthorized")

			// The required role by token, then by session: both succeed
			// and are audited (the token's ID with it).
			actor := string(w.need) + "1"
			n++
			method, path, body, status, action, object := w.make(t, f, n)
			r := f.do(req{method: method, path: path, body: body, bearer: f.tokens[w.need]})
			if r.status != status {
				t.Fatalf("%s token: %s %s: %d %s", w.need, method, path, r.status, r.body)
			}
			if action == "token.create" {
				var nt newToken
				r.json(t, &nt)
				if nt.Secret == "" || nt.Token.ID == "" || strings.Contains(string(r.body), `"hash"`) {
					t.Fatalf("token: %s", r.body)
				}
				object = nt.Token.ID
			}
			es, err := f.store.Audit(context.Background(), sitrep.AuditFilter{Actor: actor, Action: action})
			if err != nil {
				t.Fatal(err)
			}
			if len(es) == 0 || es[0].Object != object || es[0].Token == "" || es[0].Role != w.need || es[0].Remote == "" {
				t.Fatalf("audit after token write: %+v, want %s of %q by %s with a token", es, action, object, actor)
			}
			n++
			method, path, body, status, action, object = w.make(t, f, n)
			r = f.do(req{method: method, path: path, body: body, session: sessions[w.need]})
			if r.status != status {
				t.Fatalf("%s session: %s %s: %d %s", w.need, method, path, r.status, r.body)
			}
			if action == "token.create" {
				var nt newToken
				r.json(t, &nt)
				object = nt.Token.ID
			}
			if !f.audited(actor, action, object) {
				t.Fatalf("no audit entry %s %s by %s after a session write", action, object, actor)
			}
			// An admin may do what an analyst may.
			if w.need == sitrep.RoleAnalyst {
				n++
				method, path, body, status, _, _ = w.make(t, f, n)
				if r := f.do(req{method: method, path: path, body: body, bearer: f.tokens[sitrep.RoleAdmin]}); r.status != status {
					t.Fatalf("admin token: %d %s", r.status, r.body)
				}
			}
		})
	}
}

// TestAdminReads: users, tokens and the audit log are for admins only.
func TestAdminReads(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/api/users", "/api/tokens", "/api/audit"} {
		f.get(path, http.StatusUnauthorized)
		for _, low := range []sitrep.Role{sitrep.RoleViewer, sitrep.RoleAnalyst} {
			if r := f.do(req{path: path, bearer: f.tokens[low]}); r.status != http.StatusForbidden {
				t.Errorf("%s as %s: %d", path, low, r.status)
			}
		}
		if r := f.do(req{path: path, bearer: f.tokens[sitrep.RoleAdmin]}); r.status != http.StatusOK {
			t.Errorf("%s as admin: %d %s", path, r.status, r.body)
		}
	}
	var us list[sitrep.User]
	f.do(req{path: "/api/users", bearer: f.tokens[sitrep.RoleAdmin]}).json(t, &us)
	if len(us.Items) != 3 || strings.Contains(fmt.Sprint(us), "argon2") {
		t.Fatalf("users: %+v", us.Items)
	}
	var ts list[sitrep.Token]
	f.do(req{path: "/api/tokens?user=viewer1", bearer: f.tokens[sitrep.RoleAdmin]}).json(t, &ts)
	if len(ts.Items) != 1 || ts.Items[0].User != "viewer1" {
		t.Fatalf("tokens: %+v", ts.Items)
	}
	// The audit log filters and pages, newest first.
	admin := f.login("admin1")
	for i := range 3 {
		id := fmt.Sprintf("audit-site-%d", i)
		if r := f.do(req{method: "POST", path: "/api/sites", body: testSite(id), session: admin}); r.status != http.StatusCreated {
			t.Fatalf("%d %s", r.status, r.body)
		}
	}
	var a list[sitrep.AuditEntry]
	f.do(req{path: "/api/audit?action=site.&limit=2", bearer: f.tokens[sitrep.RoleAdmin]}).json(t, &a)
	if len(a.Items) != 2 || a.Items[0].Object != "audit-site-2" || a.Next == "" {
		t.Fatalf("audit page 1: %+v next %q", a.Items, a.Next)
	}
	f.do(req{path: "/api/audit?action=site.&limit=2&cursor=" + a.Next, bearer: f.tokens[sitrep.RoleAdmin]}).json(t, &a)
	if len(a.Items) != 1 || a.Items[0].Object != "audit-site-0" || a.Next != "" {
		t.Fatalf("audit page 2: %+v", a.Items)
	}
	f.do(req{path: "/api/audit?actor=admin1&action=user.login", bearer: f.tokens[sitrep.RoleAdmin]}).json(t, &a)
	if len(a.Items) != 1 {
		t.Fatalf("logins: %+v", a.Items)
	}
}

func TestLoginLogoutMe(t *testing.T) {
	f := newFixture(t)
	var me whoami
	f.get("/api/me", http.StatusOK).json(t, &me)
	if me.User != "" || me.Role != sitrep.RoleViewer || me.CSRF != "" {
		t.Fatalf("anonymous me: %+v", me)
	}
	// Wrong password and unknown user: 401, same message.
	r1 := f.do(req{method: "POST", path: "/api/login", body: map[string]string{"name": "analyst1", "password": "wrong password"}})
	r2 := f.do(req{method: "POST", path: "/api/login", body: map[string]string{"name": "nobody", "password": "wrong password"}})
	if r1.status != http.StatusUnauthorized || r2.status != http.StatusUnauthorized || string(r1.body) != string(r2.body) {
		t.Fatalf("bad logins: %d %s / %d %s", r1.status, r1.body, r2.status, r2.body)
	}
	if r := f.do(req{method: "POST", path: "/api/login", body: "{"}); r.status != http.StatusBadRequest {
		t.Fatalf("broken body: %d", r.status)
	}
	s := f.login("analyst1")
	if !s.cookie.HttpOnly || s.cookie.SameSite != http.SameSiteStrictMode || s.cookie.Path != "/" {
		t.Fatalf("cookie flags: %+v", s.cookie)
	}
	f.do(req{path: "/api/me", session: s}).json(t, &me)
	if me.User != "analyst1" || me.Role != sitrep.RoleAnalyst || me.CSRF != s.csrf {
		t.Fatalf("me: %+v", me)
	}
	me = whoami{}
	f.do(req{path: "/api/me", bearer: f.tokens[sitrep.RoleAdmin]}).json(t, &me)
	if me.User != "admin1" || me.Role != sitrep.RoleAdmin || me.CSRF != "" {
		t.Fatalf("me by token: %+v", me)
	}
	if r := f.do(req{method: "POST", path: "/api/logout", session: s, noCSRF: true}); r.status != http.StatusForbidden {
		t.Fatalf("logout without CSRF: %d", r.status)
	}
	r := f.do(req{method: "POST", path: "/api/logout", session: s})
	if r.status != http.StatusNoContent || !strings.Contains(r.header.Get("Set-Cookie"), "sitrep_session=;") {
		t.Fatalf("logout: %d %v", r.status, r.header)
	}
	// The session is gone: its cookie authenticates nobody.
	if r := f.do(req{path: "/api/me", session: s}); r.status != http.StatusUnauthorized {
		t.Fatalf("me after logout: %d %s", r.status, r.body)
	}
	if !f.audited("analyst1", "user.logout", "analyst1") || !f.audited("analyst1", "user.login", "analyst1") {
		t.Fatal("login/logout not audited")
	}
}

func TestAnonymousReadOff(t *testing.T) {
	f := newFixture(t)
	f.auth.AnonymousRead = false
	for _, path := range []string{"/api/live", "/api/vessels", "/api/me", "/api/stream"} {
		if c := f.get(path, http.StatusUnauthorized).errCode(t); c != "unauthorized" {
			t.Fatal(c)
		}
	}
	if r := f.do(req{path: "/api/vessels", bearer: f.tokens[sitrep.RoleViewer]}); r.status != http.StatusOK {
		t.Fatalf("viewer token: %d", r.status)
	}
	// Service endpoints stay open.
	f.get("/healthz", http.StatusOK)
	f.get("/api/config", http.StatusOK)
}

func TestWriteErrors(t *testing.T) {
	f := newFixture(t)
	tok := f.tokens[sitrep.RoleAdmin]
	cases := []struct {
		method, path string
		body         any
		status       int
		in           string // the message must contain this
	}{
		{"POST", "/api/reports", "{not json", 400, "invalid JSON"},
		{"POST", "/api/reports", `{"id": 5}`, 400, "field id"},
		{"POST", "/api/reports", "", 400, "empty"},
		{"POST", "/api/reports", `{} {}`, 400, "more than one"},
		{"POST", "/api/reports", sitrep.Report{ID: "x"}, 400, ""},
		{"POST", "/api/reports", `{"id":"` + strings.Repeat("a", MaxBody) + `"}`, 413, "bytes"},
		{"PUT", "/api/reports/trt-convoy-turned-back", map[string]any{"id": "other"}, 400, "differs"},
		{"PUT", "/api/reports/trt-convoy-turned-back", map[string]any{"title": "x"}, 400, "version"},
		{"POST", "/api/sources", sitrep.Source{ID: "trt", Name: "x", Kind: "outlet", Reliability: "A"}, 409, "exists"},
		{"POST", "/api/sources", sitrep.Source{ID: "new", Name: "x", Kind: "blog", Reliability: "A"}, 400, "kind"},
		{"POST", "/api/sites", testSite("tartus-naval-base"), 409, "exists"},
		{"POST", "/api/sites", sitrep.Site{ID: "Bad ID"}, 400, ""},
		{"DELETE", "/api/sites/tartus-naval-base", nil, 404, "catalogue"},
		{"PUT", "/api/users/nobody", map[string]any{"role": "admin"}, 404, "nobody"},
		{"POST", "/api/users", map[string]any{"name": "x1", "password": "short", "role": "viewer"}, 400, ""},
		{"POST", "/api/tokens", map[string]any{"user": "viewer1", "role": "admin"}, 400, ""},
		{"DELETE", "/api/tokens/nope", nil, 404, ""},
		{"DELETE", "/api/vessels", nil, 404, "no endpoint"},
		{"POST", "/api/feeds", map[string]string{"spec": "carrier-pigeon:x"}, 400, "carrier-pigeon"},
		{"POST", "/api/feeds", map[string]string{"spec": "udp:127.0.0.1:0?name=dup"}, 201, "dup"},
		{"POST", "/api/feeds", map[string]string{"spec": "udp:127.0.0.1:0?name=dup"}, 409, "dup"},
		{"DELETE", "/api/feeds/nope", nil, 404, "nope"},
		{"POST", "/", nil, 405, "not allowed"},
	}
	for _, c := range cases {
		r := f.do(req{method: c.method, path: c.path, body: c.body, bearer: tok})
		if r.status != c.status || !strings.Contains(string(r.body), c.in) {
			t.Errorf("%s %s: %d %.300s, want %d with %q", c.method, c.path, r.status, r.body, c.status, c.in)
		}
		if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
			t.Errorf("%s %s: content type %q", c.method, c.path, r.header.Get("Content-Type"))
		}
	}
	// A stale version is a conflict and stores nothing.
	rep := baseReport(t, f, "stale-test")
	var created sitrep.Report
	f.do(req{method: "POST", path: "/api/reports", body: rep, bearer: tok}).json(t, &created)
	edit := created
	edit.Title = "first edit"
	if r := f.do(req{method: "PUT", path: "/api/reports/stale-test", body: edit, bearer: tok}); r.status != http.StatusOK {
		t.Fatalf("edit: %d %s", r.status, r.body)
	}
	edit.Title = "stale edit"
	if r := f.do(req{method: "PUT", path: "/api/reports/stale-test", body: edit, bearer: tok}); r.status != http.StatusConflict {
		t.Fatalf("stale edit: %d %s", r.status, r.body)
	}
	got, err := f.store.Report(context.Background(), "stale-test")
	if err != nil || got.Version != 2 || got.Title != "first edit" || got.Change.By != "admin1" {
		t.Fatalf("after the stale edit: %+v %v", got, err)
	}
	_ = auth.CSRFHeader
}

// TestLoginOverTLS: over TLS the session cookie is Secure even without
// SecureCookies.
func TestLoginOverTLS(t *testing.T) {
	f := newFixture(t)
	h := f.srv.Config.Handler
	tls := httptest.NewTLSServer(h)
	defer tls.Close()
	res, err := tls.Client().Post(tls.URL+"/api/login", "application/json", strings.NewReader(`{"name":"viewer1","password":"`+password+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	cs := res.Cookies()
	if res.StatusCode != http.StatusOK || len(cs) != 1 || !cs[0].Secure || !cs[0].HttpOnly {
		t.Fatalf("%d %+v", res.StatusCode, cs)
	}
}

// TestInternalError: a failing store gives 500 with a generic message;
// the cause stays in the log.
func TestInternalError(t *testing.T) {
	f := newFixture(t)
	f.store.Close()
	r := f.get("/api/vessels", http.StatusInternalServerError)
	var e errorBody
	r.json(t, &e)
	if e.Error.Code != sitrep.EINTERNAL || e.Error.Message != "internal error" {
		t.Fatalf("%s", r.body)
	}
}
