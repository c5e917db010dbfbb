package auth

import (
	"strings"
	"testing"

	"github.com/sitrep-osint/sitrep"
)

func TestHashPassword(t *testing.T) {
	h1, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	h2, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id with the documented parameters", h1)
	}
	if h1 == h2 {
		t.Error("two hashes of one password are equal: salt not random")
	}
	if strings.Contains(h1, "correct horse") {
		t.Error("hash contains the password")
	}
	for _, c := range []struct {
		pw   string
		want bool
	}{
		{"correct horse battery", true},
		{"correct horse batterY", false},
		{"correct horse battery ", false},
		{"", false},
		{strings.Repeat("x", MaxPassword+1), false},
	} {
		ok, err := CheckPassword(h1, c.pw)
		if err != nil || ok != c.want {
			t.Errorf("CheckPassword(%.20q) = %v, %v; want %v", c.pw, ok, err, c.want)
		}
	}
}

func TestPasswordLimits(t *testing.T) {
	for _, c := range []struct {
		pw string
		ok bool
	}{
		{"1234567", false},
		{"12345678", true},
		{"ünïcödé", false}, // 7 characters, more bytes
		{"ünïcödéé", true},
		{strings.Repeat("p", MaxPassword), true},
		{strings.Repeat("p", MaxPassword+1), false},
		{"bad\xffutf8-pass", false},
	} {
		err := ValidatePassword(c.pw)
		if (err == nil) != c.ok {
			t.Errorf("ValidatePassword(%.20q) = %v, want ok %v", c.pw, err, c.ok)
		}
		if err != nil && sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("ValidatePassword(%.20q) code %s, want invalid", c.pw, sitrep.ErrorCode(err))
		}
	}
	if _, err := HashPassword("short"); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("HashPassword(short) = %v, want invalid", err)
	}
}

func TestCheckPasswordMalformed(t *testing.T) {
	good, err := HashPassword("a good password")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Split(good, "$")
	for name, enc := range map[string]string{
		"empty":         "",
		"bcrypt":        "$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
		"argon2i":       strings.Replace(good, "argon2id", "argon2i", 1),
		"version":       strings.Replace(good, "v=19", "v=16", 1),
		"huge memory":   strings.Replace(good, "m=19456", "m=4194304", 1),
		"zero time":     strings.Replace(good, "t=2", "t=0", 1),
		"many threads":  strings.Replace(good, "p=1", "p=255", 1),
		"missing field": strings.Join(f[:5], "$"),
		"bad salt":      strings.Join([]string{"", f[1], f[2], f[3], "!!!", f[5]}, "$"),
		"short key":     strings.Join([]string{"", f[1], f[2], f[3], f[4], "AAAA"}, "$"),
		"too long":      good + strings.Repeat("A", 300),
	} {
		ok, err := CheckPassword(enc, "a good password")
		if ok || sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("%s: CheckPassword = %v, %v; want false, invalid", name, ok, err)
		}
	}
}

// FuzzParseHash: parseHash never panics, accepts only what it can check
// against within its bounds, and what it accepts encodes back to a string
// it parses the same.
func FuzzParseHash(f *testing.F) {
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA")
	f.Add("$argon2id$v=19$m=99999999,t=2,p=1$x$y")
	f.Add("$$$$$")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		p, salt, key, err := parseHash(s)
		if err != nil {
			if sitrep.ErrorCode(err) != sitrep.EINVALID {
				t.Fatalf("code %s", sitrep.ErrorCode(err))
			}
			return
		}
		if p.memory > maxArgonMemory || p.time > maxArgonTime || p.threads > maxArgonThreads || p.memory < 8*uint32(p.threads) {
			t.Fatalf("accepted out-of-bound parameters %+v", p)
		}
		p2, salt2, key2, err := parseHash(encodeHash(p, salt, key))
		if err != nil || p2 != p || string(salt2) != string(salt) || string(key2) != string(key) {
			t.Fatalf("re-encoded hash parses differently: %v", err)
		}
	})
}
