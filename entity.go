package sitrep

import (
	"strings"
	"time"
)

// EntityKind says what an entity is.
type EntityKind string

// Entity kinds.
const (
	EntityConvoy   EntityKind = "convoy"
	EntityUnit     EntityKind = "unit"
	EntityAircraft EntityKind = "aircraft"
	EntityFlotilla EntityKind = "flotilla" // a group of vessels followed together
	EntityOther    EntityKind = "other"
)

// EntityKinds lists every kind, in documentation order.
var EntityKinds = []EntityKind{EntityConvoy, EntityUnit, EntityAircraft, EntityFlotilla, EntityOther}

// Valid reports whether k is one of EntityKinds.
func (k EntityKind) Valid() bool {
	for _, v := range EntityKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Entity is something tracked that has no transponder: a convoy, a unit,
// an aircraft. Reports place it; its track is derived from them (see
// package reports), never from AIS.
type Entity struct {
	// ID is a stable lower-case slug ("khmeimim-convoy-2025-02-10").
	ID   string     `json:"id"`
	Name string     `json:"name"`
	Kind EntityKind `json:"kind"`
	// Affiliation is who it belongs to, as free text ("Russian armed forces").
	Affiliation string `json:"affiliation,omitempty"`
	Notes       string `json:"notes,omitempty"`
}

// Validate checks e.
//
// Errors: an *Error with code EINVALID naming the first bad field.
func (e Entity) Validate() error {
	switch {
	case !ValidSlug(e.ID):
		return Errorf(EINVALID, "entity id %q: want a lower-case slug", e.ID)
	case strings.TrimSpace(e.Name) == "":
		return Errorf(EINVALID, "entity %s: name is empty", e.ID)
	case !e.Kind.Valid():
		return Errorf(EINVALID, "entity %s: kind %q is not one of %v", e.ID, e.Kind, EntityKinds)
	}
	return nil
}

// TrackPoint is one place in an entity's derived track: where a report
// places it and over which interval, with the precisions and the grade of
// the report.
type TrackPoint struct {
	When     When      `json:"when"`
	Place    Place     `json:"place"`
	At       LatLon    `json:"at"` // the place's representative point
	ReportID string    `json:"report_id"`
	Claim    int       `json:"claim"`
	What     ClaimKind `json:"what"`
	Grade    string    `json:"grade"`
}

// Mid returns the middle of the point's interval, used to order points.
func (p TrackPoint) Mid() time.Time {
	return p.When.From.Add(p.When.End().Sub(p.When.From) / 2)
}
