package feed

import (
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// MaxSpecLen bounds the length of a spec given to ParseSpec.
const MaxSpecLen = 4096

// specKeys are the option keys of a spec, in the order Spec writes them.
var specKeys = [...]string{"name", "addr", "path", "speed", "loop", "min_backoff", "max_backoff", "max_line"}

// ParseSpec parses a feed spec as given to `sitrep serve --feed`, validates
// it (see Config.Validate) and returns its Config. Errors are *sitrep.Error
// with code EINVALID naming the spec and what is wrong in it.
//
// A spec is a kind, then an optional target after ':', then optional
// options after '?':
//
//	KIND[:TARGET][?KEY=VALUE&KEY=VALUE...]
//	KIND:KEY=VALUE,KEY=VALUE...
//
// KIND is tcp, udp, file or stdin. TARGET is the address to dial (tcp,
// host:port), the address to listen on (udp, [host]:port, empty host meaning
// 127.0.0.1) or the path of a capture (file); options start at the last '?'.
// The second form, recognised when the text after ':' starts with a known
// key and '=', gives every field as a comma-separated option (values may
// then not contain ','). Keys:
//
//	name         the feed name (default: derived from the target, see below)
//	addr, path   the target, as an option
//	speed        replay speed of file and stdin feeds: 0 (default) unpaced, 1 real time, N times real time
//	loop         1/true/yes or 0/false/no: replay a file again when it ends
//	min_backoff  first reconnect wait of a tcp feed, as a Go duration (default 1s)
//	max_backoff  longest reconnect wait of a tcp feed (default 60s)
//	max_line     longest line in bytes (default 4096)
//
// Without a name, one is derived: "stdin"; "udp-PORT" (or "udp-HOST-PORT"
// off loopback); "tcp-HOST-PORT"; and for a file its base name without
// .gz, .nmea, .txt or .log, lower-cased, with other characters turned into
// '-'. Examples:
//
//	tcp:153.44.253.27:5631?name=ais1
//	tcp:name=ais1,addr=153.44.253.27:5631,max_backoff=30s
//	udp::10110
//	udp                                   (127.0.0.1:10110)
//	file:testdata/ais/amsa-tag-block.nmea?speed=60&loop=1
//	stdin?name=pipe&speed=10
func ParseSpec(s string) (Config, error) {
	fail := func(format string, args ...any) (Config, error) {
		q := s
		if len(q) > 80 {
			q = q[:80] + "..."
		}
		e := sitrep.Errorf(sitrep.EINVALID, format, args...)
		e.Message = "feed spec " + strconv.Quote(q) + ": " + e.Message
		return Config{}, e
	}
	if len(s) > MaxSpecLen {
		return fail("longer than %d bytes", MaxSpecLen)
	}
	if s == "" {
		return fail("empty (want KIND[:TARGET][?OPTIONS], KIND one of tcp, udp, file, stdin)")
	}
	i := strings.IndexAny(s, ":?")
	if i < 0 {
		i = len(s)
	}
	var c Config
	c.Kind = Kind(s[:i])
	switch c.Kind {
	case TCP, UDP, File, Stdin:
	default:
		return fail("kind %q is not tcp, udp, file or stdin", s[:i])
	}
	rest := s[i:]
	var target, opts string
	var sep byte = '&'
	switch {
	case rest == "":
	case rest[0] == '?':
		opts = rest[1:]
	case keyForm(rest[1:]):
		opts, sep = rest[1:], ','
	default:
		target = rest[1:]
		if q := strings.LastIndexByte(target, '?'); q >= 0 {
			target, opts = target[:q], target[q+1:]
		}
	}
	seen := map[string]bool{}
	if target != "" || rest != "" && rest[0] == ':' && sep == '&' {
		if c.Kind == Stdin {
			return fail("stdin takes no target (only ?options)")
		}
		if c.Kind == File {
			c.Path = target
		} else {
			c.Addr = target
		}
		seen[targetKey(c.Kind)] = true
	}
	if opts != "" {
		for kv := range strings.SplitSeq(opts, string(sep)) {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return fail("option %q: want key=value", kv)
			}
			if seen[k] {
				return fail("option %q given twice", k)
			}
			seen[k] = true
			if err := c.set(k, v); err != "" {
				return fail("option %s=%q: %s", k, v, err)
			}
		}
	}
	if c.Name == "" {
		c.Name = defaultName(c)
	}
	if err := c.Validate(); err != nil {
		return fail("%s", sitrep.ErrorMessage(err))
	}
	return c, nil
}

// keyForm reports whether s starts with a known option key and '='.
func keyForm(s string) bool {
	for _, k := range specKeys {
		if len(s) > len(k) && s[:len(k)] == k && s[len(k)] == '=' {
			return true
		}
	}
	return false
}

