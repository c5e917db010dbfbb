package nmea

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// MaxFragmentPayload is the most armored payload characters AppendSentences
// puts in one sentence. 60 characters keep a sentence with its longest
// fields within the 82 characters of NMEA 0183.
const MaxFragmentPayload = 60

// MaxPayloadChars is the longest payload AppendSentences accepts: nine
// fragments of MaxFragmentPayload characters.
const MaxPayloadChars = 9 * MaxFragmentPayload

// ErrEncode is wrapped by every error of AppendSentences: the SentenceSpec
// cannot be written as valid sentences.
var ErrEncode = errors.New("nmea: cannot encode sentence")

// SentenceSpec describes the VDM/VDO sentence(s) that carry one armored AIS
// payload, and the optional NMEA 4.10 tag block written before each of them.
type SentenceSpec struct {
	// Talker is the two-character talker; the zero value means "AI".
	Talker [2]byte
	// Own selects VDO (own vessel) instead of VDM.
	Own bool
	// Channel is the radio channel ('A', 'B', '1', '2' ...); 0 leaves the
	// field empty.
	Channel byte
	// Payload is the armored 6-bit payload: 1..MaxPayloadChars characters
	// '0'..'W' or '`'..'w'.
	Payload []byte
	// FillBits is the number of fill bits, 0..5; it is written on the last
	// fragment only (the others carry 0).
	FillBits int
	// SeqID is the sequential message id, 0..9, written on multipart
	// messages only (single sentences leave the field empty).
	SeqID int
	// Tag, when Tag.Station or Tag.Time is set, adds a tag block before
	// every sentence.
	Tag TagSpec
}

// TagSpec is the content of the NMEA 4.10 tag block that AppendSentences
// writes: \s:<Station>,c:<Unix seconds>,g:<n>-<count>-<GroupID>*hh\. Empty
// fields are left out; g: is written for multipart messages only.
type TagSpec struct {
	// Station is the s: source; it must not contain ',', '*', '\\' or
	// characters outside printable ASCII. Empty leaves s: out.
	Station string
	// Time is written as c: in whole UNIX seconds (truncated); the zero
	// time leaves c: out.
	Time time.Time
	// GroupID is the g: group id of a multipart message, >= 0.
	GroupID int
}

// present reports whether a tag block is written at all.
func (t *TagSpec) present() bool { return t.Station != "" || !t.Time.IsZero() }

// AppendSentences appends to dst the sentence(s) of s, each ending in
// "\r\n", and returns the extended slice. Payloads longer than
// MaxFragmentPayload characters are split into fragments of that size (at
// most nine) carrying s.SeqID; the fill bits go on the last fragment.
// Checksums (of the sentence and of the tag block) are computed.
//
// It allocates nothing when dst has room for the result. On error it
// returns dst unchanged and an error wrapping ErrEncode: empty, too long or
// non-armored payload, fill bits outside 0..5, SeqID outside 0..9 for a
// multipart message, a channel or talker character that cannot appear in a
// field, a tag station that cannot appear in a tag block, a tag time before
// 1970 or a negative group id.
func AppendSentences(dst []byte, s SentenceSpec) ([]byte, error) {
	if err := s.check(); err != nil {
		return dst, err
	}
	talker := s.Talker
	if talker == [2]byte{} {
		talker = [2]byte{'A', 'I'}
	}
	n := (len(s.Payload) + MaxFragmentPayload - 1) / MaxFragmentPayload
	tag := s.Tag.present()
	for k := 1; k <= n; k++ {
		if tag {
			dst = appendTag(dst, &s.Tag, k, n)
		}
		dst = append(dst, '!')
		start := len(dst)
		dst = append(dst, talker[0], talker[1], 'V', 'D', 'M', ',')
		if s.Own {
			dst[start+4] = 'O'
		}
		dst = append(dst, byte('0'+n), ',', byte('0'+k), ',')
		if n > 1 {
			dst = append(dst, byte('0'+s.SeqID))
		}
		dst = append(dst, ',')
		if s.Channel != 0 {
			dst = append(dst, s.Channel)
		}
		dst = append(dst, ',')
		lo := (k - 1) * MaxFragmentPayload
		hi := min(lo+MaxFragmentPayload, len(s.Payload))
		dst = append(dst, s.Payload[lo:hi]...)
		fill := 0
		if k == n {
			fill = s.FillBits
		}
		dst = append(dst, ',', byte('0'+fill))
		dst = appendSum(dst, Checksum(dst[start:]))
		dst = append(dst, '\r', '\n')
	}
	return dst, nil
}

