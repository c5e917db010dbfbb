package ingest

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/internal/capturetest"
	"github.com/sitrep-osint/sitrep/nmea"
)

// collector records what a Stage delivers.
type collector struct {
	positions  []sitrep.Position
	duplicates []sitrep.Provenance
	identities []IdentityUpdate
}

func (c *collector) sink() Sink {
	return Sink{
		Position:  func(p sitrep.Position) { c.positions = append(c.positions, p) },
		Duplicate: func(_ sitrep.MMSI, _ time.Time, src sitrep.Provenance) { c.duplicates = append(c.duplicates, src) },
		Identity:  func(u IdentityUpdate) { c.identities = append(c.identities, u) },
	}
}

// message encodes m and frames it as a single-sentence nmea.Message from
// station at time t (zero t: no time in the message).
func message(t *testing.T, m ais.Message, station string, at time.Time) (*nmea.Message, ais.Message) {
	t.Helper()
	p, fill, err := ais.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	msg := &nmea.Message{Payload: p, FillBits: fill, Channel: 'A', Fragments: 1}
	msg.Tag.Present, msg.Tag.Source = station != "", station
	if !at.IsZero() {
		msg.Time, msg.TimeSource = at, nmea.TimeTagBlock
	}
	dm, err := ais.NewDecoder().Decode(p, fill)
	if err != nil {
		t.Fatal(err)
	}
	return msg, dm
}

// Simulated reports (illustrative MMSI and positions off Tartus).
func report(mmsi uint32, lat, lon float64) *ais.PositionReport {
	return &ais.PositionReport{Header: ais.Header{Type: 1, MMSI: mmsi}, NavStatus: ais.Some[uint8](0),
		SOG: ais.Some(12.5), COG: ais.Some(270.0), Heading: ais.Some[uint16](271), Lat: ais.Some(lat), Lon: ais.Some(lon),
		Second: ais.Some[uint8](5)}
}

var t0 = time.Date(2025, 1, 28, 20, 0, 0, 0, time.UTC)

