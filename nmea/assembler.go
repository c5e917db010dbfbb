package nmea

import (
	"strconv"
	"time"
)

// Message is a complete AIS payload: one single-fragment sentence, or the
// fragments of a multipart message joined in fragment order.
type Message struct {
	Talker     [2]byte    // talker of the first fragment
	Own        bool       // VDO (own vessel) rather than VDM
	Channel    byte       // radio channel of the first fragment, 0 when empty
	Payload    []byte     // armored 6-bit payload of the whole message
	FillBits   int        // fill bits of the last fragment
	Fragments  int        // number of sentences joined
	Tag        TagBlock   // tag block of fragment 1 (else of the first fragment to arrive that had one)
	Time       time.Time  // receive time of fragment 1 (else of the first fragment to arrive that had one)
	TimeSource TimeSource // where Time came from
	FirstLine  int        // line of the first fragment to arrive (== Line for single sentences)
	Line       int        // line of the fragment that completed the message
}

// AssemblerConfig bounds the work an Assembler keeps pending. Zero values
// select the defaults.
type AssemblerConfig struct {
	// MaxPending is the most incomplete messages kept; when a new one would
	// exceed it, the oldest is evicted. Default 512.
	MaxPending int
	// MaxAge evicts an incomplete message once this many sentences have been
	// added after its first fragment. Default 1000.
	MaxAge int
	// MaxAgeTime evicts an incomplete message when a sentence arrives whose
	// time is this much later than the time of the message's first fragment
	// (only when both carry times). Default 1 minute; negative disables it.
	MaxAgeTime time.Duration
}

// Default assembler bounds.
const (
	DefaultMaxPending = 512
	DefaultMaxAge     = 1000
	DefaultMaxAgeTime = time.Minute
	maxFragments      = 9
)

// AssemblerStats counts what an Assembler did.
type AssemblerStats struct {
	Messages        int64 // messages returned (single and multipart)
	Multipart       int64 // of which multipart
	Fragments       int64 // sentences in returned multipart messages
	Orphans         int64 // incomplete messages evicted (ErrOrphan errors queued)
	OrphanFragments int64 // sentences in them
	Rejected        int64 // sentences Add rejected (bad fragment numbers or empty payload)
	DroppedErrors   int64 // orphan errors dropped because the queue was full (never with a Reader)
}

// Assembler joins the fragments of multipart messages. It is usable on its
// own, for instance by a UDP feed that parses each datagram with a Parser.
//
// Fragments are grouped by the tag-block group (source, g: id and total) when
// a g: field is present, and otherwise by (source, tag-block s: station,
// talker, VDM/VDO, channel, sequence id). Fragments may arrive interleaved
// and out of order; fragments that give different fragment counts belong to
// different messages. A fragment whose number its message already holds
// restarts the message; the old one becomes an orphan. Incomplete
// messages are bounded by AssemblerConfig; evicted ones are queued as
// *ParseError values wrapping ErrOrphan (Line is the first fragment's line)
// and drained with NextOrphan. Memory stays bounded whatever the input.
//
// An Assembler is not safe for concurrent use.
type Assembler struct {
	cfg AssemblerConfig

	slots []slot
	free  []int32
	index map[pendingKey]int32
	head  int32 // oldest pending slot, -1 when none
	tail  int32 // newest pending slot, -1 when none
	n     int   // pending slots
	tick  uint64

	msg Message
	out []byte

	errs     []*ParseError // ring of queued orphan errors
	errHead  int
	errCount int

	stats AssemblerStats
}

type pendingKey struct {
	source  string
	station string
	group   int
	total   int8
	seq     int8
	talker  [2]byte
	channel byte
	own     bool
	grouped bool
}

type slot struct {
	key   pendingKey
	total int
	have  uint16 // bit n set when fragment n is held
	count int
	start [maxFragments + 1]int32
	end   [maxFragments + 1]int32
	buf   []byte
	raw   []byte // first fragment to arrive, at most MaxErrorText bytes
	fill  int
	tick  uint64

	talker   [2]byte
	own      bool
	channel  byte
	tag      TagBlock
	tagFirst bool // tag came from fragment 1
	t        time.Time
	ts       TimeSource
	timeNum  int // fragment number that gave t, 0 when none
	first    int // line of the first fragment to arrive
	seq      int

	prev, next int32
}

// NewAssembler returns an Assembler with cfg's bounds (zero fields take the
// defaults).
func NewAssembler(cfg AssemblerConfig) *Assembler {
	if cfg.MaxPending <= 0 {
		cfg.MaxPending = DefaultMaxPending
	}
	if cfg.MaxAge <= 0 {
		cfg.MaxAge = DefaultMaxAge
	}
	if cfg.MaxAgeTime == 0 {
		cfg.MaxAgeTime = DefaultMaxAgeTime
	}
	return &Assembler{
		cfg:   cfg,
		index: make(map[pendingKey]int32),
		head:  -1,
		tail:  -1,
	}
}

