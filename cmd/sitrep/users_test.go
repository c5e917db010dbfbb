package main

import (
	"encoding/json"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/auth"
	"github.com/sitrep-osint/sitrep/sqlite"
)

var shownPassword = regexp.MustCompile(`password for (\S+) \(shown once\): (\S+)`)

// withStore opens the data directory after a command ran, for checks
// through the real store and Authenticator.
func withStore(t *testing.T, dir string, fn func(*sqlite.Store, *auth.Authenticator)) {
	t.Helper()
	s, err := sqlite.Open(t.Context(), dir, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fn(s, &auth.Authenticator{Store: s})
}

func TestUsersInitAdminAndAdd(t *testing.T) {
	t.Setenv("USER", "tester")
	dir := t.TempDir()
	out, msg, err := run(t, "", "users", "init-admin", "--data", dir)
	if err != nil {
		t.Fatalf("init-admin: %v\n%s", err, msg)
	}
	m := shownPassword.FindStringSubmatch(out)
	if m == nil || m[1] != "admin" || len(m[2]) < 20 {
		t.Fatalf("init-admin output %q", out)
	}
	adminPW := m[2]
	if _, _, err := run(t, "", "users", "init-admin", "--data", dir, "boss"); err == nil || !strings.Contains(err.Error(), "an admin exists already (admin)") {
		t.Errorf("second init-admin: %v", err)
	}

	// A generated password and one from standard input.
	out, _, err = run(t, "", "users", "add", "--data", dir, "ana", "--role", "analyst")
	if err != nil {
		t.Fatal(err)
	}
	m = shownPassword.FindStringSubmatch(out)
	if m == nil || m[1] != "ana" || m[2] == adminPW {
		t.Fatalf("add output %q", out)
	}
	anaPW := m[2]
	out, _, err = run(t, "vic's own password\n", "users", "add", "--data", dir, "vic", "--password-stdin")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "password") {
		t.Errorf("a password read from stdin was printed: %q", out)
	}

	for _, c := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"", []string{"users", "add", "ana"}, "user ana exists"},
		{"short\n", []string{"users", "add", "bob", "--password-stdin"}, "at least 8 characters"},
		{"", []string{"users", "add", "bob", "--password-stdin"}, "no password on standard input"},
		{"", []string{"users", "add", "Bob"}, "must be a slug"},
		{"", []string{"users", "add", "bob", "--role", "root"}, "must be viewer, analyst or admin"},
		{strings.Repeat("x", 2000), []string{"users", "add", "bob", "--password-stdin"}, "longer than 1024 bytes"},
	} {
		_, _, err := run(t, c.stdin, append(c.args, "--data", dir)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}

	withStore(t, dir, func(s *sqlite.Store, a *auth.Authenticator) {
		for _, c := range []struct{ name, pw string }{{"admin", adminPW}, {"ana", anaPW}, {"vic", "vic's own password"}} {
			_, p, err := a.Login(t.Context(), c.name, c.pw, "192.0.2.1")
			if err != nil {
				t.Errorf("login %s with the printed password: %v", c.name, err)
			}
			if c.name == "vic" && p.Role != sitrep.RoleViewer {
				t.Errorf("default role %s, want viewer", p.Role)
			}
		}
	})

	out, _, err = run(t, "", "users", "list", "--data", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"NAME", "admin  admin", "ana    analyst  enabled", "vic    viewer"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	out, _, err = run(t, "", "users", "list", "--data", dir, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var us []sitrep.User
	if err := json.Unmarshal([]byte(out), &us); err != nil || len(us) != 3 {
		t.Fatalf("list json: %v\n%s", err, out)
	}
	if strings.Contains(out, "argon2") || strings.Contains(out, anaPW) {
		t.Errorf("list shows a password or its hash:\n%s", out)
	}

	// The audit log names the CLI user.
	out, _, err = run(t, "", "audit", "--data", dir, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var es []sitrep.AuditEntry
	if err := json.Unmarshal([]byte(out), &es); err != nil || len(es) != 3 {
		t.Fatalf("audit: %v\n%s", err, out)
	}
	if es[2].Actor != "cli:tester" || es[2].Action != "user.create" || es[2].Object != "admin" || es[2].Role != sitrep.RoleAdmin || es[2].Remote != "local" {
		t.Errorf("first audit entry %+v", es[2])
	}
	for _, pw := range []string{adminPW, anaPW, "vic's own password"} {
		if strings.Contains(out, pw) {
			t.Error("a password is in the audit log")
		}
	}
}

func TestUsersSet(t *testing.T) {
	t.Setenv("USER", "tester")
	dir := t.TempDir()
	if _, _, err := run(t, "", "users", "init-admin", "--data", dir, "root"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, "first password\n", "users", "add", "--data", dir, "ana", "--role", "analyst", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, "second password\n", "users", "set", "--data", dir, "ana", "--role", "viewer", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	withStore(t, dir, func(s *sqlite.Store, a *auth.Authenticator) {
		if _, _, err := a.Login(t.Context(), "ana", "first password", "192.0.2.1"); err == nil {
			t.Error("old password still works")
		}
		_, p, err := a.Login(t.Context(), "ana", "second password", "192.0.2.1")
		if err != nil || p.Role != sitrep.RoleViewer {
			t.Errorf("after set: %+v, %v", p, err)
		}
	})
	if _, _, err := run(t, "", "users", "set", "--data", dir, "ana", "--disable"); err != nil {
		t.Fatal(err)
	}
	out, _, _ := run(t, "", "users", "list", "--data", dir)
	if !strings.Contains(out, "ana   viewer  disabled") {
		t.Errorf("list after disable:\n%s", out)
	}
	withStore(t, dir, func(s *sqlite.Store, a *auth.Authenticator) {
		if _, _, err := a.Login(t.Context(), "ana", "second password", "192.0.2.2"); sitrep.ErrorCode(err) != sitrep.EUNAUTHORIZED {
			t.Errorf("disabled user logged in: %v", err)
		}
	})
	if _, _, err := run(t, "", "users", "set", "--data", dir, "ana", "--enable"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"users", "set", "ana"}, "nothing to change"},
		{[]string{"users", "set", "ana", "--disable", "--enable"}, "none of the others can be"},
		{[]string{"users", "set", "nobody", "--role", "viewer"}, `no user "nobody"`},
		{[]string{"users", "set", "root", "--role", "analyst"}, "last enabled admin"},
		{[]string{"users", "set", "root", "--disable"}, "last enabled admin"},
	} {
		_, _, err := run(t, "", append(c.args, "--data", dir)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}
	out, _, err := run(t, "", "audit", "--data", dir, "--action", "user.update")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"cli:tester", "role viewer; password changed", "disabled true", "disabled false"} {
		if !strings.Contains(out, want) {
			t.Errorf("audit lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "second password") {
		t.Error("password in the audit log")
	}
}

func TestTokensCLI(t *testing.T) {
	t.Setenv("USER", "tester")
	dir := t.TempDir()
	if _, _, err := run(t, "ana's password\n", "users", "add", "--data", dir, "ana", "--role", "analyst", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	out, msg, err := run(t, "", "tokens", "create", "--data", dir, "--user", "ana", "--name", "notebook", "--role", "viewer")
	if err != nil {
		t.Fatalf("create: %v\n%s", err, msg)
	}
	secret := strings.TrimSpace(out)
	id, ok := auth.ParseTokenSecret(secret)
	if !ok {
		t.Fatalf("stdout %q is not just a token secret", out)
	}
	if !strings.Contains(msg, "token "+id+" for ana (viewer, expires ") {
		t.Errorf("create message %q", msg)
	}
	never, _, err := run(t, "", "tokens", "create", "--data", dir, "--user", "ana", "--name", "feeder", "--expires", "0")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"tokens", "create", "--user", "ana", "--name", "x", "--role", "admin"}, "exceeds ana's role analyst"},
		{[]string{"tokens", "create", "--user", "nobody", "--name", "x"}, `no user "nobody"`},
		{[]string{"tokens", "create", "--user", "ana"}, `required flag(s) "name" not set`},
		{[]string{"tokens", "create", "--user", "ana", "--name", "x", "--expires", "-1h"}, "must not be negative"},
	} {
		_, _, err := run(t, "", append(c.args, "--data", dir)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}

	// The printed secret authenticates, as a viewer.
	withStore(t, dir, func(s *sqlite.Store, a *auth.Authenticator) {
		r := httptest.NewRequest("GET", "/api/vessels", nil)
		r.Header.Set("Authorization", "Bearer "+secret)
		p, err := a.Authenticate(r)
		if err != nil || p.User != "ana" || p.Role != sitrep.RoleViewer || p.TokenID != id {
			t.Errorf("Authenticate with the printed secret: %+v, %v", p, err)
		}
	})

	out, _, err = run(t, "", "tokens", "list", "--data", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, id) || !strings.Contains(out, "notebook") || !strings.Contains(out, "never") {
		t.Errorf("list:\n%s", out)
	}
	jsonOut, _, err := run(t, "", "tokens", "list", "--data", dir, "--format", "json", "--user", "ana")
	if err != nil {
		t.Fatal(err)
	}
	var ts []sitrep.Token
	if err := json.Unmarshal([]byte(jsonOut), &ts); err != nil || len(ts) != 2 {
		t.Errorf("list json: %v\n%s", err, jsonOut)
	}
	for _, s := range []string{secret, strings.TrimSpace(never)} {
		if strings.Contains(out+jsonOut, s[24:]) {
			t.Error("tokens list shows a secret")
		}
	}

	if _, _, err := run(t, "", "tokens", "revoke", "--data", dir, id); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, "", "tokens", "revoke", "--data", dir, id); err == nil || !strings.Contains(err.Error(), "no token") {
		t.Errorf("revoke twice: %v", err)
	}
	withStore(t, dir, func(s *sqlite.Store, a *auth.Authenticator) {
		r := httptest.NewRequest("GET", "/api/vessels", nil)
		r.Header.Set("Authorization", "Bearer "+secret)
		if _, err := a.Authenticate(r); sitrep.ErrorCode(err) != sitrep.EUNAUTHORIZED {
			t.Errorf("revoked token: %v", err)
		}
	})

	out, _, err = run(t, "", "audit", "--data", dir, "--action", "token.", "--limit", "5")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.Contains(lines[1], "token.revoke") || !strings.Contains(lines[3], `for ana, role viewer, "notebook"`) {
		t.Errorf("audit token.:\n%s", out)
	}
	if strings.Contains(out, secret[24:]) {
		t.Error("secret in the audit log")
	}
	if _, _, err := run(t, "", "audit", "--data", dir, "--from", "yesterday"); err == nil || !strings.Contains(err.Error(), "--from") {
		t.Errorf("bad --from: %v", err)
	}
}
