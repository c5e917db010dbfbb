package nmea

import (
	"bytes"
	"errors"
	"io"
)

// ReaderConfig configures a Reader. Zero values select the defaults.
type ReaderConfig struct {
	// Source names the feed; it keys multipart reassembly (see Assembler).
	Source string
	// MaxLineLength bounds a line, in bytes, not counting its "\r\n" or
	// "\n". Longer lines are rejected with ErrLineTooLong without being
	// buffered whole. Default 1024.
	MaxLineLength int
	// BufferSize is the read buffer size; at least 2*MaxLineLength+2 is
	// used. Default 64 KiB.
	BufferSize int
	// MaxFormatters bounds the distinct address fields counted by name in
	// Stats.SkippedBy; the rest are counted under "other". Default 64.
	MaxFormatters int
	// Assembler bounds multipart reassembly.
	Assembler AssemblerConfig
}

// Reader defaults.
const (
	DefaultMaxLineLength = 1024
	DefaultBufferSize    = 64 << 10
	DefaultMaxFormatters = 64
)

// OtherFormatters is the Stats.SkippedBy key for address fields beyond
// ReaderConfig.MaxFormatters.
const OtherFormatters = "other"

// Stats counts what a Reader has seen. Every line read is counted exactly
// once in Blank, Sentences, Skipped, or Rejected (except ReasonOrphan, which
// counts evicted messages, not lines).
type Stats struct {
	Lines     int64 // lines read, including blank ones
	Blank     int64 // lines with nothing but white space
	Sentences int64 // valid VDM/VDO sentences (fragments)
	Messages  int64 // messages returned by Next
	Multipart int64 // of which joined from more than one fragment
	Skipped   int64 // well-formed sentences other than VDM/VDO, including $PGHP headers
	// Split counts lines that held two sentences joined by an escaped
	// newline (a literal "\r\n" after the checksum); each is read as two.
	Split int64
	// SkippedBy counts Skipped by address field ("GPGGA", "PSHI", "PGHP",
	// "AIALR", "=IALR" ...). Stats returns a copy.
	SkippedBy map[string]int64
	// Rejected counts rejected lines by reason; Rejected[ReasonOrphan]
	// counts orphaned messages, whose sentences are in OrphanFragments.
	Rejected        [NumReasons]int64
	OrphanFragments int64
	// Times counts Messages by the source of their receive time.
	Times [NumTimeSources]int64
}

// RejectedTotal returns the number of rejected lines (all reasons except
// ReasonOrphan).
func (s *Stats) RejectedTotal() int64 {
	var n int64
	for r, c := range s.Rejected {
		if Reason(r) != ReasonOrphan {
			n += c
		}
	}
	return n
}

// Reader reads NMEA lines from an io.Reader and returns complete AIS messages.
// It reads through a large buffer and parses in place: in steady state it
// allocates nothing per line. A Reader is not safe for concurrent use.
type Reader struct {
	rd         io.Reader
	cfg        ReaderConfig
	buf        []byte
	r, w       int
	err        error  // sticky: io.EOF or the first read error
	discarding bool   // inside a line that is too long, up to its newline
	rest       []byte // the part after an escaped newline, read next (see splitEscapedNewline)
	split      bool   // line comes from rest: not a new physical line
	flushed    bool
	line       int

	p   Parser
	asm *Assembler
	s   Sentence

	stats      Stats
	skipIdx    map[string]int
	skipNames  []string
	skipCounts []int64
	skipOther  int64
	skipLast   int // index of the last name counted, -1 when none
}

