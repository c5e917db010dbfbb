package sqlite

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/internal/storetest"
)

func TestReportsContract(t *testing.T) {
	var tick int64
	// A clock that advances, so that reliability changes have distinct times.
	now := func() time.Time {
		tick++
		return time.Date(2025, 2, 11, 8, 0, 0, 0, time.UTC).Add(time.Duration(tick) * time.Second)
	}
	storetest.RunReports(t, func(t *testing.T, dir string) sitrep.ReportStore {
		return openTest(t, dir, Options{Now: now})
	})
}
