package nmea

import (
	"errors"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// Real multipart fragments.
const (
	// dma decode_encode_messages:4-5
	a1 = "!AIVDM,2,1,3,A,802R5Ph0Bk@Ch@Fln<ljQhs2HGwwwwwwwwwwwwwwwwwwwwwwwwwwwwww,0*48"
	a2 = "!AIVDM,2,2,3,A,wwt,2*63"
	// dma stream_example:81-82 and 84-85
	b1 = "!BYVDM,2,1,2,B,53Aa3J02;bPPuaA?:21@u:098U@4ppT622222200>IB==5Uh0@ES0@Dc,0*21"
	b2 = "!BYVDM,2,2,2,B,iQC2F8888888880,2*01"
	c1 = "!AIVDM,2,1,5,A,53`eSP025ij108M:221<D60`4<f222222222220Q000005?G0>5CQ1D`,0*39"
	c2 = "!AIVDM,2,2,5,A,53mp88888888880,2*3A"
	// risky exact-earth-with-tag-block:1-2: grouped by g:, the second
	// fragment has no s:.
	g1 = `\g:1-2-3985,s:rEV02,c:1334337317*2D\!AIVDM,2,1,9,B,58KvN<42ACikUKW77F1H4hF0<PTp622222222216` + "`0`" + `cF5BF0RT13H0T,0*70`
	g2 = `\g:2-2-3985*5A\!AIVDM,2,2,9,B,PFRC88888888880,2*29`
	// pyais:3
	single = "!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*6C"
)

// sentence parses line (which must be valid) and sets its line number.
func sentence(t testing.TB, line string, n int) *Sentence {
	t.Helper()
	s := new(Sentence)
	if err := Parse([]byte(line), s); err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	s.Line = n
	return s
}

// add adds lines in order and returns the messages completed (copied).
func add(t *testing.T, a *Assembler, source string, lines ...string) []Message {
	t.Helper()
	var out []Message
	for i, l := range lines {
		m, err := a.Add(sentence(t, l, i+1), source)
		if err != nil {
			t.Fatal(err)
		}
		if m != nil {
			c := *m
			c.Payload = append([]byte(nil), m.Payload...)
			out = append(out, c)
		}
	}
	return out
}

func orphans(a *Assembler) []*ParseError {
	var out []*ParseError
	for {
		err := a.NextOrphan()
		if err == nil {
			return out
		}
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, ErrOrphan) {
			panic("orphan error is not a *ParseError wrapping ErrOrphan")
		}
		out = append(out, pe)
	}
}

func TestAssemblerOrder(t *testing.T) {
	const joined = "802R5Ph0Bk@Ch@Fln<ljQhs2HGwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwt"
	tests := []struct {
		name  string
		lines []string
		want  []string // payloads in completion order
	}{
		{"in order", []string{a1, a2}, []string{joined}},
		{"out of order", []string{a2, a1}, []string{joined}},
		{"single between fragments", []string{a1, single, a2}, []string{"13RlIW?04F1beOVEFLB9bRvH0L0L", joined}},
		{"interleaved", []string{b1, c1, c2, b2}, []string{
			"53`eSP025ij108M:221<D60`4<f222222222220Q000005?G0>5CQ1D`53mp88888888880",
			"53Aa3J02;bPPuaA?:21@u:098U@4ppT622222200>IB==5Uh0@ES0@DciQC2F8888888880",
		}},
		{"interleaved out of order", []string{c2, b2, b1, c1}, []string{
			"53Aa3J02;bPPuaA?:21@u:098U@4ppT622222200>IB==5Uh0@ES0@DciQC2F8888888880",
			"53`eSP025ij108M:221<D60`4<f222222222220Q000005?G0>5CQ1D`53mp88888888880",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := NewAssembler(AssemblerConfig{})
			msgs := add(t, a, "feed", tt.lines...)
			if len(msgs) != len(tt.want) {
				t.Fatalf("%d messages, want %d", len(msgs), len(tt.want))
			}
			for i, m := range msgs {
				if string(m.Payload) != tt.want[i] {
					t.Errorf("message %d: payload %q, want %q", i, m.Payload, tt.want[i])
				}
			}
			if a.Pending() != 0 || len(orphans(a)) != 0 {
				t.Errorf("pending %d", a.Pending())
			}
		})
	}
}

