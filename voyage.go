package sitrep

import "time"

// Voyage is what a vessel declares about its current trip (AIS type 5 and
// its Class B equivalents): destination, ETA and draught. All of it is typed
// in by the crew and often stale or wrong; sitrep keeps it as declared and
// compares it with what it observes.
type Voyage struct {
	// Destination is the raw destination text as broadcast (AIS padding
	// removed), empty when not reported.
	Destination string `json:"destination,omitempty"`
	// DestinationPort is the port Destination resolves to, nil when it was
	// not resolved.
	DestinationPort *PortRef `json:"destination_port,omitempty"`
	// ETA is the declared estimated time of arrival in UTC, zero when not
	// reported. AIS carries no year; see ETAFrom.
	ETA time.Time `json:"eta,omitzero"`
	// Draught is the declared maximum present static draught in metres, 0
	// when not reported.
	Draught float32 `json:"draught,omitempty"`
}

// PortRef is a port a destination text resolved to.
type PortRef struct {
	// LOCODE is the five-character UN/LOCODE ("RULED"), empty when the port
	// has none.
	LOCODE string `json:"locode,omitempty"`
	Name   string `json:"name"`
	// Country is the ISO 3166-1 alpha-2 code.
	Country string `json:"country"`
	// Lat and Lon locate the port in WGS 84 degrees.
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// etaLookback is how far before the reference time an ETA may lie: ETAs are
// often left unchanged after arrival, so a recent past date is more likely
// than one almost a year ahead.
const etaLookback = -6 // months

// ETAFrom turns the AIS ETA fields (UTC; month 1-12, day 1-31, hour 0-23,
// minute 0-59) into a time, inferring the year from ref, usually the time of
// the message that carried them. The result is the first occurrence of that
// date and time on or after ref minus six calendar months (time.AddDate
// semantics), so around new year a January ETA sent in December falls in the
// next year and a December ETA sent in January in the past one.
//
// Month 0 or day 0 (AIS "not available") or any value out of range yields
// false. Hour 24 (not available) yields midnight of that day, and minute 60
// (not available) the full hour: the date alone is still worth keeping. A
// day that does not exist in the inferred year (29 February in a common
// year, or 31 April) yields false.
func ETAFrom(month, day, hour, minute int, ref time.Time) (time.Time, bool) {
	if month < 1 || month > 12 || day < 1 || day > 31 ||
		hour < 0 || hour > 24 || minute < 0 || minute > 60 {
		return time.Time{}, false
	}
	if hour == 24 {
		hour, minute = 0, 0
	}
	if minute == 60 {
		minute = 0
	}
	from := ref.UTC().AddDate(0, etaLookback, 0)
	// The first occurrence on or after from lies within a year of it.
	for y := from.Year(); y <= from.Year()+1; y++ {
		t := time.Date(y, time.Month(month), day, hour, minute, 0, 0, time.UTC)
		if t.Day() != day { // normalised: no such day in y
			continue
		}
		if !t.Before(from) {
			return t, true
		}
	}
	return time.Time{}, false
}
