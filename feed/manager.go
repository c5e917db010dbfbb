package feed

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sitrep-osint/sitrep"
)

// Handler receives each complete line of a feed (without CR/LF) and its
// receive time. It is called from the feed's goroutine: concurrently for
// different feeds, one line at a time for one feed. line is only valid
// during the call. A Handler must not call the Manager's Stop or Close.
type Handler func(feed string, line []byte, received time.Time)

// Options are a Manager's dependencies. Every field is optional.
type Options struct {
	// Clock returns the current time: receive times, Status.Since and
	// replay pacing. Default time.Now.
	Clock func() time.Time
	// Sleep waits for d or until ctx ends, returning ctx's error then: TCP
	// reconnect backoff and replay pacing. Default a real timer.
	Sleep func(ctx context.Context, d time.Duration) error
	// Logger receives state changes (info), disconnects (warn) and failures
	// (error). Default slog.Default().
	Logger *slog.Logger
	// Registerer, when set, gets the feed metrics: counters
	// sitrep_feed_lines_total{feed}, sitrep_feed_bytes_total{feed},
	// sitrep_feed_dropped_total{feed,reason}, sitrep_feed_reconnects_total{feed}
	// and the gauge sitrep_feed_up{feed}. Managers sharing a Registerer share
	// the collectors.
	Registerer prometheus.Registerer
	// Stdin is what a stdin feed reads. Default os.Stdin. If it is an
	// io.Closer, stopping the feed closes it, so that a blocked read ends.
	Stdin io.Reader
	// DialTimeout bounds one TCP dial. Default 10s.
	DialTimeout time.Duration
}

// Manager runs named feeds. Its methods are safe for concurrent use.
type Manager struct {
	h     Handler
	opts  Options
	met   *metrics
	mu    sync.Mutex
	feeds map[string]*feed
	stdin string // name of the feed reading Stdin, if any
	// closed is set by Close; Start refuses feeds after it.
	closed bool
}