func TestPositionAndDedup(t *testing.T) {
	var c collector
	s := New(Config{Feed: "test"}, c.sink())
	m1, d1 := message(t, report(273000001, 34.9, 35.85), "rx-1", t0)
	s.Handle(m1, d1, t0.Add(time.Second))
	m2, d2 := message(t, report(273000001, 34.9, 35.85), "rx-2", t0.Add(2*time.Second))
	s.Handle(m2, d2, t0.Add(3*time.Second)) // the same transmission, another receiver
	m3, d3 := message(t, report(273000001, 34.9, 35.85), "rx-1", t0.Add(5*time.Minute))
	s.Handle(m3, d3, t0.Add(5*time.Minute)) // same payload, outside the window: a new fix

	if len(c.positions) != 2 || len(c.duplicates) != 1 {
		t.Fatalf("positions %d duplicates %d, want 2 and 1", len(c.positions), len(c.duplicates))
	}
	p := c.positions[0]
	if p.MMSI != 273000001 || p.Lat != 34.9 || p.Lon != 35.85 || !p.Time.Equal(t0) || p.TimeSource != sitrep.TimeSourceTagBlock {
		t.Errorf("position %+v", p)
	}
	if sog, ok := p.SpeedOverGround(); !ok || sog != 12.5 {
		t.Errorf("sog %v %v", sog, ok)
	}
	if ns, ok := p.NavigationStatus(); !ok || ns != sitrep.NavUnderWayEngine || p.Class != sitrep.ClassA {
		t.Errorf("nav status %v class %v", ns, p.Class)
	}
	if len(p.Sources) != 1 || p.Sources[0].Station != "rx-1" || p.Sources[0].Feed != "test" {
		t.Errorf("sources %+v", p.Sources)
	}
	if c.duplicates[0].Station != "rx-2" {
		t.Errorf("duplicate provenance %+v", c.duplicates[0])
	}
	if st := s.Stats(); st.Messages != 3 || st.Positions != 2 || st.Duplicates != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestReceiveTimeWhenMessageHasNone(t *testing.T) {
	var c collector
	s := New(Config{}, c.sink())
	m, d := message(t, report(273000001, 34.9, 35.85), "", time.Time{})
	s.Handle(m, d, t0)
	if p := c.positions[0]; !p.Time.Equal(t0) || p.TimeSource != sitrep.TimeSourceReceive {
		t.Errorf("time %v source %v", p.Time, p.TimeSource)
	}
}

func TestPlausibility(t *testing.T) {
	var c collector
	s := New(Config{}, c.sink())
	at := t0
	feed := func(lat, lon float64) sitrep.PositionFlags {
		at = at.Add(10 * time.Second)
		m, d := message(t, report(273000002, lat, lon), "", at)
		s.Handle(m, d, at)
		return c.positions[len(c.positions)-1].Flags
	}
	if f := feed(34.90, 35.85); f != 0 {
		t.Errorf("first fix flagged %v", f)
	}
	if f := feed(34.90, 35.849); f != 0 { // 90 m in 10 s: 18 kn
		t.Errorf("normal move flagged %v", f)
	}
	if f := feed(36.14, -5.35); f&sitrep.FlagSpeedJump == 0 { // Gibraltar 10 s later
		t.Errorf("jump not flagged: %v", f)
	}
	if f := feed(34.90, 35.848); f != 0 { // back on track against the last good fix
		t.Errorf("return to track flagged %v", f)
	}
	// A bad reference: the track continues from a new place consistently.
	if f := feed(35.50, 35.70); f&sitrep.FlagSpeedJump == 0 {
		t.Errorf("second jump not flagged")
	}
	if f := feed(35.50, 35.699); f != 0 {
		t.Errorf("a fix consistent with the previous one should re-anchor the track: %v", f)
	}
	if f := feed(95, 35.7); f&sitrep.FlagInvalidCoordinates == 0 {
		t.Errorf("invalid latitude not flagged: %v", f)
	}
	if st := s.Stats(); st.Implausible != 3 || st.Positions != 7 {
		t.Errorf("stats %+v: implausible fixes must be kept and counted", st)
	}
}

func TestIdentityUpdate(t *testing.T) {
	var c collector
	s := New(Config{}, c.sink())
	// Simulated static report for SPARTA (real IMO 9268710, illustrative MMSI).
	sv := &ais.StaticVoyageData{Header: ais.Header{Type: 5, MMSI: 273000003}, IMO: ais.Some[uint32](9268710),
		Callsign: "UBCI7", Name: "SPARTA", ShipType: ais.Some[uint8](70),
		ToBow: ais.Some[uint16](120), ToStern: ais.Some[uint16](30), ToPort: ais.Some[uint8](10), ToStarboard: ais.Some[uint8](12),
		ETAMonth: ais.Some[uint8](2), ETADay: ais.Some[uint8](20), ETAHour: ais.Some[uint8](8), ETAMinute: ais.Some[uint8](30),
		Draught: ais.Some(6.8), Destination: "ST.PETERSBURG"}
	m, d := message(t, sv, "rx-1", t0)
	s.Handle(m, d, t0)
	if len(c.identities) != 1 {
		t.Fatalf("identities %d", len(c.identities))
	}
	u := c.identities[0]
	id := u.Identity
	if id.MMSI != 273000003 || id.IMO != 9268710 || id.Name != "SPARTA" || id.Callsign != "UBCI7" || id.ShipType != 70 ||
		id.Length != 150 || id.Beam != 22 || id.Flag != "RU" || id.Class != sitrep.ClassA {
		t.Errorf("identity %+v", id)
	}
	wantETA := time.Date(2025, 2, 20, 8, 30, 0, 0, time.UTC)
	if u.Voyage.Destination != "ST.PETERSBURG" || !u.Voyage.ETA.Equal(wantETA) || u.Voyage.Draught != 6.8 {
		t.Errorf("voyage %+v", u.Voyage)
	}
	want := HasName | HasCallsign | HasIMO | HasShipType | HasDimensions | HasDestination | HasETA | HasDraught
	if u.Fields != want {
		t.Errorf("fields %b, want %b", u.Fields, want)
	}
	// Type 24 part B of an auxiliary craft names its mothership.
	aux := &ais.StaticDataReport{Header: ais.Header{Type: 24, MMSI: 982730001}, Part: 1, Callsign: "TENDER",
		MothershipMMSI: ais.Some[uint32](273000003)}
	m, d = message(t, aux, "", t0)
	s.Handle(m, d, t0)
	if u := c.identities[1]; u.Mothership != 273000003 || u.Fields != HasCallsign|HasMothership || u.Identity.Class != sitrep.ClassB {
		t.Errorf("auxiliary update %+v", u)
	}
}

// TestRealCaptures runs the bundled real captures through the stage: every
// decoded position report with a position becomes a Position, static
// messages become identity updates, nothing is lost between the counters.
func TestRealCaptures(t *testing.T) {
	var c collector
	s := New(Config{Feed: "testdata"}, c.sink())
	decoded := capturetest.Replay(t, "../testdata/ais/*.nmea", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), s.Handle)
	st := s.Stats()
	t.Logf("%+v", st)
	if st.Messages != decoded || st.Positions+st.Duplicates+st.Identities+st.NoPosition+st.Ignored != st.Messages {
		t.Errorf("counters do not add up: %+v (decoded %d)", st, decoded)
	}
	if st.Positions < 4000 || st.Identities < 350 {
		t.Errorf("too few observations: %+v", st)
	}
	bySource := map[sitrep.TimeSource]int{}
	for _, p := range c.positions {
		bySource[p.TimeSource]++
		if p.Flags&sitrep.FlagInvalidCoordinates == 0 && !sitrep.ValidCoordinates(p.Lat, p.Lon) {
			t.Fatalf("invalid coordinates not flagged: %+v", p)
		}
	}
	if bySource[sitrep.TimeSourceTagBlock] == 0 || bySource[sitrep.TimeSourcePGHP] == 0 || bySource[sitrep.TimeSourceReceive] == 0 {
		t.Errorf("time sources %v: the captures have tag blocks, $PGHP headers and untimed lines", bySource)
	}
}

func TestHandlePosition(t *testing.T) {
	var c collector
	s := New(Config{}, c.sink())
	p := sitrep.Position{MMSI: 273000004, Time: t0, Lat: 34.9, Lon: 35.85}
	s.HandlePosition(p)
	p.Time, p.Lat = t0.Add(time.Second), 40 // 5 degrees in a second
	s.HandlePosition(p)
	if len(c.positions) != 2 || c.positions[0].Flags != 0 || c.positions[1].Flags&sitrep.FlagSpeedJump == 0 {
		t.Errorf("positions %+v", c.positions)
	}
}
