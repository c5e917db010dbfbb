package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-osint/sitrep"
	"golang.org/x/crypto/argon2"
)

// Password length limits, in characters (MinPassword) and bytes
// (MaxPassword).
const (
	MinPassword = 8
	MaxPassword = 1024
)

// The argon2id parameters of new hashes (OWASP's recommended minimum:
// 19 MiB, 2 passes, 1 lane), a 16-byte salt and a 32-byte key. Stored
// hashes carry their own parameters, so these can be raised later
// without invalidating old passwords.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonSaltLen = 16
	argonKeyLen  = 32
)

// Bounds on the parameters CheckPassword accepts from an encoded hash, so
// that a corrupted or hostile row cannot make a check take gigabytes or
// minutes.
const (
	maxArgonMemory  = 256 * 1024 // KiB
	maxArgonTime    = 16
	maxArgonThreads = 16
	maxEncoded      = 256
)

// ValidatePassword checks the length limits.
//
// Errors: EINVALID when pw has fewer than MinPassword characters, more
// than MaxPassword bytes or is not valid UTF-8.
func ValidatePassword(pw string) error {
	switch {
	case len(pw) > MaxPassword:
		return sitrep.Errorf(sitrep.EINVALID, "password is longer than %d bytes", MaxPassword)
	case !utf8.ValidString(pw):
		return sitrep.Errorf(sitrep.EINVALID, "password is not valid UTF-8")
	case utf8.RuneCountInString(pw) < MinPassword:
		return sitrep.Errorf(sitrep.EINVALID, "password must have at least %d characters", MinPassword)
	}
	return nil
}

// HashPassword returns pw hashed with argon2id and a fresh random salt, in
// the PHC string format:
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>
//
// with salt and key in unpadded standard base64.
//
// Errors: EINVALID from ValidatePassword; EINTERNAL when the system's
// random source fails.
func HashPassword(pw string) (string, error) {
	if err := ValidatePassword(pw); err != nil {
		return "", err
	}
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", &sitrep.Error{Code: sitrep.EINTERNAL, Op: "auth.HashPassword", Err: err}
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return encodeHash(argonParams{memory: argonMemory, time: argonTime, threads: argonThreads}, salt, key), nil
}

// CheckPassword reports whether pw matches the encoded hash, comparing in
// constant time. A password over MaxPassword bytes never matches (and is
// not hashed).
//
// Errors: EINVALID when encoded is not an argon2id hash in the format
// HashPassword writes, or its parameters are out of bounds.
func CheckPassword(encoded, pw string) (bool, error) {
	p, salt, key, err := parseHash(encoded)
	if err != nil {
		return false, err
	}
	if len(pw) > MaxPassword {
		return false, nil
	}
	got := argon2.IDKey([]byte(pw), salt, p.time, p.memory, p.threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

type argonParams struct {
	memory, time uint32
	threads      uint8
}

func encodeHash(p argonParams, salt, key []byte) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.memory, p.time, p.threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// parseHash splits a PHC argon2id string.
//
// Errors: EINVALID saying what is wrong with it (never quoting it).
func parseHash(encoded string) (p argonParams, salt, key []byte, err error) {
	bad := func(why string) (argonParams, []byte, []byte, error) {
		return argonParams{}, nil, nil, sitrep.Errorf(sitrep.EINVALID, "password hash: %s", why)
	}
	if len(encoded) > maxEncoded {
		return bad("too long")
	}
	f := strings.Split(encoded, "$")
	if len(f) != 6 || f[0] != "" {
		return bad("not in the form $argon2id$v=…$m=…,t=…,p=…$salt$key")
	}
	if f[1] != "argon2id" {
		return bad("algorithm is not argon2id")
	}
	if f[2] != "v="+strconv.Itoa(argon2.Version) {
		return bad("unsupported argon2 version")
	}
	ps := strings.Split(f[3], ",")
	if len(ps) != 3 {
		return bad("parameters must be m=,t=,p=")
	}
	num := func(s, name string, limit uint64) (uint64, bool) {
		v, ok := strings.CutPrefix(s, name+"=")
		if !ok {
			return 0, false
		}
		n, err := strconv.ParseUint(v, 10, 32)
		return n, err == nil && n >= 1 && n <= limit
	}
	m, ok1 := num(ps[0], "m", maxArgonMemory)
	t, ok2 := num(ps[1], "t", maxArgonTime)
	th, ok3 := num(ps[2], "p", maxArgonThreads)
	if !ok1 || !ok2 || !ok3 || m < 8*th {
		return bad("parameters out of range")
	}
	b64 := base64.RawStdEncoding.Strict()
	if salt, err = b64.DecodeString(f[4]); err != nil || len(salt) < 8 {
		return bad("bad salt")
	}
	if key, err = b64.DecodeString(f[5]); err != nil || len(key) < 16 || len(key) > 64 {
		return bad("bad key")
	}
	return argonParams{memory: uint32(m), time: uint32(t), threads: uint8(th)}, salt, key, nil
}
