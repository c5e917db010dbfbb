package nmea

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// result is what a Reader produced for a stream, with messages copied.
type result struct {
	msgs   []Message
	errs   []*ParseError
	byLine map[int]Reason // rejections (not orphans) by line
	stats  Stats
	end    error
}

// readAll drains r. It stops at the first error that is not a *ParseError.
func readAll(t testing.TB, r *Reader) result {
	t.Helper()
	res := result{byLine: map[int]Reason{}}
	for {
		m, err := r.Next()
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				res.end = err
				break
			}
			if m != nil {
				t.Fatal("message and error together")
			}
			res.errs = append(res.errs, pe)
			if r := ReasonOf(err); r != ReasonOrphan {
				if _, dup := res.byLine[pe.Line]; dup {
					t.Fatalf("line %d rejected twice", pe.Line)
				}
				res.byLine[pe.Line] = r
			}
			continue
		}
		c := *m
		c.Payload = append([]byte(nil), m.Payload...)
		res.msgs = append(res.msgs, c)
	}
	res.stats = r.Stats()
	checkStats(t, res)
	return res
}

// checkStats asserts the invariants that hold for any input read to the end.
func checkStats(t testing.TB, res result) {
	t.Helper()
	st := res.stats
	if st.Blank+st.Sentences+st.Skipped+st.RejectedTotal() != st.Lines+st.Split {
		t.Errorf("lines %d (+ split) != blank %d + sentences %d + skipped %d + rejected %d",
			st.Lines, st.Blank, st.Sentences, st.Skipped, st.RejectedTotal())
	}
	var frags, multi, times int64
	for _, m := range res.msgs {
		frags += int64(m.Fragments)
		if m.Fragments > 1 {
			multi++
		}
	}
	for _, n := range st.Times {
		times += n
	}
	if res.end == io.EOF && frags+st.OrphanFragments != st.Sentences {
		t.Errorf("sentences %d != fragments in messages %d + orphaned %d", st.Sentences, frags, st.OrphanFragments)
	}
	if int64(len(res.msgs)) != st.Messages || multi != st.Multipart || times != st.Messages {
		t.Errorf("messages %d (multipart %d, timed %d), stats %+v", len(res.msgs), multi, times, st)
	}
	var skipped int64
	for _, n := range st.SkippedBy {
		skipped += n
	}
	if skipped != st.Skipped {
		t.Errorf("skipped %d, by formatter %d", st.Skipped, skipped)
	}
	var errs [NumReasons]int64
	for _, e := range res.errs {
		errs[ReasonOf(e)]++
	}
	if errs != st.Rejected {
		t.Errorf("errors returned %v, counted %v", errs, st.Rejected)
	}
}

func read(t testing.TB, input string, cfg ReaderConfig) result {
	t.Helper()
	return readAll(t, NewReader(strings.NewReader(input), cfg))
}

func TestReaderStream(t *testing.T) {
	input := "" +
		"$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B\r\n" + // 1
		"!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B\r\n" + // 2
		"\r\n" + // 3
		"   \n" + // 4
		"$GPGGA,114702.00,3351.0151,S,15117.2160,E,1,06,1.69,00093,M,021,M,,*76\n" + // 5
		a2 + "\n" + // 6
		"!AIVDM,1,1,,B,,0*25\n" + // 7
		a1 + "\n" + // 8
		`\s:rEV02,c:1334337317*58\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj` + "`" + `26B0<02,0*5F` + "\n" + // 9
		"!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22,1328133720087" // 10, no newline
	res := read(t, input, ReaderConfig{})
	if res.end != io.EOF {
		t.Fatalf("end %v", res.end)
	}
	if len(res.msgs) != 4 {
		t.Fatalf("%d messages", len(res.msgs))
	}
	want := []struct {
		first, line int
		src         TimeSource
		frags       int
	}{{2, 2, TimePGHP, 1}, {6, 8, TimeNone, 2}, {9, 9, TimeTagBlock, 1}, {10, 10, TimeTrailer, 1}}
	for i, w := range want {
		m := res.msgs[i]
		if m.FirstLine != w.first || m.Line != w.line || m.TimeSource != w.src || m.Fragments != w.frags {
			t.Errorf("message %d: lines %d..%d, time %v, fragments %d", i, m.FirstLine, m.Line, m.TimeSource, m.Fragments)
		}
	}
	if m := res.msgs[0]; m.Time.Format(ms) != "2010-06-11T11:46:11.390Z" {
		t.Errorf("PGHP time %v", m.Time)
	}
	if len(res.errs) != 1 || res.errs[0].Line != 7 || !errors.Is(res.errs[0], ErrEmptyPayload) || res.errs[0].Text != "!AIVDM,1,1,,B,,0*25" {
		t.Errorf("errors %v", res.errs)
	}
	st := res.stats
	if st.Lines != 10 || st.Blank != 2 || st.Sentences != 5 || st.Skipped != 2 ||
		st.SkippedBy["PGHP"] != 1 || st.SkippedBy["GPGGA"] != 1 || st.Rejected[ReasonEmptyPayload] != 1 {
		t.Errorf("stats %+v", st)
	}
}

