package nmea

import (
	"bytes"
	"encoding/binary"
	"time"
)

// TimeSource tells where a receive time came from.
type TimeSource uint8

// Time sources, in the order of preference used by Parser.Parse: a tag block
// c: time, a $PGHP header whose checksum field matches the sentence, a
// trailer after the checksum, and finally a $PGHP header that could not be
// verified (multipart sentence or a 00 checksum field).
const (
	TimeNone       TimeSource = iota // no time
	TimeTagBlock                     // tag block c: (seconds or milliseconds)
	TimePGHP                         // preceding Gatehouse $PGHP header line
	TimeTrailer                      // ,<epoch seconds or millis> after the checksum
	NumTimeSources                   // number of time sources; the length of Stats.Times
)

// String returns "none", "tag", "pghp" or "trailer".
func (t TimeSource) String() string {
	switch t {
	case TimeNone:
		return "none"
	case TimeTagBlock:
		return "tag"
	case TimePGHP:
		return "pghp"
	case TimeTrailer:
		return "trailer"
	}
	return "unknown"
}

// TagBlock is a parsed NMEA 4.10 tag block (\k:v,k:v*hh\ before the sentence).
// Unknown keys are ignored. Strings are interned by a Parser (and so allocate
// only the first time a value is seen).
type TagBlock struct {
	Present    bool      // a tag block preceded the sentence
	Source     string    // s: source station
	Dest       string    // d: destination
	Text       string    // t: text
	Time       time.Time // c: UNIX time, seconds or milliseconds (values >= 1e11 are milliseconds), UTC; zero when absent
	Rel        int64     // r: relative time
	LineCount  int       // n: line count
	GroupSeq   int       // g: sentence number in the group (1-based), 0 when absent
	GroupTotal int       // g: sentences in the group, 0 when absent
	GroupID    int       // g: group id, 0 when absent
}

// Sentence is one parsed VDM/VDO line, possibly one fragment of a multipart
// message. Byte slices alias the parsed line (for a Reader, its buffer) and
// are valid until the line's memory is reused (for a Reader, the next call to
// Next).
type Sentence struct {
	Raw        []byte     // the whole line, without surrounding white space
	Address    []byte     // address field: "AIVDM", "BSVDO", "GPGGA", "PGHP" ...
	Talker     [2]byte    // "AI", "BS", "AB", "=I", "--" ... (any two printable characters)
	Own        bool       // VDO (own vessel) rather than VDM
	FragCount  int        // fragments in the message, 1..9
	FragNum    int        // this fragment's number, 1..FragCount
	SeqID      int        // sequential message id 0..9, -1 when empty
	Channel    byte       // radio channel: 'A', 'B', '1', '2', '0' ...; 0 when empty
	Payload    []byte     // armored 6-bit payload, never empty, only '0'..'W' and '`'..'w'
	FillBits   int        // 0..5
	Checksum   byte       // the sentence checksum (validated)
	Tag        TagBlock   // Tag.Present is false when there was none
	Time       time.Time  // receive time (see TimeSource), UTC; zero when none
	TimeSource TimeSource // where Time came from
	Line       int        // 1-based line number in the stream; set by Reader, 0 from Parse
}

// maxInterned bounds a Parser's table of tag-block strings; when it fills up
// the table is cleared and refilled with the values in current use.
const (
	maxInterned   = 4096
	maxInternLen  = 64
	maxAddressLen = 16
)

// Parser parses lines one at a time. It keeps the small state that some
// formats need across lines: the pending $PGHP header and a bounded table of
// interned tag-block strings, so that parsing allocates nothing in steady
// state. The zero value is ready to use. A Parser is not safe for concurrent
// use.
type Parser struct {
	intern map[string]string
	last   string // the last string interned or found
	hdr    pghpHeader
}

// pghpHeader is a Gatehouse $PGHP,1,... header waiting for its sentence.
type pghpHeader struct {
	valid  bool
	hasSum bool
	sum    byte // XOR of the checksums of the sentences of the message it stamps
	t      time.Time
}

// Parse parses one line without reassembly and without state: tag-block
// strings are allocated and $PGHP headers are not remembered (use a Parser
// for that). See Parser.Parse.
func Parse(line []byte, s *Sentence) error {
	var p *Parser
	return p.Parse(line, s)
}

