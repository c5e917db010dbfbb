package storetest

import (
	"crypto/sha256"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// UserOpenFunc opens the user store kept in dir, like OpenFunc. When the
// store is an io.Closer the suite closes it.
type UserOpenFunc func(t *testing.T, dir string) sitrep.UserStore

// RunUsers runs the contract suite of sitrep.UserStore against the stores
// open makes, each subtest in a fresh t.TempDir(). Names, hashes and
// secrets are made up for the test.
func RunUsers(t *testing.T, open UserOpenFunc) {
	tests := []struct {
		name string
		fn   func(*testing.T, *userHarness)
	}{
		{"Users", testUsers},
		{"UserErrors", testUserErrors},
		{"Tokens", testTokens},
		{"TokenErrors", testTokenErrors},
		{"TokenOfDisabledUser", testTokenDisabledUser},
		{"Sessions", testSessions},
		{"Audit", testAudit},
		{"Persist", testUsersPersist},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, &userHarness{t: t, open: open, dir: t.TempDir()})
		})
	}
}

type userHarness struct {
	t    *testing.T
	open UserOpenFunc
	dir  string
}

// store opens the store; the returned function closes it (also at the end
// of the test).
func (h *userHarness) store() (sitrep.UserStore, func()) {
	s := h.open(h.t, h.dir)
	return s, closeOnce(h.t, s)
}

// u0 is the user suite's reference time, on a whole second (stores may keep
// times to the millisecond).
var u0 = time.Date(2025, 2, 11, 8, 0, 0, 0, time.UTC)

func digest(s string) []byte {
	d := sha256.Sum256([]byte(s))
	return d[:]
}

func mustPutUser(t *testing.T, s sitrep.UserStore, u sitrep.User) {
	t.Helper()
	if err := s.PutUser(t.Context(), u); err != nil {
		t.Fatalf("PutUser(%s): %v", u.Name, err)
	}
}

func mustPutToken(t *testing.T, s sitrep.UserStore, tok sitrep.Token) {
	t.Helper()
	if err := s.PutToken(t.Context(), tok); err != nil {
		t.Fatalf("PutToken(%s): %v", tok.ID, err)
	}
}

func testUsers(t *testing.T, h *userHarness) {
	s, _ := h.store()
	ctx := t.Context()
	bob := sitrep.User{Name: "bob", Role: sitrep.RoleAnalyst, PasswordHash: "$argon2id$made-up", Created: u0}
	alice := sitrep.User{Name: "alice", Role: sitrep.RoleAdmin, PasswordHash: "$argon2id$other", Created: u0.Add(time.Hour)}
	mustPutUser(t, s, bob)
	mustPutUser(t, s, alice)
	got, err := s.User(ctx, "bob")
	if err != nil {
		t.Fatalf("User(bob): %v", err)
	}
	if !reflect.DeepEqual(got, bob) {
		t.Errorf("User(bob) = %+v, want %+v", got, bob)
	}
	// Replace: role, hash and disabled change.
	bob2 := bob
	bob2.Role, bob2.PasswordHash, bob2.Disabled = sitrep.RoleViewer, "$argon2id$new", true
	mustPutUser(t, s, bob2)
	if got, _ := s.User(ctx, "bob"); !reflect.DeepEqual(got, bob2) {
		t.Errorf("after replace User(bob) = %+v, want %+v", got, bob2)
	}
	us, err := s.Users(ctx)
	if err != nil {
		t.Fatalf("Users: %v", err)
	}
	if len(us) != 2 || us[0].Name != "alice" || us[1].Name != "bob" {
		t.Errorf("Users = %+v, want alice, bob", us)
	}
	_, err = s.User(ctx, "carol")
	wantCode(t, "User(carol)", err, sitrep.ENOTFOUND)
}

func testUserErrors(t *testing.T, h *userHarness) {
	s, _ := h.store()
	ctx := t.Context()
	for _, u := range []sitrep.User{
		{Name: "", Role: sitrep.RoleViewer, Created: u0},
		{Name: "Bob", Role: sitrep.RoleViewer, Created: u0},
		{Name: "bob smith", Role: sitrep.RoleViewer, Created: u0},
		{Name: "bob", Role: "root", Created: u0},
		{Name: "bob", Role: "", Created: u0},
	} {
		wantCode(t, "PutUser("+u.Name+","+string(u.Role)+")", s.PutUser(ctx, u), sitrep.EINVALID)
	}
	if us, err := s.Users(ctx); err != nil || len(us) != 0 {
		t.Errorf("Users after rejected puts = %v, %v; want none", us, err)
	}
}

