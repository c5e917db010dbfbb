package nmea

import (
	"encoding/binary"
	"errors"
	"strconv"
	"testing"
	"time"
)

// want describes the fields checked for an accepted sentence.
type want struct {
	talker    string
	own       bool
	count     int
	num       int
	seq       int
	channel   byte
	payload   string
	fill      int
	timeSrc   TimeSource
	time      string // RFC 3339 with milliseconds, "" for none
	tagSource string
	group     [3]int // g: seq, total, id
}

const ms = "2006-01-02T15:04:05.000Z07:00"

// Lines come from the captures in /work/shared/data/ais (file:line noted);
// lines marked "synthetic" were edited to reach a branch the captures miss.
var parseTests = []struct {
	name string
	line string
	err  error // nil, ErrNotVDM or a rejection sentinel
	want want
}{
	{
		name: "plain VDM, empty seq, channel A",
		line: "!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*6C", // pyais:3
		want: want{talker: "AI", count: 1, num: 1, seq: -1, channel: 'A', payload: "13RlIW?04F1beOVEFLB9bRvH0L0L"},
	},
	{
		name: "AB talker with seq id",
		line: "!ABVDM,1,1,6,B,1G7lQJ001PbomTie:ms2sR@40000,0*34", // risky ais.txt:1
		want: want{talker: "AB", count: 1, num: 1, seq: 6, channel: 'B', payload: "1G7lQJ001PbomTie:ms2sR@40000"},
	},
	{
		name: "VDO with empty channel",
		line: "!AIVDO,1,1,,,B000000002EgKjv=lCL03wQ5wP06,0*0F", // risky ais.txt:8
		want: want{talker: "AI", own: true, count: 1, num: 1, seq: -1, payload: "B000000002EgKjv=lCL03wQ5wP06"},
	},
	{
		name: "channel 1, fill bits 4",
		line: "!BSVDM,1,1,6,1,E>lsou8pq0000000000000000004cP?utKO@`10888Q:`Tl1@j@C83@DRh,4*00", // risky ais.txt:67
		want: want{talker: "BS", count: 1, num: 1, seq: 6, channel: '1', payload: "E>lsou8pq0000000000000000004cP?utKO@`10888Q:`Tl1@j@C83@DRh", fill: 4},
	},
	{
		name: "channel 2, single-sentence type 5",
		line: "!ABVDM,1,1,2,2,53Svdd029sjA=TIR2204p4pLDj1<thT@58UAV216NpTEE4CQ0FB0FH43jCU80CPs`888880,2*4C", // risky ais.txt:1739
		want: want{talker: "AB", count: 1, num: 1, seq: 2, channel: '2', payload: "53Svdd029sjA=TIR2204p4pLDj1<thT@58UAV216NpTEE4CQ0FB0FH43jCU80CPs`888880", fill: 2},
	},
	{
		name: "channel 0",
		line: "!ABVDM,1,1,9,0,555wq401pu91K@i0000Hu9ADpF1=@58000000016A0:<;4M`0>C0A@00000000000000000,2*56", // risky ais.txt:102
		want: want{talker: "AB", count: 1, num: 1, seq: 9, channel: '0', payload: "555wq401pu91K@i0000Hu9ADpF1=@58000000016A0:<;4M`0>C0A@00000000000000000", fill: 2},
	},
	{
		name: "broken talker =I",
		line: "!=IVDM,1,1,,A,18JSmJ001D8FqSClKd51JAD20D0W,0*2E", // risky ais.txt:22
		want: want{talker: "=I", count: 1, num: 1, seq: -1, channel: 'A', payload: "18JSmJ001D8FqSClKd51JAD20D0W"},
	},
	{
		name: "talker --",
		line: "!--VDM,1,1,,A,802R5Ph0BkAgoPNCkQn0Q@sMKgwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwt,2*57", // dma stream_example:158
		want: want{talker: "--", count: 1, num: 1, seq: -1, channel: 'A', payload: "802R5Ph0BkAgoPNCkQn0Q@sMKgwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwt", fill: 2},
	},
	{
		name: "CRLF",
		line: "!AIVDM,1,1,,A,35Dw3j5000:lEcIjGb7VVTHD0000,0*56\r", // risky ais.txt:8089
		want: want{talker: "AI", count: 1, num: 1, seq: -1, channel: 'A', payload: "35Dw3j5000:lEcIjGb7VVTHD0000"},
	},
	{
		name: "trailer in seconds",
		line: "!AIVDM,1,1,,B,H52KsnQ8DDj1Lu9@PhE=>222220,2*30,1327664821", // risky ais.txt:40
		want: want{talker: "AI", count: 1, num: 1, seq: -1, channel: 'B', payload: "H52KsnQ8DDj1Lu9@PhE=>222220", fill: 2,
			timeSrc: TimeTrailer, time: "2012-01-27T11:47:01.000Z"},
	},
	{
		name: "trailer in milliseconds",
		line: "!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22,1328133720087", // risky exact-earth-augmented-2:2
		want: want{talker: "AI", count: 1, num: 1, seq: -1, channel: 'A', payload: "144gjIP0085KKPQHMPjT81Sb1PSL",
			timeSrc: TimeTrailer, time: "2012-02-01T22:02:00.087Z"},
	},
	{
		name: "trailer with a fraction (synthetic)",
		line: "!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22,1328133720.5",
		want: want{talker: "AI", count: 1, num: 1, seq: -1, channel: 'A', payload: "144gjIP0085KKPQHMPjT81Sb1PSL",
			timeSrc: TimeTrailer, time: "2012-02-01T22:02:00.500Z"},
	},
	{
		name: "tag block with *00 placeholder checksum",
		line: `\c:1420030798*00\!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22`, // risky nmea-timestamped:1
		want: want{talker: "AB", count: 1, num: 1, seq: 4, channel: 'B', payload: "17P;HV?P008F98Il;EC1mOwL0@KP",
			timeSrc: TimeTagBlock, time: "2014-12-31T12:59:58.000Z"},
	},
	{
		name: "tag block with source, time and real checksum",
		line: `\s:rEV02,c:1334337317*58\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj` + "`" + `26B0<02,0*5F`, // risky exact-earth-with-tag-block:3
		want: want{talker: "AI", count: 1, num: 1, seq: -1, channel: 'B', payload: "19NWuLhuRb5QHfCpPcwj`26B0<02",
			timeSrc: TimeTagBlock, time: "2012-04-13T17:15:17.000Z", tagSource: "rEV02"},
	},
	{
		name: "tag block group, first fragment",
		line: `\g:1-2-3985,s:rEV02,c:1334337317*2D\!AIVDM,2,1,9,B,58KvN<42ACikUKW77F1H4hF0<PTp622222222216` + "`0`" + `cF5BF0RT13H0T,0*70`, // risky exact-earth-with-tag-block:1
		want: want{talker: "AI", count: 2, num: 1, seq: 9, channel: 'B', payload: "58KvN<42ACikUKW77F1H4hF0<PTp622222222216`0`cF5BF0RT13H0T",
			timeSrc: TimeTagBlock, time: "2012-04-13T17:15:17.000Z", tagSource: "rEV02", group: [3]int{1, 2, 3985}},
	},
	{
		name: "tag block group, second fragment without s:",
		line: `\g:2-2-3985*5A\!AIVDM,2,2,9,B,PFRC88888888880,2*29`, // risky exact-earth-with-tag-block:2
		want: want{talker: "AI", count: 2, num: 2, seq: 9, channel: 'B', payload: "PFRC88888888880", fill: 2, group: [3]int{2, 2, 3985}},
	},
	{
		name: "tag block without checksum (synthetic)",
		line: `\s:station1,c:1420030798\!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22`,
		want: want{talker: "AB", count: 1, num: 1, seq: 4, channel: 'B', payload: "17P;HV?P008F98Il;EC1mOwL0@KP",
			timeSrc: TimeTagBlock, time: "2014-12-31T12:59:58.000Z", tagSource: "station1"},
	},
	{
		name: "tag c: in milliseconds (synthetic)",
		line: `\c:1420030798123*00\!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22`,
		want: want{talker: "AB", count: 1, num: 1, seq: 4, channel: 'B', payload: "17P;HV?P008F98Il;EC1mOwL0@KP",
			timeSrc: TimeTagBlock, time: "2014-12-31T12:59:58.123Z"},
	},

	// Other sentences: skipped, not errors.
	{name: "GPGGA", line: "$GPGGA,114702.00,3351.0151,S,15117.2160,E,1,06,1.69,00093,M,021,M,,*76", err: ErrNotVDM},      // risky ais.txt
	{name: "PSHI", line: "$PSHI,001,01.53524524,,01691,32611,114701.28,2,0057,-079*3B", err: ErrNotVDM},                  // risky ais.txt:12
	{name: "ALR with annotation trailer", line: "$BSALR,,026,A,V,no sensor position in use*2B,ComSock1", err: ErrNotVDM}, // risky ais.txt:2325
	{name: "PGHP", line: "$PGHP,1,2012,2,1,20,19,5,651,316,2,316000002,1AIS_S,22*4B,1328133720089", err: ErrNotVDM},      // risky exact-earth-augmented-2:3
	{name: "AIPWR", line: "!AIPWR,UNIT=0,POWER=1*05", err: ErrNotVDM},                                                    // risky ais.txt:123

	// Rejections.
	{name: "empty payload", line: "!AIVDM,1,1,,B,,0*25", err: ErrEmptyPayload},                                                                                                             // pyais:4
	{name: "bad checksum", line: "!=IVDM,1,1,,B,37P8OL2<01Ch,0*32", err: ErrChecksum},                                                                                                      // risky ais.txt:359
	{name: "two sentences spliced", line: "!ABVDM,1,1,6,A,17P=e23000bngMBVDM,1,1,7,A,14W:<b0u@LboM1ue6QlMp0b:85KD,0*58", err: ErrChecksum},                                                 // risky ais.txt:42268
	{name: "non-hex checksum", line: "$ABALR,020819,037,V,A,AIS: Frame synchronisation failure*lure*46", err: ErrChecksum},                                                                 // risky ais.txt:1629
	{name: "truncated VDM", line: "!BSVDM,1,1,,A,3", err: ErrNoChecksum},                                                                                                                   // risky ais.txt:1168
	{name: "truncated other", line: "!AIPWR,UNIT=0,PWV", err: ErrNoChecksum},                                                                                                               // risky ais.txt:124
	{name: "escaped CRLF after the checksum", line: `!AIVDM,2,1,2,B,552H<Dl00001HDL62210ThuB08t5B1HDL622220j1083340Ht3h00000,0*4B\r\n!AIVDM,2,2,2,B,000000000000000,2*25`, err: ErrFormat}, // dma ais250:27
	{name: "tag checksum mismatch (synthetic)", line: `\s:rEV02,c:1334337318*58\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj` + "`" + `26B0<02,0*5F`, err: ErrTagChecksum},
	{name: "unterminated tag block (synthetic)", line: `\s:rEV02,c:1334337317*58!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj` + "`" + `26B0<02,0*5F`, err: ErrTagBlock},
	{name: "bad tag time (synthetic)", line: `\c:14200x0798*00\!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22`, err: ErrTagBlock},
	{name: "fragment number above count (synthetic)", line: "!AIVDM,1,2,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*6F", err: ErrFragment},
	{name: "fragment count 0 (synthetic)", line: "!AIVDM,0,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*6D", err: ErrFragment},
	{name: "payload outside the armor (synthetic)", line: "!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0X,0*78", err: ErrFormat},
	{name: "fill bits 6 (synthetic)", line: "!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,6*6A", err: ErrFormat},
	{name: "two-character channel (synthetic)", line: "!AIVDM,1,1,,AB,13RlIW?04F1beOVEFLB9bRvH0L0L,0*2E", err: ErrFormat},
	{name: "missing field (synthetic)", line: "!AIVDM,1,1,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*40", err: ErrFormat},
	{name: "extra field (synthetic)", line: "!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0,0*70", err: ErrFormat},
	{name: "no start character", line: "AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*6C", err: ErrFormat},
	{name: "bad address (synthetic)", line: "$81130.00,038,A,V,DGNSS input failed*01", err: ErrFormat},
}

