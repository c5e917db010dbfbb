package feed

import (
	"math"
	"net"
	"strconv"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// Kind is the kind of source a feed reads.
type Kind string

// Feed kinds.
const (
	TCP   Kind = "tcp"   // a TCP client that dials Addr and reconnects with backoff
	UDP   Kind = "udp"   // a UDP listener on Addr (loopback by default)
	File  Kind = "file"  // a capture file replayed at Speed, optionally in a loop
	Stdin Kind = "stdin" // standard input (Options.Stdin), replayed at Speed
)

// Defaults and bounds of Config fields.
const (
	DefaultUDPAddr    = "127.0.0.1:10110" // where a UDP feed listens when Addr is empty
	DefaultMinBackoff = time.Second       // first reconnect wait of a TCP feed
	DefaultMaxBackoff = time.Minute       // longest reconnect wait of a TCP feed
	DefaultMaxLine    = 4096              // longest line a feed passes on, in bytes
	MinMaxLine        = 16                // smallest MaxLine accepted
	MaxMaxLine        = 1 << 20           // largest MaxLine accepted
	MaxNameLen        = 64                // longest feed name
	MaxSpeed          = 1e6               // fastest replay speed (0 means unpaced)
)

// Config describes one feed. The zero value of an optional field means its
// default; Validate says which fields each kind needs.
type Config struct {
	// Name identifies the feed: unique within a Manager, 1 to 64 characters
	// from a-z, 0-9, '.', '_' and '-', starting with a letter or digit. It
	// appears in provenance, logs and metric labels.
	Name string
	// Kind is the kind of source.
	Kind Kind
	// Addr is, for TCP, the host:port to dial (required) and, for UDP, the
	// host:port to listen on (default 127.0.0.1:10110; an empty host means
	// 127.0.0.1, so "0.0.0.0:10110" must be written out to listen on every
	// interface; port 0 picks a free port).
	Addr string
	// Path is the capture file of a File feed (required). A file whose name
	// ends in ".gz" or that starts with the gzip magic number is gunzipped.
	Path string
	// Speed paces a File or Stdin feed by each line's own time: 0 delivers
	// as fast as possible, 1 in real time, N at N times real time. See
	// LineTime for the times understood; lines without one follow the line
	// before them without a wait.
	Speed float64
	// Loop makes a File feed start again at the beginning when it ends.
	Loop bool
	// MinBackoff and MaxBackoff bound the reconnect wait of a TCP feed
	// (defaults 1s and 60s). The wait doubles after each failed attempt,
	// with ±20% jitter, and returns to MinBackoff after a connection that
	// delivered at least one line.
	MinBackoff, MaxBackoff time.Duration
	// MaxLine is the longest line, in bytes without CR/LF, that the feed
	// passes on (default 4096). Longer lines are dropped and counted.
	MaxLine int
}

// withDefaults returns c with its zero optional fields set to their defaults.
func (c Config) withDefaults() Config {
	if c.Kind == UDP && c.Addr == "" {
		c.Addr = DefaultUDPAddr
	}
	if c.Kind == UDP {
		if host, port, err := net.SplitHostPort(c.Addr); err == nil && host == "" {
			c.Addr = net.JoinHostPort("127.0.0.1", port)
		}
	}
	if c.Kind == TCP {
		if c.MinBackoff == 0 {
			c.MinBackoff = DefaultMinBackoff
		}
		if c.MaxBackoff == 0 {
			c.MaxBackoff = max(DefaultMaxBackoff, c.MinBackoff)
		}
	}
	if c.MaxLine == 0 {
		c.MaxLine = DefaultMaxLine
	}
	return c
}

// Validate checks c. It returns nil or a *sitrep.Error with code EINVALID
// whose message names the feed and the offending field: the name (see
// Config.Name), the kind, a missing or malformed Addr or Path, a Speed that
// is negative, not finite or above MaxSpeed, Speed or Loop on a kind that
// does not replay, backoffs that are negative, out of order or given to a
// kind that does not reconnect, and MaxLine outside [MinMaxLine, MaxMaxLine].
func (c Config) Validate() error {
	if err := validName(c.Name); err != nil {
		return err
	}
	bad := func(field, format string, args ...any) error {
		e := sitrep.Errorf(sitrep.EINVALID, format, args...)
		e.Message = "feed " + strconv.Quote(c.Name) + ": " + field + ": " + e.Message
		return e
	}
	switch c.Kind {
	case TCP:
		if c.Addr == "" {
			return bad("addr", "required for a tcp feed (host:port to dial)")
		}
		if err := checkAddr(c.Addr, false); err != nil {
			return bad("addr", "%q: %s", c.Addr, err)
		}
	case UDP:
		if c.Addr != "" {
			if err := checkAddr(c.Addr, true); err != nil {
				return bad("addr", "%q: %s", c.Addr, err)
			}
		}
	case File:
		if c.Path == "" {
			return bad("path", "required for a file feed")
		}
	case Stdin:
	case "":
		return bad("kind", "missing (want tcp, udp, file or stdin)")
	default:
		return bad("kind", "%q is not tcp, udp, file or stdin", string(c.Kind))
	}
	if c.Kind != TCP && c.Kind != UDP && c.Addr != "" {
		return bad("addr", "applies to tcp and udp feeds only")
	}
	if c.Kind != File && c.Path != "" {
		return bad("path", "applies to file feeds only")
	}
	replays := c.Kind == File || c.Kind == Stdin
	switch {
	case c.Speed != 0 && !replays:
		return bad("speed", "applies to file and stdin feeds only")
	case math.IsNaN(c.Speed) || c.Speed < 0 || c.Speed > MaxSpeed:
		return bad("speed", "%v is not between 0 (unpaced) and %v", c.Speed, float64(MaxSpeed))
	case c.Loop && c.Kind != File:
		return bad("loop", "applies to file feeds only")
	}
	if c.Kind != TCP && (c.MinBackoff != 0 || c.MaxBackoff != 0) {
		return bad("backoff", "applies to tcp feeds only")
	}
	if c.MinBackoff < 0 || c.MaxBackoff < 0 {
		return bad("backoff", "must not be negative")
	}
	if c.MinBackoff > 0 && c.MaxBackoff > 0 && c.MinBackoff > c.MaxBackoff {
		return bad("backoff", "min_backoff %v is above max_backoff %v", c.MinBackoff, c.MaxBackoff)
	}
	if c.MaxLine != 0 && (c.MaxLine < MinMaxLine || c.MaxLine > MaxMaxLine) {
		return bad("max_line", "%d is not between %d and %d", c.MaxLine, MinMaxLine, MaxMaxLine)
	}
	return nil
}

// validName checks a feed name; see Config.Name.
func validName(name string) error {
	if name == "" {
		return sitrep.Errorf(sitrep.EINVALID, "feed name: missing")
	}
	if len(name) > MaxNameLen {
		return sitrep.Errorf(sitrep.EINVALID, "feed name %.20q...: longer than %d characters", name, MaxNameLen)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-')
		if !ok {
			return sitrep.Errorf(sitrep.EINVALID, "feed name %q: character %d (%q) is not allowed (use a-z, 0-9, '.', '_', '-', starting with a letter or digit)", name, i+1, rune(c))
		}
	}
	return nil
}

// checkAddr checks a host:port; listen allows an empty host and port 0.
func checkAddr(addr string, listen bool) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return errString("want host:port")
	}
	if host == "" && !listen {
		return errString("missing host")
	}
	p, err := strconv.Atoi(port)
	if err != nil || p < 0 || p > 65535 || p == 0 && !listen {
		return errString("port " + strconv.Quote(port) + " is not a number from 1 to 65535")
	}
	return nil
}

// errString is an error that is only a message.
type errString string

func (e errString) Error() string { return string(e) }
