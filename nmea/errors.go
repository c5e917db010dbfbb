package nmea

import (
	"errors"
	"strconv"
)

// Sentinel errors. Every error returned by this package for a bad line wraps
// exactly one of them (test with errors.Is); Reason and ReasonOf map them to
// the counters in Stats.
var (
	// ErrChecksum: the *hh sentence checksum is not two hex digits or does
	// not match the XOR of the characters between the start character and '*'.
	ErrChecksum = errors.New("nmea: checksum mismatch")
	// ErrNoChecksum: the line has no '*' checksum delimiter (in the captures
	// these are truncated lines).
	ErrNoChecksum = errors.New("nmea: missing checksum")
	// ErrTagChecksum: an NMEA 4.10 tag block checksum other than the *00
	// placeholder does not match.
	ErrTagChecksum = errors.New("nmea: tag block checksum mismatch")
	// ErrTagBlock: a tag block is unterminated or has a malformed field; the
	// wrapping error names the field.
	ErrTagBlock = errors.New("nmea: malformed tag block")
	// ErrFormat: a malformed field; the wrapping error names the field.
	ErrFormat = errors.New("nmea: malformed sentence")
	// ErrLineTooLong: the line exceeds the configured maximum length.
	ErrLineTooLong = errors.New("nmea: line too long")
	// ErrEmptyPayload: a VDM/VDO sentence with an empty payload field, as
	// some receivers emit (!AIVDM,1,1,,B,,0*25).
	ErrEmptyPayload = errors.New("nmea: empty payload")
	// ErrFragment: fragment count or number out of range (count not 1..9,
	// number not 1..count).
	ErrFragment = errors.New("nmea: bad fragment numbers")
	// ErrOrphan: fragments of a multipart message were evicted before the
	// message completed (too old, too many pending, restarted by a repeated
	// fragment number, or still pending at the end of the stream).
	ErrOrphan = errors.New("nmea: incomplete multipart message")

	// ErrNotVDM is not a rejection: Parse returns it for a well-formed
	// (checksum-valid) sentence other than VDM/VDO, such as $GPGGA or $PGHP.
	// Sentence.Address then holds its address field. Reader counts these in
	// Stats.Skipped.
	ErrNotVDM = errors.New("nmea: not a VDM/VDO sentence")
)

// Reason classifies a rejected line (or orphaned message) by the sentinel
// error it wraps. It indexes Stats.Rejected.
type Reason uint8

// Rejection reasons, one per sentinel error.
const (
	ReasonNone         Reason = iota // not a rejection (nil, ErrNotVDM or an I/O error)
	ReasonChecksum                   // ErrChecksum
	ReasonNoChecksum                 // ErrNoChecksum
	ReasonTagChecksum                // ErrTagChecksum
	ReasonTagBlock                   // ErrTagBlock
	ReasonFormat                     // ErrFormat
	ReasonLineTooLong                // ErrLineTooLong
	ReasonEmptyPayload               // ErrEmptyPayload
	ReasonFragment                   // ErrFragment
	ReasonOrphan                     // ErrOrphan
	NumReasons                       // number of reasons; the length of Stats.Rejected
)

var reasonInfo = [NumReasons]struct {
	err  error
	name string
}{
	{nil, "none"},
	{ErrChecksum, "checksum"},
	{ErrNoChecksum, "no-checksum"},
	{ErrTagChecksum, "tag-checksum"},
	{ErrTagBlock, "tag-block"},
	{ErrFormat, "format"},
	{ErrLineTooLong, "line-too-long"},
	{ErrEmptyPayload, "empty-payload"},
	{ErrFragment, "fragment"},
	{ErrOrphan, "orphan"},
}

// String returns a short stable name such as "checksum" or "empty-payload",
// suitable as a metrics label.
func (r Reason) String() string {
	if r >= NumReasons {
		return "reason(" + strconv.Itoa(int(r)) + ")"
	}
	return reasonInfo[r].name
}

// Err returns the sentinel error of the reason (nil for ReasonNone and out of
// range values).
func (r Reason) Err() error {
	if r >= NumReasons {
		return nil
	}
	return reasonInfo[r].err
}

