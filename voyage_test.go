package sitrep

import (
	"testing"
	"time"
)

func TestETAFrom(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi int) time.Time { return time.Date(y, mo, d, h, mi, 0, 0, time.UTC) }
	tests := []struct {
		name                     string
		month, day, hour, minute int
		ref                      time.Time
		want                     time.Time // zero: want false
	}{
		{"same year ahead", 2, 1, 12, 30, utc(2025, 1, 25, 6, 0), utc(2025, 2, 1, 12, 30)},
		{"year wrap forward", 1, 5, 8, 0, utc(2025, 12, 20, 0, 0), utc(2026, 1, 5, 8, 0)},
		{"stale ETA in previous year", 12, 28, 0, 0, utc(2026, 1, 10, 0, 0), utc(2025, 12, 28, 0, 0)},
		{"exactly six months back", 7, 10, 0, 0, utc(2026, 1, 10, 0, 0), utc(2025, 7, 10, 0, 0)},
		{"just over six months back", 7, 9, 23, 59, utc(2026, 1, 10, 0, 0), utc(2026, 7, 9, 23, 59)},
		{"earlier today", 1, 25, 1, 0, utc(2025, 1, 25, 6, 0), utc(2025, 1, 25, 1, 0)},
		{"hour not available", 3, 4, 24, 60, utc(2025, 1, 25, 6, 0), utc(2025, 3, 4, 0, 0)},
		{"minute not available", 3, 4, 17, 60, utc(2025, 1, 25, 6, 0), utc(2025, 3, 4, 17, 0)},
		{"hour n/a clears minute", 3, 4, 24, 30, utc(2025, 1, 25, 6, 0), utc(2025, 3, 4, 0, 0)},
		{"ref in another zone", 1, 1, 0, 0, time.Date(2025, 7, 1, 1, 0, 0, 0, time.FixedZone("UTC+3", 3*3600)), utc(2025, 1, 1, 0, 0)},
		{"29 Feb, leap year next", 2, 29, 0, 0, utc(2027, 9, 1, 0, 0), utc(2028, 2, 29, 0, 0)},
		{"29 Feb, no leap year in reach", 2, 29, 0, 0, utc(2026, 1, 1, 0, 0), time.Time{}},
		{"31 April", 4, 31, 0, 0, utc(2025, 1, 1, 0, 0), time.Time{}},
		{"month not available", 0, 5, 0, 0, utc(2025, 1, 1, 0, 0), time.Time{}},
		{"day not available", 5, 0, 0, 0, utc(2025, 1, 1, 0, 0), time.Time{}},
		{"month 13", 13, 1, 0, 0, utc(2025, 1, 1, 0, 0), time.Time{}},
		{"day 32", 1, 32, 0, 0, utc(2025, 1, 1, 0, 0), time.Time{}},
		{"hour 25", 1, 1, 25, 0, utc(2025, 1, 1, 0, 0), time.Time{}},
		{"minute 61", 1, 1, 0, 61, utc(2025, 1, 1, 0, 0), time.Time{}},
		{"negative", -1, 1, 0, 0, utc(2025, 1, 1, 0, 0), time.Time{}},
	}
	for _, tt := range tests {
		got, ok := ETAFrom(tt.month, tt.day, tt.hour, tt.minute, tt.ref)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("%s: ETAFrom(%d, %d, %d, %d, %v) = %v, %v; want %v", tt.name,
				tt.month, tt.day, tt.hour, tt.minute, tt.ref, got, ok, tt.want)
		}
		if ok && got.Location() != time.UTC {
			t.Errorf("%s: result in %v; want UTC", tt.name, got.Location())
		}
	}
}

// TestETAFromWindow checks the documented rule over a year of reference
// times: every result lies in [ref-6 months, ref-6 months+1 year).
func TestETAFromWindow(t *testing.T) {
	for ref := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC); ref.Year() == 2025; ref = ref.Add(61 * time.Hour) {
		from := ref.AddDate(0, -6, 0)
		for month := 1; month <= 12; month++ {
			got, ok := ETAFrom(month, 15, 12, 0, ref)
			if !ok {
				t.Fatalf("ETAFrom(%d, 15, 12, 0, %v) failed", month, ref)
			}
			if got.Before(from) || !got.Before(from.AddDate(1, 0, 0)) {
				t.Errorf("ETAFrom(%d, 15, 12, 0, %v) = %v: outside [%v, +1y)", month, ref, got, from)
			}
		}
	}
}
