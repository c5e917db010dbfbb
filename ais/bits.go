package ais

import (
	"encoding/binary"
	"math"
	mbits "math/bits"
)

// MaxPayloadBits bounds the payload a Decoder accepts. M.1371 messages occupy
// at most five slots (1008 bits including the 40-bit header overhead we do not
// see); 2048 leaves room for non-conforming transmitters without letting a
// hostile input grow buffers.
const MaxPayloadBits = 2048

const maxWords = MaxPayloadBits / 64

// armor maps an armored payload character to its 6-bit value, or 0xFF for a
// character outside the AIS alphabet ('0'..'W' and '`'..'w').
var armor = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xFF
	}
	for c := 48; c < 88; c++ {
		t[c] = byte(c - 48)
	}
	for c := 96; c < 120; c++ {
		t[c] = byte(c - 56)
	}
	return t
}()

// sixbitASCII maps a 6-bit text value to its character (ITU-R M.1371 table 47).
var sixbitASCII = func() (t [64]byte) {
	for i := range t {
		if i < 32 {
			t[i] = byte(i + 64)
		} else {
			t[i] = byte(i)
		}
	}
	return t
}()

// SWAR constants: every byte 0x01, every byte 0x80.
const (
	lo8 = 0x0101010101010101
	hi8 = 0x8080808080808080
)

// dearmor8 dearmors eight payload characters, x holding the first in its
// lowest byte, into 48 bits with the first character most significant. ok is
// false when any byte is outside the AIS alphabet.
func dearmor8(x uint64) (v uint64, ok bool) {
	if x&hi8 != 0 {
		return 0, false
	}
	// With the high bit of each byte set, subtracting n from every byte
	// leaves the high bit set exactly where the byte was >= n.
	xh := x | hi8
	ge48 := (xh - 48*lo8) & hi8
	ge88 := (xh - 88*lo8) & hi8
	ge96 := (xh - 96*lo8) & hi8
	ge120 := (xh - 120*lo8) & hi8
	if (ge48&^ge88)|(ge96&^ge120) != hi8 {
		return 0, false
	}
	y := x - 48*lo8 - ge88>>4 // '0'..'W' -> 0..39, '`'..'w' -> 40..63
	z := mbits.ReverseBytes64(y)
	z = (z&0x3F003F003F003F00)>>2 | z&0x003F003F003F003F
	z = (z&0x0FFF00000FFF0000)>>4 | z&0x00000FFF00000FFF
	z = (z&0x00FFFFFF00000000)>>8 | z&0x0000000000FFFFFF
	return z, true
}

// bits is a dearmored payload, most significant bit first, in 64-bit words.
type bits struct {
	w    [maxWords + 1]uint64 // one spare word so reads never index out of range
	n    int                  // number of valid bits
	used int                  // words written by the previous load, zeroed by the next
}

// load dearmors payload into b. It reports the first invalid character's
// index, or ErrTooLong / ErrEmpty.
func (b *bits) load(payload []byte, fill int) error {
	if len(payload) == 0 {
		return ErrEmpty
	}
	if len(payload)*6 > MaxPayloadBits {
		return ErrTooLong
	}
	if fill < 0 || fill > 5 {
		return ErrFillBits
	}
	nw := (len(payload)*6 + 63) >> 6
	var acc uint64 // bits accumulated, right aligned
	var have uint  // number of bits in acc
	wi := 0
	var bad byte
	p := payload
	// Eight characters at a time give 48 bits, dearmored with SWAR
	// arithmetic on one 64-bit word (see dearmor8).
	for len(p) >= 8 {
		v, ok := dearmor8(binary.LittleEndian.Uint64(p))
		if !ok {
			return ErrBadChar
		}
		p = p[8:]
		if have+48 <= 64 {
			acc = acc<<48 | v
			have += 48
			if have == 64 {
				b.w[wi] = acc
				wi++
				acc, have = 0, 0
			}
			continue
		}
		spill := have + 48 - 64
		b.w[wi] = acc<<(48-spill) | v>>spill
		wi++
		acc = v & (1<<spill - 1)
		have = spill
	}
	for _, c := range p {
		v := armor[c]
		bad |= v
		if have+6 <= 64 {
			acc = acc<<6 | uint64(v)
			have += 6
			if have == 64 {
				b.w[wi] = acc
				wi++
				acc, have = 0, 0
			}
			continue
		}
		spill := have + 6 - 64
		b.w[wi] = acc<<(6-spill) | uint64(v)>>spill
		wi++
		acc = uint64(v) & (1<<spill - 1)
		have = spill
	}
	if bad&0xC0 != 0 {
		return ErrBadChar
	}
	if have > 0 {
		b.w[wi] = acc << (64 - have)
		wi++
	}
	written := wi
	for ; wi <= max(nw, b.used) && wi < len(b.w); wi++ {
		b.w[wi] = 0
	}
	b.used = written
	b.n = len(payload)*6 - fill
	return nil
}

