package reports

import (
	"fmt"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// Grade returns a report's grade ("B2"): the report's own reliability for
// its source when set, else the source's default, and its credibility.
func Grade(r sitrep.Report, src sitrep.Source) string {
	rel := r.Reliability
	if rel == "" {
		rel = src.Reliability
	}
	return sitrep.Grade(rel, r.Credibility)
}

// GradeMeaning spells a grade out: "fairly reliable; possibly true".
func GradeMeaning(r sitrep.Report, src sitrep.Source) string {
	rel := r.Reliability
	if rel == "" {
		rel = src.Reliability
	}
	return rel.Meaning() + "; " + r.Credibility.Meaning()
}

// FormatWhen writes a claim's time in the zone it was entered in, with UTC
// beside a local time and the precision: "2025-02-10 17:00 +03:00
// (14:00Z), to the hour"; "2025-01-25 (day)".
func FormatWhen(w sitrep.When) string {
	loc := time.UTC
	if w.Zone != "" {
		if l, err := parseZone(w.Zone); err == nil {
			loc = l
		}
	}
	from, to := w.From.In(loc), w.End().In(loc)
	var s string
	switch {
	case w.Precision == sitrep.TimeDay && isMidnight(from) && isMidnight(to) && to.Sub(from) == 24*time.Hour:
		s = from.Format("2006-01-02")
	case w.Precision == sitrep.TimeDay && isMidnight(from) && isMidnight(to) && to.After(from):
		s = from.Format("2006-01-02") + " to " + to.AddDate(0, 0, -1).Format("2006-01-02")
	case w.To.IsZero() || to.Equal(from):
		s = from.Format("2006-01-02 15:04") + zoneSuffix(from, loc)
	case from.YearDay() == to.YearDay() && from.Year() == to.Year():
		s = from.Format("2006-01-02 15:04") + "–" + to.Format("15:04") + zoneSuffix(from, loc)
	default:
		s = from.Format("2006-01-02 15:04") + " to " + to.Format("2006-01-02 15:04") + zoneSuffix(from, loc)
	}
	if w.Precision != sitrep.TimeDay && w.Precision != sitrep.TimeMinute {
		s += " (" + strings.ReplaceAll(string(w.Precision), "_", " ") + ")"
	}
	if w.Text != "" {
		s += `, "` + w.Text + `"`
	}
	return s
}

func isMidnight(t time.Time) bool { return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 }

// zoneSuffix is " UTC", or " +03:00 (14:00Z)" for a local time.
func zoneSuffix(t time.Time, loc *time.Location) string {
	if loc == time.UTC {
		return " UTC"
	}
	s := " " + t.Format("-07:00")
	if isMidnight(t) {
		return s
	}
	return s + " (" + t.UTC().Format("15:04") + "Z)"
}

// FormatPlace writes a claim's place: its name, site, and precision.
func FormatPlace(p sitrep.Place) string {
	if p.IsZero() {
		return "(no place)"
	}
	var parts []string
	if p.Name != "" {
		parts = append(parts, p.Name)
	}
	if p.SiteID != "" {
		parts = append(parts, "site "+p.SiteID)
	}
	if p.Name == "" && p.Point != nil {
		parts = append(parts, fmt.Sprintf("%.4f, %.4f", p.Point.Lat, p.Point.Lon))
	}
	s := strings.Join(parts, ", ")
	if p.Precision != "" && p.Precision != sitrep.PlaceExact {
		s += " (" + string(p.Precision) + ")"
	}
	return s
}

// FormatSubjects lists what a claim is about: vessels, entities, actors.
func FormatSubjects(c sitrep.Claim) string {
	var parts []string
	for _, v := range c.Vessels {
		parts = append(parts, v.String())
	}
	parts = append(parts, c.Entities...)
	return strings.Join(parts, ", ")
}