// Parse parses one line (without its line terminator; surrounding white
// space, including '\r', is ignored) into s, overwriting all of it.
//
// It returns nil for a valid VDM/VDO sentence; ErrNotVDM (the sentinel
// itself) for a well-formed other sentence, with s.Address set; and otherwise
// an error wrapping one of ErrChecksum, ErrNoChecksum, ErrTagChecksum,
// ErrTagBlock, ErrFormat (naming the field), ErrEmptyPayload or ErrFragment.
// On error, fields of s other than Raw and Address are unspecified.
//
// A $PGHP,1 (Gatehouse) header line returns ErrNotVDM and stamps the next
// line, if that line is a VDM/VDO sentence; any line consumes the header.
// The header's last field is the XOR of the checksums of the message's
// sentences: when it is present, non-zero and differs from a single-fragment
// sentence's checksum, the header describes another sentence (captures that
// were merged out of order) and is ignored; when it cannot be checked
// (multipart, 00, absent) the header time is used only if the line has no
// tag-block or trailer time.
//
// A nil *Parser behaves like the function Parse.
func (p *Parser) Parse(line []byte, s *Sentence) error {
	var h pghpHeader
	if p != nil && p.hdr.valid {
		h = p.hdr
		p.hdr.valid = false
	}
	if s.Tag.Present {
		s.Tag = TagBlock{}
	}
	s.Address = nil
	line = trimSpace(line)
	s.Raw = line
	if len(line) == 0 {
		return errEmptyLine
	}
	body := line
	if line[0] == '\\' {
		n, err := p.parseTag(line, &s.Tag)
		if err != nil {
			return err
		}
		body = line[n:]
	}
	if len(body) < 2 || (body[0] != '!' && body[0] != '$') {
		return errStart
	}
	b := body[1:]
	if len(b) < 6 || b[5] != ',' || b[2] != 'V' || b[3] != 'D' || (b[4] != 'M' && b[4] != 'O') {
		return p.other(b, s)
	}
	trailer, err := parseVDM(b, s)
	if err != nil {
		return err
	}

	// Receive time, in order of preference.
	want := s.Checksum
	hdrOK := h.valid && (!h.hasSum || h.sum == 0 || s.FragCount > 1 || h.sum == want)
	hdrVerified := hdrOK && h.hasSum && s.FragCount == 1 && h.sum == want
	switch {
	case !s.Tag.Time.IsZero():
		s.Time, s.TimeSource = s.Tag.Time, TimeTagBlock
	case hdrVerified:
		s.Time, s.TimeSource = h.t, TimePGHP
	case !trailer.IsZero():
		s.Time, s.TimeSource = trailer, TimeTrailer
	case hdrOK:
		s.Time, s.TimeSource = h.t, TimePGHP
	default:
		s.Time, s.TimeSource = time.Time{}, TimeNone
	}
	return nil
}

// parseVDM parses b, a VDM/VDO sentence after its start character
// ("AIVDM,..."), into s and returns the trailer time.
//
// It parses the short fields first and then checksums and validates the
// payload in one pass; any error is replaced by the checksum error when the
// checksum is wrong too, so that errors do not depend on this order.
func parseVDM(b []byte, s *Sentence) (trailer time.Time, err error) {
	s.Address = b[:5]
	if !talkerChar(b[0]) || !talkerChar(b[1]) {
		return trailer, checksumFirst(b, errAddress)
	}

	// The short fields, usually "1,1,,A,": fragment count and number
	// (one digit each), sequential message id (empty or one digit) and
	// channel (empty or one character).
	f := b[6:]
	if len(f) < 6 || f[1] != ',' || f[3] != ',' {
		return trailer, shortFieldsError(b)
	}
	count, num := int(f[0]-'0'), int(f[2]-'0')
	if count < 1 || count > 9 || num < 1 || num > count {
		return trailer, shortFieldsError(b)
	}
	i := 4
	seq := -1
	if c := f[i]; c != ',' {
		if c < '0' || c > '9' || f[i+1] != ',' {
			return trailer, shortFieldsError(b)
		}
		seq = int(c - '0')
		i++
	}
	i++
	if i >= len(f) {
		return trailer, shortFieldsError(b)
	}
	var channel byte
	if c := f[i]; c != ',' {
		if !talkerChar(c) || i+1 >= len(f) || f[i+1] != ',' {
			return trailer, shortFieldsError(b)
		}
		channel = c
		i++
	}
	i++
	prefix := b[:6+i]
	f = f[i:]

	// f is "payload,fill*hh" and maybe ",trailer". One pass over the
	// payload checksums it and finds its end, which must be ",fill*hh".
	end, sum := armorSpan(f)
	if end+5 > len(f) || f[end] != ',' || f[end+2] != '*' || f[end+1] == '*' {
		return trailer, payloadError(b, f)
	}
	fill := f[end+1]
	want, ok := unhex2(f[end+3], f[end+4])
	if !ok {
		return trailer, errChecksumField
	}
	sum ^= Checksum(prefix) ^ ',' ^ fill
	if sum != want {
		return trailer, &checksumError{ErrChecksum, want, sum}
	}
	if fill < '0' || fill > '5' {
		return trailer, errFillBits
	}
	if end == 0 {
		return trailer, ErrEmptyPayload
	}
	payload := f[:end]
	star := end + 2
	if rest := f[star+3:]; len(rest) > 0 {
		if rest[0] != ',' {
			return trailer, errTrailer
		}
		// A numeric trailer is a receive time; other text (",ComSock1")
		// is a logger's annotation and is ignored.
		trailer, _ = parseEpoch(rest[1:])
	}

	s.Talker = [2]byte{b[0], b[1]}
	s.Own = b[4] == 'O'
	s.FragCount = count
	s.FragNum = num
	s.SeqID = seq
	s.Channel = channel
	s.Payload = payload
	s.FillBits = int(fill - '0')
	s.Checksum = want
	s.Line = 0
	return trailer, nil
}

