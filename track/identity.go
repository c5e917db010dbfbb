package track

import (
	"strconv"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ingest"
)

// Apply merges the identity update u into the vessel u.Identity.MMSI,
// creating the vessel when it is new, widens its first/last heard span to
// u.Time, and returns the changes it made, nil when none.
//
// Merge: only the fields in u.Fields are taken, so a type 24 part A (name)
// and part B (call sign, type, dimensions) of one Class B station combine
// into one identity. The flag is always the one of the MMSI (MMSI.Flag), so
// it never changes here; a new flag behind the same IMO is an event for the
// detectors. The class follows the latest message. A mothership MMSI is
// recorded without a change.
//
// Changes: the first value seen of a field is recorded and is not a change;
// a later, different value is one, with Old the recorded value and New the
// update's, in the display forms of sitrep.IdentityChange (IMO and ship type
// decimal, dimensions "LxB", ETA RFC 3339, draught in metres), and FirstSeen
// and LastSeen both u.Time. A value equal to the recorded one is no change.
// Text values are compared exactly as broadcast ("ST.PETERSBURG" and
// "ST PETERSBURG" differ); whether they name one port is the resolver's and
// the detectors' business. Fields are reported in the order name, callsign,
// imo, ship_type, dimensions, destination, eta, draught.
//
// Apply allocates only when it creates a vessel, records a first value or
// reports a change; a repeated update allocates nothing.
//
// Event time: an update older than the latest one applied to the vessel
// only fills fields that have no value yet; it neither overwrites nor
// reports a change, so a late-arriving stale message cannot undo a newer
// one.
func (s *State) Apply(u ingest.IdentityUpdate) []sitrep.IdentityChange {
	cs, _ := s.ApplyFirsts(u)
	return cs
}

// ApplyFirsts is Apply that also returns the fields that took their first
// value (which are not changes). A consumer that follows identities, such
// as the detectors, needs to hear of those too: a vessel's first declared
// destination is what its next arrival is compared with, and its first IMO
// is what a later MMSI is matched against.
func (s *State) ApplyFirsts(u ingest.IdentityUpdate) ([]sitrep.IdentityChange, ingest.IdentityFields) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.heard(u.Identity.MMSI, u.Time)
	stale := nanos(u.Time) < v.identAt
	if !stale {
		v.identAt = nanos(u.Time)
		if u.Identity.Class != sitrep.ClassUnknown {
			v.id.Class = u.Identity.Class
		}
	}
	m := merge{v: v, fields: u.Fields, at: u.Time, stale: stale}
	in, id := &u.Identity, &v.id
	if m.take(ingest.HasName, id.Name == in.Name) {
		m.change(sitrep.FieldName, id.Name, in.Name)
		id.Name = in.Name
	}
	if m.take(ingest.HasCallsign, id.Callsign == in.Callsign) {
		m.change(sitrep.FieldCallsign, id.Callsign, in.Callsign)
		id.Callsign = in.Callsign
	}
	if m.take(ingest.HasIMO, id.IMO == in.IMO) {
		m.change(sitrep.FieldIMO, imoText(id.IMO), imoText(in.IMO))
		id.IMO = in.IMO
	}
	if m.take(ingest.HasShipType, id.ShipType == in.ShipType) {
		m.change(sitrep.FieldShipType, shipTypeText(id.ShipType), shipTypeText(in.ShipType))
		id.ShipType = in.ShipType
	}
	if m.take(ingest.HasDimensions, id.Length == in.Length && id.Beam == in.Beam) {
		m.change(sitrep.FieldDimensions, dimsText(id.Length, id.Beam), dimsText(in.Length, in.Beam))
		id.Length, id.Beam = in.Length, in.Beam
	}
	vin, voy := &u.Voyage, &v.voy
	if m.take(ingest.HasDestination, voy.Destination == vin.Destination) {
		m.change(sitrep.FieldDestination, voy.Destination, vin.Destination)
		voy.Destination, voy.DestinationPort = vin.Destination, nil
		if s.resolve != nil {
			voy.DestinationPort = s.resolve(vin.Destination)
		}
	}
	if m.take(ingest.HasETA, voy.ETA.Equal(vin.ETA)) {
		m.change(sitrep.FieldETA, etaText(voy.ETA), etaText(vin.ETA))
		voy.ETA = vin.ETA
	}
	if m.take(ingest.HasDraught, voy.Draught == vin.Draught) {
		m.change(sitrep.FieldDraught, draughtText(voy.Draught), draughtText(vin.Draught))
		voy.Draught = vin.Draught
	}
	if m.take(ingest.HasMothership, v.mothership == u.Mothership) {
		v.mothership = u.Mothership
	}
	return m.changes, m.firsts
}

// merge is the state of one Apply.
type merge struct {
	v       *vessel
	fields  ingest.IdentityFields // what the update carries
	at      time.Time             // the update's event time
	stale   bool
	first   bool                  // the field being merged had no value yet
	firsts  ingest.IdentityFields // every field that took its first value
	changes []sitrep.IdentityChange
}

// take reports whether the field f of the update must be written: the
// update carries it, and either the vessel has no value for it yet or the
// update is not stale and the value differs (same tells it does not). It
// marks f known and remembers in m.first whether this is its first value.
func (m *merge) take(f ingest.IdentityFields, same bool) bool {
	if m.fields&f == 0 {
		return false
	}
	m.first = m.v.known&f == 0
	if m.first {
		m.v.known |= f
		m.firsts |= f
		return true
	}
	return !m.stale && !same
}

// change records a change of field from old to new unless the field is
// taking its first value.
func (m *merge) change(field sitrep.IdentityField, old, new string) {
	if m.first {
		return
	}
	m.changes = append(m.changes, sitrep.IdentityChange{
		MMSI: m.v.id.MMSI, Field: field, Old: old, New: new,
		FirstSeen: m.at, LastSeen: m.at,
	})
}

func imoText(n uint32) string { return strconv.FormatUint(uint64(n), 10) }

func shipTypeText(t sitrep.ShipType) string { return strconv.FormatUint(uint64(t), 10) }

func dimsText(length, beam uint16) string {
	return strconv.FormatUint(uint64(length), 10) + "x" + strconv.FormatUint(uint64(beam), 10)
}

// etaText formats an ETA as RFC 3339 in UTC, "" for the zero time.
func etaText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// draughtText formats a draught in metres with the fewest digits that
// round-trip its float32 value ("7.3").
func draughtText(d float32) string { return strconv.FormatFloat(float64(d), 'f', -1, 32) }
