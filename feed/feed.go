package feed

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"time"
)

// feed is one running source.
type feed struct {
	cfg    Config
	h      Handler
	now    func() time.Time
	sleep  func(context.Context, time.Duration) error
	log    *slog.Logger
	met    feedMetrics
	st     stats
	cancel context.CancelFunc
	done   chan struct{} // closed when the goroutine has returned

	// Lines passed on but not yet added to st and met, and the receive
	// time of the last: the counters are updated once per read, not once
	// per line (see flush). Only the feed's goroutine touches them.
	pending   uint64
	pendingAt time.Time
}

// setState enters state s; a non-empty errText becomes LastError.
func (f *feed) setState(s State, errText string) {
	f.st.mu.Lock()
	prev := f.st.state
	f.st.state = s
	f.st.since = f.now().UTC()
	if errText != "" {
		f.st.lastError = errText
	}
	f.st.mu.Unlock()
	if s == Up {
		f.met.up.Set(1)
	} else {
		f.met.up.Set(0)
	}
	if prev != s && s != Down { // runTCP logs going down, with the wait, at warn
		lvl := slog.LevelInfo
		if s == Connecting || s == Starting {
			lvl = slog.LevelDebug
		}
		if s == Failed {
			lvl = slog.LevelError
		}
		attrs := []slog.Attr{slog.String("feed", f.cfg.Name), slog.String("state", string(s)), slog.String("from", string(prev))}
		if errText != "" {
			attrs = append(attrs, slog.String("err", errText))
		}
		f.log.LogAttrs(context.Background(), lvl, "feed state", attrs...)
	}
}

// error counts a dial or read error and records it as LastError.
func (f *feed) error(err error) {
	f.st.errors.Add(1)
	f.st.mu.Lock()
	f.st.lastError = err.Error()
	f.st.mu.Unlock()
}

// addBytes counts n bytes read from the source.
func (f *feed) addBytes(n int) {
	if n > 0 {
		f.st.bytes.Add(uint64(n))
		f.met.bytes.Add(float64(n))
	}
}

// excerptLen bounds the excerpt of a dropped line kept in Status.LastDrop.
const excerptLen = 32

// dropTooLong counts a line of n bytes, longer than MaxLine, that starts
// with head.
func (f *feed) dropTooLong(head []byte, n int) {
	f.st.tooLong.Add(1)
	f.met.tooLong.Inc()
	f.lastDrop(fmt.Sprintf("%s: a line of %d bytes (max_line %d) starting %s", DropTooLong, n, f.cfg.MaxLine, excerpt(head)))
}

// dropJunk counts a line with a byte that is not printable ASCII.
func (f *feed) dropJunk(line []byte) {
	f.st.junk.Add(1)
	f.met.junk.Inc()
	i := 0
	for i < len(line)-1 && printableBytes(line[i:i+1]) {
		i++
	}
	f.lastDrop(fmt.Sprintf("%s: byte 0x%02x at column %d of %s", DropJunk, line[i], i+1, excerpt(line)))
}

func (f *feed) lastDrop(s string) {
	f.st.mu.Lock()
	f.st.lastDrop = s
	f.st.mu.Unlock()
}

// excerpt quotes the start of b in ASCII, Go-escaped, with "..." when cut.
func excerpt(b []byte) string {
	if len(b) > excerptLen {
		return strconv.QuoteToASCII(string(b[:excerptLen])) + "..."
	}
	return strconv.QuoteToASCII(string(b))
}

// check trims a line's trailing CR and says whether to pass it on; it
// counts what it drops. Blank lines are skipped without being counted.
func (f *feed) check(line []byte) ([]byte, bool) {
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	switch {
	case len(line) == 0:
		return nil, false
	case len(line) > f.cfg.MaxLine:
		f.dropTooLong(line, len(line))
		return nil, false
	case !printableASCII(line):
		f.dropJunk(line)
		return nil, false
	}
	return line, true
}

// deliver passes a checked line to the Handler and counts it (see flush).
func (f *feed) deliver(line []byte, at time.Time) {
	f.pending++
	f.pendingAt = at
	f.h(f.cfg.Name, line, at)
}

