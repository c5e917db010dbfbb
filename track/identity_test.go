package track

import (
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ingest"
)

// Illustrative MMSIs (MID 273, Russia): a Class A cargo ship, a Class B
// pleasure craft and a parent ship.
const (
	sparta  sitrep.MMSI = 273000001
	classB  sitrep.MMSI = 273000002
	parentA sitrep.MMSI = 273000003
)

// update returns an identity update of mmsi at t0+sec carrying fields.
func update(mmsi sitrep.MMSI, sec int, fields ingest.IdentityFields, set func(u *ingest.IdentityUpdate)) ingest.IdentityUpdate {
	u := ingest.IdentityUpdate{Time: t0.Add(time.Duration(sec) * time.Second), Fields: fields}
	u.Identity.MMSI = mmsi
	if set != nil {
		set(&u)
	}
	return u
}

func TestMerge24AB(t *testing.T) {
	s := newState(t, Config{})
	partA := update(classB, 0, ingest.HasName, func(u *ingest.IdentityUpdate) {
		u.Identity.Name, u.Identity.Class = "SEA BREEZE", sitrep.ClassB
	})
	partB := update(classB, 30, ingest.HasCallsign|ingest.HasShipType|ingest.HasDimensions, func(u *ingest.IdentityUpdate) {
		u.Identity.Callsign, u.Identity.ShipType, u.Identity.Class = "UBC1234", 37, sitrep.ClassB
		u.Identity.SetDimensions(8, 4, 2, 1)
	})
	for _, u := range []ingest.IdentityUpdate{partA, partB} {
		if ch := s.Apply(u); ch != nil {
			t.Errorf("first values reported as changes: %+v", ch)
		}
	}
	v, ok := s.Vessel(classB)
	if !ok {
		t.Fatal("vessel not held")
	}
	want := sitrep.Identity{MMSI: classB, Name: "SEA BREEZE", Callsign: "UBC1234", ShipType: 37, Flag: "RU",
		Length: 12, Beam: 3, Class: sitrep.ClassB}
	if v.Identity != want {
		t.Errorf("identity\n got  %+v\n want %+v", v.Identity, want)
	}
	if !v.FirstSeen.Equal(t0) || !v.LastSeen.Equal(t0.Add(30*time.Second)) || v.LastPosition != nil {
		t.Errorf("first %v last %v position %v", v.FirstSeen, v.LastSeen, v.LastPosition)
	}
}

func TestIdentityChanges(t *testing.T) {
	var resolved []string
	ports := map[string]*sitrep.PortRef{
		"ST.PETERSBURG": {LOCODE: "RULED", Name: "Saint Petersburg", Country: "RU"},
		"KALININGRAD":   {LOCODE: "RUKGD", Name: "Kaliningrad", Country: "RU"},
	}
	resolve := func(raw string) *sitrep.PortRef { resolved = append(resolved, raw); return ports[raw] }
	eta1 := time.Date(2025, 2, 20, 8, 0, 0, 0, time.UTC)
	eta2 := time.Date(2025, 2, 24, 12, 30, 0, 0, time.UTC)
	static := func(sec int, name, dest string, eta time.Time, draught float32) ingest.IdentityUpdate {
		return update(sparta, sec, ingest.HasName|ingest.HasCallsign|ingest.HasIMO|ingest.HasShipType|
			ingest.HasDimensions|ingest.HasDestination|ingest.HasETA|ingest.HasDraught, func(u *ingest.IdentityUpdate) {
			u.Identity = sitrep.Identity{MMSI: sparta, IMO: 9160578, Name: name, Callsign: "UBCF6", ShipType: 70,
				Length: 142, Beam: 20, Class: sitrep.ClassA, Flag: "RU"}
			u.Voyage = sitrep.Voyage{Destination: dest, ETA: eta, Draught: draught}
		})
	}
	change := func(sec int, f sitrep.IdentityField, old, new string) sitrep.IdentityChange {
		at := t0.Add(time.Duration(sec) * time.Second)
		return sitrep.IdentityChange{MMSI: sparta, Field: f, Old: old, New: new, FirstSeen: at, LastSeen: at}
	}
	s := newState(t, Config{Resolve: resolve})
	steps := []struct {
		name string
		u    ingest.IdentityUpdate
		want []sitrep.IdentityChange
	}{
		{"first values are no change", static(0, "SPARTA IV", "ST.PETERSBURG", eta1, 6.5), nil},
		{"repeated values no change", static(360, "SPARTA IV", "ST.PETERSBURG", eta1, 6.5), nil},
		{"destination change", static(720, "SPARTA IV", "KALININGRAD", eta1, 6.5), []sitrep.IdentityChange{
			change(720, sitrep.FieldDestination, "ST.PETERSBURG", "KALININGRAD")}},
		{"eta and draught change", static(1080, "SPARTA IV", "KALININGRAD", eta2, 7.3), []sitrep.IdentityChange{
			change(1080, sitrep.FieldETA, "2025-02-20T08:00:00Z", "2025-02-24T12:30:00Z"),
			change(1080, sitrep.FieldDraught, "6.5", "7.3")}},
		{"name change", static(1440, "SPARTA", "KALININGRAD", eta2, 7.3), []sitrep.IdentityChange{
			change(1440, sitrep.FieldName, "SPARTA IV", "SPARTA")}},
		{"partial update changes only its fields", update(sparta, 1800, ingest.HasIMO|ingest.HasShipType|ingest.HasDimensions,
			func(u *ingest.IdentityUpdate) {
				u.Identity.IMO, u.Identity.ShipType, u.Identity.Length, u.Identity.Beam = 9160579, 79, 142, 21
			}), []sitrep.IdentityChange{
			change(1800, sitrep.FieldIMO, "9160578", "9160579"),
			change(1800, sitrep.FieldShipType, "70", "79"),
			change(1800, sitrep.FieldDimensions, "142x20", "142x21")}},
		{"stale update neither overwrites nor changes", static(100, "OLD NAME", "TARTUS", eta1, 5), nil},
		{"callsign change", update(sparta, 2000, ingest.HasCallsign, func(u *ingest.IdentityUpdate) {
			u.Identity.Callsign = "UBCF7"
		}), []sitrep.IdentityChange{change(2000, sitrep.FieldCallsign, "UBCF6", "UBCF7")}},
		{"flip back is a change again", update(sparta, 2100, ingest.HasDestination, func(u *ingest.IdentityUpdate) {
			u.Voyage.Destination = "ST.PETERSBURG"
		}), []sitrep.IdentityChange{change(2100, sitrep.FieldDestination, "KALININGRAD", "ST.PETERSBURG")}},
	}
	for _, st := range steps {
		got := s.Apply(st.u)
		if !reflect.DeepEqual(got, st.want) {
			t.Errorf("%s:\n got  %+v\n want %+v", st.name, got, st.want)
		}
	}
	v, _ := s.Vessel(sparta)
	wantID := sitrep.Identity{MMSI: sparta, IMO: 9160579, Name: "SPARTA", Callsign: "UBCF7", ShipType: 79, Flag: "RU",
		Length: 142, Beam: 21, Class: sitrep.ClassA}
	if v.Identity != wantID {
		t.Errorf("identity\n got  %+v\n want %+v", v.Identity, wantID)
	}
	if v.Destination != "ST.PETERSBURG" || v.DestinationPort != ports["ST.PETERSBURG"] || !v.ETA.Equal(eta2) || v.Draught != 7.3 {
		t.Errorf("voyage %+v", v.Voyage)
	}
	// Resolve runs once per new destination text, not per message.
	if want := []string{"ST.PETERSBURG", "KALININGRAD", "ST.PETERSBURG"}; !reflect.DeepEqual(resolved, want) {
		t.Errorf("resolved %q, want %q", resolved, want)
	}
	if !v.FirstSeen.Equal(t0) || !v.LastSeen.Equal(t0.Add(2100*time.Second)) {
		t.Errorf("first %v last %v", v.FirstSeen, v.LastSeen)
	}
}