// shortFieldsError explains why the fields between the address and the
// payload of b (a VDM/VDO sentence after its start character) are bad.
func shortFieldsError(b []byte) error {
	f := b[6:]
	fld, f, more := cut(f)
	if !more {
		return checksumFirst(b, errFieldCount)
	}
	count, ok := smallInt(fld)
	if !ok {
		return checksumFirst(b, errFragCountFmt)
	}
	if count < 1 || count > 9 {
		return checksumFirst(b, errFragCount)
	}
	if fld, f, more = cut(f); !more {
		return checksumFirst(b, errFieldCount)
	}
	num, ok := smallInt(fld)
	if !ok {
		return checksumFirst(b, errFragNumFmt)
	}
	if num < 1 || num > count {
		return checksumFirst(b, errFragNum)
	}
	if fld, f, more = cut(f); !more {
		return checksumFirst(b, errFieldCount)
	}
	if len(fld) > 1 || (len(fld) == 1 && (fld[0] < '0' || fld[0] > '9')) {
		return checksumFirst(b, errSeqID)
	}
	if fld, _, more = cut(f); !more {
		return checksumFirst(b, errFieldCount)
	}
	if len(fld) > 1 || (len(fld) == 1 && !talkerChar(fld[0])) {
		return checksumFirst(b, errChannel)
	}
	// Two-digit fragment fields such as "01" end up here.
	return checksumFirst(b, errFragCountFmt)
}

// payloadError explains why f, the part of b (a VDM/VDO sentence after its
// start character) from the payload on, is not "payload,fill*hh...".
func payloadError(b, f []byte) error {
	star := bytes.IndexByte(f, '*')
	if star < 0 || star+3 > len(f) {
		return checksumFirst(b, nil)
	}
	if err := checksumFirst(b, nil); err != errFieldCount {
		return err
	}
	// The checksum is right: the fields are wrong.
	fields := f[:star]
	comma := bytes.LastIndexByte(fields, ',')
	switch {
	case comma < 0 || bytes.IndexByte(fields[:comma], ',') >= 0:
		return errFieldCount
	case comma != star-2 || fields[star-1] < '0' || fields[star-1] > '5':
		return errFillBits
	case comma == 0:
		return ErrEmptyPayload
	}
	return errPayload
}

// checksumFirst returns the checksum error of b (a sentence after its start
// character) if it has one, and otherwise err (errFieldCount when nil).
func checksumFirst(b []byte, err error) error {
	if e := checksumAt(b, bytes.IndexByte(b, '*')); e != nil {
		return e
	}
	if err == nil {
		return errFieldCount
	}
	return err
}

// checksumAt checks the checksum of b whose first '*' is at star (-1 when
// none).
func checksumAt(b []byte, star int) error {
	if star < 0 {
		return ErrNoChecksum
	}
	if star+3 > len(b) {
		return errChecksumField
	}
	want, ok := unhex2(b[star+1], b[star+2])
	if !ok {
		return errChecksumField
	}
	if got := Checksum(b[:star]); got != want {
		return &checksumError{ErrChecksum, want, got}
	}
	return nil
}