// Add adds a parsed sentence received from source (a feed name; fragments
// from different sources are never joined).
//
// It returns the completed message, or nil, nil while the message waits for
// more fragments. The returned *Message is owned by the Assembler and valid
// until the next call to Add or Flush; for a single-fragment sentence its
// Payload aliases s.Payload. Add returns an error wrapping ErrFragment or
// ErrEmptyPayload for a sentence that Parse would not have accepted. Orphans
// that this call evicted are queued for NextOrphan.
func (a *Assembler) Add(s *Sentence, source string) (*Message, error) {
	if s.FragCount < 1 || s.FragCount > maxFragments {
		a.stats.Rejected++
		return nil, errFragCount
	}
	if s.FragNum < 1 || s.FragNum > s.FragCount {
		a.stats.Rejected++
		return nil, errFragNum
	}
	if len(s.Payload) == 0 {
		a.stats.Rejected++
		return nil, ErrEmptyPayload
	}
	a.tick++
	if a.n > 0 {
		a.expire(s.Time)
	}
	if s.FragCount == 1 {
		return a.single(s), nil
	}
	return a.addFragment(s, source)
}

// single is Add for a single-fragment sentence, with nothing to expire.
func (a *Assembler) single(s *Sentence) *Message {
	// Field by field: cheaper than a struct copy on the hot path.
	m := &a.msg
	m.Talker, m.Own, m.Channel = s.Talker, s.Own, s.Channel
	m.Payload, m.FillBits, m.Fragments = s.Payload, s.FillBits, 1
	if s.Tag.Present || m.Tag.Present {
		m.Tag = s.Tag
	}
	m.Time, m.TimeSource = s.Time, s.TimeSource
	m.FirstLine, m.Line = s.Line, s.Line
	a.stats.Messages++
	return m
}

// addFragment is Add for a fragment of a multipart message.
func (a *Assembler) addFragment(s *Sentence, source string) (*Message, error) {
	key := pendingKey{source: source, total: int8(s.FragCount)}
	if s.Tag.GroupID != 0 || s.Tag.GroupTotal != 0 {
		key.grouped = true
		key.group = s.Tag.GroupID
	} else {
		key.station = s.Tag.Source
		key.seq = int8(s.SeqID)
		key.talker = s.Talker
		key.channel = s.Channel
		key.own = s.Own
	}
	bit := uint16(1) << s.FragNum
	idx, ok := a.index[key]
	if ok && a.slots[idx].have&bit != 0 {
		a.evict(idx, "restarted by a repeated fragment")
		ok = false
	}
	if !ok {
		if a.n >= a.cfg.MaxPending {
			a.evict(a.head, "too many pending messages")
		}
		idx = a.alloc(key, s)
	}
	sl := &a.slots[idx]
	sl.have |= bit
	sl.count++
	sl.start[s.FragNum] = int32(len(sl.buf))
	sl.buf = append(sl.buf, s.Payload...)
	sl.end[s.FragNum] = int32(len(sl.buf))
	if s.FragNum == s.FragCount {
		sl.fill = s.FillBits
	}
	if s.FragNum == 1 && s.Tag.Present && !sl.tagFirst {
		sl.tag, sl.tagFirst = s.Tag, true
	}
	if s.TimeSource != TimeNone && (sl.timeNum == 0 || s.FragNum == 1) {
		sl.t, sl.ts, sl.timeNum = s.Time, s.TimeSource, s.FragNum
	}
	if s.FragNum == 1 {
		sl.talker, sl.channel = s.Talker, s.Channel
	}
	if sl.count < sl.total {
		return nil, nil
	}

	// Complete: join in fragment order.
	a.out = a.out[:0]
	for i := 1; i <= sl.total; i++ {
		a.out = append(a.out, sl.buf[sl.start[i]:sl.end[i]]...)
	}
	m := &a.msg
	m.Talker, m.Own, m.Channel = sl.talker, sl.own, sl.channel
	m.Payload, m.FillBits, m.Fragments = a.out, sl.fill, sl.total
	m.Tag = sl.tag
	m.Time, m.TimeSource = sl.t, sl.ts
	m.FirstLine, m.Line = sl.first, s.Line
	a.stats.Messages++
	a.stats.Multipart++
	a.stats.Fragments += int64(sl.total)
	a.release(idx)
	return &a.msg, nil
}

