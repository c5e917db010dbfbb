package auth

import (
	"bytes"
	"crypto/sha256"
	"regexp"
	"strings"
	"testing"
)

var secretRE = regexp.MustCompile(`^sitrep_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$`)

func TestNewToken(t *testing.T) {
	s1, t1, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	s2, t2, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if !secretRE.MatchString(s1) {
		t.Errorf("secret %q does not look like sitrep_<id>_<base64url>", s1)
	}
	if s1 == s2 || t1.ID == t2.ID {
		t.Error("two tokens share a secret or an ID")
	}
	if !strings.HasPrefix(s1, "sitrep_"+t1.ID+"_") {
		t.Errorf("secret %q does not carry ID %q", s1, t1.ID)
	}
	want := sha256.Sum256([]byte(s1))
	if !bytes.Equal(t1.Hash, want[:]) {
		t.Error("Hash is not the SHA-256 of the secret")
	}
	id, ok := ParseTokenSecret(s1)
	if !ok || id != t1.ID {
		t.Errorf("ParseTokenSecret = %q, %v", id, ok)
	}
}

func TestParseBearer(t *testing.T) {
	s, tok, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		h  string
		ok bool
	}{
		{"Bearer " + s, true},
		{"bearer " + s, true},
		{"BEARER   " + s, true},
		{"Bearer", false},
		{"Bearer ", false},
		{"Basic " + s, false},
		{"Bearer " + s + " ", false},
		{"Bearer " + s + "x", false},
		{"Bearer " + s[:len(s)-1], false},
		{"Bearer " + strings.ToUpper(s), false},
		{"Bearer " + strings.Replace(s, "sitrep_", "sitrap_", 1), false},
		{"Bearer " + s[:7] + "G" + s[8:], false},   // non-hex ID
		{"Bearer " + s[:23] + "-" + s[24:], false}, // no separator
		{"Bearer " + s[:len(s)-1] + "=", false},    // padding
		{"Bearer " + strings.Repeat(" ", 100) + s, false},
	} {
		secret, id, ok := parseBearer(c.h)
		if ok != c.ok {
			t.Errorf("parseBearer(%q) ok = %v, want %v", c.h, ok, c.ok)
		}
		if ok && (secret != s || id != tok.ID) {
			t.Errorf("parseBearer(%q) = %q, %q", c.h, secret, id)
		}
	}
}

func TestRedactSecrets(t *testing.T) {
	s, tok, _ := NewToken()
	for _, c := range []struct{ in, want string }{
		{"plain detail", "plain detail"},
		{"token " + s + " leaked", "token sitrep_" + tok.ID + "_[redacted] leaked"},
		{s + s, "sitrep_" + tok.ID + "_[redacted]"}, // one run of base64url
		{"the sitrep_session cookie", "the sitrep_session cookie"},
		{"sitrep_", "sitrep_"},
		{"sitrep_" + strings.Repeat("A", 30), "sitrep_[redacted]"},
	} {
		if got := redactSecrets(c.in); got != c.want {
			t.Errorf("redactSecrets(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzParseBearer: parsing an Authorization header never panics, and
// what it accepts is exactly a well-formed secret whose ID it returns.
func FuzzParseBearer(f *testing.F) {
	s, _, _ := NewToken()
	f.Add("Bearer " + s)
	f.Add("bearer  " + s)
	f.Add("Basic dXNlcjpwYXNz")
	f.Add("Bearer sitrep_0123456789abcdef_")
	f.Add("")
	f.Fuzz(func(t *testing.T, h string) {
		secret, id, ok := parseBearer(h)
		if !ok {
			return
		}
		if !secretRE.MatchString(secret) || !strings.HasSuffix(h, secret) || secret[7:23] != id {
			t.Fatalf("accepted %q as secret %q id %q", h, secret, id)
		}
		if strings.Contains(redactSecrets("x "+secret+" y"), secret[24:]) {
			t.Fatalf("redactSecrets kept the secret of %q", secret)
		}
	})
}

// FuzzSessionCookie: a session cookie value is accepted only when it is 43
// base64url characters (what Login issues), and redaction never panics.
func FuzzSessionCookie(f *testing.F) {
	v, _ := newSecret(secretBytes)
	f.Add(v)
	f.Add("")
	f.Add(strings.Repeat("=", 43))
	f.Add("sitrep_" + v)
	f.Fuzz(func(t *testing.T, v string) {
		ok := parseSessionValue(v)
		if ok != (len(v) == 43 && regexp.MustCompile(`^[A-Za-z0-9_-]*$`).MatchString(v)) {
			t.Fatalf("parseSessionValue(%q) = %v", v, ok)
		}
		_ = redactSecrets(v)
	})
}
