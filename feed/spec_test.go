package feed

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

func TestParseSpec(t *testing.T) {
	for _, tc := range []struct {
		spec string
		want Config
	}{
		{"stdin", Config{Name: "stdin", Kind: Stdin}},
		{"stdin?name=pipe&speed=10", Config{Name: "pipe", Kind: Stdin, Speed: 10}},
		{"udp", Config{Name: "udp-10110", Kind: UDP}},
		{"udp::10110", Config{Name: "udp-10110", Kind: UDP, Addr: ":10110"}},
		{"udp:0.0.0.0:2000?name=lan", Config{Name: "lan", Kind: UDP, Addr: "0.0.0.0:2000"}},
		{"udp:0.0.0.0:2000", Config{Name: "udp-0.0.0.0-2000", Kind: UDP, Addr: "0.0.0.0:2000"}},
		{"tcp:153.44.253.27:5631", Config{Name: "tcp-153.44.253.27-5631", Kind: TCP, Addr: "153.44.253.27:5631"}},
		{"tcp:name=ais1,addr=153.44.253.27:5631", Config{Name: "ais1", Kind: TCP, Addr: "153.44.253.27:5631"}},
		{"tcp:addr=[::1]:5631,min_backoff=500ms,max_backoff=30s,max_line=1024",
			Config{Name: "tcp-1-5631", Kind: TCP, Addr: "[::1]:5631", MinBackoff: 500 * time.Millisecond, MaxBackoff: 30 * time.Second, MaxLine: 1024}},
		{"tcp:ais.example.org:5631?name=kystverket&max_backoff=2m", Config{Name: "kystverket", Kind: TCP, Addr: "ais.example.org:5631", MaxBackoff: 2 * time.Minute}},
		{"file:testdata/ais/x.nmea?speed=60&loop=1", Config{Name: "x", Kind: File, Path: "testdata/ais/x.nmea", Speed: 60, Loop: true}},
		{"file:/data/AIS 2025-01-25.NMEA.gz", Config{Name: "ais-2025-01-25", Kind: File, Path: "/data/AIS 2025-01-25.NMEA.gz"}},
		{"file:what?.nmea?", Config{Name: "what", Kind: File, Path: "what?.nmea"}},
		{"file:path=a,b.nmea", Config{}}, // a comma ends a value in the key form
		{"file:path=x.nmea,loop=yes,speed=0.5", Config{Name: "x", Kind: File, Path: "x.nmea", Loop: true, Speed: 0.5}},
		{"file:___", Config{Name: "file", Kind: File, Path: "___"}},
	} {
		got, err := ParseSpec(tc.spec)
		if tc.want == (Config{}) {
			if err == nil {
				t.Errorf("ParseSpec(%q) = %+v, want an error", tc.spec, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseSpec(%q): %v", tc.spec, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseSpec(%q) = %+v, want %+v", tc.spec, got, tc.want)
		}
		back, err := ParseSpec(got.Spec())
		if err != nil || back != got {
			t.Errorf("ParseSpec(%q.Spec() = %q) = %+v, %v; want %+v", tc.spec, got.Spec(), back, err, got)
		}
	}
}

func TestParseSpecErrors(t *testing.T) {
	for _, tc := range []struct{ spec, want string }{
		{"", "empty"},
		{"http://x", `kind "http" is not tcp, udp, file or stdin`},
		{"tcp", "addr: required"},
		{"tcp:example.org", `addr: "example.org": want host:port`},
		{"tcp::5631", "missing host"},
		{"tcp:h:0", `port "0" is not a number from 1 to 65535`},
		{"tcp:h:99999", `port "99999"`},
		{"tcp:h:1?speed=2", "speed: applies to file and stdin feeds only"},
		{"tcp:h:1?min_backoff=1m&max_backoff=1s", "min_backoff 1m0s is above max_backoff 1s"},
		{"tcp:h:1?min_backoff=soon", `option min_backoff="soon": not a duration`},
		{"tcp:h:1?max_backoff=-1s", "backoff: must not be negative"},
		{"tcp:h:1?addr=h:2", `option "addr" given twice`},
		{"tcp:name=a,name=b,addr=h:1", `option "name" given twice`},
		{"udp:h:1?loop=1", "loop: applies to file feeds only"},
		{"udp:h:1?min_backoff=1s", "backoff: applies to tcp feeds only"},
		{"file", "path: required"},
		{"file:x?speed=-1", "speed: -1 is not between 0"},
		{"file:x?speed=NaN", "speed: NaN is not between 0"},
		{"file:x?speed=fast", `option speed="fast": not a number`},
		{"file:x?loop=maybe", `option loop="maybe": want 1 or 0`},
		{"file:x?max_line=8", "max_line: 8 is not between 16 and 1048576"},
		{"file:x?max_line=lots", "not a whole number"},
		{"file:x?colour=red", `option colour="red": unknown key`},
		{"file:x?name", `option "name": want key=value`},
		{"file:x?name=Big", `feed name "Big": character 1 ('B') is not allowed`},
		{"file:x?name=a/b", `character 2 ('/') is not allowed`},
		{"file:x?name=" + strings.Repeat("a", 65), "longer than 64 characters"},
		{"stdin:x", "stdin takes no target"},
		{"stdin?loop=1", "loop: applies to file feeds only"},
		{strings.Repeat("x", MaxSpecLen+1), "longer than 4096 bytes"},
	} {
		_, err := ParseSpec(tc.spec)
		if err == nil {
			t.Errorf("ParseSpec(%q): no error, want %q", tc.spec, tc.want)
			continue
		}
		if sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseSpec(%q) = %v (code %s), want EINVALID containing %q", tc.spec, err, sitrep.ErrorCode(err), tc.want)
		}
	}
}

