package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// corpus returns all real captures of shared/data/ais concatenated.
func corpus(b *testing.B) []byte {
	files, _ := filepath.Glob("../../../shared/data/ais/*/*.txt")
	if len(files) == 0 {
		b.Skip("shared/data/ais not found beside the repository")
	}
	var all []byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, data...)
		if len(data) > 0 && data[len(data)-1] != '\n' {
			all = append(all, '\n')
		}
	}
	return all
}

// benchStream runs the whole decode path (nmea.Reader, ais.Decoder and,
// unless quiet, the JSON Lines writer) over the real captures, one pass
// per op, and reports sentences per second.
func benchStream(b *testing.B, quiet bool) {
	data := corpus(b)
	d := newDecodeRun(newOutBuffer(io.Discard), io.Discard, decodeOptions{quiet: quiet})
	if err := d.stream("corpus", bytes.NewReader(data)); err != nil { // warm up
		b.Fatal(err)
	}
	sentences := d.sum.sentences
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := d.stream("corpus", bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(sentences)*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkDecodeQuiet is `sitrep decode --quiet` without process start-up.
func BenchmarkDecodeQuiet(b *testing.B) { benchStream(b, true) }

// BenchmarkDecodeJSON is `sitrep decode > /dev/null` without start-up.
func BenchmarkDecodeJSON(b *testing.B) { benchStream(b, false) }