func TestParse(t *testing.T) {
	var p Parser
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			for _, parse := range []struct {
				name string
				fn   func([]byte, *Sentence) error
			}{{"Parser", p.Parse}, {"Parse", Parse}} {
				var s Sentence
				err := parse.fn([]byte(tt.line), &s)
				if tt.err == nil {
					if err != nil {
						t.Fatalf("%s: %v", parse.name, err)
					}
					checkSentence(t, &s, tt.want)
					continue
				}
				if !errors.Is(err, tt.err) {
					t.Fatalf("%s: error %v, want %v", parse.name, err, tt.err)
				}
				if tt.err != ErrNotVDM {
					if r := ReasonOf(err); r.Err() != tt.err {
						t.Errorf("%s: ReasonOf = %v", parse.name, r)
					}
				}
			}
		})
	}
}

func checkSentence(t *testing.T, s *Sentence, w want) {
	t.Helper()
	if string(s.Talker[:]) != w.talker || s.Own != w.own || s.FragCount != w.count || s.FragNum != w.num ||
		s.SeqID != w.seq || s.Channel != w.channel || string(s.Payload) != w.payload || s.FillBits != w.fill {
		t.Errorf("got talker %q own %v frag %d/%d seq %d channel %q payload %q fill %d",
			s.Talker[:], s.Own, s.FragNum, s.FragCount, s.SeqID, s.Channel, s.Payload, s.FillBits)
	}
	if s.TimeSource != w.timeSrc {
		t.Errorf("time source %v, want %v", s.TimeSource, w.timeSrc)
	}
	got := ""
	if !s.Time.IsZero() {
		got = s.Time.Format(ms)
	}
	if got != w.time {
		t.Errorf("time %s, want %s", got, w.time)
	}
	if s.Tag.Source != w.tagSource {
		t.Errorf("tag source %q, want %q", s.Tag.Source, w.tagSource)
	}
	if g := [3]int{s.Tag.GroupSeq, s.Tag.GroupTotal, s.Tag.GroupID}; g != w.group {
		t.Errorf("tag group %v, want %v", g, w.group)
	}
	// The payload re-validates and the line's checksum is the one stored.
	if !ValidArmor(s.Payload) || len(s.Payload) == 0 {
		t.Errorf("payload %q does not validate", s.Payload)
	}
}