// u reads width (1..57) bits at pos as an unsigned integer. Bits beyond the
// payload read as zero.
func (b *bits) u(pos, width int) uint64 {
	i := pos >> 6
	off := uint(pos & 63)
	if i >= maxWords {
		return 0
	}
	hi := b.w[i]<<off | (b.w[i+1]>>1)>>(63-off)
	return hi >> (64 - uint(width))
}

// i reads width bits at pos as a two's complement signed integer.
func (b *bits) i(pos, width int) int64 {
	v := b.u(pos, width)
	return int64(v<<(64-uint(width))) >> (64 - uint(width))
}

// flag reads one bit.
func (b *bits) flag(pos int) bool { return b.u(pos, 1) == 1 }

// has reports whether the payload holds the width bits starting at pos.
func (b *bits) has(pos, width int) bool { return pos+width <= b.n }

// text reads n six-bit characters at pos into buf, stripping trailing '@'
// and spaces, and returns the characters that remain (aliasing buf). Only
// complete characters inside the payload are read.
func (b *bits) text(pos, n int, buf []byte) []byte {
	if avail := (b.n - pos) / 6; avail < n {
		n = max(avail, 0)
	}
	buf = buf[:0]
	for k := 0; k < n; k++ {
		buf = append(buf, sixbitASCII[b.u(pos+6*k, 6)])
	}
	for len(buf) > 0 && (buf[len(buf)-1] == '@' || buf[len(buf)-1] == ' ') {
		buf = buf[:len(buf)-1]
	}
	return buf
}

// bytes copies n bits at pos (clipped to the payload) into dst, left aligned
// and zero padded, and returns the bytes and the number of bits copied.
func (b *bits) bytes(pos, n int, dst []byte) ([]byte, int) {
	n = max(min(n, b.n-pos), 0)
	dst = dst[:0]
	for k := 0; k < n; k += 8 {
		w := min(8, n-k)
		dst = append(dst, byte(b.u(pos+k, w)<<(8-w)))
	}
	return dst, n
}

// bitWriter builds a payload for the encoder.
type bitWriter struct {
	w [maxWords + 1]uint64
	n int
}

// put appends the low width bits of v.
func (bw *bitWriter) put(v uint64, width int) {
	if width == 0 || bw.n+width > MaxPayloadBits {
		return
	}
	v &= 1<<uint(width) - 1
	i, off := bw.n>>6, bw.n&63
	free := 64 - off
	if width <= free {
		bw.w[i] |= v << uint(free-width)
	} else {
		bw.w[i] |= v >> uint(width-free)
		bw.w[i+1] |= v << uint(64-(width-free))
	}
	bw.n += width
}

// puti appends a signed value in width bits, two's complement.
func (bw *bitWriter) puti(v int64, width int) { bw.put(uint64(v), width) }

func (bw *bitWriter) putFlag(f bool) {
	if f {
		bw.put(1, 1)
	} else {
		bw.put(0, 1)
	}
}

// putText appends s as n six-bit characters, padded with '@'. Lower-case
// letters are upper-cased; characters outside the 6-bit alphabet (including
// any non-ASCII rune) become '?'. Characters beyond n are dropped.
func (bw *bitWriter) putText(s string, n int) {
	k := 0
	for _, r := range s {
		if k == n {
			break
		}
		if r >= 'a' && r <= 'z' {
			r -= 32
		}
		v := byte('?')
		switch {
		case r >= 64 && r < 96:
			v = byte(r) - 64
		case r >= 32 && r < 64:
			v = byte(r)
		}
		bw.put(uint64(v), 6)
		k++
	}
	for ; k < n; k++ {
		bw.put(0, 6) // '@'
	}
}

// appendArmored appends the payload as armored characters to dst and
// returns it with the number of fill bits.
func (bw *bitWriter) appendArmored(dst []byte) ([]byte, int) {
	nchars := (bw.n + 5) / 6
	for k := range nchars {
		i, off := (6*k)>>6, uint((6*k)&63)
		v := (bw.w[i]<<off | (bw.w[i+1]>>1)>>(63-off)) >> 58
		dst = append(dst, armorChars[v])
	}
	return dst, nchars*6 - bw.n
}

// armorChars maps a 6-bit value to its armored payload character.
const armorChars = "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw"

// round converts a float to the nearest integer, halves away from zero.
func round(f float64) int64 { return int64(math.Round(f)) }