// repeatReader yields n bytes of c, a few at a time, without holding them.
type repeatReader struct {
	c byte
	n int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n, 777)
	for i := range p[:k] {
		p[i] = r.c
	}
	r.n -= k
	return k, nil
}

func TestReaderLineTooLong(t *testing.T) {
	const max = 100
	ok := "!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*6C"
	exact := strings.Repeat("x", max)
	for _, tt := range []struct {
		name  string
		input io.Reader
		lines map[int]Reason
		msgs  int
	}{
		{"10 MB line streamed", io.MultiReader(
			strings.NewReader(ok+"\n"),
			&repeatReader{'A', 10 << 20},
			strings.NewReader("\n"+ok+"\n")), map[int]Reason{2: ReasonLineTooLong}, 2},
		{"long line at EOF", io.MultiReader(
			strings.NewReader(ok+"\n"),
			&repeatReader{'A', 5000}), map[int]Reason{2: ReasonLineTooLong}, 1},
		{"boundary", strings.NewReader(
			exact + "\n" + // 1: fits (rejected as a bad sentence, not too long)
				exact + "\r\n" + // 2: fits, CR not counted
				exact + "y\n" + // 3: one too many
				ok + "\n"), map[int]Reason{1: ReasonFormat, 2: ReasonFormat, 3: ReasonLineTooLong}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(tt.input, ReaderConfig{MaxLineLength: max, BufferSize: 1024})
			res := readAll(t, r)
			if len(r.buf) != 1024 {
				t.Errorf("buffer grew to %d", len(r.buf))
			}
			if res.end != io.EOF || len(res.msgs) != tt.msgs {
				t.Fatalf("end %v, %d messages", res.end, len(res.msgs))
			}
			if len(res.byLine) != len(tt.lines) {
				t.Fatalf("rejected %v, want %v", res.byLine, tt.lines)
			}
			for line, reason := range tt.lines {
				if res.byLine[line] != reason {
					t.Errorf("line %d: %v, want %v", line, res.byLine[line], reason)
				}
			}
			for _, e := range res.errs {
				if len(e.Text) > MaxErrorText {
					t.Errorf("error text of %d bytes", len(e.Text))
				}
			}
		})
	}
}

// failReader returns data, then err forever.
type failReader struct {
	data []byte
	err  error
}

