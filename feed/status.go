package feed

import (
	"sync"
	"sync/atomic"
	"time"
)

// State is where a feed is in its life.
type State string

// Feed states. A TCP feed cycles connecting -> up -> down -> connecting ...;
// UDP, file and stdin feeds go starting -> up and end done (the input ended)
// or failed (a read error they cannot recover from). Any feed ends stopped
// when it is stopped or its context is cancelled.
const (
	Starting   State = "starting"   // started, not yet reading
	Connecting State = "connecting" // dialling (TCP)
	Up         State = "up"         // reading lines
	Down       State = "down"       // disconnected, waiting to reconnect (TCP)
	Done       State = "done"       // the input ended (file without Loop, stdin)
	Stopped    State = "stopped"    // stopped by Stop, Close or its context
	Failed     State = "failed"     // ended by an error; see Status.LastError
)

// Drop reasons, as used in Status.DroppedBy and the reason label of
// sitrep_feed_dropped_total.
const (
	DropTooLong = "too_long" // longer than Config.MaxLine
	DropJunk    = "junk"     // a control character or a non-ASCII byte
)

// Status is a snapshot of one feed.
type Status struct {
	Name  string `json:"name"`
	Kind  Kind   `json:"kind"`
	Addr  string `json:"address"` // TCP: dialled address; UDP: bound address; file: path; stdin: "-"
	State State  `json:"state"`
	// Lines counts the lines passed to the Handler (updated after each
	// read), Bytes every byte read from the source (line ends, dropped
	// lines and blank lines included; a paced replay reads up to 64 KiB
	// ahead of the lines it has passed on),
	// Dropped the lines the feed dropped itself (by reason in DroppedBy),
	// Errors the failed dials and read errors (a TCP peer closing the
	// connection counts), and Reconnects the TCP connections made after the
	// first one.
	Lines      uint64            `json:"lines"`
	Bytes      uint64            `json:"bytes"`
	Dropped    uint64            `json:"dropped"`
	DroppedBy  map[string]uint64 `json:"dropped_by,omitempty"`
	Errors     uint64            `json:"errors"`
	Reconnects uint64            `json:"reconnects"`
	LastError  string            `json:"last_error,omitempty"`
	// LastDrop says why and where the last dropped line was dropped, with
	// a quoted excerpt: `junk: byte 0x16 at column 1 of "\x16\x03..."`.
	LastDrop string    `json:"last_drop,omitempty"`
	LastLine time.Time `json:"last_line,omitzero"` // receive time of the last line passed on
	Since    time.Time `json:"since"`              // when State was entered
	Loops    uint64    `json:"loops,omitempty"`    // file feeds with Loop: times the file was started again
}

// stats is the live, goroutine-safe status of a feed: counters are atomic
// (written per line by the feed's goroutine), the rest changes rarely and
// sits behind mu.
type stats struct {
	lines, bytes, tooLong, junk, errors, reconnects, loops atomic.Uint64
	lastLine                                               atomic.Int64 // UnixNano; 0 when none

	mu        sync.Mutex
	addr      string
	state     State
	since     time.Time
	lastError string
	lastDrop  string
}

func (s *stats) snapshot(name string, kind Kind) Status {
	st := Status{
		Name:       name,
		Kind:       kind,
		Lines:      s.lines.Load(),
		Bytes:      s.bytes.Load(),
		Errors:     s.errors.Load(),
		Reconnects: s.reconnects.Load(),
		Loops:      s.loops.Load(),
	}
	tl, junk := s.tooLong.Load(), s.junk.Load()
	st.Dropped = tl + junk
	if st.Dropped > 0 {
		st.DroppedBy = map[string]uint64{}
		if tl > 0 {
			st.DroppedBy[DropTooLong] = tl
		}
		if junk > 0 {
			st.DroppedBy[DropJunk] = junk
		}
	}
	if ns := s.lastLine.Load(); ns != 0 {
		st.LastLine = time.Unix(0, ns).UTC()
	}
	s.mu.Lock()
	st.Addr, st.State, st.Since, st.LastError, st.LastDrop = s.addr, s.state, s.since, s.lastError, s.lastDrop
	s.mu.Unlock()
	return st
}