// NewReader returns a Reader over rd.
func NewReader(rd io.Reader, cfg ReaderConfig) *Reader {
	if cfg.MaxLineLength <= 0 {
		cfg.MaxLineLength = DefaultMaxLineLength
	}
	if cfg.BufferSize <= 0 {
		cfg.BufferSize = DefaultBufferSize
	}
	if cfg.BufferSize < 2*cfg.MaxLineLength+2 {
		cfg.BufferSize = 2*cfg.MaxLineLength + 2
	}
	if cfg.MaxFormatters <= 0 {
		cfg.MaxFormatters = DefaultMaxFormatters
	}
	return &Reader{
		rd:       rd,
		cfg:      cfg,
		buf:      make([]byte, cfg.BufferSize),
		asm:      NewAssembler(cfg.Assembler),
		skipIdx:  make(map[string]int),
		skipLast: -1,
	}
}

// Next returns the next complete message.
//
// The returned *Message, its Payload and its other slices are owned by the
// Reader and valid only until the next call to Next.
//
// A rejected line, or an orphaned multipart message, is returned as a
// *ParseError (wrapping one of the package's sentinel errors) with a nil
// message: the stream continues, call Next again. Other NMEA sentences are
// skipped and counted, not returned. At the end of the input Next reports
// the messages still incomplete as orphans and then returns io.EOF. A read
// error other than io.EOF is returned as is, and again on every later call.
func (r *Reader) Next() (*Message, error) {
	for {
		if r.asm.errCount > 0 {
			r.stats.Rejected[ReasonOrphan]++
			return nil, r.asm.NextOrphan()
		}
		var line []byte
		if r.rest != nil {
			// The second sentence of a line split at an escaped newline.
			line, r.rest = r.rest, nil
		} else if i := bytes.IndexByte(r.buf[r.r:r.w], '\n'); i >= 0 && !r.discarding {
			// readLine's common case, inline.
			line = r.buf[r.r : r.r+i]
			r.r += i + 1
			r.line++
		} else {
			var st lineStatus
			switch line, st = r.readLine(); st {
			case lineTooLong:
				// Reported now; its tail is skipped up to the newline.
				return nil, r.tooLong(line)
			case lineEnd:
				if r.err == io.EOF && !r.flushed {
					r.flushed = true
					r.asm.Flush()
					continue
				}
				return nil, r.err
			}
		}
		if !r.split {
			r.stats.Lines++
		}
		r.split = false
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		if len(line) > r.cfg.MaxLineLength {
			return nil, r.tooLong(line)
		}
		err := r.p.Parse(line, &r.s)
		if err != nil {
			switch err {
			case ErrNotVDM:
				r.skip(r.s.Address)
				continue
			case errEmptyLine:
				r.stats.Blank++
				continue
			}
			if first, rest, ok := splitEscapedNewline(line); ok {
				// Two sentences joined by a literal "\r\n" or "\n", as
				// logs that escape line ends carry: take them one at a time.
				r.rest, r.split = rest, true
				r.stats.Split++
				if err = r.p.Parse(first, &r.s); err == ErrNotVDM {
					r.skip(r.s.Address)
					continue
				}
				line = first
			}
			if err != nil {
				return nil, r.reject(err, line)
			}
		}
		r.s.Line = r.line
		r.stats.Sentences++
		var m *Message
		if r.s.FragCount == 1 && r.asm.n == 0 {
			m = r.asm.single(&r.s) // nothing pending: nothing to expire
		} else if m, err = r.asm.Add(&r.s, r.cfg.Source); err != nil {
			return nil, r.reject(err, line)
		}
		if m != nil {
			r.stats.Messages++
			if m.Fragments > 1 {
				r.stats.Multipart++
			}
			r.stats.Times[m.TimeSource]++
			return m, nil
		}
	}
}

// tooLong reports a line too long, quoting as much of it as is always
// available whatever the reads' sizes.
func (r *Reader) tooLong(line []byte) error {
	r.stats.Rejected[ReasonLineTooLong]++
	return newParseError(r.line, ErrLineTooLong, line[:min(len(line), r.cfg.MaxLineLength+1)])
}

func (r *Reader) reject(err error, line []byte) error {
	r.stats.Rejected[ReasonOf(err)]++
	return newParseError(r.line, err, line)
}