func testTokens(t *testing.T, h *userHarness) {
	s, _ := h.store()
	ctx := t.Context()
	mustPutUser(t, s, sitrep.User{Name: "bob", Role: sitrep.RoleAnalyst, Created: u0})
	mustPutUser(t, s, sitrep.User{Name: "alice", Role: sitrep.RoleAdmin, Created: u0})
	tb := sitrep.Token{ID: "tb", User: "bob", Name: "notebook", Role: sitrep.RoleViewer, Hash: digest("secret-b"), Created: u0, Expires: u0.Add(720 * time.Hour)}
	ta := sitrep.Token{ID: "ta", User: "alice", Name: "ingest box", Role: sitrep.RoleAdmin, Hash: digest("secret-a"), Created: u0}
	tc := sitrep.Token{ID: "tc", User: "bob", Role: sitrep.RoleAnalyst, Hash: digest("secret-c"), Created: u0.Add(time.Minute)}
	mustPutToken(t, s, tb)
	mustPutToken(t, s, ta)
	mustPutToken(t, s, tc)

	got, err := s.TokenByHash(ctx, digest("secret-b"))
	if err != nil {
		t.Fatalf("TokenByHash(b): %v", err)
	}
	if !reflect.DeepEqual(got, tb) {
		t.Errorf("TokenByHash(b) = %+v, want %+v", got, tb)
	}
	if got, _ := s.TokenByHash(ctx, digest("secret-a")); !got.Expires.IsZero() || !got.LastUsed.IsZero() {
		t.Errorf("token without expiry came back with Expires %v LastUsed %v", got.Expires, got.LastUsed)
	}
	_, err = s.TokenByHash(ctx, digest("secret-x"))
	wantCode(t, "TokenByHash(unknown)", err, sitrep.ENOTFOUND)

	ids := func(user string) []string {
		ts, err := s.Tokens(ctx, user)
		if err != nil {
			t.Fatalf("Tokens(%q): %v", user, err)
		}
		out := []string{}
		for _, t := range ts {
			out = append(out, t.ID)
		}
		return out
	}
	if got := ids(""); !reflect.DeepEqual(got, []string{"ta", "tb", "tc"}) {
		t.Errorf("Tokens(all) = %v", got)
	}
	if got := ids("bob"); !reflect.DeepEqual(got, []string{"tb", "tc"}) {
		t.Errorf("Tokens(bob) = %v", got)
	}
	if got := ids("carol"); len(got) != 0 {
		t.Errorf("Tokens(carol) = %v, want none", got)
	}

	used := u0.Add(3 * time.Hour)
	if err := s.TouchToken(ctx, "tc", used); err != nil {
		t.Fatalf("TouchToken: %v", err)
	}
	if got, _ := s.TokenByHash(ctx, digest("secret-c")); !got.LastUsed.Equal(used) {
		t.Errorf("LastUsed after TouchToken = %v, want %v", got.LastUsed, used)
	}
	wantCode(t, "TouchToken(missing)", s.TouchToken(ctx, "nope", used), sitrep.ENOTFOUND)

	// Replace by ID: a new name and role.
	tb2 := tb
	tb2.Name, tb2.Role = "renamed", sitrep.RoleAnalyst
	mustPutToken(t, s, tb2)
	if got, _ := s.TokenByHash(ctx, tb.Hash); !reflect.DeepEqual(got, tb2) {
		t.Errorf("after replace = %+v, want %+v", got, tb2)
	}

	if err := s.DeleteToken(ctx, "tb"); err != nil {
		t.Fatalf("DeleteToken: %v", err)
	}
	_, err = s.TokenByHash(ctx, tb.Hash)
	wantCode(t, "TokenByHash(revoked)", err, sitrep.ENOTFOUND)
	wantCode(t, "DeleteToken(again)", s.DeleteToken(ctx, "tb"), sitrep.ENOTFOUND)
	if got := ids("bob"); !reflect.DeepEqual(got, []string{"tc"}) {
		t.Errorf("Tokens(bob) after revoke = %v", got)
	}
}