// other handles a sentence that is not VDM/VDO (b after the start
// character): it checks the checksum and returns ErrNotVDM, after
// remembering a $PGHP header.
func (p *Parser) other(b []byte, s *Sentence) error {
	star := bytes.IndexByte(b, '*')
	f := b
	if star >= 0 {
		f = b[:star]
	}
	addr := f
	if i := bytes.IndexByte(f, ','); i >= 0 {
		addr = f[:i]
	}
	s.Address = addr
	if err := checksumAt(b, star); err != nil {
		return err
	}
	if rest := b[star+3:]; len(rest) > 0 && rest[0] != ',' {
		return errTrailer
	}
	if len(addr) == 5 && addr[2] == 'V' && addr[3] == 'D' && (addr[4] == 'M' || addr[4] == 'O') {
		return errFieldCount // "!AIVDM*hh": no fields
	}
	if !validAddress(addr) {
		return errAddress
	}
	if len(addr) == 4 && string(addr) == "PGHP" {
		return p.header(f[4:])
	}
	return ErrNotVDM
}

// parseTag parses the tag block at the start of line (line[0] == '\\') and
// returns the index just after its closing backslash.
func (p *Parser) parseTag(line []byte, t *TagBlock) (int, error) {
	end := bytes.IndexByte(line[1:], '\\')
	if end < 0 {
		return 0, errTagEnd
	}
	blk := line[1 : 1+end]
	t.Present = true
	// The checksum is optional here (the sentence has its own); *00 is a
	// placeholder that some loggers write and is not checked.
	if star := bytes.LastIndexByte(blk, '*'); star >= 0 {
		if star+3 != len(blk) {
			return 0, errTagSum
		}
		want, ok := unhex2(blk[star+1], blk[star+2])
		if !ok {
			return 0, errTagSum
		}
		blk = blk[:star]
		if want != 0 {
			if got := Checksum(blk); got != want {
				return 0, &checksumError{ErrTagChecksum, want, got}
			}
		}
	}
	for more := len(blk) > 0; more; {
		var fld []byte
		fld, blk, more = cut(blk)
		if len(fld) < 2 || fld[1] != ':' {
			return 0, errTagField
		}
		v := fld[2:]
		switch fld[0] {
		case 'c':
			tm, ok := parseEpoch(v)
			if !ok {
				return 0, errTagTime
			}
			t.Time = tm
		case 's':
			t.Source = p.str(v)
		case 'd':
			t.Dest = p.str(v)
		case 't':
			t.Text = p.str(v)
		case 'r':
			n, ok := parseInt(v)
			if !ok {
				return 0, errTagNum
			}
			t.Rel = n
		case 'n':
			n, ok := parseInt(v)
			if !ok {
				return 0, errTagNum
			}
			t.LineCount = int(n)
		case 'g':
			a, rest, _ := bytes.Cut(v, []byte{'-'})
			b, c, _ := bytes.Cut(rest, []byte{'-'})
			x, ok1 := parseInt(a)
			y, ok2 := parseInt(b)
			z, ok3 := parseInt(c)
			if !ok1 || !ok2 || !ok3 || x < 1 || x > y || y > 99 {
				return 0, errTagGroup
			}
			t.GroupSeq, t.GroupTotal, t.GroupID = int(x), int(y), int(z)
		}
	}
	return end + 2, nil
}

// header parses the fields of a $PGHP line (f after "PGHP") and remembers
// a type 1 header for the next line:
// $PGHP,1,year,month,day,hour,minute,second,millis,country,region,pss,...,sum*hh
func (p *Parser) header(f []byte) error {
	if len(f) < 3 || f[0] != ',' || f[1] != '1' || f[2] != ',' {
		return ErrNotVDM // other PGHP message types carry no time
	}
	// year, month, day, hour, minute, second, millisecond: 1 to 4 digits
	i, more := 3, true
	var v [7]int
	for k := range v {
		if !more {
			return errPGHP
		}
		n, start := 0, i
		for ; i < len(f) && f[i] != ','; i++ {
			c := f[i] - '0'
			if c > 9 {
				return errPGHP
			}
			n = n*10 + int(c)
		}
		if i == start || i-start > 4 {
			return errPGHP
		}
		v[k] = n
		if more = i < len(f); more {
			i++
		}
	}
	rest := f[i:]
	if v[0] < 1970 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60 || v[6] > 999 {
		return errPGHP
	}
	sec := daysFromCivil(v[0], v[1], v[2])*86400 + int64(v[3]*3600+v[4]*60+v[5])
	h := pghpHeader{valid: true, t: time.Unix(sec, int64(v[6])*1e6).UTC()}
	// Then country, region, pss MMSI, ..., and last the checksum of the
	// message (two hex digits).
	if more {
		if i := bytes.LastIndexByte(rest, ','); i >= 0 && i+3 == len(rest) && i > 0 {
			h.sum, h.hasSum = unhex2(rest[i+1], rest[i+2])
		}
	}
	if p != nil {
		p.hdr = h
	}
	return ErrNotVDM
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian
// date (y >= 0); out-of-range days roll over like time.Date.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era*146097 + doe - 719468)
}

