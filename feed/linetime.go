package feed

import (
	"bytes"
	"strconv"
	"time"
)

// lineTime returns the event time a replayed line carries, used to pace a
// replay, or the zero time. In order of preference:
//
//   - a leading time column: an RFC 3339 / ISO 8601 time
//     (2025-01-25T06:00:00Z, 2025-01-25 06:00:00.250+02:00, or without a
//     zone, meaning UTC; from 1980) followed by a space, tab, ',' or ';';
//   - a tag block c: field, UNIX seconds, or milliseconds for values >= 1e11;
//   - a trailer after the checksum: ",<UNIX seconds or milliseconds>[.fraction]",
//     the logger's receive time of the line;
//   - the time of a Gatehouse $PGHP,1,year,month,day,hour,minute,second,millis
//     header line (which stamps the sentence after it; that sentence, without
//     a time of its own, then follows at once).
func lineTime(line []byte) time.Time {
	if t, _, ok := timeColumn(line); ok {
		return t
	}
	if len(line) > 0 && line[0] == '\\' {
		if t, ok := tagTime(line); ok {
			return t
		}
	}
	if star := bytes.LastIndexByte(line, '*'); star >= 0 && len(line) > star+4 && line[star+3] == ',' {
		if t, ok := epoch(line[star+4:]); ok {
			return t
		}
	}
	if bytes.HasPrefix(line, []byte("$PGHP,1,")) {
		if t, ok := pghpTime(line); ok {
			return t
		}
	}
	return time.Time{}
}

// timeColumn parses a leading time column; it returns the time and the rest
// of the line after the column, its separator and any blanks.
func timeColumn(line []byte) (time.Time, []byte, bool) {
	if len(line) < 20 || !isDigit(line[0]) || line[4] != '-' || line[7] != '-' || line[10] != 'T' && line[10] != ' ' || line[13] != ':' {
		return time.Time{}, nil, false
	}
	end := 11 + bytes.IndexAny(line[11:], " \t,;")
	if end < 11 || end > 40 {
		return time.Time{}, nil, false
	}
	var tok [40]byte
	n := copy(tok[:], line[:end])
	tok[10] = 'T'
	s := string(tok[:n])
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		if t, err = time.Parse("2006-01-02T15:04:05.999999999", s); err != nil {
			return time.Time{}, nil, false
		}
	}
	if t.Year() < 1980 {
		return time.Time{}, nil, false // as for epochs: not a capture time
	}
	rest := line[end+1:]
	for len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t') {
		rest = rest[1:]
	}
	return t.UTC(), rest, true
}

// tagTime returns the c: time of a tag block at the start of line.
func tagTime(line []byte) (time.Time, bool) {
	end := bytes.IndexByte(line[1:], '\\')
	if end < 0 {
		return time.Time{}, false
	}
	block := line[1 : 1+end]
	if star := bytes.IndexByte(block, '*'); star >= 0 {
		block = block[:star]
	}
	for len(block) > 0 {
		field := block
		if i := bytes.IndexByte(block, ','); i >= 0 {
			field, block = block[:i], block[i+1:]
		} else {
			block = nil
		}
		if len(field) > 2 && field[0] == 'c' && field[1] == ':' {
			return epoch(field[2:])
		}
	}
	return time.Time{}, false
}

// pghpTime returns the time of a $PGHP,1 header line.
func pghpTime(line []byte) (time.Time, bool) {
	var v [7]int // year, month, day, hour, minute, second, millis
	f := line[len("$PGHP,1,"):]
	for i := range v {
		j := bytes.IndexAny(f, ",*")
		if j < 0 {
			j = len(f)
		}
		n, err := strconv.Atoi(string(f[:j]))
		if err != nil || n < 0 {
			return time.Time{}, false
		}
		v[i] = n
		if j == len(f) {
			if i < len(v)-1 {
				return time.Time{}, false
			}
			break
		}
		f = f[j+1:]
	}
	if v[0] < 1970 || v[0] > 9999 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60 || v[6] > 999 {
		return time.Time{}, false
	}
	return time.Date(v[0], time.Month(v[1]), v[2], v[3], v[4], v[5], v[6]*int(time.Millisecond), time.UTC), true
}

// minEpoch is the earliest time taken from a line (1980-01-01, UNIX
// nanoseconds): earlier values are counters or junk, not capture times.
const minEpoch = 315532800 * int64(time.Second)

// epoch parses UNIX seconds, or milliseconds when the integer part is
// >= 1e11, with an optional fraction; it accepts 1 to 13 integer digits and
// times from 1980 to 2255.
func epoch(b []byte) (time.Time, bool) {
	var whole int64
	i := 0
	for ; i < len(b) && isDigit(b[i]); i++ {
		if i == 13 {
			return time.Time{}, false
		}
		whole = whole*10 + int64(b[i]-'0')
	}
	if i == 0 {
		return time.Time{}, false
	}
	var frac, scale int64 = 0, 1
	if i < len(b) && b[i] == '.' {
		for i++; i < len(b) && isDigit(b[i]); i++ {
			if scale < 1e9 {
				frac, scale = frac*10+int64(b[i]-'0'), scale*10
			}
		}
	}
	if i != len(b) {
		return time.Time{}, false
	}
	unit := int64(time.Second)
	if whole >= 1e11 {
		unit = int64(time.Millisecond)
	} else if whole > 9e9 {
		return time.Time{}, false // seconds past 2255: not a capture time
	}
	if whole*unit < minEpoch {
		return time.Time{}, false
	}
	return time.Unix(0, whole*unit+frac*unit/scale).UTC(), true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// appendTagTime appends a tag block \c:T*hh\ for t: UNIX seconds, or
// milliseconds when t has a fraction of a second.
func appendTagTime(dst []byte, t time.Time) []byte {
	dst = append(dst, '\\')
	mark := len(dst)
	dst = append(dst, 'c', ':')
	if t.Nanosecond() >= int(time.Millisecond) {
		dst = strconv.AppendInt(dst, t.UnixMilli(), 10)
	} else {
		dst = strconv.AppendInt(dst, t.Unix(), 10)
	}
	var sum byte
	for _, c := range dst[mark:] {
		sum ^= c
	}
	const hex = "0123456789ABCDEF"
	return append(dst, '*', hex[sum>>4], hex[sum&15], '\\')
}
