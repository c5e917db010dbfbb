package nmea

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// A type 5 (static and voyage data) payload of 71 characters: two fragments.
const type5Payload = "55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp888888888880"

// readEncoded reads every message of b, failing on any error.
func readEncoded(t testing.TB, b []byte) []Message {
	t.Helper()
	r := NewReader(bytes.NewReader(b), ReaderConfig{})
	var out []Message
	for {
		m, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("read back %q: %v", b, err)
		}
		c := *m
		c.Payload = bytes.Clone(m.Payload)
		out = append(out, c)
	}
}

func TestAppendSentencesExact(t *testing.T) {
	got, err := AppendSentences(nil, SentenceSpec{Channel: 'B', Payload: []byte("177KQJ5000G?tO`K>RA1wUbN0TKH"), FillBits: 0})
	if err != nil {
		t.Fatal(err)
	}
	// The checksum of this well-known sentence is 5C.
	if want := "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C\r\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got, err = AppendSentences(nil, SentenceSpec{Channel: 'A', Payload: []byte(type5Payload), FillBits: 2, SeqID: 3,
		Tag: TagSpec{Station: "rEV02", Time: time.Unix(1334337317, 0), GroupID: 3985}})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(got), "\r\n"), "\r\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2: %q", len(lines), got)
	}
	for i, want := range []string{
		`\s:rEV02,c:1334337317,g:1-2-3985*`,
		`\s:rEV02,c:1334337317,g:2-2-3985*`,
	} {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d = %q, want prefix %q", i+1, lines[i], want)
		}
	}
	if !strings.Contains(lines[0], "!AIVDM,2,1,3,A,"+type5Payload[:60]+",0*") ||
		!strings.Contains(lines[1], "!AIVDM,2,2,3,A,"+type5Payload[60:]+",2*") {
		t.Errorf("fragments wrong: %q", got)
	}
}

