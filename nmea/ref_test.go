package nmea

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// This file is a reference parser: a slow, plain reading of the rules in
// doc.go with strings.Split and friends, written apart from the fast code.
// Tests and fuzzing check that Parse agrees with it on every line.

type refResult struct {
	reason Reason // ReasonNone when accepted or skipped
	other  bool   // a well-formed sentence other than VDM/VDO
	s      Sentence
}

// escapedNewline is a literal "\r\n" or "\n" right after a checksum.
var escapedNewline = regexp.MustCompile(`\*[0-9A-Fa-f]{2}(\\r)?\\n`)

// refSplitEscaped splits a line at escaped newlines that follow a checksum.
func refSplitEscaped(line string) []string {
	var out []string
	for {
		loc := escapedNewline.FindStringIndex(line)
		if loc == nil || loc[1] == len(line) {
			return append(out, line)
		}
		out = append(out, line[:loc[0]+3])
		line = line[loc[1]:]
	}
}

func refParse(line string) refResult {
	fail := func(r Reason) refResult { return refResult{reason: r} }
	line = strings.Trim(line, " \t\r\n")
	if line == "" {
		return fail(ReasonFormat)
	}
	var r refResult
	s := &r.s
	s.SeqID = -1
	if line[0] == '\\' {
		end := strings.IndexByte(line[1:], '\\')
		if end < 0 {
			return fail(ReasonTagBlock)
		}
		tag := line[1 : 1+end]
		line = line[2+end:]
		if i := strings.LastIndexByte(tag, '*'); i >= 0 {
			sum := tag[i+1:]
			tag = tag[:i]
			want, err := strconv.ParseUint(sum, 16, 8)
			if len(sum) != 2 || err != nil {
				return fail(ReasonTagBlock)
			}
			if want != 0 && byte(want) != refXOR(tag) {
				return fail(ReasonTagChecksum)
			}
		}
		s.Tag.Present = true
		if tag != "" {
			for _, kv := range strings.Split(tag, ",") {
				if len(kv) < 2 || kv[1] != ':' {
					return fail(ReasonTagBlock)
				}
				v := kv[2:]
				switch kv[0] {
				case 'c':
					t, ok := refEpoch(v)
					if !ok {
						return fail(ReasonTagBlock)
					}
					s.Tag.Time = t
				case 's':
					s.Tag.Source = v
				case 'd':
					s.Tag.Dest = v
				case 't':
					s.Tag.Text = v
				case 'n', 'r':
					n, ok := refUint(v)
					if !ok {
						return fail(ReasonTagBlock)
					}
					if kv[0] == 'n' {
						s.Tag.LineCount = int(n)
					} else {
						s.Tag.Rel = n
					}
				case 'g':
					p := strings.SplitN(v, "-", 3)
					for len(p) < 3 {
						p = append(p, "")
					}
					a, ok1 := refUint(p[0])
					b, ok2 := refUint(p[1])
					c, ok3 := refUint(p[2])
					if !ok1 || !ok2 || !ok3 || a < 1 || a > b || b > 99 {
						return fail(ReasonTagBlock)
					}
					s.Tag.GroupSeq, s.Tag.GroupTotal, s.Tag.GroupID = int(a), int(b), int(c)
				}
			}
		}
	}
	if len(line) < 2 || (line[0] != '!' && line[0] != '$') {
		return fail(ReasonFormat)
	}
	body := line[1:]
	star := strings.IndexByte(body, '*')
	if star < 0 {
		return fail(ReasonNoChecksum)
	}
	if star+3 > len(body) {
		return fail(ReasonChecksum)
	}
	want, err := strconv.ParseUint(body[star+1:star+3], 16, 8)
	if err != nil || strings.ContainsAny(body[star+1:star+3], "+-") {
		return fail(ReasonChecksum)
	}
	if byte(want) != refXOR(body[:star]) {
		return fail(ReasonChecksum)
	}
	after := body[star+3:]
	trailerOK := after == "" || after[0] == ','
	var trailer time.Time
	if after != "" && after[0] == ',' {
		trailer, _ = refEpoch(after[1:])
	}
	fields := strings.Split(body[:star], ",")
	addr := fields[0]
	isVDM := len(addr) == 5 && (addr[2:] == "VDM" || addr[2:] == "VDO")
	if !isVDM || len(fields) == 1 {
		if !trailerOK || isVDM {
			return fail(ReasonFormat)
		}
		if len(addr) < 2 || len(addr) > 16 || strings.ContainsAny(addr, "!$\\.") {
			return fail(ReasonFormat)
		}
		for _, c := range []byte(addr) {
			if c <= ' ' || c >= 0x7f {
				return fail(ReasonFormat)
			}
		}
		if addr == "PGHP" && len(fields) > 2 && fields[1] == "1" {
			if len(fields) < 9 {
				return fail(ReasonFormat)
			}
			var v [7]int64
			for i := range v {
				f := fields[2+i]
				n, ok := refUint(f)
				if !ok || len(f) > 4 {
					return fail(ReasonFormat)
				}
				v[i] = n
			}
			if v[0] < 1970 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60 || v[6] > 999 {
				return fail(ReasonFormat)
			}
		}
		return refResult{other: true}
	}
	talker := func(c byte) bool { return c > ' ' && c < 0x7f && !strings.ContainsRune(",*!$\\", rune(c)) }
	if !talker(addr[0]) || !talker(addr[1]) {
		return fail(ReasonFormat)
	}
	// Short fields, left to right; each must be followed by a comma.
	if len(fields) < 3 {
		return fail(ReasonFormat)
	}
	count, ok := refUint(fields[1])
	if !ok || len(fields[1]) > 2 {
		return fail(ReasonFormat)
	}
	if count < 1 || count > 9 {
		return fail(ReasonFragment)
	}
	if len(fields) < 4 {
		return fail(ReasonFormat)
	}
	num, ok := refUint(fields[2])
	if !ok || len(fields[2]) > 2 {
		return fail(ReasonFormat)
	}
	if num < 1 || num > count {
		return fail(ReasonFragment)
	}
	if len(fields) < 5 {
		return fail(ReasonFormat)
	}
	if seq := fields[3]; len(seq) > 1 || (seq != "" && (seq[0] < '0' || seq[0] > '9')) {
		return fail(ReasonFormat)
	} else if seq != "" {
		s.SeqID = int(seq[0] - '0')
	}
	if len(fields) < 6 {
		return fail(ReasonFormat)
	}
	if ch := fields[4]; len(ch) > 1 || (ch != "" && !talker(ch[0])) {
		return fail(ReasonFormat)
	} else if ch != "" {
		s.Channel = ch[0]
	}
	// Two-digit fragment fields ("01") pass the checks above but not the
	// one-digit rule.
	if len(fields[1]) != 1 || len(fields[2]) != 1 {
		return fail(ReasonFormat)
	}
	// Then exactly "payload,fill".
	if len(fields) != 7 {
		return fail(ReasonFormat)
	}
	payload, fill := fields[5], fields[6]
	if len(fill) != 1 || fill[0] < '0' || fill[0] > '5' {
		return fail(ReasonFormat)
	}
	if payload == "" {
		return fail(ReasonEmptyPayload)
	}
	for _, c := range []byte(payload) {
		if !((c >= '0' && c <= 'W') || (c >= '`' && c <= 'w')) {
			return fail(ReasonFormat)
		}
	}
	if !trailerOK {
		return fail(ReasonFormat)
	}
	s.Talker = [2]byte{addr[0], addr[1]}
	s.Own = addr[4] == 'O'
	s.FragCount, s.FragNum = int(count), int(num)
	s.Payload = []byte(payload)
	s.FillBits = int(fill[0] - '0')
	s.Checksum = byte(want)
	switch {
	case !s.Tag.Time.IsZero():
		s.Time, s.TimeSource = s.Tag.Time, TimeTagBlock
	case !trailer.IsZero():
		s.Time, s.TimeSource = trailer, TimeTrailer
	}
	return r
}

func refXOR(s string) byte {
	var x byte
	for i := 0; i < len(s); i++ {
		x ^= s[i]
	}
	return x
}

// refUint parses 1 to 18 decimal digits.
func refUint(s string) (int64, bool) {
	if s == "" || len(s) > 18 || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// refEpoch: seconds, or milliseconds from 1e11 on, with an optional fraction.
func refEpoch(s string) (time.Time, bool) {
	ip, fp, hasFrac := strings.Cut(s, ".")
	v, ok := refUint(ip)
	if !ok || (hasFrac && (fp == "" || strings.Trim(fp, "0123456789") != "")) {
		return time.Time{}, false
	}
	fp = (fp + "000000000")[:9]
	frac, _ := strconv.ParseInt(fp, 10, 64)
	if v >= 1e11 {
		return time.Unix(v/1000, (v%1000)*1e6+frac/1000).UTC(), true
	}
	return time.Unix(v, frac).UTC(), true
}
