package ais

import (
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// JSONWriter is a FieldWriter that appends a JSON object to a byte slice,
// without reflection or allocation. Use Begin, write fields (for example
// with Message.WriteFields), then End; Bytes returns the encoded object.
type JSONWriter struct {
	buf   []byte
	comma bool // a value has been written at the current nesting level
}

// Reset starts a new document appended to dst[:0].
func (j *JSONWriter) Reset(dst []byte) { j.buf, j.comma = dst[:0], false }

// Bytes returns the encoded document so far.
func (j *JSONWriter) Bytes() []byte { return j.buf }

// Begin opens the top-level object.
func (j *JSONWriter) Begin() { j.buf = append(j.buf, '{'); j.comma = false }

// End closes the top-level object.
func (j *JSONWriter) End() { j.buf = append(j.buf, '}'); j.comma = true }

func (j *JSONWriter) key(name string) {
	// One capacity check and direct stores: this runs for every field.
	n := len(j.buf)
	if cap(j.buf)-n < len(name)+4 {
		j.buf = slices.Grow(j.buf, len(name)+4)
	}
	b := j.buf[:n+len(name)+4]
	if j.comma {
		b[n] = ','
		n++
	}
	j.comma = true
	if name == "" { // array element
		j.buf = b[:n]
		return
	}
	b[n] = '"'
	n += 1 + copy(b[n+1:], name) // names are constant snake_case identifiers
	b[n], b[n+1] = '"', ':'
	j.buf = b[:n+2]
}

// Int implements FieldWriter.
func (j *JSONWriter) Int(name string, v int64) {
	j.key(name)
	j.buf = appendInt(j.buf, v)
}

// digitPairs holds "00" to "99".
const digitPairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// putDigits writes u in decimal at the end of tmp, two digits at a time,
// and returns the index of its first digit.
func putDigits(tmp *[24]byte, u uint64) int {
	i := len(tmp)
	for u >= 100 {
		q := u / 100
		r := (u - q*100) * 2
		i -= 2
		tmp[i], tmp[i+1] = digitPairs[r], digitPairs[r+1]
		u = q
	}
	if u >= 10 {
		i -= 2
		tmp[i], tmp[i+1] = digitPairs[2*u], digitPairs[2*u+1]
	} else {
		i--
		tmp[i] = byte('0' + u)
	}
	return i
}

// appendInt appends v in decimal, two digits at a time.
func appendInt(dst []byte, v int64) []byte {
	u := uint64(v)
	if v < 0 {
		dst = append(dst, '-')
		u = -u
	}
	if u < 10 {
		return append(dst, byte('0'+u))
	}
	if u < 100 {
		return append(dst, digitPairs[2*u], digitPairs[2*u+1])
	}
	var tmp [24]byte
	i := putDigits(&tmp, u)
	return append(dst, tmp[i:]...)
}

// Float implements FieldWriter: v with at most decimals places, trailing
// zeros removed. NaN and infinities, which JSON cannot carry, are written as
// null.
func (j *JSONWriter) Float(name string, v float64, decimals int) {
	j.key(name)
	j.buf = appendFloat(j.buf, v, decimals)
}

var pow10 = [...]float64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

func appendFloat(dst []byte, v float64, decimals int) []byte {
	if v != v || v > 1e9 || v < -1e9 { // NaN, or too large for the fixed-point path
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return append(dst, "null"...)
		}
		return strconv.AppendFloat(dst, v, 'f', -1, 64)
	}
	if decimals < 0 || decimals >= len(pow10) {
		return strconv.AppendFloat(dst, v, 'f', -1, 64)
	}
	scaled := v * pow10[decimals]
	var u uint64
	neg := scaled < 0
	if neg {
		u = uint64(-scaled + 0.5) // rounds half away from zero, as math.Round
	} else {
		u = uint64(scaled + 0.5)
	}
	if u == 0 { // a value that rounds to zero is written as 0, not -0
		return append(dst, '0')
	}
	if neg {
		dst = append(dst, '-')
	}
	// All digits of u, at least decimals+1 of them, then the point.
	var tmp [24]byte
	i := putDigits(&tmp, u)
	for len(tmp)-i < decimals+1 {
		i--
		tmp[i] = '0'
	}
	point := len(tmp) - decimals
	end := len(tmp)
	for end > point && tmp[end-1] == '0' {
		end--
	}
	dst = append(dst, tmp[i:point]...)
	if end > point {
		dst = append(dst, '.')
		dst = append(dst, tmp[point:end]...)
	}
	return dst
}

// Bool implements FieldWriter.
func (j *JSONWriter) Bool(name string, v bool) {
	j.key(name)
	if v {
		j.buf = append(j.buf, "true"...)
	} else {
		j.buf = append(j.buf, "false"...)
	}
}

// String implements FieldWriter.
func (j *JSONWriter) String(name string, v string) {
	j.key(name)
	j.buf = appendJSONString(j.buf, v)
}

// Text implements FieldWriter.
func (j *JSONWriter) Text(name string, v []byte) {
	j.key(name)
	j.buf = appendJSONString(j.buf, v)
}

const hexDigits = "0123456789abcdef"

// Binary implements FieldWriter: a lower-case hex string of the bytes that
// hold the n bits, followed by a "<name>_bits" field with n.
func (j *JSONWriter) Binary(name string, data []byte, n int) {
	j.key(name)
	j.buf = append(j.buf, '"')
	for _, c := range data[:(n+7)/8] {
		j.buf = append(j.buf, hexDigits[c>>4], hexDigits[c&15])
	}
	j.buf = append(j.buf, '"', ',', '"')
	j.buf = append(j.buf, name...)
	j.buf = append(j.buf, "_bits\":"...)
	j.buf = strconv.AppendInt(j.buf, int64(n), 10)
}

// BeginObject implements FieldWriter.
func (j *JSONWriter) BeginObject(name string) {
	j.key(name)
	j.buf = append(j.buf, '{')
	j.comma = false
}

// EndObject implements FieldWriter.
func (j *JSONWriter) EndObject() { j.buf = append(j.buf, '}'); j.comma = true }

// BeginArray implements FieldWriter.
func (j *JSONWriter) BeginArray(name string) {
	j.key(name)
	j.buf = append(j.buf, '[')
	j.comma = false
}

// EndArray implements FieldWriter.
func (j *JSONWriter) EndArray() { j.buf = append(j.buf, ']'); j.comma = true }

// AppendJSON appends m as one JSON object. It allocates its writer; a hot
// loop should reuse one JSONWriter instead.
func AppendJSON(dst []byte, m Message) []byte {
	j := JSONWriter{buf: dst}
	j.Begin()
	m.WriteFields(&j)
	j.End()
	return j.buf
}

// appendJSONString appends s as a quoted JSON string, escaping quotes,
// backslashes and control characters. Invalid UTF-8 bytes
// become U+FFFD, so that the output is always valid JSON.
func appendJSONString[S ~string | ~[]byte](dst []byte, s S) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < 0x80 {
			continue
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
			if r != utf8.RuneError || size > 1 {
				i += size - 1
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			start = i + 1
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"':
			dst = append(dst, '\\', '"')
		case '\\':
			dst = append(dst, '\\', '\\')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// AppendJSONString appends s as a quoted, escaped JSON string (see
// JSONWriter.String).
func AppendJSONString(dst []byte, s string) []byte { return appendJSONString(dst, s) }