// ReasonOf returns the reason of an error returned by this package, or
// ReasonNone when err wraps none of the rejection sentinels.
func ReasonOf(err error) Reason {
	if err == nil {
		return ReasonNone
	}
	for r := ReasonChecksum; r < NumReasons; r++ {
		if errors.Is(err, reasonInfo[r].err) {
			return r
		}
	}
	return ReasonNone
}

// MaxErrorText bounds ParseError.Text, in bytes.
const MaxErrorText = 160

// ParseError reports a rejected line, or an orphaned multipart message.
// Error() gives the line number and the reason; Unwrap returns Err, which
// wraps one of the sentinel errors.
type ParseError struct {
	Line int    // 1-based line number (for ErrOrphan: the first fragment's line); 0 when unknown
	Err  error  // the reason, wrapping a sentinel
	Text string // the offending line (for ErrOrphan: the first fragment), at most MaxErrorText bytes
}

// Error formats the error as `line N: reason: "text"`.
func (e *ParseError) Error() string {
	s := "line " + strconv.Itoa(e.Line) + ": " + e.Err.Error()
	if e.Text != "" {
		s += ": " + strconv.Quote(e.Text)
	}
	return s
}

// Unwrap returns Err.
func (e *ParseError) Unwrap() error { return e.Err }

// newParseError copies (a bounded prefix of) text.
func newParseError(line int, err error, text []byte) *ParseError {
	return &ParseError{Line: line, Err: err, Text: errorText(text)}
}

func errorText(text []byte) string {
	if len(text) > MaxErrorText {
		return string(text[:MaxErrorText-3]) + "..."
	}
	return string(text)
}

// fieldError names the malformed field. The package-level values below are
// immutable, so returning them allocates nothing.
type fieldError struct {
	sentinel error
	field    string
}

func (e *fieldError) Error() string { return e.sentinel.Error() + ": " + e.field }
func (e *fieldError) Unwrap() error { return e.sentinel }

var (
	errEmptyLine     = &fieldError{ErrFormat, "empty line"}
	errStart         = &fieldError{ErrFormat, "start of sentence (want '!' or '$', optionally after a tag block)"}
	errAddress       = &fieldError{ErrFormat, "address field"}
	errTrailer       = &fieldError{ErrFormat, "text after checksum (want end of line or ,<trailer>)"}
	errFieldCount    = &fieldError{ErrFormat, "field count (want 7 fields in VDM/VDO)"}
	errFragCountFmt  = &fieldError{ErrFormat, "fragment count field"}
	errFragNumFmt    = &fieldError{ErrFormat, "fragment number field"}
	errSeqID         = &fieldError{ErrFormat, "sequence id field"}
	errChannel       = &fieldError{ErrFormat, "channel field"}
	errPayload       = &fieldError{ErrFormat, "payload field (character outside the AIS 6-bit armor)"}
	errFillBits      = &fieldError{ErrFormat, "fill bits field"}
	errPGHP          = &fieldError{ErrFormat, "PGHP timestamp fields"}
	errFragCount     = &fieldError{ErrFragment, "fragment count not in 1..9"}
	errFragNum       = &fieldError{ErrFragment, "fragment number not in 1..count"}
	errChecksumField = &fieldError{ErrChecksum, "checksum field is not two hex digits"}
	errTagEnd        = &fieldError{ErrTagBlock, "unterminated (no closing backslash)"}
	errTagField      = &fieldError{ErrTagBlock, "field (want k:value)"}
	errTagSum        = &fieldError{ErrTagBlock, "checksum field"}
	errTagTime       = &fieldError{ErrTagBlock, "c: time"}
	errTagGroup      = &fieldError{ErrTagBlock, "g: group"}
	errTagNum        = &fieldError{ErrTagBlock, "n: or r: number"}
)

// checksumError reports a mismatch with both values.
type checksumError struct {
	sentinel  error
	have, got byte
}

func (e *checksumError) Error() string {
	return e.sentinel.Error() + " (have *" + hex2(e.have) + ", computed *" + hex2(e.got) + ")"
}
func (e *checksumError) Unwrap() error { return e.sentinel }

func hex2(b byte) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[b>>4], digits[b&15]})
}
