package sitrep

import (
	"strings"
	"time"
)

// SourceKind says what kind of source a report comes from.
type SourceKind string

// Source kinds.
const (
	SourceOutlet   SourceKind = "outlet"   // a news outlet or publication
	SourceAccount  SourceKind = "account"  // a social-media account or channel
	SourceImagery  SourceKind = "imagery"  // a satellite or aerial imagery provider
	SourceOfficial SourceKind = "official" // a government, military or official body
	SourceAISFeed  SourceKind = "ais_feed" // an AIS feed or tracking service
	SourceOther    SourceKind = "other"
)

// SourceKinds lists every kind, in documentation order.
var SourceKinds = []SourceKind{SourceOutlet, SourceAccount, SourceImagery, SourceOfficial, SourceAISFeed, SourceOther}

// Valid reports whether k is one of SourceKinds.
func (k SourceKind) Valid() bool {
	for _, v := range SourceKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Reliability is the Admiralty (NATO STANAG 2511) source reliability
// grade, "A" (completely reliable) to "F" (reliability cannot be judged).
type Reliability string

// Reliability grades.
const (
	ReliabilityA Reliability = "A" // completely reliable
	ReliabilityB Reliability = "B" // usually reliable
	ReliabilityC Reliability = "C" // fairly reliable
	ReliabilityD Reliability = "D" // not usually reliable
	ReliabilityE Reliability = "E" // unreliable
	ReliabilityF Reliability = "F" // reliability cannot be judged
)

// Valid reports whether r is one of A to F.
func (r Reliability) Valid() bool { return len(r) == 1 && r[0] >= 'A' && r[0] <= 'F' }

// Meaning returns the grade's standard wording ("usually reliable"), or ""
// for an invalid grade.
func (r Reliability) Meaning() string {
	if !r.Valid() {
		return ""
	}
	return [...]string{"completely reliable", "usually reliable", "fairly reliable",
		"not usually reliable", "unreliable", "reliability cannot be judged"}[r[0]-'A']
}

// Credibility is the Admiralty information credibility grade, 1
// (confirmed by other sources) to 6 (truth cannot be judged); 0 means not
// graded.
type Credibility int

// Valid reports whether c is 1 to 6.
func (c Credibility) Valid() bool { return c >= 1 && c <= 6 }

// Meaning returns the grade's standard wording ("probably true"), or "" for
// an invalid grade.
func (c Credibility) Meaning() string {
	if !c.Valid() {
		return ""
	}
	return [...]string{"confirmed by other sources", "probably true", "possibly true",
		"doubtful", "improbable", "truth cannot be judged"}[c-1]
}

// Grade joins a reliability and a credibility into the usual two-character
// grade ("B2"); an ungraded half is written "-".
func Grade(r Reliability, c Credibility) string {
	g := "-"
	if r.Valid() {
		g = string(r)
	}
	if c.Valid() {
		return g + string(rune('0'+c))
	}
	return g + "-"
}

// Source is who said it: an outlet, account, imagery provider, official
// body or AIS feed, with its default reliability.
type Source struct {
	// ID is a stable lower-case slug ("trt", "uk-mod-di").
	ID   string     `json:"id"`
	Name string     `json:"name"`
	Kind SourceKind `json:"kind"`
	URL  string     `json:"url,omitempty"`
	// Reliability is the source's current default reliability; a report
	// may grade its source differently for that report.
	Reliability Reliability `json:"reliability"`
	// Origin groups sources that are not independent of each other (a
	// outlet republishing an agency, an analyst citing a provider's
	// imagery): sources with the same non-empty Origin count as one in
	// corroboration. Empty means the source is its own origin.
	Origin string `json:"origin,omitempty"`
	Notes  string `json:"notes,omitempty"`
}

// OriginKey returns the key corroboration counts independence by: Origin
// when set, else the ID.
func (s Source) OriginKey() string {
	if s.Origin != "" {
		return s.Origin
	}
	return s.ID
}

// Validate checks s.
//
// Errors: an *Error with code EINVALID naming the first bad field.
func (s Source) Validate() error {
	switch {
	case !ValidSlug(s.ID):
		return Errorf(EINVALID, "source id %q: want a lower-case slug of letters, digits, '-', '_' or '.'", s.ID)
	case strings.TrimSpace(s.Name) == "":
		return Errorf(EINVALID, "source %s: name is empty", s.ID)
	case !s.Kind.Valid():
		return Errorf(EINVALID, "source %s: kind %q is not one of %v", s.ID, s.Kind, SourceKinds)
	case !s.Reliability.Valid():
		return Errorf(EINVALID, "source %s: reliability %q is not A to F", s.ID, s.Reliability)
	}
	return nil
}

// ReliabilityChange is one entry of a source's reliability history: the
// grade it was given, when, by whom and why. The first entry is the grade
// the source was created with (From empty).
type ReliabilityChange struct {
	SourceID string      `json:"source_id"`
	From     Reliability `json:"from,omitempty"`
	To       Reliability `json:"to"`
	At       time.Time   `json:"at"`
	By       string      `json:"by,omitempty"`
	Why      string      `json:"why,omitempty"`
}

// Change says who makes a change and why; stores record it with the time
// they make it at.
type Change struct {
	By  string `json:"by,omitempty"`
	Why string `json:"why,omitempty"`
}

// ValidSlug reports whether s is a usable ID: 1 to 64 characters, lower-case
// ASCII letters, digits, '-', '_' and '.', starting with a letter or digit.
func ValidSlug(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case (c == '-' || c == '_' || c == '.') && i > 0:
		default:
			return false
		}
	}
	return true
}
