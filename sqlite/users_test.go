package sqlite

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/internal/storetest"
)

func TestUsersContract(t *testing.T) {
	now := func() time.Time { return time.Date(2025, 2, 11, 9, 0, 0, 0, time.UTC) }
	storetest.RunUsers(t, func(t *testing.T, dir string) sitrep.UserStore {
		return openTest(t, dir, Options{Now: now})
	})
}

// TestTokenHashIsUnique: the unique index on tokens.hash is what makes
// TokenByHash unambiguous; a second token with the same digest under
// another ID is a conflict, not a silent second row.
func TestTokenHashIsUnique(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	defer s.Close()
	ctx := t.Context()
	t0 := time.Date(2025, 2, 11, 8, 0, 0, 0, time.UTC)
	if err := s.PutUser(ctx, sitrep.User{Name: "bob", Role: sitrep.RoleAnalyst, Created: t0}); err != nil {
		t.Fatal(err)
	}
	h := make([]byte, 32)
	h[0] = 1
	if err := s.PutToken(ctx, sitrep.Token{ID: "a", User: "bob", Role: sitrep.RoleViewer, Hash: h, Created: t0}); err != nil {
		t.Fatal(err)
	}
	err := s.PutToken(ctx, sitrep.Token{ID: "b", User: "bob", Role: sitrep.RoleViewer, Hash: h, Created: t0})
	if sitrep.ErrorCode(err) != sitrep.ECONFLICT {
		t.Errorf("second token with the same hash: %v, want conflict", err)
	}
	if n := count(t, s, "SELECT count(*) FROM tokens"); n != 1 {
		t.Errorf("%d token rows, want 1", n)
	}
}