func TestAssemblerMessageFields(t *testing.T) {
	a := NewAssembler(AssemblerConfig{})
	msgs := add(t, a, "feed", a2, a1) // fragment 2 first, at line 1
	m := msgs[0]
	if m.Fragments != 2 || m.FillBits != 2 || m.Channel != 'A' || string(m.Talker[:]) != "AI" || m.Own {
		t.Errorf("got %+v", m)
	}
	if m.FirstLine != 1 || m.Line != 2 {
		t.Errorf("lines %d..%d, want 1..2", m.FirstLine, m.Line)
	}
}

func TestAssemblerTagGroup(t *testing.T) {
	for _, order := range [][]string{{g1, g2}, {g2, g1}} {
		a := NewAssembler(AssemblerConfig{})
		msgs := add(t, a, "feed", order...)
		if len(msgs) != 1 {
			t.Fatalf("%d messages", len(msgs))
		}
		m := msgs[0]
		if want := "58KvN<42ACikUKW77F1H4hF0<PTp622222222216`0`cF5BF0RT13H0TPFRC88888888880"; string(m.Payload) != want {
			t.Errorf("payload %q", m.Payload)
		}
		// Source and time come from fragment 1 even when it arrives last.
		if m.Tag.Source != "rEV02" || m.TimeSource != TimeTagBlock || m.Time.Unix() != 1334337317 || m.Tag.GroupID != 3985 {
			t.Errorf("tag %+v, time %v from %v", m.Tag, m.Time, m.TimeSource)
		}
	}
}

func TestAssemblerSourcesNotJoined(t *testing.T) {
	a := NewAssembler(AssemblerConfig{})
	if m, _ := a.Add(sentence(t, a1, 1), "x"); m != nil {
		t.Fatal("message from one fragment")
	}
	if m, _ := a.Add(sentence(t, a2, 2), "y"); m != nil {
		t.Fatal("fragments of two sources joined")
	}
	a.Flush()
	if o := orphans(a); len(o) != 2 || o[0].Line != 1 || o[1].Line != 2 {
		t.Fatalf("orphans %v", o)
	}
}

func TestAssemblerRestart(t *testing.T) {
	a := NewAssembler(AssemblerConfig{})
	msgs := add(t, a, "feed", a1, a1, a2) // the repeated fragment 1 restarts
	if len(msgs) != 1 || msgs[0].FirstLine != 2 {
		t.Fatalf("messages %+v", msgs)
	}
	o := orphans(a)
	if len(o) != 1 || o[0].Line != 1 || o[0].Text != a1 {
		t.Fatalf("orphans %v", o)
	}
	if !contains(o[0].Error(), "restarted") || !contains(o[0].Error(), "line 1") {
		t.Errorf("error %q", o[0])
	}
	st := a.Stats()
	if st.Orphans != 1 || st.OrphanFragments != 1 || st.Multipart != 1 || st.Fragments != 2 {
		t.Errorf("stats %+v", st)
	}
}

func TestAssemblerMaxAge(t *testing.T) {
	a := NewAssembler(AssemblerConfig{MaxAge: 10})
	add(t, a, "feed", a1)
	for i := 0; i < 10; i++ {
		add(t, a, "feed", single)
	}
	if a.Pending() != 1 {
		t.Fatal("evicted too early")
	}
	add(t, a, "feed", single)
	if o := orphans(a); len(o) != 1 || !contains(o[0].Error(), "10 sentences") {
		t.Fatalf("orphans %v", o)
	}
	// The late fragment 2 is now an orphan itself.
	add(t, a, "feed", a2)
	if a.Pending() != 1 {
		t.Fatal("late fragment not pending")
	}
}

func TestAssemblerMaxAgeTime(t *testing.T) {
	a := NewAssembler(AssemblerConfig{MaxAgeTime: time.Minute})
	s1 := sentence(t, a1, 1)
	s1.Time, s1.TimeSource = time.Unix(1000, 0), TimeTagBlock
	if m, _ := a.Add(s1, "feed"); m != nil {
		t.Fatal("message")
	}
	s := sentence(t, single, 2)
	s.Time, s.TimeSource = time.Unix(1060, 0), TimeTagBlock
	a.Add(s, "feed")
	if a.Pending() != 1 {
		t.Fatal("evicted at exactly MaxAgeTime")
	}
	s.Time = time.Unix(1061, 0)
	a.Add(s, "feed")
	if o := orphans(a); len(o) != 1 || !contains(o[0].Error(), "1m0s") {
		t.Fatalf("orphans %v", o)
	}
	// Sentences without times never evict by time.
	a.Add(s1, "feed")
	a.Add(sentence(t, single, 3), "feed")
	if a.Pending() != 1 {
		t.Fatal("evicted without a time")
	}
}

