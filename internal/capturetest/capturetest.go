// Package capturetest feeds real captures through nmea and ais for the
// tests of the stages after them.
package capturetest

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/nmea"
)

// Replay reads every file matching glob (failing the test when none does),
// decodes it and calls fn with each decoded message, including those with a
// short payload, and a receive time that starts at start and advances one
// second per message, as if read live. Rejected lines and undecodable
// payloads are skipped. It returns the number of messages passed to fn.
func Replay(tb testing.TB, glob string, start time.Time, fn func(msg *nmea.Message, m ais.Message, recv time.Time)) int64 {
	tb.Helper()
	files, _ := filepath.Glob(glob)
	if len(files) == 0 {
		tb.Fatalf("no captures match %s", glob)
	}
	dec := ais.NewDecoder()
	recv := start
	var n int64
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			tb.Fatal(err)
		}
		r := nmea.NewReader(fh, nmea.ReaderConfig{Source: filepath.Base(f)})
		for {
			msg, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				continue
			}
			m, err := dec.Decode(msg.Payload, msg.FillBits)
			if m == nil || (err != nil && !errors.Is(err, ais.ErrShort)) {
				continue
			}
			n++
			recv = recv.Add(time.Second)
			fn(msg, m, recv)
		}
		fh.Close()
	}
	return n
}