// flush adds the lines delivered since the last flush to the status and
// the metrics. It is called after the lines of each read or datagram,
// before a replay waits, and when reading stops, so that Status lags the
// Handler by at most one read buffer and never while the feed waits.
func (f *feed) flush() {
	if f.pending == 0 {
		return
	}
	f.st.lines.Add(f.pending)
	f.met.lines.Add(float64(f.pending))
	f.st.lastLine.Store(f.pendingAt.UnixNano())
	f.pending = 0
}

// line checks and delivers one line; it is the line function of live feeds.
func (f *feed) line(line []byte, at time.Time) error {
	if line, ok := f.check(line); ok {
		f.deliver(line, at)
	}
	return nil
}

// printableASCII reports whether b holds only printable ASCII and tabs. It
// tests eight bytes at a time and looks at single bytes only in a word
// that holds a control character or a byte above '~'.
func printableASCII(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for len(b) >= 8 {
		w := binary.LittleEndian.Uint64(b)
		// (w - 0x20 per byte) &^ w has a high bit set in a byte < 0x20;
		// w + 1 per byte sets it in a byte >= 0x7f (a carry only leaves a
		// byte of 0xff, which w flags itself).
		if ((w-0x20*ones)&^w|(w+ones)|w)&highs != 0 && !printableBytes(b[:8]) {
			return false
		}
		b = b[8:]
	}
	return printableBytes(b)
}

// printableBytes is printableASCII a byte at a time.
func printableBytes(b []byte) bool {
	for _, c := range b {
		if c < ' ' && c != '\t' || c > '~' {
			return false
		}
	}
	return true
}

// bufSize is the read buffer of a stream feed with lines of at most maxLine
// bytes: large enough for throughput and always larger than a partial line.
func bufSize(maxLine int) int { return max(64<<10, 2*(maxLine+2)) }

// readLines reads r until it fails or ctx ends, framing lines at '\n' and
// calling fn for each (line without '\n', receive time of the read that
// completed it). Bytes are counted as they are read. A partial line longer
// than MaxLine+1 bytes is discarded as it arrives, so buf never has to hold
// more than that; it is counted once, when its end arrives. A final line
// without '\n' is passed on when r ends. readLines returns r's error (io.EOF
// at the end of input), ctx's error, or the error fn returned.
func (f *feed) readLines(ctx context.Context, r io.Reader, buf []byte, fn func([]byte, time.Time) error) error {
	defer f.flush()
	start, end := 0, 0
	limit := f.cfg.MaxLine + 1 // the line and its CR
	// An over-long line being skipped: its first bytes and its length so far.
	skipping := false
	var head [excerptLen + 1]byte
	var headN, skipped int
	skippedCR := false // the last byte skipped was a CR
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		if start > 0 {
			end = copy(buf, buf[start:end])
			start = 0
		}
		n, err := r.Read(buf[end:])
		at := f.now()
		f.addBytes(n)
		end += n
		for {
			i := bytes.IndexByte(buf[start:end], '\n')
			if i < 0 {
				break
			}
			line := buf[start : start+i]
			start += i + 1
			if skipping {
				skipping = false
				n := skipped + len(line)
				if len(line) > 0 && line[len(line)-1] == '\r' || len(line) == 0 && skippedCR {
					n--
				}
				f.dropTooLong(head[:headN], n)
				continue
			}
			if ferr := fn(line, at); ferr != nil {
				return ferr
			}
		}
		f.flush()
		if skipping || end-start > limit {
			if !skipping {
				skipping, skipped = true, 0
				headN = copy(head[:], buf[start:end])
			}
			if end > start {
				skipped += end - start
				skippedCR = buf[end-1] == '\r'
			}
			start = end
		}
		if err != nil {
			if skipping {
				f.dropTooLong(head[:headN], skipped)
			} else if start < end {
				if ferr := fn(buf[start:end], at); ferr != nil {
					return ferr
				}
			}
			return err
		}
	}
}
