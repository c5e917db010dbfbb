package ais

import (
	"bytes"
	"fmt"
)

// decodable is implemented by every message type of this package.
type decodable interface {
	Message
	// decode overwrites every field of the message from b, which holds at
	// least the 38 header bits. It returns a *ShortError when b is shorter
	// than the type requires (the message is still decoded).
	decode(b *bits, d *Decoder) error
}

// Decoder decodes armored payloads into messages. It owns one value of each
// message type and reuses it: the Message returned by Decode, and any slice
// inside it, is valid only until the next call to Decode. Copy what you keep.
// A Decoder is not safe for concurrent use; use one per goroutine.
type Decoder struct {
	b      bits
	msgs   [28]decodable
	text   [64]byte // scratch for 6-bit text
	bin    [MaxPayloadBits/8 + 1]byte
	intern map[string]string
	texts  *[1 << textCacheBits]textEntry // allocated on first use
}

// maxInterned bounds the decoded strings a Decoder keeps for reuse.
const maxInterned = 16384

// NewDecoder returns a Decoder.
func NewDecoder() *Decoder {
	return &Decoder{intern: make(map[string]string, 1024)}
}

// Decode decodes an armored payload with the given number of fill bits.
//
// Errors: ErrEmpty, ErrBadChar, ErrFillBits, ErrTooLong (wrapped) when the
// payload cannot be read at all; an error wrapping ErrShort with a nil
// Message when it is shorter than the 38-bit header; a *TypeError for types 0
// and 28..63; a *ShortError, with the partly decoded Message, when the payload
// is shorter than its type requires.
func (d *Decoder) Decode(payload []byte, fill int) (Message, error) {
	if err := d.b.load(payload, fill); err != nil {
		return nil, err
	}
	if d.b.n < headerBits {
		return nil, fmt.Errorf("%w: %d bits, the header needs %d", ErrShort, d.b.n, headerBits)
	}
	t := int(d.b.u(0, 6))
	if t == 0 || t > 27 {
		return nil, &TypeError{Type: t}
	}
	m := d.msgs[t]
	if m == nil {
		m = newMessage(t)
		if m == nil {
			return nil, &TypeError{Type: t}
		}
		d.msgs[t] = m
	}
	err := m.decode(&d.b, d)
	return m, err
}

// str returns s as a string, reusing an earlier identical string so that
// repeated names and call signs do not allocate.
func (d *Decoder) str(s []byte) string {
	if len(s) == 0 {
		return ""
	}
	if v, ok := d.intern[string(s)]; ok {
		return v
	}
	if len(d.intern) >= maxInterned {
		clear(d.intern)
	}
	v := string(s)
	d.intern[v] = v
	return v
}

// textAt decodes a fixed-width 6-bit text field (a name, call sign,
// destination) of n characters at pos as an interned string. '@' means
// "not available" and terminates the text: real transmitters pad with '@'
// and sometimes leave garbage after it ("YONGDUCK@@@@@@@@@@@Q" is
// "YONGDUCK"), so the text ends at the first '@'; trailing spaces are
// removed too.
func (d *Decoder) textAt(b *bits, pos, n int) string {
	if n <= 20 && b.has(pos, 6*n) {
		// Names and call signs repeat: look the raw bits up first.
		w := 6 * n
		hi := b.u(pos, min(w, 60))
		var lo uint64
		if w > 60 {
			lo = b.u(pos+60, w-60)
		}
		if d.texts == nil {
			d.texts = new([1 << textCacheBits]textEntry)
		}
		e := &d.texts[(hi*0x9E3779B97F4A7C15^lo*0xC2B2AE3D27D4EB4F^uint64(n))>>(64-textCacheBits)]
		if e.ok && e.hi == hi && e.lo == lo && e.n == uint8(n) {
			return e.s
		}
		s := d.decodeText(b, pos, n)
		*e = textEntry{hi: hi, lo: lo, n: uint8(n), ok: true, s: s}
		return s
	}
	return d.decodeText(b, pos, n)
}

// textCacheBits sizes the Decoder's cache of decoded text fields
// (1<<textCacheBits entries, direct mapped by the field's raw bits).
const textCacheBits = 12

// textEntry caches the string of one text field's raw bits.
type textEntry struct {
	hi, lo uint64
	n      uint8
	ok     bool
	s      string
}

func (d *Decoder) decodeText(b *bits, pos, n int) string {
	t := b.text(pos, n, d.text[:0])
	if i := bytes.IndexByte(t, '@'); i >= 0 {
		t = bytes.TrimRight(t[:i], " ")
	}
	return d.str(t)
}

// binaryAt copies the bits from pos to the end of the payload into the
// Decoder's scratch buffer.
func (d *Decoder) binaryAt(b *bits, pos int) ([]byte, int) {
	return b.bytes(pos, b.n-pos, d.bin[:0])
}

// short returns a *ShortError when b holds fewer than need bits.
func short(b *bits, t, need int) error {
	if b.n < need {
		return &ShortError{Type: t, Bits: b.n, Need: need}
	}
	return nil
}

// newMessage returns a new, empty message of type t (1..27).
func newMessage(t int) decodable {
	switch t {
	case 1, 2, 3:
		return new(PositionReport)
	case 5:
		return new(StaticVoyageData)
	case 18:
		return new(ClassBPosition)
	case 19:
		return new(ClassBExtended)
	case 24:
		return new(StaticDataReport)
	case 27:
		return new(LongRangePosition)
	}
	return newOtherMessage(t)
}