// targetKey names the option that holds a kind's target.
func targetKey(k Kind) string {
	if k == File {
		return "path"
	}
	return "addr"
}

// set sets one option; it returns what is wrong, or "".
func (c *Config) set(k, v string) string {
	var err error
	switch k {
	case "name":
		c.Name = v
	case "addr":
		c.Addr = v
	case "path":
		c.Path = v
	case "speed":
		c.Speed, err = strconv.ParseFloat(v, 64)
		if err != nil {
			return "not a number"
		}
	case "loop":
		switch strings.ToLower(v) {
		case "1", "true", "yes", "on":
			c.Loop = true
		case "0", "false", "no", "off":
			c.Loop = false
		default:
			return "want 1 or 0 (true/false, yes/no)"
		}
	case "min_backoff", "max_backoff":
		d, err := time.ParseDuration(v)
		if err != nil {
			return "not a duration like 500ms, 1s or 2m"
		}
		if k == "min_backoff" {
			c.MinBackoff = d
		} else {
			c.MaxBackoff = d
		}
	case "max_line":
		c.MaxLine, err = strconv.Atoi(v)
		if err != nil {
			return "not a whole number of bytes"
		}
	default:
		return "unknown key (want " + strings.Join(specKeys[:], ", ") + ")"
	}
	return ""
}

// defaultName derives a feed name from c's kind and target; see ParseSpec.
func defaultName(c Config) string {
	switch c.Kind {
	case Stdin:
		return "stdin"
	case UDP:
		addr := c.withDefaults().Addr
		host, port, _ := splitHostPort(addr)
		if host == "127.0.0.1" || host == "localhost" || host == "::1" {
			return "udp-" + port
		}
		return slug("udp-" + host + "-" + port)
	case TCP:
		host, port, _ := splitHostPort(c.Addr)
		return slug("tcp-" + host + "-" + port)
	case File:
		base := strings.ToLower(filepath.Base(c.Path))
		base = strings.TrimSuffix(base, ".gz")
		for _, ext := range []string{".nmea", ".txt", ".log"} {
			base = strings.TrimSuffix(base, ext)
		}
		if n := slug(base); n != "" {
			return n
		}
		return "file"
	}
	return ""
}

// splitHostPort is net.SplitHostPort that returns the whole of a malformed
// address as the host.
func splitHostPort(addr string) (host, port string, ok bool) {
	i := strings.LastIndexByte(addr, ':')
	if i < 0 {
		return addr, "", false
	}
	return strings.Trim(addr[:i], "[]"), addr[i+1:], true
}

// slug turns s into a valid feed name: lower case, runs of other characters
// as one '-', no leading punctuation, at most MaxNameLen bytes; "" when
// nothing is left.
func slug(s string) string {
	b := make([]byte, 0, len(s))
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b = append(b, c)
			dash = false
		case (c == '.' || c == '_') && len(b) > 0:
			b = append(b, c)
			dash = false
		default:
			if len(b) > 0 && !dash {
				b = append(b, '-')
				dash = true
			}
		}
		if len(b) >= MaxNameLen {
			break
		}
	}
	return strings.TrimRight(string(b[:min(len(b), MaxNameLen)]), "-._")
}

// Spec returns c as a spec that ParseSpec reads back to c, in the first
// form of ParseSpec, with options in a fixed order and defaults left out.
// A path that contains '?' is followed by a '?' so that it is read whole.
func (c Config) Spec() string {
	var b strings.Builder
	b.WriteString(string(c.Kind))
	target := c.Addr
	if c.Kind == File {
		target = c.Path
	}
	var opts []string
	if target != "" && keyForm(target) {
		opts = append(opts, targetKey(c.Kind)+"="+target) // cannot be a bare target
		target = ""
	}
	if target != "" {
		b.WriteByte(':')
		b.WriteString(target)
	}
	opts = append(opts, "name="+c.Name)
	if c.Speed != 0 {
		opts = append(opts, "speed="+strconv.FormatFloat(c.Speed, 'g', -1, 64))
	}
	if c.Loop {
		opts = append(opts, "loop=1")
	}
	if c.MinBackoff != 0 {
		opts = append(opts, "min_backoff="+c.MinBackoff.String())
	}
	if c.MaxBackoff != 0 {
		opts = append(opts, "max_backoff="+c.MaxBackoff.String())
	}
	if c.MaxLine != 0 {
		opts = append(opts, "max_line="+strconv.Itoa(c.MaxLine))
	}
	b.WriteByte('?')
	b.WriteString(strings.Join(opts, "&"))
	return b.String()
}
