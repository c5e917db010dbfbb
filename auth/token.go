package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/sitrep-osint/sitrep"
)

// API token secrets look like
//
//	sitrep_<id>_<secret>
//
// where id is the token's public ID (16 hex digits) and secret is 32
// random bytes in unpadded base64url (43 characters), so that a leaked
// token is recognisable (and searchable) as a sitrep token. The store
// keeps only the SHA-256 digest of the whole string.
const (
	tokenPrefix    = "sitrep_"
	tokenIDLen     = 16 // hex digits
	secretBytes    = 32
	secretLen      = 43 // base64url of secretBytes, unpadded
	tokenSecretLen = len(tokenPrefix) + tokenIDLen + 1 + secretLen
)

// NewToken makes a new API token: it returns the secret (to show the user
// once) and a sitrep.Token with ID and Hash set (the caller sets User,
// Name, Role, Created and Expires).
//
// Errors: EINTERNAL when the system's random source fails.
func NewToken() (secret string, t sitrep.Token, err error) {
	var b [8 + secretBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", sitrep.Token{}, &sitrep.Error{Code: sitrep.EINTERNAL, Op: "auth.NewToken", Err: err}
	}
	id := hex.EncodeToString(b[:8])
	secret = tokenPrefix + id + "_" + base64.RawURLEncoding.EncodeToString(b[8:])
	return secret, sitrep.Token{ID: id, Hash: digest(secret)}, nil
}

// ParseTokenSecret checks that s has the form of a token secret and
// returns the token ID it names.
func ParseTokenSecret(s string) (id string, ok bool) {
	if len(s) != tokenSecretLen || !strings.HasPrefix(s, tokenPrefix) {
		return "", false
	}
	id, rest := s[len(tokenPrefix):len(tokenPrefix)+tokenIDLen], s[len(tokenPrefix)+tokenIDLen:]
	if !isLowerHex(id) || rest[0] != '_' || !isBase64URL(rest[1:]) {
		return "", false
	}
	return id, true
}

// parseBearer extracts the token secret from an Authorization header
// value "Bearer <secret>" (scheme case-insensitive, one or more spaces).
func parseBearer(h string) (secret, id string, ok bool) {
	if len(h) > 7+8+tokenSecretLen { // generous: scheme, spaces, secret
		return "", "", false
	}
	scheme, rest, found := strings.Cut(h, " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return "", "", false
	}
	secret = strings.TrimLeft(rest, " ")
	id, ok = ParseTokenSecret(secret)
	if !ok {
		return "", "", false
	}
	return secret, id, true
}

// newSecret returns n random bytes as unpadded base64url.
func newSecret(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// parseSessionValue checks that a session cookie value is a secret as
// Login makes them (43 base64url characters).
func parseSessionValue(v string) bool {
	return len(v) == secretLen && isBase64URL(v)
}

// digest is the SHA-256 digest the store keeps of a secret.
func digest(secret string) []byte {
	d := sha256.Sum256([]byte(secret))
	return d[:]
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func isBase64URL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// minSecretRun is the shortest run of base64url characters after
// "sitrep_" that redactSecrets takes for (part of) a secret.
const minSecretRun = 24

// redactSecrets replaces anything in s that looks like a token secret
// with "sitrep_<id>_[redacted]", so that a secret pasted into a detail or
// an object never reaches the audit log.
func redactSecrets(s string) string {
	if !strings.Contains(s, tokenPrefix) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, tokenPrefix)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		end := len(tokenPrefix)
		for end < len(s) && (isBase64URL(s[end : end+1])) {
			end++
		}
		// Runs shorter than a secret's random part ("sitrep_session") are
		// words, not secrets.
		tok := s[:end]
		switch {
		case len(tok) < len(tokenPrefix)+minSecretRun:
			b.WriteString(tok)
		case len(tok) > len(tokenPrefix)+tokenIDLen+1 && tok[len(tokenPrefix)+tokenIDLen] == '_':
			b.WriteString(tok[:len(tokenPrefix)+tokenIDLen+1] + "[redacted]")
		default:
			b.WriteString(tokenPrefix + "[redacted]")
		}
		s = s[end:]
	}
}