func (r *Reader) skip(addr []byte) {
	r.stats.Skipped++
	if r.skipLast >= 0 && string(addr) == r.skipNames[r.skipLast] {
		r.skipCounts[r.skipLast]++
		return
	}
	if i, ok := r.skipIdx[string(addr)]; ok {
		r.skipLast = i
		r.skipCounts[i]++
		return
	}
	if len(r.skipNames) >= r.cfg.MaxFormatters {
		r.skipOther++
		return
	}
	name := string(addr)
	r.skipIdx[name] = len(r.skipNames)
	r.skipNames = append(r.skipNames, name)
	r.skipCounts = append(r.skipCounts, 1)
}

// Stats returns the counters so far. Lines still pending in the assembler
// are in no counter but Sentences until they complete or are evicted.
func (r *Reader) Stats() Stats {
	st := r.stats
	st.OrphanFragments = r.asm.stats.OrphanFragments
	st.SkippedBy = make(map[string]int64, len(r.skipNames)+1)
	for i, name := range r.skipNames {
		st.SkippedBy[name] = r.skipCounts[i]
	}
	if r.skipOther > 0 {
		st.SkippedBy[OtherFormatters] += r.skipOther
	}
	return st
}

type lineStatus uint8

const (
	lineOK      lineStatus = iota
	lineEnd                // end of input or read error: r.err is set
	lineTooLong            // line holds the start of a line too long; the rest will be skipped
)

// readLine returns the next line without its '\n'.
// splitEscapedNewline splits a line at a literal backslash-r-backslash-n
// (or backslash-n) that directly follows a sentence checksum "*hh", and
// reports whether it found one.
func splitEscapedNewline(line []byte) (first, rest []byte, ok bool) {
	for off := 0; ; {
		i := bytes.Index(line[off:], []byte(`\n`))
		if i < 0 {
			return nil, nil, false
		}
		i += off
		end := i
		if end >= 2 && line[end-2] == '\\' && line[end-1] == 'r' {
			end -= 2
		}
		if end >= 3 && line[end-3] == '*' && isHexPair(line[end-2], line[end-1]) && i+2 < len(line) {
			return line[:end], line[i+2:], true
		}
		off = i + 2
	}
}

func isHexPair(a, b byte) bool {
	_, ok := unhex2(a, b)
	return ok
}

func (r *Reader) readLine() (line []byte, st lineStatus) {
	limit := r.cfg.MaxLineLength + 1 // room for a '\r'
	for {
		if i := bytes.IndexByte(r.buf[r.r:r.w], '\n'); i >= 0 {
			line = r.buf[r.r : r.r+i]
			r.r += i + 1
			if r.discarding {
				r.discarding = false
				continue
			}
			r.line++
			return line, lineOK
		}
		if r.discarding {
			r.r = r.w
		} else if r.w-r.r > limit {
			r.line++
			r.stats.Lines++
			r.discarding = true
			line = r.buf[r.r:r.w]
			r.r = r.w
			return line, lineTooLong
		}
		if r.err != nil {
			if r.err == io.EOF && r.r < r.w && !r.discarding {
				// Last line without a newline. (After another error the
				// partial line may be cut short: it is dropped.)
				line = r.buf[r.r:r.w]
				r.r = r.w
				r.line++
				return line, lineOK
			}
			return nil, lineEnd
		}
		r.fill()
	}
}

// errNoProgress guards against readers that return 0, nil forever.
var errNoProgress = errors.New("nmea: reader returned no data and no error 100 times")

// fill moves the unread bytes to the front of the buffer and reads more.
func (r *Reader) fill() {
	if r.r > 0 {
		r.w = copy(r.buf, r.buf[r.r:r.w])
		r.r = 0
	}
	for i := 0; i < 100; i++ {
		n, err := r.rd.Read(r.buf[r.w:])
		if n < 0 || n > len(r.buf)-r.w {
			r.err = errors.New("nmea: reader returned invalid count")
			return
		}
		r.w += n
		if err != nil {
			r.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	r.err = errNoProgress
}