// TestParserPGHP checks how a $PGHP header stamps the next line.
func TestParserPGHP(t *testing.T) {
	const (
		// dma stream_example:1-2: the header's last field (2B) is the
		// checksum of the sentence it describes.
		hdr    = "$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B"
		match  = "!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B"
		hdrT   = "2010-06-11T11:46:11.390Z"
		other  = "!AIVDM,1,1,,A,33nr7t001f13KNTOahh2@QpF00vh,0*58" // stream_example:6, checksum 58
		withTr = "!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22,1328133720087"
		trT    = "2012-02-01T22:02:00.087Z"
		// dma stream_example:80-82: multipart, the field is the XOR of both.
		hdrMulti = "$PGHP,1,2010,6,11,11,46,12,241,232,0,,1,20*21"
		frag1    = "!BYVDM,2,1,2,B,53Aa3J02;bPPuaA?:21@u:098U@4ppT622222200>IB==5Uh0@ES0@Dc,0*21"
		// stream_example:26-27: own-vessel sentence with a 00 field.
		hdr00 = "$PGHP,1,2010,6,11,11,46,12,642,219,,2190074,1,00*24"
		vdo   = "!BSVDO,1,1,,B,4025bvQuaUcf<0hJ2FQ2M2A005Jp,0*34"
		// Synthetic: a header that names another sentence, before one
		// whose trailer gives the time, and one with the 00 field.
		hdr00tr = "$PGHP,1,2012,2,1,20,19,5,651,316,2,316000002,1AIS_S,00*4C"
	)
	tests := []struct {
		name  string
		lines []string
		src   TimeSource
		time  string
	}{
		{"matching checksum", []string{hdr, match}, TimePGHP, hdrT},
		{"header consumed by one line", []string{hdr, match, match}, TimeNone, ""},
		{"other sentence between", []string{hdr, "$GPGGA,114702.00,3351.0151,S,15117.2160,E,1,06,1.69,00093,M,021,M,,*76", match}, TimeNone, ""},
		{"checksum names another sentence", []string{hdr, other}, TimeNone, ""},
		{"checksum names another sentence, trailer wins", []string{hdr, withTr}, TimeTrailer, trT},
		{"multipart: unverifiable, used", []string{hdrMulti, frag1}, TimePGHP, "2010-06-11T11:46:12.241Z"},
		{"00 field: unverifiable, used", []string{hdr00, vdo}, TimePGHP, "2010-06-11T11:46:12.642Z"},
		{"00 field: trailer preferred", []string{hdr00tr, withTr}, TimeTrailer, trT},
		{"newer header replaces older", []string{hdrMulti, hdr, match}, TimePGHP, hdrT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Parser
			var s Sentence
			var err error
			for _, l := range tt.lines {
				err = p.Parse([]byte(l), &s)
			}
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if !s.Time.IsZero() {
				got = s.Time.Format(ms)
			}
			if s.TimeSource != tt.src || got != tt.time {
				t.Errorf("time %s from %v, want %s from %v", got, s.TimeSource, tt.time, tt.src)
			}
		})
	}
}

