package nmea

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

const corpusDir = "/work/shared/data/ais"

// corpusFiles lists the captures under corpusDir (none when absent).
func corpusFiles() []string {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*"))
	return files
}

// loadCorpusIfPresent concatenates every capture under corpusDir, each
// ending in a newline; nil when there are none.
func loadCorpusIfPresent() (data []byte, files []string) {
	files = corpusFiles()
	if len(files) == 0 {
		return nil, nil
	}
	var buf bytes.Buffer
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil
		}
		buf.Write(b)
		if len(b) > 0 && b[len(b)-1] != '\n' {
			buf.WriteByte('\n')
		}
	}
	return buf.Bytes(), files
}

// loadCorpus is loadCorpusIfPresent, skipping the test or benchmark when
// the captures are absent.
func loadCorpus(tb testing.TB) (data []byte, files []string) {
	tb.Helper()
	data, files = loadCorpusIfPresent()
	if data == nil {
		tb.Skipf("no captures under %s", corpusDir)
	}
	return data, files
}

// BenchmarkReader reads all captures, concatenated, through a Reader; one op
// is the whole corpus. ns/sentence counts VDM/VDO sentences; ns/line all lines.
func BenchmarkReader(b *testing.B) {
	data, _ := loadCorpus(b)
	var st Stats
	rd := bytes.NewReader(data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rd.Reset(data)
		r := NewReader(rd, ReaderConfig{})
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
		}
		if i == 0 {
			st = r.Stats()
		}
	}
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(ns/float64(st.Sentences), "ns/sentence")
	b.ReportMetric(ns/float64(st.Lines), "ns/line")
	b.ReportMetric(float64(st.Sentences)*1e9/ns, "sentences/s")
}

// BenchmarkParse parses each line of the corpus with a Parser; one op is one line.
func BenchmarkParse(b *testing.B) {
	data, _ := loadCorpus(b)
	lines := bytes.Split(bytes.TrimRight(data, "\n"), []byte{'\n'})
	var p Parser
	var s Sentence
	var n int64
	for _, l := range lines {
		n += int64(len(l) + 1)
	}
	b.SetBytes(n / int64(len(lines)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = p.Parse(lines[i%len(lines)], &s)
	}
}

// benchLines are typical lines of each kind, from the captures.
var benchLines = []struct{ name, line string }{
	{"plain", "!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*6C"},
	{"tag", `\s:rEV02,c:1334337317*58\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj` + "`" + `26B0<02,0*5F`},
	{"trailer", "!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22,1328133720087"},
	{"pghp", "$PGHP,1,2012,2,1,20,19,5,651,316,2,316000002,1AIS_S,22*4B,1328133720089"},
	{"other", "$GPGGA,114702.00,3351.0151,S,15117.2160,E,1,06,1.69,00093,M,021,M,,*76"},
}

// BenchmarkParseLine parses one line of each kind; one op is one line.
func BenchmarkParseLine(b *testing.B) {
	for _, bl := range benchLines {
		b.Run(bl.name, func(b *testing.B) {
			line := []byte(bl.line)
			var p Parser
			var s Sentence
			b.SetBytes(int64(len(line)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				_ = p.Parse(line, &s)
			}
		})
	}
}

// cycleReader reads data over and over, never ending.
type cycleReader struct {
	data []byte
	off  int
}

func (c *cycleReader) Read(p []byte) (int, error) {
	n := copy(p, c.data[c.off:])
	c.off = (c.off + n) % len(c.data)
	return n, nil
}

// BenchmarkReaderLine reads an endless stream of one line through a Reader;
// one op is one line (for "other" and "pghp", which give no message, one
// op is the lines up to the next message, a plain sentence after each).
func BenchmarkReaderLine(b *testing.B) {
	for _, bl := range benchLines {
		b.Run(bl.name, func(b *testing.B) {
			line := bl.line + "\n"
			if bl.name == "other" || bl.name == "pghp" {
				line += benchLines[0].line + "\n"
			}
			r := NewReader(&cycleReader{data: bytes.Repeat([]byte(line), 1000)}, ReaderConfig{})
			b.SetBytes(int64(len(line)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := r.Next(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
