// Package capturetest feeds real captures through nmea and ais for the
// tests of the stages after them.
package capturetest

import (
	"bytes"
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
		n += replay(fh, filepath.Base(f), dec, &recv, fn)
		fh.Close()
	}
	return n
}

// ReplayData is Replay for one capture held in memory, named source.
func ReplayData(data []byte, source string, start time.Time, fn func(msg *nmea.Message, m ais.Message, recv time.Time)) int64 {
	return replay(bytes.NewReader(data), source, ais.NewDecoder(), &start, fn)
}

// replay is Replay's loop over one capture; *recv is the receive time of
// the message before the first, and is left at that of the last.
func replay(rd io.Reader, source string, dec *ais.Decoder, recv *time.Time, fn func(msg *nmea.Message, m ais.Message, recv time.Time)) int64 {
	var n int64
	r := nmea.NewReader(rd, nmea.ReaderConfig{Source: source})
	for {
		msg, err := r.Next()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			continue
		}
		m, err := dec.Decode(msg.Payload, msg.FillBits)
		if m == nil || (err != nil && !errors.Is(err, ais.ErrShort)) {
			continue
		}
		n++
		*recv = recv.Add(time.Second)
		fn(msg, m, *recv)
	}
}
