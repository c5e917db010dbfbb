package ais

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// sharedCaptures is where the real AIS captures live (see its README); tests
// that need the whole corpus skip when it is absent.
const sharedCaptures = "../../shared/data/ais"

// payload is a single-sentence payload taken from a capture.
type payload struct {
	data []byte
	fill int
}

// singlePayloads returns the payloads of the single-fragment VDM/VDO
// sentences in the real captures. It is a deliberately simple extraction for
// tests and benchmarks of this package alone; package nmea does the real
// framing.
func singlePayloads(tb testing.TB) []payload {
	tb.Helper()
	out := collectPayloads()
	if len(out) == 0 {
		tb.Skip("real captures not found at " + sharedCaptures)
	}
	return out
}

func collectPayloads() []payload {
	files, _ := filepath.Glob(filepath.Join(sharedCaptures, "*", "*.txt"))
	var out []payload
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			line := sc.Bytes()
			if i := bytes.LastIndexByte(line, '\\'); i >= 0 {
				line = line[i+1:]
			}
			if len(line) < 7 || line[0] != '!' || !(bytes.Equal(line[3:6], []byte("VDM")) || bytes.Equal(line[3:6], []byte("VDO"))) {
				continue
			}
			f := bytes.Split(line, []byte(","))
			if len(f) < 7 || string(f[1]) != "1" || len(f[5]) == 0 || len(f[6]) < 1 {
				continue
			}
			fill, err := strconv.Atoi(string(f[6][:1]))
			if err != nil {
				continue
			}
			out = append(out, payload{data: append([]byte(nil), f[5]...), fill: fill})
		}
		fh.Close()
	}
	return out
}

func mustDecode(t *testing.T, p string, fill int) Message {
	t.Helper()
	m, err := NewDecoder().Decode([]byte(p), fill)
	if err != nil {
		t.Fatalf("Decode(%q, %d): %v", p, fill, err)
	}
	return m
}
