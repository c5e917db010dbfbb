package httpapi

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sitrep-osint/sitrep"
)

func newRegistry() *prometheus.Registry { return prometheus.NewRegistry() }

func TestParseBBox(t *testing.T) {
	good := map[string]sitrep.Area{
		"35.0,34.5,36.2,35.3": {MinLon: 35, MinLat: 34.5, MaxLon: 36.2, MaxLat: 35.3},
		" -180,-90, 180 ,90 ": {MinLon: -180, MinLat: -90, MaxLon: 180, MaxLat: 90},
		"170,-10,-170,10":     {MinLon: 170, MinLat: -10, MaxLon: -170, MaxLat: 10},
		"1e1,0,20,0":          {MinLon: 10, MaxLon: 20},
	}
	for s, want := range good {
		a, err := ParseBBox(strings.TrimSpace(s))
		if err != nil || a == nil || *a != want {
			t.Errorf("%q: %+v %v, want %+v", s, a, err, want)
		}
	}
	if a, err := ParseBBox(""); a != nil || err != nil {
		t.Errorf("empty: %v %v", a, err)
	}
	bad := map[string]string{
		"1,2,3":       "four numbers",
		"1,2,3,4,5":   "four numbers",
		"a,2,3,4":     `"a" is not a number`,
		"181,0,182,1": "longitude",
		"0,-91,1,0":   "latitude",
		"0,10,1,5":    "minLat above maxLat",
		"NaN,0,1,1":   "longitude",
		"0,0,1,Inf":   "latitude",
	}
	for s, want := range bad {
		_, err := ParseBBox(s)
		if sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "bbox") {
			t.Errorf("%q: %v, want EINVALID naming bbox and %q", s, err, want)
		}
	}
}

func TestParseTimeAndRange(t *testing.T) {
	tm, err := ParseTime("t", "2025-02-10T09:00:00+03:00", false)
	if err != nil || !tm.Equal(time.Date(2025, 2, 10, 6, 0, 0, 0, time.UTC)) || tm.Location() != time.UTC {
		t.Fatalf("%v %v", tm, err)
	}
	r, err := ParseRange("2025-02-10", "2025-02-10")
	if err != nil || !r.From.Equal(time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)) || !r.To.Equal(time.Date(2025, 2, 11, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("a day: %+v %v", r, err)
	}
	for _, c := range [][2]string{{"yesterday", ""}, {"", "2025-13-01"}, {"2025-02-11", "2025-02-10T00:00:00Z"}} {
		if _, err := ParseRange(c[0], c[1]); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("%q: %v", c, err)
		}
	}
	if _, err := ParseTime("from", "10/02/2025", false); err == nil || !strings.Contains(err.Error(), "from") {
		t.Errorf("%v", err)
	}
}

func TestParseLimitAndCursor(t *testing.T) {
	for s, want := range map[string]int{"": 100, "1": 1, "1000": 1000, "5000": 1000} {
		if n, err := ParseLimit(s, DefaultLimit, MaxLimit); err != nil || n != want {
			t.Errorf("limit %q: %d %v, want %d", s, n, err, want)
		}
	}
	for _, s := range []string{"0", "-1", "x", "1.5", "99999999999999999999"} {
		if _, err := ParseLimit(s, DefaultLimit, MaxLimit); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("limit %q: %v", s, err)
		}
	}
	for _, off := range []int{0, 1, 100, 1 << 30} {
		if n, err := ParseCursor(makeCursor(off)); err != nil || n != off {
			t.Errorf("cursor %d: %d %v", off, n, err)
		}
	}
	for _, s := range []string{"x", "bzo", makeCursor(-1), makeCursor(math.MaxInt32)} {
		if _, err := ParseCursor(s); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("cursor %q: %v", s, err)
		}
	}
}

func TestContentSecurityPolicy(t *testing.T) {
	csp, err := contentSecurityPolicy("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
	if err != nil || !strings.Contains(csp, "img-src 'self' data: https://*.tile.openstreetmap.org;") {
		t.Fatalf("%q %v", csp, err)
	}
	for _, bad := range []string{"ftp://x/y", "tiles/{z}", "https://a{b}.c/", "https://x;script-src *"} {
		if _, err := contentSecurityPolicy(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// The parsers take untrusted query strings: they must never panic, and
// what they accept must be in range.
func FuzzParseBBox(f *testing.F) {
	for _, s := range []string{"35.0,34.5,36.2,35.3", "170,-10,-170,10", "", "1,2,3", "NaN,0,0,0", "1e308,0,0,0", ",,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseBBox(s)
		if err != nil {
			if sitrep.ErrorCode(err) != sitrep.EINVALID {
				t.Fatalf("%q: code %s", s, sitrep.ErrorCode(err))
			}
			return
		}
		if a == nil {
			if s != "" {
				t.Fatalf("%q: nil box without error", s)
			}
			return
		}
		if !(a.MinLat >= -90 && a.MaxLat <= 90 && a.MinLat <= a.MaxLat && a.MinLon >= -180 && a.MaxLon <= 180) {
			t.Fatalf("%q: accepted %+v", s, a)
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2025-02-10", "2025-02-10T09:00:00+03:00", "", "2025-02-30", "x"} {
		f.Add(s, "2025-02-11")
	}
	f.Fuzz(func(t *testing.T, from, to string) {
		r, err := ParseRange(from, to)
		if err != nil {
			if sitrep.ErrorCode(err) != sitrep.EINVALID {
				t.Fatalf("%q %q: code %s", from, to, sitrep.ErrorCode(err))
			}
			return
		}
		if !r.From.IsZero() && !r.To.IsZero() && !r.To.After(r.From) {
			t.Fatalf("%q %q: empty range accepted", from, to)
		}
	})
}

func FuzzParseLimit(f *testing.F) {
	for _, s := range []string{"", "1", "1000", "1001", "-1", "0x10", "9999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseLimit(s, DefaultLimit, MaxLimit)
		if err == nil && (n < 1 || n > MaxLimit) {
			t.Fatalf("%q: limit %d", s, n)
		}
	})
}

func FuzzParseCursor(f *testing.F) {
	for _, s := range []string{"", makeCursor(0), makeCursor(250), "bzo6", "!!"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseCursor(s)
		if err == nil && n < 0 {
			t.Fatalf("%q: offset %d", s, n)
		}
		if err == nil && s != "" && makeCursor(n) != s {
			// Only cursors this server made are accepted (one spelling each).
			if m, err2 := ParseCursor(makeCursor(n)); err2 != nil || m != n {
				t.Fatalf("%q: offset %d does not round-trip", s, n)
			}
		}
	})
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"", "6h", "90m", "1s", "999h", "-1h", "1e3h", "0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration("window", s, 6*time.Hour, MaxSnapshotWindow)
		if err == nil && (d < time.Second || d > MaxSnapshotWindow) {
			t.Fatalf("%q: %v accepted", s, d)
		}
		if err != nil && !strings.Contains(err.Error(), "window") {
			t.Fatalf("%q: %v does not name the parameter", s, err)
		}
	})
}