// A stale update still fills fields that have no value yet: a type 24 part
// B heard late completes the identity.
func TestStaleUpdateFillsGaps(t *testing.T) {
	s := newState(t, Config{})
	s.Apply(update(classB, 60, ingest.HasName, func(u *ingest.IdentityUpdate) { u.Identity.Name = "NEW" }))
	got := s.Apply(update(classB, 0, ingest.HasName|ingest.HasCallsign|ingest.HasMothership, func(u *ingest.IdentityUpdate) {
		u.Identity.Name, u.Identity.Callsign, u.Mothership = "OLD", "UBC1234", parentA
	}))
	v, _ := s.Vessel(classB)
	if got != nil || v.Name != "NEW" || v.Callsign != "UBC1234" || !v.FirstSeen.Equal(t0) {
		t.Errorf("changes %+v, identity %+v, first %v", got, v.Identity, v.FirstSeen)
	}
}

// The flag is the MMSI's, whatever an update says.
func TestFlagNeverChanges(t *testing.T) {
	s := newState(t, Config{})
	for i, flag := range []string{"RU", "PA"} {
		got := s.Apply(update(sparta, i, ingest.HasName, func(u *ingest.IdentityUpdate) {
			u.Identity.Name, u.Identity.Flag = "SPARTA", flag
		}))
		if got != nil {
			t.Errorf("update %d: changes %+v", i, got)
		}
	}
	if v, _ := s.Vessel(sparta); v.Flag != "RU" {
		t.Errorf("flag %q, want RU (MID 273)", v.Flag)
	}
}

// TestApplyFirsts: the fields that take their first value are reported
// apart from changes, once each.
func TestApplyFirsts(t *testing.T) {
	s := newState(t, Config{})
	dest := func(d string) func(u *ingest.IdentityUpdate) {
		return func(u *ingest.IdentityUpdate) { u.Voyage.Destination, u.Identity.IMO = d, 9268710 }
	}
	cs, first := s.ApplyFirsts(update(sparta, 0, ingest.HasDestination|ingest.HasIMO, dest("TARTUS")))
	if cs != nil || first != ingest.HasDestination|ingest.HasIMO {
		t.Errorf("first update: changes %v, firsts %b", cs, first)
	}
	cs, first = s.ApplyFirsts(update(sparta, 60, ingest.HasDestination|ingest.HasIMO, dest("TARTUS")))
	if cs != nil || first != 0 {
		t.Errorf("same again: changes %v, firsts %b", cs, first)
	}
	cs, first = s.ApplyFirsts(update(sparta, 120, ingest.HasDestination|ingest.HasName, func(u *ingest.IdentityUpdate) {
		u.Voyage.Destination, u.Identity.Name = "BALTIYSK", "SPARTA"
	}))
	if len(cs) != 1 || cs[0].Field != sitrep.FieldDestination || first != ingest.HasName {
		t.Errorf("new destination and first name: changes %v, firsts %b", cs, first)
	}
}