func TestAppendSentencesRoundTrip(t *testing.T) {
	at := time.Date(2025, 1, 25, 6, 30, 15, 0, time.UTC)
	cases := []struct {
		name string
		spec SentenceSpec
		frag int
	}{
		{"single", SentenceSpec{Channel: 'A', Payload: []byte("15M67FC000G?ufbE`FepT@3n00Sa"), Tag: TagSpec{Station: "sim", Time: at}}, 1},
		{"single no tag", SentenceSpec{Channel: 'B', Payload: []byte("B52K>;h00Fc>jpUlNV@ikwpUoP06"), FillBits: 0}, 1},
		{"vdo talker", SentenceSpec{Talker: [2]byte{'B', 'S'}, Own: true, Payload: []byte("H52K>;h00Fc>jpUl"), FillBits: 2, Tag: TagSpec{Time: at}}, 1},
		{"type 5", SentenceSpec{Channel: 'A', Payload: []byte(type5Payload), FillBits: 2, SeqID: 7, Tag: TagSpec{Station: "s1", Time: at, GroupID: 42}}, 2},
		{"type 5 untagged", SentenceSpec{Channel: '2', Payload: []byte(type5Payload), FillBits: 2, SeqID: 0}, 2},
		{"nine fragments", SentenceSpec{Channel: 'A', Payload: bytes.Repeat([]byte("w"), MaxPayloadChars), FillBits: 4, SeqID: 9, Tag: TagSpec{Station: "x", Time: at, GroupID: 1}}, 9},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := AppendSentences([]byte("prefix\n"), c.spec)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("prefix\n")) {
				t.Fatalf("dst not kept: %q", b)
			}
			for _, line := range strings.Split(strings.TrimSpace(string(b[7:])), "\r\n") {
				if len(line) > 82+len(`\s:s1,c:1737786615,g:1-2-42*hh\`) {
					t.Errorf("line too long (%d): %q", len(line), line)
				}
			}
			r := NewReader(bytes.NewReader(b[7:]), ReaderConfig{})
			m, err := r.Next()
			if err != nil {
				t.Fatalf("%v\n%s", err, b)
			}
			checkMessage(t, m, &c.spec)
			if m.Fragments != c.frag {
				t.Errorf("fragments %d, want %d", m.Fragments, c.frag)
			}
			if _, err := r.Next(); err != io.EOF {
				t.Errorf("after the message: %v, want EOF", err)
			}
			if st := r.Stats(); st.RejectedTotal() != 0 || st.Sentences != int64(c.frag) {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

// checkMessage compares what the reader returned with the spec written.
func checkMessage(t *testing.T, m *Message, s *SentenceSpec) {
	t.Helper()
	talker := s.Talker
	if talker == [2]byte{} {
		talker = [2]byte{'A', 'I'}
	}
	if !bytes.Equal(m.Payload, s.Payload) || m.FillBits != s.FillBits || m.Channel != s.Channel ||
		m.Own != s.Own || m.Talker != talker {
		t.Errorf("read %q fill %d channel %q own %v talker %q; wrote %q fill %d channel %q own %v talker %q",
			m.Payload, m.FillBits, m.Channel, m.Own, m.Talker[:], s.Payload, s.FillBits, s.Channel, s.Own, talker[:])
	}
	if m.Tag.Present != s.Tag.present() || m.Tag.Source != s.Tag.Station {
		t.Errorf("tag %+v, wrote %+v", m.Tag, s.Tag)
	}
	if want := s.Tag.Time.Truncate(time.Second); !m.Time.Equal(want) {
		t.Errorf("time %v, want %v", m.Time, want)
	}
	if s.Tag.present() && m.Fragments > 1 && (m.Tag.GroupID != s.Tag.GroupID || m.Tag.GroupTotal != m.Fragments) {
		t.Errorf("group %d of %d, wrote %d of %d", m.Tag.GroupID, m.Tag.GroupTotal, s.Tag.GroupID, m.Fragments)
	}
}

func TestAppendTagBlock(t *testing.T) {
	tag := TagSpec{Station: "rEV02", Time: time.Unix(1334337317, 0), GroupID: 3985}
	// The fields of the package doc's example \g:1-2-3985,s:rEV02,c:1334337317*2D\
	// in another order, so the same checksum.
	if got := string(AppendTagBlock(nil, tag, 1, 2)); got != `\s:rEV02,c:1334337317,g:1-2-3985*2D\` {
		t.Errorf("got %s", got)
	}
	if got := string(AppendTagBlock(nil, TagSpec{Time: time.Unix(1420030798, 0)}, 1, 1)); got != `\c:1420030798*5B\` {
		t.Errorf("got %s", got)
	}
	if got := AppendTagBlock([]byte("x"), TagSpec{GroupID: 3}, 1, 2); string(got) != "x" {
		t.Errorf("empty tag wrote %q", got)
	}
	// A tag block followed by an untagged sentence is what AppendSentences
	// writes with the tag.
	s := SentenceSpec{Channel: 'A', Payload: []byte("15M67FC000G?ufbE`FepT@3n00Sa"), Tag: TagSpec{Station: "sim", Time: time.Unix(1737763200, 0)}}
	want, _ := AppendSentences(nil, s)
	got := AppendTagBlock(nil, s.Tag, 1, 1)
	s.Tag = TagSpec{}
	got, _ = AppendSentences(got, s)
	if string(got) != string(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAppendSentencesErrors(t *testing.T) {
	good := []byte("15M67FC000G?ufbE`FepT@3n00Sa")
	for name, s := range map[string]SentenceSpec{
		"empty":       {},
		"too long":    {Payload: bytes.Repeat([]byte("0"), MaxPayloadChars+1)},
		"not armor":   {Payload: []byte("15M67FC000G?ufbE`FepT@3n00S~")},
		"fill":        {Payload: good, FillBits: 6},
		"seq":         {Payload: []byte(type5Payload), SeqID: 10},
		"channel":     {Payload: good, Channel: ','},
		"talker":      {Payload: good, Talker: [2]byte{'A', '*'}},
		"station":     {Payload: good, Tag: TagSpec{Station: `a\b`}},
		"before 1970": {Payload: good, Tag: TagSpec{Time: time.Unix(-5, 0)}},
		"group":       {Payload: good, Tag: TagSpec{Station: "s", GroupID: -1}},
	} {
		dst := []byte("x")
		got, err := AppendSentences(dst, s)
		if !errors.Is(err, ErrEncode) {
			t.Errorf("%s: error %v, want ErrEncode", name, err)
		}
		if string(got) != "x" {
			t.Errorf("%s: dst changed to %q", name, got)
		}
	}
}

func TestAppendSentencesNoAlloc(t *testing.T) {
	s := SentenceSpec{Channel: 'A', Payload: []byte(type5Payload), FillBits: 2, SeqID: 1,
		Tag: TagSpec{Station: "sim", Time: time.Unix(1737763200, 0), GroupID: 7}}
	buf := make([]byte, 0, 512)
	allocs := testing.AllocsPerRun(100, func() {
		var err error
		if buf, err = AppendSentences(buf[:0], s); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per call, want 0", allocs)
	}
}

func FuzzAppendSentences(f *testing.F) {
	f.Add([]byte("15M67FC000G?ufbE`FepT@3n00Sa"), uint8(0), uint8(3), byte('A'), int64(1737763200), "sim")
	f.Add([]byte(type5Payload), uint8(2), uint8(9), byte('B'), int64(0), "")
	f.Add([]byte("w"), uint8(5), uint8(0), byte(0), int64(1), "r")
	f.Fuzz(func(t *testing.T, raw []byte, fill, seq uint8, channel byte, unix int64, station string) {
		// Map arbitrary bytes onto the 64 armor characters.
		payload := make([]byte, min(len(raw), MaxPayloadChars))
		for i := range payload {
			v := raw[i] & 63
			if v < 40 {
				payload[i] = v + 48
			} else {
				payload[i] = v + 56
			}
		}
		s := SentenceSpec{Channel: channel, Payload: payload, FillBits: int(fill % 6), SeqID: int(seq % 10),
			Tag: TagSpec{Station: station, GroupID: int(seq)}}
		if unix > 0 && unix < 1e11 {
			s.Tag.Time = time.Unix(unix, 0)
		}
		b, err := AppendSentences(nil, s)
		if err != nil {
			if len(payload) > 0 && talkerChar(channel) && validStation(station) {
				t.Fatalf("valid spec rejected: %v", err)
			}
			return
		}
		if len(station) > 0 && !validStation(station) {
			t.Fatalf("station %q accepted", station)
		}
		msgs := readEncoded(t, b)
		if len(msgs) != 1 {
			t.Fatalf("%d messages from %q", len(msgs), b)
		}
		checkMessage(t, &msgs[0], &s)
	})
}

func validStation(s string) bool {
	for i := 0; i < len(s); i++ {
		if !talkerChar(s[i]) {
			return false
		}
	}
	return true
}

func BenchmarkAppendSentences(b *testing.B) {
	single := SentenceSpec{Channel: 'A', Payload: []byte("15M67FC000G?ufbE`FepT@3n00Sa"),
		Tag: TagSpec{Station: "sim", Time: time.Unix(1737763200, 0)}}
	multi := SentenceSpec{Channel: 'A', Payload: []byte(type5Payload), FillBits: 2, SeqID: 1,
		Tag: TagSpec{Station: "sim", Time: time.Unix(1737763200, 0), GroupID: 7}}
	for _, c := range []struct {
		name string
		s    SentenceSpec
	}{{"single", single}, {"type5", multi}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			buf := make([]byte, 0, 512)
			for b.Loop() {
				buf, _ = AppendSentences(buf[:0], c.s)
			}
			b.SetBytes(int64(len(buf)))
		})
	}
}