func TestAssemblerMaxPending(t *testing.T) {
	a := NewAssembler(AssemblerConfig{MaxPending: 4})
	var o []*ParseError
	for i := 0; i < 10; i++ {
		s := sentence(t, a1, i+1)
		s.SeqID = i // ten distinct messages
		a.Add(s, "feed")
		o = append(o, orphans(a)...)
	}
	if a.Pending() != 4 {
		t.Fatalf("pending %d", a.Pending())
	}
	if len(o) != 6 {
		t.Fatalf("%d orphans", len(o))
	}
	for i, e := range o {
		if e.Line != i+1 || !contains(e.Error(), "too many pending") {
			t.Errorf("orphan %d: %v", i, e)
		}
	}
	// The newest four are still there and complete.
	for i := 6; i < 10; i++ {
		s := sentence(t, a2, 100+i)
		s.SeqID = i
		if m, _ := a.Add(s, "feed"); m == nil {
			t.Errorf("seq %d did not complete", i)
		}
	}
}

func TestAssemblerRejects(t *testing.T) {
	a := NewAssembler(AssemblerConfig{})
	for _, mod := range []func(*Sentence){
		func(s *Sentence) { s.FragCount = 0 },
		func(s *Sentence) { s.FragCount = 10 },
		func(s *Sentence) { s.FragNum = 3 },
		func(s *Sentence) { s.Payload = nil },
	} {
		s := sentence(t, a1, 1)
		mod(s)
		if m, err := a.Add(s, "feed"); m != nil || err == nil {
			t.Errorf("accepted %+v", s)
		}
	}
	if a.Stats().Rejected != 4 || a.Pending() != 0 {
		t.Errorf("stats %+v", a.Stats())
	}
}

// TestAssemblerOrphanFlood: a million fragments 1 that never complete, from
// many stations, sequence ids and channels: memory stays bounded, drained
// or not.
func TestAssemblerOrphanFlood(t *testing.T) {
	stations := make([]string, 5000)
	for i := range stations {
		stations[i] = "station" + strconv.Itoa(i)
	}
	for _, drain := range []bool{true, false} {
		a := NewAssembler(AssemblerConfig{MaxPending: 256})
		s := sentence(t, a1, 0)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		const n = 300_000
		var got int
		for i := 0; i < n; i++ {
			s.Line = i + 1
			s.SeqID = i % 10
			s.Channel = "AB12"[i/10%4]
			s.Tag.Source = stations[i/40%len(stations)]
			if m, err := a.Add(s, "flood"); m != nil || err != nil {
				t.Fatal("unexpected result")
			}
			if drain {
				for a.NextOrphan() != nil {
					got++
				}
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		if a.Pending() > 256 || len(a.slots) > 256 || a.errCount > 257 || len(a.index) > 256 {
			t.Errorf("pending %d, slots %d, queued %d, index %d", a.Pending(), len(a.slots), a.errCount, len(a.index))
		}
		st := a.Stats()
		if st.Orphans != n-int64(a.Pending()) {
			t.Errorf("orphans %d, want %d", st.Orphans, n-a.Pending())
		}
		if drain && int64(got) != st.Orphans {
			t.Errorf("drained %d of %d", got, st.Orphans)
		}
		if !drain && st.DroppedErrors == 0 {
			t.Error("undrained queue dropped nothing")
		}
		if growth := int64(after.HeapAlloc) - int64(before.HeapAlloc); growth > 4<<20 {
			t.Errorf("heap grew by %d bytes", growth)
		}
	}
}

func TestAssemblerAllocs(t *testing.T) {
	a := NewAssembler(AssemblerConfig{})
	s := []*Sentence{sentence(t, g2, 1), sentence(t, g1, 2), sentence(t, b1, 3), sentence(t, c1, 4),
		sentence(t, c2, 5), sentence(t, b2, 6), sentence(t, single, 7)}
	run := func() {
		for _, x := range s {
			if _, err := a.Add(x, "feed"); err != nil {
				t.Fatal(err)
			}
		}
	}
	run()
	if allocs := testing.AllocsPerRun(1000, run); allocs != 0 {
		t.Errorf("%v allocations per run", allocs)
	}
}
