package feed

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// MaxReplayGap is the longest jump in event time between two timed lines
// that a paced replay waits out. A longer jump, forward or back (a receiver
// that was offline, a clock that was reset, a corrupt timestamp), starts a
// new schedule at that line instead of stalling the feed.
const MaxReplayGap = time.Hour

// pacer schedules a replay by each line's event time against the wall
// clock: line i is due at w0 + (t_i - t0)/speed, where t0 is the first
// timed line's time and w0 the clock then. Waits are relative to that
// origin, not line to line, so rounding and handler time do not add up.
type pacer struct {
	speed  float64
	t0, w0 time.Time // origin of the schedule; zero before the first timed line
	last   time.Time // time of the previous timed line
}

// wait sleeps until the line with event time t is due. Lines without a
// time (t zero) and lines already due go at once. The error is ctx's, when it
// ends during the wait.
func (p *pacer) wait(ctx context.Context, f *feed, t time.Time) error {
	if p.speed == 0 || t.IsZero() {
		return nil
	}
	if p.last.IsZero() || t.Sub(p.last) > MaxReplayGap || p.last.Sub(t) > MaxReplayGap {
		p.t0, p.w0, p.last = t, f.now(), t
		return nil
	}
	p.last = t
	due := p.w0.Add(time.Duration(float64(t.Sub(p.t0)) / p.speed))
	if d := due.Sub(f.now()); d > 0 {
		f.flush()
		return f.sleep(ctx, d)
	}
	return nil
}

// replayLine returns the line function of a replayed input: lines are
// checked, paced, and a leading time column is turned into a tag block
// (\c:...*hh\) so that the next stage sees the time.
func (f *feed) replayLine(ctx context.Context) func([]byte, time.Time) error {
	p := pacer{speed: f.cfg.Speed}
	var scratch []byte
	return func(line []byte, at time.Time) error {
		line, ok := f.check(line)
		if !ok {
			return nil
		}
		var t time.Time
		if tc, rest, ok := timeColumn(line); ok {
			t = tc
			if len(rest) == 0 {
				return nil // a time and nothing else
			}
			if rest[0] == '!' || rest[0] == '$' {
				scratch = append(appendTagTime(scratch[:0], t), rest...)
				line = scratch
			} else {
				line = rest
			}
		} else if f.cfg.Speed != 0 {
			t = lineTime(line)
		}
		if f.cfg.Speed != 0 {
			if err := p.wait(ctx, f, t); err != nil {
				return err
			}
			at = f.now() // received when it was due, not when it was read
		}
		f.deliver(line, at)
		return nil
	}
}

// openFile opens a capture, gunzipping it when its name ends in .gz or it
// starts with the gzip magic number.
func openFile(path string) (io.ReadCloser, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(fh, 64<<10)
	magic, _ := br.Peek(2)
	if !strings.HasSuffix(path, ".gz") && (len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b) {
		return readCloser{br, fh}, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		fh.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return readCloser{zr, fh}, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// runFile replays a capture, once or in a loop. first is the file opened by
// Start (so that a missing file fails there).
func (f *feed) runFile(ctx context.Context, first io.ReadCloser) {
	rc := first
	buf := make([]byte, bufSize(f.cfg.MaxLine))
	f.setState(Up, "")
	for {
		before := f.st.lines.Load()
		err := f.readLines(ctx, rc, buf, f.replayLine(ctx))
		rc.Close()
		switch {
		case ctx.Err() != nil:
			f.setState(Stopped, "")
			return
		case !errors.Is(err, io.EOF):
			f.error(err)
			f.setState(Failed, err.Error())
			return
		case !f.cfg.Loop:
			f.setState(Done, "")
			return
		case f.st.lines.Load() == before:
			f.setState(Done, "no lines to loop over")
			return
		}
		f.st.loops.Add(1)
		if rc, err = openFile(f.cfg.Path); err != nil {
			f.error(err)
			f.setState(Failed, err.Error())
			return
		}
	}
}

// runStdin replays standard input (Options.Stdin) until it ends.
func (f *feed) runStdin(ctx context.Context, r io.Reader) {
	if c, ok := r.(io.Closer); ok {
		stop := context.AfterFunc(ctx, func() { c.Close() })
		defer stop()
	}
	f.setState(Up, "")
	err := f.readLines(ctx, r, make([]byte, bufSize(f.cfg.MaxLine)), f.replayLine(ctx))
	switch {
	case ctx.Err() != nil:
		f.setState(Stopped, "")
	case errors.Is(err, io.EOF):
		f.setState(Done, "")
	default:
		f.error(err)
		f.setState(Failed, err.Error())
	}
}
