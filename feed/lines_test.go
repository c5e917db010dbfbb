package feed

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// testFeed returns a feed that records what it passes on in c, with the
// given MaxLine.
func testFeed(c *collector, maxLine int) *feed {
	return &feed{
		cfg:   Config{Name: "t", Kind: File, Path: "-", MaxLine: maxLine},
		h:     c.handle,
		now:   time.Now,
		sleep: sleep,
		log:   slog.New(slog.DiscardHandler),
		met:   newMetrics(nil, nil).forFeed("t"),
	}
}

// refLines is the reference framing: split at '\n', trim one '\r', skip
// blank lines, and keep the lines of at most max bytes of printable ASCII.
func refLines(in []byte, max int) (kept []string, tooLong, junk int) {
	for i, l := range bytes.Split(in, []byte("\n")) {
		if i == bytes.Count(in, []byte("\n")) && len(l) == 0 {
			break
		}
		l = bytes.TrimSuffix(l, []byte("\r"))
		switch {
		case len(l) == 0:
		case len(l) > max:
			tooLong++
		case bytes.ContainsFunc(l, func(r rune) bool { return r != '\t' && (r < ' ' || r > '~') }):
			junk++
		default:
			kept = append(kept, string(l))
		}
	}
	return kept, tooLong, junk
}

func checkFraming(t *testing.T, in []byte, max int, r io.Reader) {
	t.Helper()
	c := newCollector()
	f := testFeed(c, max)
	buf := make([]byte, bufSize(max))
	if err := f.readLines(context.Background(), r, buf, f.line); err != io.EOF {
		t.Fatalf("readLines: %v, want io.EOF", err)
	}
	want, tooLong, junk := refLines(in, max)
	got, _ := c.snapshot()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("lines:\n got %q\nwant %q", got, want)
	}
	if f.st.tooLong.Load() != uint64(tooLong) || f.st.junk.Load() != uint64(junk) {
		t.Fatalf("dropped too_long %d junk %d, want %d and %d", f.st.tooLong.Load(), f.st.junk.Load(), tooLong, junk)
	}
	if f.st.bytes.Load() != uint64(len(in)) {
		t.Fatalf("bytes %d, want %d", f.st.bytes.Load(), len(in))
	}
	if f.st.lines.Load() != uint64(len(want)) {
		t.Fatalf("lines counter %d, want %d", f.st.lines.Load(), len(want))
	}
}

func TestReadLinesFraming(t *testing.T) {
	real := captureLines(t, "amsa-tag-block.nmea")
	long := strings.Repeat("A", 5000)
	in := []byte(real[0] + "\r\n" + real[1] + "\n\n" + long + "\r\n" + real[2] + "\n" +
		"!AIVDM,\x00\x01binary\xff\n" + strings.Repeat("B", 4096) + "\n" + strings.Repeat("C", 4097) + "\r\n" +
		strings.Repeat("D", 70000) + "\n" + real[3] + "\n" + real[4]) // last line without a line end
	want, tooLong, junk := refLines(in, 4096)
	if len(want) != 6 || tooLong != 3 || junk != 1 {
		t.Fatalf("reference framing: %d lines, %d too long, %d junk", len(want), tooLong, junk)
	}
	for name, r := range map[string]func() io.Reader{
		"whole":    func() io.Reader { return bytes.NewReader(in) },
		"one-byte": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(in)) },
		"half":     func() io.Reader { return iotest.HalfReader(bytes.NewReader(in)) },
		"data-err": func() io.Reader { return iotest.DataErrReader(bytes.NewReader(in)) },
	} {
		t.Run(name, func(t *testing.T) { checkFraming(t, in, 4096, r()) })
	}
}

// FuzzReadLines checks the framing against the reference for any input,
// read in chunks of any size: every good line is passed on, every bad one
// counted, and nothing panics whatever the line lengths.
func FuzzReadLines(f *testing.F) {
	real := captureLines(f, "amsa-exact-earth-2.nmea")
	f.Add([]byte(strings.Join(real[:5], "\r\n")), uint8(7), uint8(20))
	f.Add([]byte(real[0]+"\n"+strings.Repeat("x", 300)+"\n"+real[1]), uint8(1), uint8(0))
	f.Add([]byte("\n\n\r\n\x00\n"), uint8(3), uint8(1))
	f.Fuzz(func(t *testing.T, in []byte, chunk, maxLine uint8) {
		max := MinMaxLine + int(maxLine)
		r := io.Reader(bytes.NewReader(in))
		if chunk > 0 {
			r = &chunkReader{b: in, n: int(chunk)}
		}
		checkFraming(t, in, max, r)
	})
}

// chunkReader returns at most n bytes per Read.
type chunkReader struct {
	b []byte
	n int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), r.n)], r.b)
	r.b = r.b[n:]
	return n, nil
}

func TestPrintableASCII(t *testing.T) {
	for c := range 256 {
		for _, n := range []int{1, 7, 8, 9, 16, 61} {
			for pos := 0; pos < n; pos++ {
				b := []byte(strings.Repeat("!AIVDM,1", 8)[:n])
				b[pos] = byte(c)
				want := c == '\t' || c >= ' ' && c <= '~'
				if got := printableASCII(b); got != want {
					t.Fatalf("printableASCII(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}

// TestLastDrop checks that a dropped line is reported with its reason,
// where it went wrong and a bounded excerpt, also when it was too long to
// be buffered.
func TestLastDrop(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"!AIVDM,1,1,,A,13RlIW?04F1beOVE\x01FLB9bRvH0L0L,0*6C\n", `junk: byte 0x01 at column 31 of "!AIVDM,1,1,,A,13RlIW?04F1beOVE\x01F"...`},
		{"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n", `junk: byte 0x16 at column 1 of "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"`},
		{"caf\xc3\xa9\n", `junk: byte 0xc3 at column 4 of "caf\u00e9"`},
		{"!AIVDM," + strings.Repeat("0", 100) + "\r\n", `too_long: a line of 107 bytes (max_line 64) starting "!AIVDM,0000000000000000000000000"...`},
		{"!AIVDM," + strings.Repeat("0", 100<<10) + "\r\n!AIVDM\n", `too_long: a line of 102407 bytes (max_line 64) starting "!AIVDM,0000000000000000000000000"...`},
		{"!AIVDM," + strings.Repeat("0", 100<<10), `too_long: a line of 102407 bytes (max_line 64) starting "!AIVDM,0000000000000000000000000"...`},
	} {
		for _, chunk := range []int{1, 7, 1 << 20} {
			c := newCollector()
			f := testFeed(c, 64)
			f.readLines(t.Context(), &chunkReader{b: []byte(tc.in), n: chunk}, make([]byte, bufSize(64)), f.line)
			if st := f.st.snapshot("t", File); st.LastDrop != tc.want || st.Dropped != 1 {
				t.Errorf("%.20q in chunks of %d: dropped %d, last drop\n%s\nwant\n%s", tc.in, chunk, st.Dropped, st.LastDrop, tc.want)
			}
		}
	}
}