func TestParsePGHPMalformed(t *testing.T) {
	var p Parser
	var s Sentence
	// Month 13 (synthetic, checksum fixed up).
	line := fixChecksum("$PGHP,1,2010,13,11,11,46,11,390,231,45,992190934,1,2B*00")
	if err := p.Parse([]byte(line), &s); !errors.Is(err, ErrFormat) {
		t.Fatalf("got %v, want ErrFormat", err)
	}
	// Other PGHP message types carry no time and are just skipped.
	line = fixChecksum("$PGHP,2,foo*00")
	if err := p.Parse([]byte(line), &s); err != ErrNotVDM {
		t.Fatalf("got %v, want ErrNotVDM", err)
	}
}

// fixChecksum replaces the two characters after the first '*' by the right
// checksum.
func fixChecksum(line string) string {
	b := []byte(line)
	star := 0
	for i, c := range b {
		if c == '*' {
			star = i
			break
		}
	}
	sum := Checksum(b[1:star])
	const hexd = "0123456789ABCDEF"
	b[star+1], b[star+2] = hexd[sum>>4], hexd[sum&15]
	return string(b)
}

func TestParseErrorsNameTheField(t *testing.T) {
	tests := []struct{ line, field string }{
		{"!AIVDM,1,1,,AB,13RlIW?04F1beOVEFLB9bRvH0L0L,0*00", "channel"},
		{"!AIVDM,1,1,12,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*00", "sequence id"},
		{"!AIVDM,x,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*00", "fragment count"},
		{"!AIVDM,1,y,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*00", "fragment number"},
		{"!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,9*00", "fill bits"},
		{"!AIVDM,1,1,,A,13RlIW?04F1b~OVEFLB9bRvH0L0L,0*00", "payload"},
		{"!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*00junk", "after checksum"},
	}
	for _, tt := range tests {
		line := fixChecksum(tt.line)
		var s Sentence
		err := Parse([]byte(line), &s)
		if !errors.Is(err, ErrFormat) || !contains(err.Error(), tt.field) {
			t.Errorf("%s: got %v, want ErrFormat naming %q", line, err, tt.field)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestChecksumMatchesReference(t *testing.T) {
	b := []byte(`!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*6C\g:1-2-3985,s:rEV02,c:1334337317`)
	for i := 0; i <= len(b); i++ {
		for j := i; j <= len(b); j++ {
			var want byte
			for _, c := range b[i:j] {
				want ^= c
			}
			if got := Checksum(b[i:j]); got != want {
				t.Fatalf("Checksum(%q) = %02X, want %02X", b[i:j], got, want)
			}
		}
	}
}

func TestValidArmor(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := (c >= '0' && c <= 'W') || (c >= '`' && c <= 'w')
		for n := 1; n <= 20; n++ {
			for pos := 0; pos < n; pos++ {
				p := []byte("0123456789:;<=>?@ABC")[:n]
				p[pos] = byte(c)
				if got := ValidArmor(p); got != want {
					t.Fatalf("ValidArmor(%q) = %v, want %v", p, got, want)
				}
				end, sum := armorSpan(p)
				wantEnd, wantSum := n, byte(0)
				for i, b := range p {
					if !armorByte(b) {
						wantEnd = i
						break
					}
					wantSum ^= b
				}
				if end != wantEnd || sum != wantSum {
					t.Fatalf("armorSpan(%q) = %d, %02X, want %d, %02X", p, end, sum, wantEnd, wantSum)
				}
			}
		}
	}
}

func TestParseEpoch(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for failure
	}{
		{"1327664821", "2012-01-27T11:47:01.000Z"},
		{"1328133720087", "2012-02-01T22:02:00.087Z"},
		{"1328133720.25", "2012-02-01T22:02:00.250Z"},
		{"0", "1970-01-01T00:00:00.000Z"},
		{"", ""},
		{"12a", ""},
		{"1.", ""},
		{"1234567890123456789", ""}, // too many digits
	}
	for _, tt := range tests {
		tm, ok := parseEpoch([]byte(tt.in))
		got := ""
		if ok {
			got = tm.Format(ms)
		}
		if got != tt.want {
			t.Errorf("parseEpoch(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParse8(t *testing.T) {
	for _, in := range []string{"00000000", "12345678", "99999999", "13281337", "1234567a", "/0000000", ":0000000", "0000000:"} {
		want, err := strconv.ParseUint(in, 10, 64)
		got, ok := parse8(binary.LittleEndian.Uint64([]byte(in)))
		if ok != (err == nil) || (ok && got != want) {
			t.Errorf("parse8(%q) = %d, %v", in, got, ok)
		}
	}
}

func TestDaysFromCivil(t *testing.T) {
	for d := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2101; d = d.AddDate(0, 0, 13) {
		if got, want := daysFromCivil(d.Year(), int(d.Month()), d.Day()), d.Unix()/86400; got != want {
			t.Fatalf("%s: %d, want %d", d, got, want)
		}
	}
}

func TestReasonNames(t *testing.T) {
	seen := map[string]bool{}
	for r := ReasonNone; r < NumReasons; r++ {
		if seen[r.String()] {
			t.Errorf("duplicate name %q", r)
		}
		seen[r.String()] = true
		if r != ReasonNone && ReasonOf(r.Err()) != r {
			t.Errorf("ReasonOf(%v.Err()) = %v", r, ReasonOf(r.Err()))
		}
	}
	if ReasonOf(ErrNotVDM) != ReasonNone || ReasonOf(nil) != ReasonNone {
		t.Error("ErrNotVDM and nil are not rejections")
	}
}

// TestParseAllocs: no allocation for valid lines, with tag blocks (once
// their strings are interned), trailers and headers.
func TestParseAllocs(t *testing.T) {
	var p Parser
	var s Sentence
	lines := [][]byte{
		[]byte("!AIVDM,1,1,,A,13RlIW?04F1beOVEFLB9bRvH0L0L,0*6C"),
		[]byte(`\g:1-2-3985,s:rEV02,c:1334337317*2D\!AIVDM,2,1,9,B,58KvN<42ACikUKW77F1H4hF0<PTp622222222216` + "`0`" + `cF5BF0RT13H0T,0*70`),
		[]byte(`\s:rEV02,c:1334337317*58\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj` + "`" + `26B0<02,0*5F`),
		[]byte("$PGHP,1,2012,2,1,20,19,5,651,316,2,316000002,1AIS_S,22*4B,1328133720089"),
		[]byte("!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22,1328133720087"),
		[]byte("$GPGGA,114702.00,3351.0151,S,15117.2160,E,1,06,1.69,00093,M,021,M,,*76"),
		[]byte("!AIVDM,1,1,,B,,0*25"), // a rejection with a static error value
	}
	for _, l := range lines {
		_ = p.Parse(l, &s) // intern
	}
	allocs := testing.AllocsPerRun(100, func() {
		for _, l := range lines {
			_ = p.Parse(l, &s)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per run", allocs)
	}
}