func testTokenErrors(t *testing.T, h *userHarness) {
	s, _ := h.store()
	ctx := t.Context()
	mustPutUser(t, s, sitrep.User{Name: "bob", Role: sitrep.RoleAnalyst, Created: u0})
	ok := sitrep.Token{ID: "t1", User: "bob", Role: sitrep.RoleViewer, Hash: digest("s1"), Created: u0}
	bad := func(f func(*sitrep.Token)) sitrep.Token { tok := ok; f(&tok); return tok }
	for name, tok := range map[string]sitrep.Token{
		"no ID":      bad(func(t *sitrep.Token) { t.ID = "" }),
		"bad role":   bad(func(t *sitrep.Token) { t.Role = "root" }),
		"no role":    bad(func(t *sitrep.Token) { t.Role = "" }),
		"short hash": bad(func(t *sitrep.Token) { t.Hash = []byte("secret") }),
		"no hash":    bad(func(t *sitrep.Token) { t.Hash = nil }),
	} {
		wantCode(t, "PutToken("+name+")", s.PutToken(ctx, tok), sitrep.EINVALID)
	}
	wantCode(t, "PutToken(unknown user)", s.PutToken(ctx, bad(func(t *sitrep.Token) { t.User = "carol" })), sitrep.ENOTFOUND)
	if ts, err := s.Tokens(ctx, ""); err != nil || len(ts) != 0 {
		t.Errorf("Tokens after rejected puts = %v, %v; want none", ts, err)
	}
}

// testTokenDisabledUser: the store returns a disabled user's token as is;
// refusing it is the caller's policy.
func testTokenDisabledUser(t *testing.T, h *userHarness) {
	s, _ := h.store()
	ctx := t.Context()
	u := sitrep.User{Name: "bob", Role: sitrep.RoleAnalyst, Created: u0}
	mustPutUser(t, s, u)
	tok := sitrep.Token{ID: "t1", User: "bob", Role: sitrep.RoleAnalyst, Hash: digest("s1"), Created: u0}
	mustPutToken(t, s, tok)
	u.Disabled = true
	mustPutUser(t, s, u) // replacing the user keeps its tokens
	got, err := s.TokenByHash(ctx, tok.Hash)
	if err != nil {
		t.Fatalf("TokenByHash of a disabled user's token: %v", err)
	}
	if got.ID != "t1" || got.User != "bob" {
		t.Errorf("got %+v", got)
	}
	if u, _ := s.User(ctx, "bob"); !u.Disabled {
		t.Error("user not disabled")
	}
}