// str returns b as a string, interned when p is not nil.
func (p *Parser) str(b []byte) string {
	if p == nil || len(b) > maxInternLen {
		return string(b)
	}
	if string(b) == p.last {
		return p.last
	}
	if s, ok := p.intern[string(b)]; ok {
		p.last = s
		return s
	}
	if p.intern == nil {
		p.intern = make(map[string]string)
	} else if len(p.intern) >= maxInterned {
		clear(p.intern)
	}
	s := string(b)
	p.intern[s] = s
	p.last = s
	return s
}

// parseEpoch parses a UNIX time, digits[.digits]: seconds, or milliseconds
// when the integer part is >= 1e11 (year 5138 in seconds, 1973 in millis).
func parseEpoch(b []byte) (time.Time, bool) {
	var v int64
	i := 0
	if len(b) >= 8 {
		if d, ok := parse8(binary.LittleEndian.Uint64(b)); ok {
			v, i = int64(d), 8
		}
	}
	for ; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			break
		}
		if i >= 18 {
			return time.Time{}, false
		}
		v = v*10 + int64(c-'0')
	}
	if i == 0 {
		return time.Time{}, false
	}
	var frac int64 // nanoseconds per unit * fraction
	if i < len(b) {
		if b[i] != '.' || i+1 == len(b) {
			return time.Time{}, false
		}
		scale := int64(1e8)
		for i++; i < len(b); i++ {
			c := b[i]
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			frac += int64(c-'0') * scale
			scale /= 10
		}
	}
	if v >= 1e11 {
		return time.Unix(v/1000, (v%1000)*1e6+frac/1000).UTC(), true
	}
	return time.Unix(v, frac).UTC(), true
}

// parse8 converts eight ASCII digits, loaded little-endian (the first digit
// in the low byte), to their value, in a few multiplications.
func parse8(v uint64) (uint64, bool) {
	const hi, zeros, six = 0xF0F0F0F0F0F0F0F0, 0x3030303030303030, 0x0606060606060606
	if v&hi != zeros || (v+six)&hi != zeros {
		return 0, false
	}
	v = (v & 0x0F0F0F0F0F0F0F0F) * 2561 >> 8
	v = (v & 0x00FF00FF00FF00FF) * 6553601 >> 16
	return (v & 0x0000FFFF0000FFFF) * 42949672960001 >> 32, true
}

// parseInt parses up to 18 decimal digits.
func parseInt(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var v int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	return v, true
}

// smallInt parses one or two decimal digits.
func smallInt(b []byte) (int, bool) {
	switch {
	case len(b) == 1 && b[0] >= '0' && b[0] <= '9':
		return int(b[0] - '0'), true
	case len(b) == 2 && b[0] >= '0' && b[0] <= '9' && b[1] >= '0' && b[1] <= '9':
		return int(b[0]-'0')*10 + int(b[1]-'0'), true
	}
	return 0, false
}

// cut splits b at its first comma; more reports whether there was one.
func cut(b []byte) (field, rest []byte, more bool) {
	for i, c := range b {
		if c == ',' {
			return b[:i], b[i+1:], true
		}
	}
	return b, nil, false
}

func printable(c byte) bool { return c > ' ' && c < 0x7f }

// talkerChar accepts the printable characters that cannot delimit fields.
func talkerChar(c byte) bool {
	return printable(c) && c != ',' && c != '*' && c != '!' && c != '$' && c != '\\'
}

func validAddress(a []byte) bool {
	if len(a) < 2 || len(a) > maxAddressLen {
		return false
	}
	for _, c := range a {
		if !printable(c) || c == '!' || c == '$' || c == '\\' || c == '.' {
			return false
		}
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}
