package nmea

import (
	"encoding/binary"
	"math/bits"
)

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// Checksum returns the NMEA checksum of b: the XOR of all its bytes. Callers
// pass the characters between the start character ('!', '$' or the tag
// block's '\') and '*'.
func Checksum(b []byte) byte {
	n := len(b)
	if n < 8 {
		var s byte
		for _, c := range b {
			s ^= c
		}
		return s
	}
	var x0, x1 uint64
	i := 0
	for ; i+16 <= n; i += 16 {
		x0 ^= binary.LittleEndian.Uint64(b[i:])
		x1 ^= binary.LittleEndian.Uint64(b[i+8:])
	}
	if i+8 <= n {
		x0 ^= binary.LittleEndian.Uint64(b[i:])
		i += 8
	}
	if k := n - i; k > 0 {
		// The last k bytes: load the final 8 and shift out those seen.
		x1 ^= binary.LittleEndian.Uint64(b[n-8:]) >> (8 * (8 - k))
	}
	return fold(x0 ^ x1)
}

func fold(x uint64) byte {
	x ^= x >> 32
	x ^= x >> 16
	x ^= x >> 8
	return byte(x)
}

// unhex2 decodes two hex digits (either case).
func unhex2(hi, lo byte) (byte, bool) {
	h, ok1 := unhex(hi)
	l, ok2 := unhex(lo)
	return h<<4 | l, ok1 && ok2
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// ValidArmor reports whether every byte of p is an AIS 6-bit armor character
// ('0'..'W' or '`'..'w'). It checks eight bytes at a time.
func ValidArmor(p []byte) bool {
	n := len(p)
	if n < 8 {
		for _, c := range p {
			if !armorByte(c) {
				return false
			}
		}
		return true
	}
	i := 0
	for ; i+8 <= n; i += 8 {
		if !armor8(binary.LittleEndian.Uint64(p[i:])) {
			return false
		}
	}
	if i < n {
		// The last 8 bytes, overlapping bytes already checked.
		return armor8(binary.LittleEndian.Uint64(p[n-8:]))
	}
	return true
}

func armorByte(c byte) bool { return (c >= '0' && c <= 'W') || (c >= '`' && c <= 'w') }

// armor8 checks 8 bytes at once. For bytes below 0x80, (b|0x80)-n has its
// high bit set exactly when b >= n, and no borrow crosses byte boundaries.
func armor8(x uint64) bool {
	if x&msb != 0 {
		return false
	}
	y := x | msb
	ge48 := (y - 48*lsb) & msb
	ge88 := (y - 88*lsb) & msb
	ge96 := (y - 96*lsb) & msb
	ge120 := (y - 120*lsb) & msb
	return (ge48&^ge88)|(ge96&^ge120) == msb
}

// armorBad returns, for the 8 bytes of w, 0x80 in each byte that is not an
// armor character.
func armorBad(w uint64) uint64 {
	y := w | msb
	ge48 := (y - 48*lsb) & msb
	ge88 := (y - 88*lsb) & msb
	ge96 := (y - 96*lsb) & msb
	ge120 := (y - 120*lsb) & msb
	return (w & msb) | (^((ge48 &^ ge88) | (ge96 &^ ge120)) & msb)
}

// armorSpan returns the length of the run of armor characters at the start
// of p and the XOR of its bytes, eight bytes at a time.
func armorSpan(p []byte) (int, byte) {
	var acc uint64
	n := len(p)
	i := 0
	for ; i < n; i += 8 {
		var w uint64
		if i+8 <= n {
			w = binary.LittleEndian.Uint64(p[i:])
		} else if n >= 8 {
			// The last bytes: load the final 8 and shift out those seen;
			// the zero bytes shifted in are not armor and end the run.
			w = binary.LittleEndian.Uint64(p[n-8:]) >> (8 * (8 - (n - i)))
		} else {
			for j := n - 1; j >= i; j-- {
				w = w<<8 | uint64(p[j])
			}
		}
		if bad := armorBad(w); bad != 0 {
			k := bits.TrailingZeros64(bad) &^ 7
			acc ^= w & (1<<k - 1)
			return min(i+k>>3, n), fold(acc)
		}
		acc ^= w
	}
	return n, fold(acc)
}
