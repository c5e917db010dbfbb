package detect

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/ingest"
	"github.com/sitrep-osint/sitrep/internal/capturetest"
	"github.com/sitrep-osint/sitrep/nmea"
	"github.com/sitrep-osint/sitrep/sim"
	"github.com/sitrep-osint/sitrep/track"
)

// runNMEA feeds NMEA lines through the real decode path (nmea, ais,
// ingest, track) into a Detector, as replay does, and returns what it
// emitted. resolve maps destinations to ports (nil: none).
func runNMEA(tb testing.TB, data []byte, idx SiteIndex, resolve func(string) *sitrep.PortRef) *recorder {
	tb.Helper()
	d, rec := newDetector(tb, idx, nil)
	st, err := track.New(track.Config{Resolve: resolve})
	if err != nil {
		tb.Fatal(err)
	}
	stage := ingest.New(ingest.Config{Feed: "test"}, ingest.Sink{
		Position: func(p sitrep.Position) { st.Observe(p); d.Position(p) },
		Identity: func(u ingest.IdentityUpdate) {
			cs := st.Apply(u)
			if v, ok := st.Vessel(u.Identity.MMSI); ok {
				d.Identity(v, cs)
			}
		},
	})
	capturetest.ReplayData(data, "test", time.Unix(0, 0).UTC(), stage.Handle)
	d.Flush()
	return rec
}

// scenario writes AIS sentences with tag-block times.
type scenario struct {
	tb  testing.TB
	enc ais.Encoder
	buf []byte
}

func (s *scenario) add(at time.Time, m ais.Message) {
	payload, fill, err := s.enc.Append(nil, m)
	if err != nil {
		s.tb.Fatal(err)
	}
	s.buf, err = nmea.AppendSentences(s.buf, nmea.SentenceSpec{Channel: 'A', Payload: payload, FillBits: fill,
		Tag: nmea.TagSpec{Station: "scenario", Time: at}})
	if err != nil {
		s.tb.Fatal(err)
	}
}

func (s *scenario) position(mmsi uint32, p sitrep.Position, status uint8) {
	s.add(p.Time, &ais.PositionReport{Header: ais.Header{Type: 1, MMSI: mmsi}, NavStatus: ais.Some(status),
		SOG: ais.Some(float64(p.SOG)), Lat: ais.Some(p.Lat), Lon: ais.Some(p.Lon), COG: ais.Some(90.0)})
}

