package feed

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep/nmea"
)

func TestLineTime(t *testing.T) {
	ms := func(v int64) time.Time { return time.UnixMilli(v).UTC() }
	for _, tc := range []struct {
		line string
		want time.Time
	}{
		// real lines from testdata/ais
		{`\g:1-2-3985,s:rEV02,c:1334337317*2D\!AIVDM,2,1,9,B,58KvN<42ACikUKW77F1H4hF0<PTp622222222216` + "`0`" + `cF5BF0RT13H0T,0*70`, time.Unix(1334337317, 0).UTC()},
		{`\c:1420030798*00\!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22`, time.Unix(1420030798, 0).UTC()},
		{`!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22,1328133720087`, ms(1328133720087)},
		{`$PGHP,1,2013,3,18,9,19,9,499,219,,2190048,1,28*23`, time.Date(2013, 3, 18, 9, 19, 9, 499e6, time.UTC)},
		{`!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*6C`, time.Time{}},
		{`\g:2-2-3985*5A\!AIVDM,2,2,9,B,PFRC88888888880,2*29`, time.Time{}},
		// other forms
		{`!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22,1328133720.5`, ms(1328133720500)},
		{`!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22,ComSock1`, time.Time{}},
		{`!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22,42`, time.Time{}}, // 1970: a counter
		{`2025-01-25T06:00:00Z !AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22`, time.Date(2025, 1, 25, 6, 0, 0, 0, time.UTC)},
		{`2025-01-25 08:00:00.25+02:00,!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22`, time.Date(2025, 1, 25, 6, 0, 0, 250e6, time.UTC)},
		{"2025-01-25T06:00:00\t\\c:1334337317*00\\!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22", time.Date(2025, 1, 25, 6, 0, 0, 0, time.UTC)},
		{`2025-13-25T06:00:00Z !AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22`, time.Time{}},
		{`$PGHP,1,2013,13,18,9,19,9,499*23`, time.Time{}},
		{`\c:99999999999999\!AIVDM`, time.Time{}},
	} {
		if got := lineTime([]byte(tc.line)); !got.Equal(tc.want) {
			t.Errorf("lineTime(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

// TestTimeColumnBecomesTagBlock checks that a replayed line's leading time
// column reaches the next stage as a tag block that package nmea reads back
// to the same time.
func TestTimeColumnBecomesTagBlock(t *testing.T) {
	const sentence = `!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22`
	for _, tc := range []struct {
		col  string
		want time.Time
	}{
		{"2025-01-25T06:00:00Z", time.Date(2025, 1, 25, 6, 0, 0, 0, time.UTC)},
		{"2025-01-25T06:00:00.500Z", time.Date(2025, 1, 25, 6, 0, 0, 500e6, time.UTC)},
	} {
		c := newCollector()
		f := testFeed(c, DefaultMaxLine)
		if err := f.replayLine(t.Context())([]byte(tc.col+" "+sentence), time.Now()); err != nil {
			t.Fatal(err)
		}
		lines, _ := c.snapshot()
		if len(lines) != 1 {
			t.Fatalf("%d lines", len(lines))
		}
		var s nmea.Sentence
		if err := nmea.Parse([]byte(lines[0]), &s); err != nil {
			t.Fatalf("nmea.Parse(%q): %v", lines[0], err)
		}
		if !s.Time.Equal(tc.want) || s.TimeSource != nmea.TimeTagBlock || string(s.Payload) != "144gjIP0085KKPQHMPjT81Sb1PSL" {
			t.Errorf("%q: time %v from %v, payload %s; want %v from the tag block", lines[0], s.Time, s.TimeSource, s.Payload, tc.want)
		}
	}
}

// FuzzLineTime checks that lineTime never panics and only returns
// plausible capture times.
func FuzzLineTime(f *testing.F) {
	for _, name := range []string{"amsa-tag-block.nmea", "amsa-exact-earth-2.nmea", "dma-replay-dump.nmea", "amsa-timestamped.nmea"} {
		for _, l := range captureLines(f, name)[:5] {
			f.Add([]byte(l))
		}
	}
	f.Add([]byte("2025-01-25T06:00:00Z !AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22"))
	f.Add([]byte("2025-01-25 06:00:00.123456789+14:00;x"))
	f.Fuzz(func(t *testing.T, line []byte) {
		got := lineTime(line)
		if !got.IsZero() && (got.Year() < 1980 || got.Year() > 9999) {
			t.Fatalf("lineTime(%q) = %v", line, got)
		}
		if tc, rest, ok := timeColumn(line); ok {
			out := appendTagTime(nil, tc)
			var s nmea.Sentence
			_ = nmea.Parse(append(out, rest...), &s) // must not panic
		}
	})
}