// NewManager returns a Manager that passes every line of its feeds to h
// (a nil h discards the lines; the feeds still count them).
func NewManager(h Handler, opts Options) *Manager {
	if h == nil {
		h = func(string, []byte, time.Time) {}
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.Sleep == nil {
		opts.Sleep = sleep
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	if opts.DialTimeout <= 0 {
		opts.DialTimeout = 10 * time.Second
	}
	return &Manager{h: h, opts: opts, met: newMetrics(opts.Registerer, opts.Logger), feeds: map[string]*feed{}}
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Start validates c and starts the feed on its own goroutine. The feed runs
// until Stop, Close or the end of ctx (so ctx should live as long as the
// server, not a request); a file or stdin feed also ends at the end of its
// input, and stays listed in Statuses, as done, until it is stopped.
//
// A UDP feed binds its address and a file feed opens its file before Start
// returns, so that those mistakes are reported here; a TCP feed dials in the
// background and retries. Errors are *sitrep.Error: EINVALID for a bad
// Config (see Config.Validate) or an address that cannot be bound, ENOTFOUND
// for a missing file, ECONFLICT for a name already in use, a second stdin
// feed or a closed Manager; other I/O errors are wrapped with Op "feed.Start".
func (m *Manager) Start(ctx context.Context, c Config) error {
	if err := c.Validate(); err != nil {
		return err
	}
	c = c.withDefaults()
	m.mu.Lock()
	defer m.mu.Unlock()
	switch {
	case m.closed:
		return sitrep.Errorf(sitrep.ECONFLICT, "feed %q: the feed manager is closed", c.Name)
	case m.feeds[c.Name] != nil:
		return sitrep.Errorf(sitrep.ECONFLICT, "feed %q already exists", c.Name)
	case c.Kind == Stdin && m.stdin != "":
		return sitrep.Errorf(sitrep.ECONFLICT, "feed %q: standard input is already read by feed %q", c.Name, m.stdin)
	}
	f := &feed{
		cfg:   c,
		h:     m.h,
		now:   m.opts.Clock,
		sleep: m.opts.Sleep,
		log:   m.opts.Logger,
		met:   m.met.forFeed(c.Name),
		done:  make(chan struct{}),
	}
	f.st.addr = c.Addr
	var run func(context.Context)
	switch c.Kind {
	case TCP:
		run = func(ctx context.Context) { f.runTCP(ctx, m.opts.DialTimeout) }
	case UDP:
		pc, err := net.ListenPacket("udp", c.Addr)
		if err != nil {
			e := sitrep.Errorf(sitrep.EINVALID, "feed %q: addr %q: cannot listen: %s", c.Name, c.Addr, shortNetError(err))
			e.Op, e.Err = "feed.Start", err
			return e
		}
		f.st.addr = pc.LocalAddr().String()
		run = func(ctx context.Context) { f.runUDP(ctx, pc) }
	case File:
		rc, err := openFile(c.Path)
		if err != nil {
			code := sitrep.EINVALID
			if os.IsNotExist(err) {
				code = sitrep.ENOTFOUND
			}
			e := sitrep.Errorf(code, "feed %q: path %q: cannot open: %s", c.Name, c.Path, shortPathError(err))
			e.Op, e.Err = "feed.Start", err
			return e
		}
		f.st.addr = c.Path
		run = func(ctx context.Context) { f.runFile(ctx, rc) }
	case Stdin:
		f.st.addr = "-"
		m.stdin = c.Name
		run = func(ctx context.Context) { f.runStdin(ctx, m.opts.Stdin) }
	}
	f.setState(Starting, "")
	ctx, f.cancel = context.WithCancel(ctx)
	m.feeds[c.Name] = f
	go func() {
		defer close(f.done)
		run(ctx)
	}()
	return nil
}

// shortNetError drops the "listen udp 1.2.3.4:5: " prefix of a net error.
func shortNetError(err error) string {
	if oe, ok := err.(*net.OpError); ok && oe.Err != nil {
		return oe.Err.Error()
	}
	return err.Error()
}

// shortPathError drops the path of an *os.PathError, which the message
// already names.
func shortPathError(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// Stop stops the named feed, waits for its goroutine and forgets it (its
// metric series are deleted and its name can be used again). It returns a
// *sitrep.Error with code ENOTFOUND when there is no such feed.
func (m *Manager) Stop(name string) error {
	m.mu.Lock()
	f := m.feeds[name]
	if f == nil {
		m.mu.Unlock()
		return sitrep.Errorf(sitrep.ENOTFOUND, "no feed %q", name)
	}
	delete(m.feeds, name)
	m.mu.Unlock()
	f.cancel()
	<-f.done
	m.met.remove(name)
	// The stdin slot is freed only now: a second reader must not start
	// before the first has let go.
	m.mu.Lock()
	if m.stdin == name {
		m.stdin = ""
	}
	m.mu.Unlock()
	return nil
}

// Statuses returns a snapshot of every feed, by name.
func (m *Manager) Statuses() []Status {
	m.mu.Lock()
	all := make([]Status, 0, len(m.feeds))
	for _, f := range m.feeds {
		all = append(all, f.st.snapshot(f.cfg.Name, f.cfg.Kind))
	}
	m.mu.Unlock()
	slices.SortFunc(all, func(a, b Status) int { return strings.Compare(a.Name, b.Name) })
	return all
}

// Status returns a snapshot of the named feed, or a *sitrep.Error with code
// ENOTFOUND.
func (m *Manager) Status(name string) (Status, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.feeds[name]
	if f == nil {
		return Status{}, sitrep.Errorf(sitrep.ENOTFOUND, "no feed %q", name)
	}
	return f.st.snapshot(f.cfg.Name, f.cfg.Kind), nil
}

// Close stops every feed and waits for their goroutines; the feeds stay
// listed in Statuses as stopped (or as they ended). Start fails after
// Close. Close is idempotent and returns nil.
func (m *Manager) Close() error {
	m.mu.Lock()
	m.closed = true
	feeds := make([]*feed, 0, len(m.feeds))
	for _, f := range m.feeds {
		feeds = append(feeds, f)
	}
	m.mu.Unlock()
	for _, f := range feeds {
		f.cancel()
	}
	for _, f := range feeds {
		<-f.done
	}
	return nil
}
