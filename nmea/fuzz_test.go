package nmea

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// testdataLines returns the lines of the excerpts in testdata/nmea.
func testdataLines(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob("../testdata/nmea/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no excerpts in ../testdata/nmea: %v", err)
	}
	var lines []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	return lines
}

// compareWithRef checks Parse against the reference parser on one line.
func compareWithRef(t *testing.T, line string) {
	t.Helper()
	var s Sentence
	err := Parse([]byte(line), &s)
	ref := refParse(line)
	switch {
	case err == nil:
		if ref.reason != ReasonNone || ref.other {
			t.Fatalf("%q: accepted, reference says %v (other %v)", line, ref.reason, ref.other)
		}
		r := &ref.s
		if s.Talker != r.Talker || s.Own != r.Own || s.FragCount != r.FragCount || s.FragNum != r.FragNum ||
			s.SeqID != r.SeqID || s.Channel != r.Channel || !bytes.Equal(s.Payload, r.Payload) ||
			s.FillBits != r.FillBits || s.Checksum != r.Checksum || s.TimeSource != r.TimeSource ||
			!s.Time.Equal(r.Time) || s.Tag != r.Tag {
			t.Fatalf("%q:\n got %+v\nwant %+v", line, s, *r)
		}
		// Invariants: the payload re-validates, and the sentence rebuilt
		// from its fields carries the same checksum.
		if len(s.Payload) == 0 || !ValidArmor(s.Payload) || s.FillBits > 5 || s.FragNum > s.FragCount {
			t.Fatalf("%q: invalid sentence %+v", line, s)
		}
		var b bytes.Buffer
		b.Write(s.Address)
		b.WriteByte(',')
		b.WriteByte(byte('0' + s.FragCount))
		b.WriteByte(',')
		b.WriteByte(byte('0' + s.FragNum))
		b.WriteByte(',')
		if s.SeqID >= 0 {
			b.WriteByte(byte('0' + s.SeqID))
		}
		b.WriteByte(',')
		if s.Channel != 0 {
			b.WriteByte(s.Channel)
		}
		b.WriteByte(',')
		b.Write(s.Payload)
		b.WriteByte(',')
		b.WriteByte(byte('0' + s.FillBits))
		if Checksum(b.Bytes()) != s.Checksum {
			t.Fatalf("%q: rebuilt %q does not match checksum %02X", line, b.Bytes(), s.Checksum)
		}
	case err == ErrNotVDM:
		if !ref.other {
			t.Fatalf("%q: skipped, reference says %v", line, ref.reason)
		}
	default:
		r := ReasonOf(err)
		if r == ReasonNone || r != ref.reason {
			t.Fatalf("%q: %v (%v), reference says %v (other %v)", line, err, r, ref.reason, ref.other)
		}
		if !errors.Is(err, r.Err()) || err.Error() == "" {
			t.Fatalf("%q: %v", line, err)
		}
	}
}

// TestParseMatchesReference runs the comparison over the excerpts and, when
// present, every line of the full captures.
func TestParseMatchesReference(t *testing.T) {
	lines := testdataLines(t)
	for _, tt := range parseTests {
		lines = append(lines, tt.line)
	}
	if data, _ := loadCorpusIfPresent(); data != nil {
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		compareWithRef(t, l)
	}
}

func FuzzParse(f *testing.F) {
	for _, l := range testdataLines(f) {
		f.Add(l)
	}
	for _, tt := range parseTests {
		f.Add(tt.line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		compareWithRef(t, line)
		// A Parser with state agrees on the outcome.
		var p Parser
		var s1, s2 Sentence
		_ = p.Parse([]byte("$PGHP,1,2012,2,1,20,19,5,651,316,2,316000002,1AIS_S,22*4B"), &s1)
		err1 := p.Parse([]byte(line), &s1)
		err2 := Parse([]byte(line), &s2)
		if ReasonOf(err1) != ReasonOf(err2) || (err1 == nil) != (err2 == nil) {
			t.Fatalf("%q: Parser %v, Parse %v", line, err1, err2)
		}
	})
}

// FuzzReader feeds arbitrary bytes through two Readers, one reading in large
// chunks and one a byte at a time: no panic, the same results, and the
// Stats invariants.
func FuzzReader(f *testing.F) {
	for _, name := range []string{"dma-stream_example.txt", "amsa-exact-earth-with-tag-block.txt", "amsa-ais.txt", "pyais-nmea_data_sample.txt"} {
		b, err := os.ReadFile(filepath.Join("../testdata/nmea", name))
		if err != nil {
			f.Fatal(err)
		}
		// Seeds of a few lines each, so that mutations stay effective.
		lines := bytes.SplitAfter(b, []byte("\n"))
		for i := 0; i+6 <= len(lines); i += 37 {
			f.Add(bytes.Join(lines[i:i+6], nil))
		}
	}
	f.Add([]byte(a2 + "\n" + b1 + "\n" + a1 + "\r\n\n" + b2))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg := ReaderConfig{MaxLineLength: 96, BufferSize: 200, Assembler: AssemblerConfig{MaxPending: 3, MaxAge: 5}}
		r1 := readAll(t, NewReader(bytes.NewReader(data), cfg))
		r2 := readAll(t, NewReader(iotest.OneByteReader(bytes.NewReader(data)), cfg))
		if r1.end != io.EOF || r2.end != io.EOF {
			t.Fatalf("end %v, %v", r1.end, r2.end)
		}
		if len(r1.msgs) != len(r2.msgs) || len(r1.errs) != len(r2.errs) {
			t.Fatalf("chunking changed the result: %d/%d messages, %d/%d errors", len(r1.msgs), len(r2.msgs), len(r1.errs), len(r2.errs))
		}
		for i := range r1.msgs {
			m1, m2 := r1.msgs[i], r2.msgs[i]
			if !bytes.Equal(m1.Payload, m2.Payload) || m1.Line != m2.Line || m1.FirstLine != m2.FirstLine {
				t.Fatalf("message %d differs", i)
			}
			if !ValidArmor(m1.Payload) || m1.Fragments < 1 || m1.Fragments > 9 || m1.FirstLine > m1.Line && m1.Fragments == 1 {
				t.Fatalf("bad message %+v", m1)
			}
		}
		for i := range r1.errs {
			if r1.errs[i].Error() != r2.errs[i].Error() {
				t.Fatalf("error %d differs: %v / %v", i, r1.errs[i], r2.errs[i])
			}
			if len(r1.errs[i].Text) > MaxErrorText {
				t.Fatalf("error text too long")
			}
		}
		if r1.stats.Lines != r2.stats.Lines || r1.stats.Sentences != r2.stats.Sentences {
			t.Fatalf("stats differ: %+v / %+v", r1.stats, r2.stats)
		}
	})
}