func testSessions(t *testing.T, h *userHarness) {
	s, _ := h.store()
	ctx := t.Context()
	mustPutUser(t, s, sitrep.User{Name: "bob", Role: sitrep.RoleAnalyst, Created: u0})
	live := sitrep.Session{Hash: digest("live"), User: "bob", CSRF: "csrf-live", Created: u0, Expires: u0.Add(12 * time.Hour)}
	old := sitrep.Session{Hash: digest("old"), User: "bob", CSRF: "csrf-old", Created: u0.Add(-24 * time.Hour), Expires: u0.Add(-12 * time.Hour)}
	edge := sitrep.Session{Hash: digest("edge"), User: "bob", CSRF: "csrf-edge", Created: u0.Add(-12 * time.Hour), Expires: u0}
	for _, se := range []sitrep.Session{live, old, edge} {
		if err := s.PutSession(ctx, se); err != nil {
			t.Fatalf("PutSession: %v", err)
		}
	}
	got, err := s.SessionByHash(ctx, live.Hash)
	if err != nil {
		t.Fatalf("SessionByHash: %v", err)
	}
	if !reflect.DeepEqual(got, live) {
		t.Errorf("SessionByHash = %+v, want %+v", got, live)
	}
	// Expired sessions are still returned; the caller checks Expires.
	if got, err := s.SessionByHash(ctx, old.Hash); err != nil || !got.Expires.Equal(old.Expires) {
		t.Errorf("SessionByHash(expired) = %+v, %v", got, err)
	}
	_, err = s.SessionByHash(ctx, digest("unknown"))
	wantCode(t, "SessionByHash(unknown)", err, sitrep.ENOTFOUND)
	wantCode(t, "PutSession(unknown user)", s.PutSession(ctx, sitrep.Session{Hash: digest("x"), User: "carol", CSRF: "c", Created: u0, Expires: u0.Add(time.Hour)}), sitrep.ENOTFOUND)
	wantCode(t, "PutSession(short hash)", s.PutSession(ctx, sitrep.Session{Hash: []byte("x"), User: "bob", CSRF: "c", Created: u0, Expires: u0.Add(time.Hour)}), sitrep.EINVALID)

	// Expired before u0: only old (edge expires exactly at u0).
	n, err := s.DeleteExpiredSessions(ctx, u0)
	if err != nil || n != 1 {
		t.Errorf("DeleteExpiredSessions(u0) = %d, %v; want 1", n, err)
	}
	_, err = s.SessionByHash(ctx, old.Hash)
	wantCode(t, "SessionByHash(deleted expired)", err, sitrep.ENOTFOUND)
	if _, err := s.SessionByHash(ctx, edge.Hash); err != nil {
		t.Errorf("session expiring exactly at now was deleted: %v", err)
	}
	n, err = s.DeleteExpiredSessions(ctx, u0.Add(time.Millisecond))
	if err != nil || n != 1 {
		t.Errorf("DeleteExpiredSessions(u0+1ms) = %d, %v; want 1", n, err)
	}

	// All of one user's sessions, not another's.
	mustPutUser(t, s, sitrep.User{Name: "alice", Role: sitrep.RoleAdmin, Created: u0})
	for i, user := range []string{"bob", "alice", "bob"} {
		se := sitrep.Session{Hash: digest("u" + string(rune('0'+i))), User: user, CSRF: "c", Created: u0, Expires: u0.Add(time.Hour)}
		if err := s.PutSession(ctx, se); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.DeleteUserSessions(ctx, "bob"); err != nil || n != 3 { // u0, u2 and live
		t.Errorf("DeleteUserSessions(bob) = %d, %v; want 3", n, err)
	}
	if _, err := s.SessionByHash(ctx, digest("u1")); err != nil {
		t.Errorf("alice's session went with bob's: %v", err)
	}
	if n, err := s.DeleteUserSessions(ctx, "nobody"); err != nil || n != 0 {
		t.Errorf("DeleteUserSessions(nobody) = %d, %v", n, err)
	}

	mustPutSession := func(se sitrep.Session) {
		t.Helper()
		if err := s.PutSession(ctx, se); err != nil {
			t.Fatal(err)
		}
	}
	mustPutSession(live)
	if err := s.DeleteSession(ctx, live.Hash); err != nil {
		t.Fatalf("DeleteSession: %v", err)
	}
	_, err = s.SessionByHash(ctx, live.Hash)
	wantCode(t, "SessionByHash(logged out)", err, sitrep.ENOTFOUND)
	if err := s.DeleteSession(ctx, live.Hash); err != nil {
		t.Errorf("DeleteSession(missing) = %v, want nil", err)
	}
}

func testAudit(t *testing.T, h *userHarness) {
	s, _ := h.store()
	ctx := t.Context()
	add := func(e sitrep.AuditEntry) {
		t.Helper()
		if err := s.AddAudit(ctx, e); err != nil {
			t.Fatalf("AddAudit(%s): %v", e.Action, err)
		}
	}
	add(sitrep.AuditEntry{Time: u0, Actor: "bob", Role: sitrep.RoleAnalyst, Action: "report.create", Object: "r1", Detail: "Sparta at Tartus", Remote: "127.0.0.1:5000"})
	add(sitrep.AuditEntry{Time: u0.Add(time.Minute), Actor: "bob", Token: "tk1", Role: sitrep.RoleAnalyst, Action: "report.update", Object: "r1"})
	add(sitrep.AuditEntry{Time: u0.Add(2 * time.Minute), Actor: "alice", Role: sitrep.RoleAdmin, Action: "user.create", Object: "carol"})
	add(sitrep.AuditEntry{Time: u0.Add(2 * time.Minute), Actor: "alice", Role: sitrep.RoleAdmin, Action: "reports.import", Object: "x"})
	add(sitrep.AuditEntry{Time: u0.Add(-time.Hour), Actor: "bob", Role: sitrep.RoleAnalyst, Action: "report", Object: "early"})

	all, err := s.Audit(ctx, sitrep.AuditFilter{})
	if err != nil {
		t.Fatalf("Audit: %v", err)
	}
	// Newest first; of two at the same time, the later added first.
	var objs []string
	for _, e := range all {
		objs = append(objs, e.Object)
	}
	if want := []string{"x", "carol", "r1", "r1", "early"}; !reflect.DeepEqual(objs, want) {
		t.Fatalf("Audit objects = %v, want %v", objs, want)
	}
	seen := map[int64]bool{}
	for _, e := range all {
		if e.ID == 0 || seen[e.ID] {
			t.Errorf("entry %+v: ID missing or repeated", e)
		}
		seen[e.ID] = true
	}
	if all[0].ID <= all[1].ID {
		t.Errorf("IDs not increasing with insertion: %d then %d", all[1].ID, all[0].ID)
	}
	want := sitrep.AuditEntry{ID: all[3].ID, Time: u0, Actor: "bob", Role: sitrep.RoleAnalyst, Action: "report.create", Object: "r1", Detail: "Sparta at Tartus", Remote: "127.0.0.1:5000"}
	if !reflect.DeepEqual(all[3], want) {
		t.Errorf("entry = %+v, want %+v", all[3], want)
	}
	if all[2].Token != "tk1" {
		t.Errorf("token ID = %q, want tk1", all[2].Token)
	}

	count := func(f sitrep.AuditFilter) []string {
		t.Helper()
		es, err := s.Audit(ctx, f)
		if err != nil {
			t.Fatalf("Audit(%+v): %v", f, err)
		}
		var out []string
		for _, e := range es {
			out = append(out, e.Action)
		}
		return out
	}
	for _, c := range []struct {
		f    sitrep.AuditFilter
		want []string
	}{
		{sitrep.AuditFilter{Actor: "alice"}, []string{"reports.import", "user.create"}},
		{sitrep.AuditFilter{Action: "report.create"}, []string{"report.create"}},
		{sitrep.AuditFilter{Action: "report."}, []string{"report.update", "report.create"}},
		{sitrep.AuditFilter{Action: "report"}, []string{"report"}},
		{sitrep.AuditFilter{Action: "user."}, []string{"user.create"}},
		{sitrep.AuditFilter{Action: "nothing."}, nil},
		{sitrep.AuditFilter{Actor: "bob", Action: "report."}, []string{"report.update", "report.create"}},
		{sitrep.AuditFilter{Range: sitrep.TimeRange{From: u0, To: u0.Add(2 * time.Minute)}}, []string{"report.update", "report.create"}},
		{sitrep.AuditFilter{Range: sitrep.TimeRange{From: u0.Add(2 * time.Minute)}}, []string{"reports.import", "user.create"}},
		{sitrep.AuditFilter{Range: sitrep.TimeRange{To: u0}}, []string{"report"}},
		{sitrep.AuditFilter{Limit: 2}, []string{"reports.import", "user.create"}},
		{sitrep.AuditFilter{Actor: "bob", Limit: 1}, []string{"report.update"}},
	} {
		if got := count(c.f); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Audit(%+v) = %v, want %v", c.f, got, c.want)
		}
	}

	// A zero Time is set by the store.
	add(sitrep.AuditEntry{Actor: "bob", Role: sitrep.RoleAnalyst, Action: "site.delete", Object: "s1"})
	es := count(sitrep.AuditFilter{Action: "site.delete"})
	if len(es) != 1 {
		t.Fatalf("site.delete entries = %v", es)
	}
	if got, _ := s.Audit(ctx, sitrep.AuditFilter{Action: "site.delete"}); got[0].Time.IsZero() {
		t.Error("store left Time zero")
	}

	for name, e := range map[string]sitrep.AuditEntry{
		"no action": {Actor: "bob", Role: sitrep.RoleAnalyst},
		"no actor":  {Role: sitrep.RoleAnalyst, Action: "x.y"},
		"bad role":  {Actor: "bob", Role: "root", Action: "x.y"},
	} {
		wantCode(t, "AddAudit("+name+")", s.AddAudit(ctx, e), sitrep.EINVALID)
	}
}