func TestValidateNamesField(t *testing.T) {
	for _, tc := range []struct {
		c    Config
		want string
	}{
		{Config{Kind: File, Path: "x"}, "feed name: missing"},
		{Config{Name: "a", Path: "x"}, "kind: missing"},
		{Config{Name: "a", Kind: "serial"}, `kind: "serial" is not`},
		{Config{Name: "a", Kind: File, Path: "x", Addr: "h:1"}, "addr: applies to tcp and udp feeds only"},
		{Config{Name: "a", Kind: TCP, Addr: "h:1", Path: "x"}, "path: applies to file feeds only"},
		{Config{Name: "a", Kind: File, Path: "x", MaxLine: 2 << 20}, "max_line"},
	} {
		err := tc.c.Validate()
		if err == nil || sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v.Validate() = %v, want EINVALID containing %q", tc.c, err, tc.want)
		}
	}
}

// FuzzParseSpec checks that ParseSpec never panics, that what it accepts is
// valid, and that Spec writes it back to the same Config.
func FuzzParseSpec(f *testing.F) {
	for _, s := range []string{
		"stdin", "udp", "udp::10110", "tcp:name=ais1,addr=153.44.253.27:5631",
		"tcp:153.44.253.27:5631?name=ais1&min_backoff=1s&max_backoff=1m",
		"file:testdata/ais/x.nmea?speed=60&loop=1", "file:a?b.nmea?", "file:name=x.nmea",
		"file:path=name=x,loop=1", "stdin?speed=1e3&max_line=100", "udp:[::1]:0?name=v6",
		"tcp:h:1?addr=h:2", "file:x?name=A",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseSpec(s)
		if err != nil {
			if sitrep.ErrorCode(err) != sitrep.EINVALID {
				t.Fatalf("ParseSpec(%q): %v is not EINVALID", s, err)
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("ParseSpec(%q) = %+v, which does not validate: %v", s, c, err)
		}
		spec := c.Spec()
		back, err := ParseSpec(spec)
		if err != nil {
			if c.Kind == File && keyForm(c.Path) && strings.ContainsAny(c.Path, "&") {
				return // not expressible: a path like "name=a&b" (documented)
			}
			t.Fatalf("ParseSpec(%q) = %+v; its Spec %q does not parse: %v", s, c, spec, err)
		}
		if back != c {
			t.Fatalf("ParseSpec(%q) = %+v; its Spec %q parses to %+v", s, c, spec, back)
		}
	})
}
