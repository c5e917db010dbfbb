package sqlite

import (
	"testing"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/internal/storetest"
)

func TestEventContract(t *testing.T) {
	storetest.RunEvents(t, func(t *testing.T, dir string) sitrep.EventStore {
		s := openTest(t, dir, Options{})
		t.Cleanup(func() { s.Close() })
		return s
	})
}