func testUsersPersist(t *testing.T, h *userHarness) {
	s, closeFn := h.store()
	ctx := t.Context()
	mustPutUser(t, s, sitrep.User{Name: "bob", Role: sitrep.RoleAnalyst, PasswordHash: "h", Created: u0})
	mustPutToken(t, s, sitrep.Token{ID: "t1", User: "bob", Role: sitrep.RoleViewer, Hash: digest("s1"), Created: u0})
	if err := s.PutSession(ctx, sitrep.Session{Hash: digest("se"), User: "bob", CSRF: "c", Created: u0, Expires: u0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddAudit(ctx, sitrep.AuditEntry{Time: u0, Actor: "bob", Role: sitrep.RoleAnalyst, Action: "report.create"}); err != nil {
		t.Fatal(err)
	}
	closeFn()
	s, _ = h.store()
	if u, err := s.User(ctx, "bob"); err != nil || u.PasswordHash != "h" {
		t.Errorf("user after reopen = %+v, %v", u, err)
	}
	if tok, err := s.TokenByHash(ctx, digest("s1")); err != nil || tok.ID != "t1" {
		t.Errorf("token after reopen = %+v, %v", tok, err)
	}
	if se, err := s.SessionByHash(ctx, digest("se")); err != nil || se.CSRF != "c" {
		t.Errorf("session after reopen = %+v, %v", se, err)
	}
	if es, err := s.Audit(ctx, sitrep.AuditFilter{}); err != nil || len(es) != 1 {
		t.Errorf("audit after reopen = %+v, %v", es, err)
	}
}
