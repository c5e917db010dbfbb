package sim

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/geo"
)

const tartusScenario = "../scenario/tartus/scenario.yaml"

// loadTartus loads the Tartus scenario with its background scaled down to
// vessels per area (0: none), to keep the tests quick.
func loadTartus(t testing.TB, vessels int) *Scenario {
	t.Helper()
	sc, err := LoadScenario(tartusScenario)
	if err != nil {
		t.Fatal(err)
	}
	if vessels == 0 {
		sc.Background = nil
	}
	for i := range sc.Background {
		sc.Background[i].Vessels = vessels
	}
	return sc
}

func writeScenario(t testing.TB, sc *Scenario, seed int64) ([]byte, Stats) {
	t.Helper()
	var b bytes.Buffer
	st, err := sc.Write(&b, seed)
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), st
}

// scenarioFix is a decoded position report of a scenario capture.
type scenarioFix struct {
	t        time.Time
	lat, lon float64
	sog      float64
	status   uint8
}

// scenarioCapture is what a scenario capture holds.
type scenarioCapture struct {
	fixes    map[uint32][]scenarioFix
	dests    map[uint32][]string // distinct destinations of type 5, in order
	statics  map[uint32][]time.Time
	messages int
}

// decodeScenario decodes a scenario capture with eachMessage.
func decodeScenario(t *testing.T, b []byte, station string) scenarioCapture {
	t.Helper()
	c := scenarioCapture{fixes: map[uint32][]scenarioFix{}, dests: map[uint32][]string{}, statics: map[uint32][]time.Time{}}
	eachMessage(t, b, station, func(at time.Time, msg ais.Message) {
		c.messages++
		h := msg.Head()
		switch x := msg.(type) {
		case *ais.PositionReport:
			c.fixes[h.MMSI] = append(c.fixes[h.MMSI], scenarioFix{at, x.Lat.V, x.Lon.V, x.SOG.V, x.NavStatus.V})
		case *ais.ClassBPosition:
			c.fixes[h.MMSI] = append(c.fixes[h.MMSI], scenarioFix{at, x.Lat.V, x.Lon.V, x.SOG.V, 15})
		case *ais.LongRangePosition:
			c.fixes[h.MMSI] = append(c.fixes[h.MMSI], scenarioFix{at, x.Lat.V, x.Lon.V, x.SOG.V, x.NavStatus.V})
		case *ais.StaticVoyageData:
			c.statics[h.MMSI] = append(c.statics[h.MMSI], at)
			if d := c.dests[h.MMSI]; len(d) == 0 || d[len(d)-1] != x.Destination {
				c.dests[h.MMSI] = append(d, x.Destination)
			}
		}
	})
	return c
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestScenarioDeterministic writes the Tartus scenario (with a small
// background) twice with one seed and once with another.
func TestScenarioDeterministic(t *testing.T) {
	sc := loadTartus(t, 3)
	a, sta := writeScenario(t, sc, 1)
	b, _ := writeScenario(t, loadTartus(t, 3), 1)
	c, _ := writeScenario(t, loadTartus(t, 3), 2)
	if sum(a) != sum(b) {
		t.Errorf("same seed, different captures: %s and %s", sum(a), sum(b))
	}
	if sum(a) == sum(c) {
		t.Error("seeds 1 and 2 give the same capture")
	}
	if lines := int64(bytes.Count(a, []byte("\n"))); lines != sta.Sentences || sta.Vessels != 2+6 {
		t.Errorf("stats: %d sentences, %d vessels; capture has %d lines", sta.Sentences, sta.Vessels, lines)
	}
	if !sta.First.Equal(sc.Start) || sta.Last.After(sc.End) || sta.Last.Before(sc.End.Add(-time.Hour)) {
		t.Errorf("time span %v to %v, scenario %v to %v", sta.First, sta.Last, sc.Start, sc.End)
	}
	d := decodeScenario(t, a, "sitrep-simulated-tartus")
	if int64(d.messages) != sta.Messages {
		t.Errorf("%d messages decoded, %d counted", d.messages, sta.Messages)
	}
}

// TestScenarioStory checks the Tartus capture against the story: both
// ships at the Tartus naval facility on 25 Jan, gone after, a reception
// gap of SPARTA of at least 12 h near Malta, the destination changes, the
// Gibraltar strait passed westbound on 9-10 Feb, the English Channel on 13
// Feb, and both at their Baltic destinations at the end.
func TestScenarioStory(t *testing.T) {
	sc := loadTartus(t, 0)
	b, st := writeScenario(t, sc, 1)
	d := decodeScenario(t, b, sc.Station)
	t.Logf("story vessels only: %d sentences, %.1f MB, %s to %s", st.Sentences, float64(len(b))/1e6, st.First, st.Last)
	const sparta, spartaII = 273990001, 273990002
	base := geo.Circle{Center: geo.Point{Lat: 34.9145, Lon: 35.872}, Radius: 800} // site tartus-naval-base
	gibGate := geo.Line{geo.Point{Lat: 36.06, Lon: -5.6}, geo.Point{Lat: 35.84, Lon: -5.6}}
	day := func(s string) time.Time {
		tm, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for _, mmsi := range []uint32{sparta, spartaII} {
		fixes := d.fixes[mmsi]
		if len(fixes) < 1000 {
			t.Fatalf("%d: %d fixes", mmsi, len(fixes))
		}
		var atBase25, atBaseAfter bool
		var lastAtBase time.Time
		var crossed time.Time
		var maxGap time.Duration
		var gapAt scenarioFix
		for i, f := range fixes {
			p := geo.Point{Lat: f.lat, Lon: f.lon}
			if base.Contains(p) {
				lastAtBase = f.t
				if f.t.Format(time.DateOnly) == "2025-01-25" && f.status == 5 {
					atBase25 = true
				}
				if f.t.After(day("2025-01-30")) {
					atBaseAfter = true
				}
			}
			if i == 0 {
				continue
			}
			prev := fixes[i-1]
			if g := f.t.Sub(prev.t); g > maxGap {
				maxGap, gapAt = g, prev
			}
			if ok, _ := gibGate.Crosses(geo.Point{Lat: prev.lat, Lon: prev.lon}, p); ok && f.lon < prev.lon && crossed.IsZero() {
				crossed = f.t
			}
			if f.sog > 20 {
				t.Errorf("%d at %v: %.1f kn, faster than a RO/RO", mmsi, f.t, f.sog)
			}
		}
		if !atBase25 || atBaseAfter {
			t.Errorf("%d: moored at the Tartus naval base on 25 Jan %v, there after 30 Jan %v", mmsi, atBase25, atBaseAfter)
		}
		if lastAtBase.Before(day("2025-01-26")) || lastAtBase.After(day("2025-01-30")) {
			t.Errorf("%d: left the Tartus naval base at %v, want 26-29 Jan", mmsi, lastAtBase)
		}
		if crossed.Before(day("2025-02-09")) || !crossed.Before(day("2025-02-11")) {
			t.Errorf("%d: crossed the Gibraltar gate westbound at %v, want 9-10 Feb", mmsi, crossed)
		}
		// English Channel on 13 Feb: a fix between Ushant and Dover.
		var channel bool
		for _, f := range fixes {
			if f.t.Format(time.DateOnly) == "2025-02-13" && f.lon > -5.5 && f.lon < 1.5 && f.lat > 48.5 && f.lat < 51.2 {
				channel = true
			}
		}
		if !channel {
			t.Errorf("%d: not in the English Channel on 13 Feb", mmsi)
		}
		if mmsi == sparta {
			if maxGap < 12*time.Hour || gapAt.lon < 14 || gapAt.lon > 16 {
				t.Errorf("SPARTA: longest silence %v from %v at %.2f,%.2f; want 12 h or more from near Malta", maxGap, gapAt.t, gapAt.lat, gapAt.lon)
			}
		} else if maxGap >= 6*time.Hour {
			t.Errorf("SPARTA II: silent for %v from %v, want no gap", maxGap, gapAt.t)
		}
		last := fixes[len(fixes)-1]
		dest := map[uint32]geo.Circle{
			sparta:   {Center: geo.Point{Lat: 59.93333, Lon: 30.3}, Radius: 10_000}, // st-petersburg-port
			spartaII: {Center: geo.Point{Lat: 54.7, Lon: 20.48333}, Radius: 5_000},  // kaliningrad-port
		}[mmsi]
		if !dest.Contains(geo.Point{Lat: last.lat, Lon: last.lon}) || last.status != 5 {
			t.Errorf("%d: last fix %+v is not moored at its destination port", mmsi, last)
		}
		// Type 5 about every 6 minutes when heard by coastal receivers.
		var n6 int
		st5 := d.statics[mmsi]
		for i := 1; i < len(st5); i++ {
			if g := st5[i].Sub(st5[i-1]); g >= 6*time.Minute && g < 8*time.Minute {
				n6++
			}
		}
		if n6 < len(st5)/2 {
			t.Errorf("%d: %d of %d static reports about 6 min after the one before", mmsi, n6, len(st5))
		}
	}
	want := map[uint32][]string{sparta: {"TARTUS", "BALTIYSK", "ST PETERSBURG"}, spartaII: {"TARTUS", "KALININGRAD"}}
	for mmsi, w := range want {
		if got := d.dests[mmsi]; strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("%d: destinations %q, want %q", mmsi, got, w)
		}
	}
	if len(b) > 20<<20 {
		t.Errorf("story capture is %d bytes", len(b))
	}
}

// land is the Natural Earth 1:50m land of Europe and around, from
// testdata/land-50m-europe.geojson, as the edges of its rings bucketed by
// latitude band, for an even-odd ray cast (west to east) per point.
type land struct {
	bands map[int][][2]geo.Point // band -> edges meeting it
}

// landBand is the height of a latitude band, degrees.
const landBand = 0.05

func loadLand(t *testing.T) *land {
	t.Helper()
	b, err := os.ReadFile("testdata/land-50m-europe.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Geometry struct {
				Coordinates [][][][2]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil || len(fc.Features) != 1 {
		t.Fatalf("land: %v", err)
	}
	l := &land{bands: map[int][][2]geo.Point{}}
	for _, poly := range fc.Features[0].Geometry.Coordinates {
		for _, ring := range poly {
			for i := range ring {
				a, c := ring[i], ring[(i+1)%len(ring)]
				e := [2]geo.Point{{Lat: a[1], Lon: a[0]}, {Lat: c[1], Lon: c[0]}}
				lo, hi := math.Min(a[1], c[1]), math.Max(a[1], c[1])
				for k := int(math.Floor(lo / landBand)); k <= int(math.Floor(hi/landBand)); k++ {
					l.bands[k] = append(l.bands[k], e)
				}
			}
		}
	}
	return l
}

// contains reports whether the point is on land (even-odd rule over all
// rings, holes included).
func (l *land) contains(lat, lon float64) bool {
	in := false
	for _, e := range l.bands[int(math.Floor(lat/landBand))] {
		a, b := e[0], e[1]
		if (a.Lat > lat) != (b.Lat > lat) && lon < (b.Lon-a.Lon)*(lat-a.Lat)/(b.Lat-a.Lat)+a.Lon {
			in = !in
		}
	}
	return in
}

// TestScenarioNoFixOnLand checks every fix of the story's vessels, every
// leg between consecutive waypoints of their plans (sampled every 0.5 nm)
// and every fix of a small background against the 1:50m coastline, except
// inside the scenario's inshore areas (canals and harbours the small scale
// draws as land).
func TestScenarioNoFixOnLand(t *testing.T) {
	l := loadLand(t)
	sc := loadTartus(t, 10)
	inshore := func(lat, lon float64) bool {
		for _, b := range sc.Inshore {
			if b.Area.Contains(lat, lon) {
				return true
			}
		}
		return false
	}
	// The land check itself: Sicily is land, the Tyrrhenian Sea is not.
	if !l.contains(37.5, 14.0) || l.contains(39.5, 12.0) {
		t.Fatal("land polygons do not work")
	}
	for _, v := range sc.Vessels {
		for _, s := range v.Plan {
			pts := s.Sail
			for i := 1; i < len(pts); i++ {
				a, b := sc.Waypoints[pts[i-1]], sc.Waypoints[pts[i]]
				n := int(distanceNM(a.Lat, a.Lon, b.Lat, b.Lon)/0.5) + 1
				for k := 0; k <= n; k++ {
					f := float64(k) / float64(n)
					lat, lon := a.Lat+f*(b.Lat-a.Lat), a.Lon+f*(b.Lon-a.Lon)
					if !inshore(lat, lon) && l.contains(lat, lon) {
						t.Errorf("%s: leg %s-%s crosses land at %.4f,%.4f (line %d)", v.Name, pts[i-1], pts[i], lat, lon, s.Line)
						break
					}
				}
			}
		}
	}
	b, _ := writeScenario(t, sc, 1)
	d := decodeScenario(t, b, sc.Station)
	story := map[uint32]bool{}
	for _, v := range sc.Vessels {
		story[v.MMSI] = true
	}
	var checked, background, onLand int
	for mmsi, fixes := range d.fixes {
		for _, f := range fixes {
			if inshore(f.lat, f.lon) {
				continue
			}
			checked++
			if !story[mmsi] {
				background++
			}
			if l.contains(f.lat, f.lon) {
				onLand++
				if onLand <= 10 {
					t.Errorf("MMSI %d (story vessel %v) on land at %v: %.5f,%.5f", mmsi, story[mmsi], f.t, f.lat, f.lon)
				}
			}
		}
	}
	t.Logf("%d fixes checked (%d of background vessels), %d on land", checked, background, onLand)
	if background == 0 {
		t.Error("no background fixes")
	}
}

// TestScenarioErrors checks that bad files give "file:line: field:
// problem" errors with code EINVALID.
func TestScenarioErrors(t *testing.T) {
	good, err := os.ReadFile(tartusScenario)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseScenario("tartus.yaml", good); err != nil {
		t.Fatalf("the Tartus scenario: %v", err)
	}
	lineOf := func(s string) string {
		i := bytes.Index(good, []byte(s))
		if i < 0 {
			t.Fatalf("%q not in the scenario", s)
		}
		return "tartus.yaml:" + strconv.Itoa(bytes.Count(good[:i], []byte("\n"))+1) + ": "
	}
	for _, c := range []struct {
		old, new string
		want     string // substring of the error; "@" + text: at the line of that text
	}{
		{"scenario: tartus-2025", "scenario: Tartus 2025", "@scenario: tartus-2025|scenario: want a lower-case name"},
		{"start: 2025-01-20T00:00:00Z", "start: 20 Jan 2025", `@start: 2025-01-20|start: "20 Jan 2025" is not an RFC 3339 time`},
		{"  terrestrial_interval: 1m", "  terrestrial_interval: often", `@terrestrial_interval: 1m|reception.terrestrial_interval: "often"`},
		{"  CRETE_E: [34.60, 26.80]", "  CRETE_E: [94.60, 26.80]", "@CRETE_E: [34.60|waypoints.CRETE_E: [94.6, 26.8] is not a latitude"},
		{"    mmsi: 273990001", "    mmsi: 12345", "@mmsi: 273990001|vessels[0].mmsi: 12345 is not a ship station MMSI"},
		{"    imo: 9268710", "    imo: 9268711", "@imo: 9268710|vessels[0].imo: 9268711 is not an IMO number"},
		{"{sail: [CYPRUS_SE, CYPRUS_S, CRETE_E, CRETE_S, MALTA_E], kn: 14}", "{sail: [CYPRUS_SE, ATLANTIS], kn: 14}",
			`@{sail: [CYPRUS_SE, CYPRUS_S, CRETE_E, CRETE_S, MALTA_E]|vessels[0].plan[4].sail[1]: unknown waypoint "ATLANTIS"`},
		{"{stay: 2025-01-29T04:00:00Z}", "{stay: 2025-01-19T04:00:00Z}", "@{stay: 2025-01-29T04:00:00Z}|vessels[0].plan[1]: stay until 2025-01-19T04:00:00Z, but the vessel only gets there at 2025-01-20T00:00:00Z"},
		{"{ais: off, note:", "{ais: of, note:", `@{ais: off|vessels[0].plan[5].ais: "of": want on or off`},
		{"{destination: BALTIYSK,", "{destination: BALTIYSK, kn: 3,", "@{destination: BALTIYSK|vessels[0].plan[2]: until goes with circle"},
		{"{at: SPARTA_BERTH, status: moored}", "{at: SPARTA_BERTH, status: docked}", `@{at: SPARTA_BERTH|vessels[0].plan[0].status: "docked"`},
		{"    vessels: 150 # assumed", "    vessels: 150000", "@vessels: 150 # assumed|background[0].vessels: 150000: want 1..5000"},
		{"    draught: 6.8", "    draught: 6.8\n    colour: grey", `unknown field "colour"`},
		{"station: sitrep-simulated-tartus", "station: tartus", `@station: sitrep|station: "tartus" must start with "sitrep-simulated"`},
		{"    from: 2025-01-24T00:00:00Z", "    from: 2025-01-04T00:00:00Z", "@to: 2025-01-31|background[0].to: the window"},
	} {
		data := bytes.Replace(good, []byte(c.old), []byte(c.new), 1)
		if bytes.Equal(data, good) {
			t.Fatalf("%q not in the scenario", c.old)
		}
		_, err := ParseScenario("tartus.yaml", data)
		if err == nil {
			t.Errorf("%q -> %q: no error", c.old, c.new)
			continue
		}
		want := c.want
		if strings.HasPrefix(want, "@") {
			at, rest, _ := strings.Cut(want[1:], "|")
			want = lineOf(at) + rest
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q -> %q:\n got %v\nwant %s", c.old, c.new, err, want)
		}
		if !regexp.MustCompile(`^tartus\.yaml:\d+: `).MatchString(err.Error()) {
			t.Errorf("error without file:line: %v", err)
		}
		if sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("%v: code %q", err, sitrep.ErrorCode(err))
		}
	}
	for _, data := range []string{"", "- a\n- b\n", "scenario: [", "a: &x 1\nb: *x\n", strings.Repeat("#", MaxScenarioSize+1)} {
		if _, err := ParseScenario("bad.yaml", []byte(data)); err == nil {
			t.Errorf("%.20q: no error", data)
		} else if !strings.HasPrefix(err.Error(), "bad.yaml:") {
			t.Errorf("%.20q: %v", data, err)
		}
	}
	if _, err := LoadScenario(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Error("missing file: no error")
	}
	// A Scenario built in code is not checked by the parser: Write refuses
	// a plan it cannot follow instead of panicking.
	sc := &Scenario{Name: "x", Station: "sitrep-simulated-x", Start: testStart, End: testStart.Add(time.Hour),
		Vessels: []ScenarioVessel{{Name: "X", MMSI: 273000001}}}
	if _, err := sc.Write(io.Discard, 1); err == nil || !strings.Contains(err.Error(), "does not start with at") {
		t.Errorf("empty plan: %v", err)
	}
}

// FuzzLoadScenario feeds arbitrary files to the parser: it must return a
// scenario or an error, never panic, and a scenario it returns must write.
func FuzzLoadScenario(f *testing.F) {
	good, err := os.ReadFile(tartusScenario)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte("scenario: x\nversion: 1\nstart: 2025-01-01T00:00:00Z\nend: 2025-01-01T01:00:00Z\nwaypoints: {A: [35, 20], B: [35.1, 20.2]}\nvessels:\n  - {name: X, mmsi: 273000001, plan: [{at: A}, {sail: [B], kn: 10}]}\n"))
	f.Add([]byte("scenario: x\nversion: 1\nstart: 2025-01-01T00:00:00Z\nend: 2025-01-01T01:00:00Z\nbackground: [{name: b, vessels: 2, area: [35, -7, 37, -1.5], from: 2025-01-01T00:00:00Z, to: 2025-01-01T00:10:00Z}]\n"))
	f.Add([]byte("scenario: x\nvessels: [{plan: [{at: A, sail: [B]}]}]\n"))
	f.Add([]byte("a: &x {b: 1}\nc: *x\n"))
	f.Add([]byte("{[: ]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseScenario("fuzz.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml:") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		// Keep the capture small: the first hour, without background.
		sc.Background = nil
		if sc.End.Sub(sc.Start) > time.Hour {
			sc.End = sc.Start.Add(time.Hour)
		}
		if _, err := sc.Write(io.Discard, 1); err != nil {
			t.Fatalf("Write: %v", err)
		}
	})
}
