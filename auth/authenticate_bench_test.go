package auth_test

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/auth"
	"github.com/sitrep-osint/sitrep/sqlite"
)

// BenchmarkAuthenticate is the per-request cost of authentication on a
// real SQLite store: a token (digest, token and user lookups) and a
// session (digest, session and user lookups).
func BenchmarkAuthenticate(b *testing.B) {
	store, err := sqlite.Open(b.Context(), b.TempDir(), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	a := &auth.Authenticator{Store: store}
	if _, err := a.CreateUser(b.Context(), "ana", "ana's password", sitrep.RoleAnalyst); err != nil {
		b.Fatal(err)
	}
	secret, _, err := a.CreateToken(b.Context(), "ana", "bench", "", time.Time{})
	if err != nil {
		b.Fatal(err)
	}
	cookie, _, err := a.Login(b.Context(), "ana", "ana's password", "192.0.2.1")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, header, value string }{
		{"token", "Authorization", "Bearer " + secret},
		{"session", "Cookie", cookie.Name + "=" + cookie.Value},
	} {
		b.Run(c.name, func(b *testing.B) {
			r := httptest.NewRequest("GET", "/api/vessels", nil)
			r.Header.Set(c.header, c.value)
			b.ReportAllocs()
			for b.Loop() {
				if p, err := a.Authenticate(r); err != nil || p.User != "ana" {
					b.Fatal(p, err)
				}
			}
		})
	}
}