// AppendTagBlock appends the tag block that AppendSentences writes before
// fragment frag (1-based) of a message of total fragments, and returns the
// extended slice; nothing when t has neither station nor time. It does not
// validate t: callers that write the sentence with AppendSentences and a
// zero TagSpec (to reuse a tag block across sentences) must keep to the
// rules given there.
func AppendTagBlock(dst []byte, t TagSpec, frag, total int) []byte {
	if !t.present() {
		return dst
	}
	return appendTag(dst, &t, frag, total)
}

// appendTag appends the tag block of fragment k of n.
func appendTag(dst []byte, t *TagSpec, k, n int) []byte {
	dst = append(dst, '\\')
	start := len(dst)
	if t.Station != "" {
		dst = append(dst, "s:"...)
		dst = append(dst, t.Station...)
	}
	if !t.Time.IsZero() {
		if len(dst) > start {
			dst = append(dst, ',')
		}
		dst = append(dst, "c:"...)
		dst = strconv.AppendInt(dst, t.Time.Unix(), 10)
	}
	if n > 1 {
		dst = append(dst, ",g:"...)
		dst = strconv.AppendInt(dst, int64(k), 10)
		dst = append(dst, '-')
		dst = strconv.AppendInt(dst, int64(n), 10)
		dst = append(dst, '-')
		dst = strconv.AppendInt(dst, int64(t.GroupID), 10)
	}
	dst = appendSum(dst, Checksum(dst[start:]))
	return append(dst, '\\')
}

// appendSum appends "*hh", upper-case hex.
func appendSum(dst []byte, sum byte) []byte {
	const hex = "0123456789ABCDEF"
	return append(dst, '*', hex[sum>>4], hex[sum&15])
}

// check validates s for AppendSentences.
func (s *SentenceSpec) check() error {
	switch {
	case len(s.Payload) == 0:
		return fmt.Errorf("%w: empty payload", ErrEncode)
	case len(s.Payload) > MaxPayloadChars:
		return fmt.Errorf("%w: payload of %d characters, at most %d", ErrEncode, len(s.Payload), MaxPayloadChars)
	case !ValidArmor(s.Payload):
		return fmt.Errorf("%w: payload is not 6-bit armor", ErrEncode)
	case s.FillBits < 0 || s.FillBits > 5:
		return fmt.Errorf("%w: fill bits %d", ErrEncode, s.FillBits)
	case len(s.Payload) > MaxFragmentPayload && (s.SeqID < 0 || s.SeqID > 9):
		return fmt.Errorf("%w: sequential message id %d", ErrEncode, s.SeqID)
	case s.Channel != 0 && !talkerChar(s.Channel):
		return fmt.Errorf("%w: channel %q", ErrEncode, s.Channel)
	case s.Talker != [2]byte{} && (!talkerChar(s.Talker[0]) || !talkerChar(s.Talker[1])):
		return fmt.Errorf("%w: talker %q", ErrEncode, string(s.Talker[:]))
	case !s.Tag.Time.IsZero() && s.Tag.Time.Unix() < 0:
		return fmt.Errorf("%w: tag time %v before 1970", ErrEncode, s.Tag.Time)
	case s.Tag.GroupID < 0:
		return fmt.Errorf("%w: tag group id %d", ErrEncode, s.Tag.GroupID)
	}
	for i := 0; i < len(s.Tag.Station); i++ {
		if !talkerChar(s.Tag.Station[i]) {
			return fmt.Errorf("%w: tag station %q", ErrEncode, s.Tag.Station)
		}
	}
	return nil
}
