package reports

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// whenError is a problem with one field of a when.
type whenError struct {
	field string
	msg   string
}

func (e *whenError) Error() string { return e.msg }

// whenField returns the field a parseWhen error is about.
func whenField(err error) string {
	var we *whenError
	if errors.As(err, &we) {
		return we.field
	}
	return "at"
}

// Layouts accepted for times without a zone of their own, most specific
// first. A date alone means the whole day.
var localLayouts = []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"}

const dateLayout = "2006-01-02"

// parseWhen resolves a written time: at (an instant, or a whole day), or
// from and to; zone (the claim's, else the report's default) places times
// that carry no offset. Without a precision, a date means "day" and a time
// of day "minute".
func parseWhen(w rawWhen, defaultZone string) (sitrep.When, error) {
	var out sitrep.When
	zoneName := w.Zone
	if zoneName == "" {
		zoneName = defaultZone
	}
	var loc *time.Location
	if zoneName != "" {
		l, err := parseZone(zoneName)
		if err != nil {
			return out, &whenError{"zone", err.Error()}
		}
		loc = l
	}
	out.Zone, out.Text = zoneName, w.Text
	dayOnly := false
	switch {
	case w.At != "" && (w.From != "" || w.To != ""):
		return out, &whenError{"at", "give at, or from and to, not both"}
	case w.At != "":
		from, day, err := parseTime(w.At, loc)
		if err != nil {
			return out, &whenError{"at", err.Error()}
		}
		out.From, dayOnly = from, day
		if day {
			out.To = from.AddDate(0, 0, 1)
		}
	case w.From != "":
		from, day1, err := parseTime(w.From, loc)
		if err != nil {
			return out, &whenError{"from", err.Error()}
		}
		out.From = from
		if w.To == "" {
			return out, &whenError{"to", "from without to: use at for an instant"}
		}
		to, day2, err := parseTime(w.To, loc)
		if err != nil {
			return out, &whenError{"to", err.Error()}
		}
		if day2 {
			to = to.AddDate(0, 0, 1) // a date as the end includes the day
		}
		out.To, dayOnly = to, day1 && day2
		if out.To.Before(out.From) {
			return out, &whenError{"to", "before from"}
		}
	default:
		return out, &whenError{"at", "a claim needs a time (at, or from and to)"}
	}
	out.From, out.To = out.From.UTC(), out.To.UTC()
	out.Precision = sitrep.TimePrecision(word(w.Precision))
	if w.Precision == "" {
		out.Precision = sitrep.TimeMinute
		if dayOnly {
			out.Precision = sitrep.TimeDay
		}
	}
	if !out.Precision.Valid() {
		return out, &whenError{"precision", fmt.Sprintf("%q is not one of %v", w.Precision, sitrep.TimePrecisions)}
	}
	return out, nil
}

// parseTime reads one time: RFC 3339 with its offset, or a local date and
// time (or a date alone, day true) in loc. It is an error when the text
// carries no offset and loc is nil: local times must name their zone.
func parseTime(s string, loc *time.Location) (t time.Time, day bool, err error) {
	s = strings.TrimSpace(s)
	if len(s) > 64 {
		return t, false, fmt.Errorf("not a time: longer than 64 characters")
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02 15:04Z07:00", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, false, nil
		}
	}
	layouts := localLayouts
	if len(s) == len(dateLayout) {
		layouts, day = []string{dateLayout}, true
	}
	for _, layout := range layouts {
		if _, err := time.Parse(layout, s); err != nil {
			continue
		}
		if loc == nil {
			return t, false, fmt.Errorf("%q has no zone: add an offset (%sT17:00+03:00), or zone: UTC or +03:00 to the when or the report", s, s[:min(10, len(s))])
		}
		t, err := time.ParseInLocation(layout, s, loc)
		return t, day, err
	}
	return t, false, fmt.Errorf("not a time: %q (want 2025-02-10, 2025-02-10 17:00 or RFC 3339 such as 2025-02-10T14:00:00Z)", s)
}

// parseZone reads "UTC", "Z", an offset ("+03:00", "+03", "-0530") or an
// IANA zone name ("Asia/Damascus", when the system has the zone database).
func parseZone(s string) (*time.Location, error) {
	s = strings.TrimSpace(s)
	if s == "UTC" || s == "Z" || s == "utc" {
		return time.UTC, nil
	}
	if s != "" && (s[0] == '+' || s[0] == '-') {
		digits := strings.ReplaceAll(s[1:], ":", "")
		if len(digits) == 2 {
			digits += "00"
		}
		if len(digits) == 4 {
			h, err1 := strconv.Atoi(digits[:2])
			m, err2 := strconv.Atoi(digits[2:])
			if err1 == nil && err2 == nil && h <= 14 && m < 60 {
				off := h*3600 + m*60
				if s[0] == '-' {
					off = -off
				}
				return time.FixedZone(s, off), nil
			}
		}
		return nil, fmt.Errorf("zone %q: want an offset such as +03:00", s)
	}
	if len(s) > 64 || strings.Contains(s, "..") {
		return nil, fmt.Errorf("zone %q: not a zone", s)
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return nil, fmt.Errorf("zone %q: not UTC, an offset (+03:00) or a known IANA zone", s)
	}
	return loc, nil
}
