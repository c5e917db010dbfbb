package sqlite

import (
	"testing"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/internal/storetest"
)

func TestSiteContract(t *testing.T) {
	storetest.RunSites(t, func(t *testing.T, dir string) sitrep.SiteStore {
		s := openTest(t, dir, Options{})
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return s
	})
}