// TestSpartaScenario is a SIMULATED voyage after the Tartus story (the
// MMSI is illustrative): declaring St Petersburg, a RO/RO arrives at the
// Tartus naval base, stays moored, leaves, goes silent, and reappears
// days later to transit the Strait of Gibraltar westbound. Built with the
// AIS encoder and fed through the real decode path.
func TestSpartaScenario(t *testing.T) {
	const mmsi = 273999001 // illustrative
	base := circleSite("tartus-naval-base", sitrep.SiteNavalBase, 34.9, 35.87, 1500)
	base.LOCODE, base.Country = "SYTTS", "SY"
	idx := newScanIndex(base, gibraltarGate)
	resolve := func(raw string) *sitrep.PortRef {
		if strings.Contains(raw, "PETERSBURG") {
			return &sitrep.PortRef{LOCODE: "RULED", Name: "Saint Petersburg", Country: "RU", Lat: 59.93, Lon: 30.2}
		}
		return nil
	}
	s := &scenario{tb: t}
	s.add(t0.Add(-time.Minute), &ais.StaticVoyageData{Header: ais.Header{Type: 5, MMSI: mmsi}, IMO: ais.Some(uint32(9160994)),
		Name: "SIMULATED SPARTA II", Callsign: "UBCX9", ShipType: ais.Some(uint8(70)), Destination: "ST PETERSBURG"})
	for _, p := range leg(mmsi, t0, 34.9, 35.75, 90, 10, time.Minute, 38) {
		s.position(mmsi, p, 0)
	}
	moored := t0.Add(40 * time.Minute)
	for i := range 80 {
		s.position(mmsi, fix(mmsi, moored.Add(time.Duration(i)*3*time.Minute), 34.9, 35.875, 0), 5)
	}
	leave := moored.Add(4 * time.Hour)
	for _, p := range leg(mmsi, leave, 34.9, 35.875, 270, 12, time.Minute, 60) {
		s.position(mmsi, p, 0)
	}
	// Heard again nine days later east of Gibraltar.
	for _, p := range leg(mmsi, t0.Add(9*24*time.Hour), 36.0, -5.0, 270, 12, 2*time.Minute, 160) {
		s.position(mmsi, p, 0)
	}
	rec := runNMEA(t, s.buf, idx, resolve)
	es := rec.final()
	checkExplained(t, es)
	want := map[sitrep.EventKind]int{sitrep.EventArrival: 1, sitrep.EventVisit: 1, sitrep.EventDeparture: 1,
		sitrep.EventDeclaredMismatch: 1, sitrep.EventGap: 1, sitrep.EventTransit: 1}
	got := map[sitrep.EventKind]int{}
	for _, e := range es {
		got[e.Kind]++
		t.Logf("%-18s %s  %s", e.Kind, e.Start.Format(time.RFC3339), e.Summary)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("events by kind %v, want %v", got, want)
	}
	for _, e := range es {
		switch e.Kind {
		case sitrep.EventTransit:
			if e.Attrs["direction"] != "westbound" {
				t.Errorf("transit %s", e.Attrs["direction"])
			}
		case sitrep.EventVisit:
			if e.Attrs["stopped"] != "true" || e.Open() {
				t.Errorf("visit %+v", e)
			}
		case sitrep.EventGap:
			if e.Attrs["severity"] != "suspicious" {
				t.Errorf("gap %+v", e)
			}
		}
		for _, f := range e.Evidence {
			if len(f.Sources) == 0 || f.Sources[0].Station != "scenario" {
				t.Errorf("%s: evidence without provenance: %+v", e.ID, f)
			}
		}
	}
}

// simCapture returns a SIMULATED capture.
func simCapture(tb testing.TB, vessels int, dur time.Duration) []byte {
	g, err := sim.New(sim.Config{Vessels: vessels, Start: t0, Duration: dur, Seed: 7, GapsPerDay: 2})
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := g.WriteTo(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func TestReplayDeterminism(t *testing.T) {
	data := simCapture(t, 300, 6*time.Hour)
	idx := newGridIndex(t, 4000, 1)
	a := runNMEA(t, data, idx, nil)
	b := runNMEA(t, data, idx, nil)
	if len(a.all) == 0 {
		t.Fatal("no events from the simulated capture")
	}
	if !reflect.DeepEqual(a.all, b.all) {
		t.Errorf("two replays differ: %d and %d emissions", len(a.all), len(b.all))
	}
	t.Logf("simulated 300 vessels, 6 h, 4,000 sites: %s", kindCounts(a.final()))
}

func kindCounts(es []sitrep.Event) string {
	n := map[string]int{}
	for _, e := range es {
		n[string(e.Kind)]++
	}
	var parts []string
	for k, v := range n {
		parts = append(parts, k+"="+itoa(v))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func itoa(n int) string { return fmtF(float64(n), 0) }

// TestRealCaptures runs detection over the real captures in testdata/ais
// (no sites: they are from places our test sites do not cover) and checks
// it is deterministic and explained. The counts are in docs/detection.md.
func TestRealCaptures(t *testing.T) {
	files, _ := filepath.Glob("../testdata/ais/*.nmea")
	if len(files) == 0 {
		t.Skip("no captures")
	}
	var all []byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	a := runNMEA(t, all, nil, nil)
	b := runNMEA(t, all, nil, nil)
	if !reflect.DeepEqual(a.all, b.all) {
		t.Error("two runs over the real captures differ")
	}
	es := a.final()
	checkExplained(t, es)
	t.Logf("real captures (%d files): %d events: %s", len(files), len(es), kindCounts(es))
}