// alloc takes a free slot for a new pending message and links it newest.
func (a *Assembler) alloc(key pendingKey, s *Sentence) int32 {
	var idx int32
	if k := len(a.free); k > 0 {
		idx = a.free[k-1]
		a.free = a.free[:k-1]
	} else {
		a.slots = append(a.slots, slot{})
		idx = int32(len(a.slots) - 1)
	}
	// Field by field: start and end need no reset (only fragments in have
	// are read), and a whole-struct copy costs write barriers.
	sl := &a.slots[idx]
	sl.key = key
	sl.total, sl.have, sl.count, sl.fill = s.FragCount, 0, 0, 0
	sl.buf = sl.buf[:0]
	sl.raw = append(sl.raw[:0], s.Raw[:min(len(s.Raw), MaxErrorText)]...)
	sl.tick = a.tick
	sl.talker, sl.own, sl.channel = s.Talker, s.Own, s.Channel
	sl.tag, sl.tagFirst = s.Tag, false
	sl.t, sl.ts, sl.timeNum = time.Time{}, TimeNone, 0
	sl.first, sl.seq = s.Line, s.SeqID
	sl.prev, sl.next = a.tail, -1
	if a.tail >= 0 {
		a.slots[a.tail].next = idx
	} else {
		a.head = idx
	}
	a.tail = idx
	a.index[key] = idx
	a.n++
	return idx
}

// release unlinks a slot and returns it to the free list.
func (a *Assembler) release(idx int32) {
	sl := &a.slots[idx]
	if sl.prev >= 0 {
		a.slots[sl.prev].next = sl.next
	} else {
		a.head = sl.next
	}
	if sl.next >= 0 {
		a.slots[sl.next].prev = sl.prev
	} else {
		a.tail = sl.prev
	}
	delete(a.index, sl.key)
	sl.tag = TagBlock{}
	a.free = append(a.free, idx)
	a.n--
	if a.n == 0 {
		clear(a.index) // drop tombstones so the table never needs to grow
	}
}

// expire evicts the oldest pending messages while they are too old at time t.
func (a *Assembler) expire(t time.Time) {
	for a.head >= 0 {
		sl := &a.slots[a.head]
		switch {
		case a.tick-sl.tick > uint64(a.cfg.MaxAge):
			a.evict(a.head, "not completed within "+strconv.Itoa(a.cfg.MaxAge)+" sentences")
		case a.cfg.MaxAgeTime > 0 && !t.IsZero() && sl.ts != TimeNone && t.Sub(sl.t) > a.cfg.MaxAgeTime:
			a.evict(a.head, "not completed within "+a.cfg.MaxAgeTime.String())
		default:
			return
		}
	}
}

// evict queues an ErrOrphan error for the slot and releases it.
func (a *Assembler) evict(idx int32, why string) {
	sl := &a.slots[idx]
	a.stats.Orphans++
	a.stats.OrphanFragments += int64(sl.count)
	err := &ParseError{
		Line: sl.first,
		Err:  &orphanError{have: sl.have, total: sl.total, seq: sl.seq, channel: sl.channel, why: why},
		Text: string(sl.raw),
	}
	a.queue(err)
	a.release(idx)
}

func (a *Assembler) queue(err *ParseError) {
	if a.errs == nil {
		a.errs = make([]*ParseError, a.cfg.MaxPending+1)
	}
	if a.errCount == len(a.errs) {
		a.errs[a.errHead] = nil
		a.errHead = (a.errHead + 1) % len(a.errs)
		a.errCount--
		a.stats.DroppedErrors++
	}
	a.errs[(a.errHead+a.errCount)%len(a.errs)] = err
	a.errCount++
}

// NextOrphan returns the oldest queued orphan error (a *ParseError wrapping
// ErrOrphan), or nil when there is none. At most MaxPending+1 errors are
// queued; older ones are dropped (and counted in DroppedErrors) when the
// caller does not drain the queue.
func (a *Assembler) NextOrphan() error {
	if a.errCount == 0 {
		return nil
	}
	err := a.errs[a.errHead]
	a.errs[a.errHead] = nil
	a.errHead = (a.errHead + 1) % len(a.errs)
	a.errCount--
	return err
}

// Flush evicts every pending message as an orphan (oldest first), as at the
// end of a stream. Drain the errors with NextOrphan.
func (a *Assembler) Flush() {
	for a.head >= 0 {
		a.evict(a.head, "still incomplete at end of stream")
	}
}

// Pending returns the number of incomplete messages held.
func (a *Assembler) Pending() int { return a.n }

// Stats returns the counters.
func (a *Assembler) Stats() AssemblerStats { return a.stats }

// orphanError describes an evicted incomplete message.
type orphanError struct {
	have    uint16
	total   int
	seq     int
	channel byte
	why     string
}

func (e *orphanError) Error() string {
	s := ErrOrphan.Error() + ": had fragment"
	sep := " "
	for i := 1; i <= e.total; i++ {
		if e.have&(1<<i) != 0 {
			s += sep + strconv.Itoa(i)
			sep = ","
		}
	}
	s += " of " + strconv.Itoa(e.total)
	if e.seq >= 0 {
		s += ", seq " + strconv.Itoa(e.seq)
	}
	if e.channel != 0 {
		s += ", channel " + string(rune(e.channel))
	}
	return s + "; " + e.why
}

func (e *orphanError) Unwrap() error { return ErrOrphan }