func (r *failReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestReaderIOError(t *testing.T) {
	boom := errors.New("boom")
	r := NewReader(&failReader{data: []byte(single + "\n" + a1 + "\n"), err: boom}, ReaderConfig{})
	if m, err := r.Next(); m == nil || err != nil {
		t.Fatalf("first: %v %v", m, err)
	}
	for i := 0; i < 3; i++ {
		if m, err := r.Next(); m != nil || err != boom {
			t.Fatalf("got %v, %v; want boom, unwrapped and sticky", m, err)
		}
	}
	if r.asm.Pending() != 1 {
		t.Error("pending fragments flushed on an I/O error")
	}
}

type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

func TestReaderNoProgress(t *testing.T) {
	r := NewReader(zeroReader{}, ReaderConfig{})
	if _, err := r.Next(); err != errNoProgress {
		t.Fatalf("got %v", err)
	}
}

func TestReaderOrphansAtEOF(t *testing.T) {
	res := read(t, single+"\n"+a1+"\n"+b1+"\n", ReaderConfig{})
	if len(res.msgs) != 1 || len(res.errs) != 2 || res.end != io.EOF {
		t.Fatalf("messages %d, errors %v, end %v", len(res.msgs), res.errs, res.end)
	}
	for i, e := range res.errs {
		if !errors.Is(e, ErrOrphan) || e.Line != i+2 || !contains(e.Error(), "end of stream") {
			t.Errorf("error %d: %v", i, e)
		}
	}
	if res.stats.OrphanFragments != 2 || res.stats.Rejected[ReasonOrphan] != 2 {
		t.Errorf("stats %+v", res.stats)
	}
}

func TestReaderSkippedByBounded(t *testing.T) {
	input := strings.Repeat("$GPGGA,114702.00,3351.0151,S,15117.2160,E,1,06,1.69,00093,M,021,M,,*76\n"+
		"$PSHI,001,01.53524524,,01691,32611,114701.28,2,0057,-079*3B\n"+
		"$PAIS,0B,07,0C,00F,FFF,FFF,00A,1*3B\n", 3)
	res := read(t, input, ReaderConfig{MaxFormatters: 2})
	if got := res.stats.SkippedBy; len(got) != 3 || got["GPGGA"] != 3 || got["PSHI"] != 3 || got[OtherFormatters] != 3 {
		t.Errorf("SkippedBy %v", got)
	}
}

// TestReaderAllocs: no allocation per line in steady state, whatever the
// line kind (rejections aside, which allocate their *ParseError).
func TestReaderAllocs(t *testing.T) {
	lines := strings.Join([]string{
		single, a1, g1, b1, a2, b2, g2,
		"$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B",
		"!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B",
		`\s:rEV02,c:1334337317*58\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj` + "`" + `26B0<02,0*5F`,
		`\c:1420030798*00\!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22`,
		"!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22,1328133720087",
		"$GPGGA,114702.00,3351.0151,S,15117.2160,E,1,06,1.69,00093,M,021,M,,*76",
		"$BSALR,,026,A,V,no sensor position in use*2B,ComSock1",
	}, "\r\n") + "\r\n"
	data := []byte(strings.Repeat(lines, 2000))
	r := NewReader(bytes.NewReader(data), ReaderConfig{})
	for i := 0; i < 100; i++ { // warm up: intern strings, size buffers
		if _, err := r.Next(); err != nil {
			t.Fatal(err)
		}
	}
	allocs := testing.AllocsPerRun(10000, func() {
		if _, err := r.Next(); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per message", allocs)
	}
}

func TestParseErrorText(t *testing.T) {
	long := strings.Repeat("!", 1000)
	e := newParseError(7, ErrFormat, []byte(long))
	if len(e.Text) != MaxErrorText || !strings.HasSuffix(e.Text, "...") {
		t.Errorf("text %q", e.Text)
	}
	if !strings.HasPrefix(e.Error(), "line 7: nmea: malformed sentence: ") || !errors.Is(e, ErrFormat) {
		t.Errorf("error %q", e)
	}
}

func TestReaderOrphanFlood(t *testing.T) {
	const n = 100_000
	src := &floodReader{n: n}
	r := NewReader(src, ReaderConfig{Assembler: AssemblerConfig{MaxPending: 64}})
	orphaned := 0
	for {
		m, err := r.Next()
		if err == io.EOF {
			break
		}
		if m != nil {
			t.Fatal("a message from orphans")
		}
		if !errors.Is(err, ErrOrphan) {
			t.Fatalf("unexpected %v", err)
		}
		orphaned++
		if r.asm.Pending() > 64 || r.asm.errCount > 65 || len(r.p.intern) > maxInterned {
			t.Fatalf("pending %d, queued %d, interned %d", r.asm.Pending(), r.asm.errCount, len(r.p.intern))
		}
	}
	st := r.Stats()
	if orphaned != n || st.Sentences != n || st.OrphanFragments != n || len(r.buf) != DefaultBufferSize {
		t.Errorf("orphaned %d, stats %+v", orphaned, st)
	}
}

// floodReader yields n first fragments that never complete, from 7919
// tag-block stations, with varying sequence ids and channels.
type floodReader struct {
	n, i int
	buf  []byte
}

func (f *floodReader) Read(p []byte) (int, error) {
	for len(f.buf) < len(p) && f.i < f.n {
		tag := `\s:st` + itoa(int64(f.i%7919)+1) + `*00\`
		s := fixChecksum("!AIVDM,2,1," + itoa(int64(f.i%10)) + "," + string("AB12"[f.i/10%4]) +
			",802R5Ph0Bk@Ch@Fln<ljQhs2HGwwwwwwwwwwwwwwwwwwwwwwwwwwwwww,0*00")
		f.buf = append(f.buf, tag+s+"\n"...)
		f.i++
	}
	if len(f.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, f.buf)
	f.buf = f.buf[n:]
	return n, nil
}

// TestReaderEscapedNewline: two fragments joined by a literal "\r\n" (as in
// dma-ais/AisLib ais250.txt line 27) are read as two sentences of one line.
func TestReaderEscapedNewline(t *testing.T) {
	in := `!AIVDM,2,1,2,B,552H<Dl00001HDL62210ThuB08t5B1HDL622220j1083340Ht3h00000,0*4B\r\n!AIVDM,2,2,2,B,000000000000000,2*25` + "\n" +
		`!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A` + "\n" +
		`!AIVDM,1,1,,A,15RTgt0PAso;90TKc\njM8h6g208CQ,0*4A` + "\n" // not after a checksum: rejected
	res := readAll(t, NewReader(strings.NewReader(in), ReaderConfig{}))
	st := res.stats
	if st.Lines != 3 || st.Split != 2 || st.Sentences != 4 || st.Messages != 3 || st.Multipart != 1 || st.RejectedTotal() != 1 {
		t.Errorf("stats %+v", st)
	}
	if len(res.errs) != 1 || res.errs[0].Line != 3 {
		t.Errorf("errors %v", res.errs)
	}
	checkStats(t, res)
}
