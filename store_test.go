package sitrep

import (
	"testing"
	"time"
)

func TestAreaContains(t *testing.T) {
	med := Area{MinLat: 30, MinLon: -6, MaxLat: 46, MaxLon: 36}
	pacific := Area{MinLat: -60, MinLon: 170, MaxLat: 60, MaxLon: -170} // crosses the antimeridian
	tests := []struct {
		a        Area
		lat, lon float64
		want     bool
	}{
		{med, 34.89, 35.87, true}, {med, 36.14, -5.35, true}, {med, 50, 0, false}, {med, 35, 40, false},
		{med, 30, -6, true}, {pacific, 0, 175, true}, {pacific, 0, -175, true}, {pacific, 0, 0, false},
		{pacific, 0, 180, true}, {pacific, 0, -180, true},
	}
	for _, tt := range tests {
		if got := tt.a.Contains(tt.lat, tt.lon); got != tt.want {
			t.Errorf("%+v.Contains(%v, %v) = %v", tt.a, tt.lat, tt.lon, got)
		}
	}
}

func TestTimeRangeContains(t *testing.T) {
	t0 := time.Date(2025, 1, 28, 0, 0, 0, 0, time.UTC)
	r := TimeRange{From: t0, To: t0.Add(time.Hour)}
	if !r.Contains(t0) || r.Contains(t0.Add(time.Hour)) || r.Contains(t0.Add(-time.Nanosecond)) {
		t.Error("half-open range")
	}
	if !(TimeRange{}).Contains(t0) || !(TimeRange{From: t0}).Contains(t0.Add(1000*time.Hour)) {
		t.Error("open ends")
	}
}
