package sim

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/nmea"
)

var update = flag.Bool("update", false, "rewrite the golden files in ../testdata/sim")

var testStart = time.Date(2025, 1, 25, 0, 0, 0, 0, time.UTC)

// generate runs cfg to completion and returns the capture and generator.
func generate(t testing.TB, cfg Config) ([]byte, *Generator) {
	t.Helper()
	g, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := g.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo: %d, %v (buffer %d)", n, err, buf.Len())
	}
	return buf.Bytes(), g
}

// fix is a decoded position report.
type fix struct {
	typ      uint8
	t        time.Time
	lat, lon float64
	sog      float64
	status   uint8
	turning  bool
}

// decoded is what a capture holds, per MMSI.
type decoded struct {
	fixes    map[uint32][]fix
	statics  map[uint32]int
	byType   map[uint8]int
	messages int
}

// eachMessage reads b through nmea.Reader and ais.Decoder and calls fn
// with each message and its time, failing on any rejected line, decoding
// error, out-of-order time or foreign station.
func eachMessage(t *testing.T, b []byte, station string, fn func(at time.Time, msg ais.Message)) {
	t.Helper()
	r := nmea.NewReader(bytes.NewReader(b), nmea.ReaderConfig{})
	dec := ais.NewDecoder()
	var last time.Time
	for {
		m, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("rejected: %v", err)
		}
		if m.TimeSource != nmea.TimeTagBlock || m.Tag.Source != station {
			t.Fatalf("line %d: time source %v, station %q", m.Line, m.TimeSource, m.Tag.Source)
		}
		if m.Time.Before(last) {
			t.Fatalf("line %d: time %v before %v", m.Line, m.Time, last)
		}
		last = m.Time
		msg, err := dec.Decode(m.Payload, m.FillBits)
		if err != nil {
			t.Fatalf("line %d: decode: %v", m.Line, err)
		}
		fn(m.Time, msg)
	}
	st := r.Stats()
	if st.RejectedTotal() != 0 || st.Rejected[nmea.ReasonOrphan] != 0 {
		t.Fatalf("rejections: %+v", st.Rejected)
	}
}

// decodeCapture decodes b with eachMessage.
func decodeCapture(t *testing.T, b []byte, station string) decoded {
	t.Helper()
	d := decoded{fixes: map[uint32][]fix{}, statics: map[uint32]int{}, byType: map[uint8]int{}}
	eachMessage(t, b, station, func(at time.Time, msg ais.Message) {
		d.messages++
		h := msg.Head()
		d.byType[h.Type]++
		switch x := msg.(type) {
		case *ais.PositionReport:
			d.fixes[h.MMSI] = append(d.fixes[h.MMSI], fix{x.Type, at, x.Lat.V, x.Lon.V, x.SOG.V, x.NavStatus.V, x.ROT.V != 0})
		case *ais.ClassBPosition:
			d.fixes[h.MMSI] = append(d.fixes[h.MMSI], fix{18, at, x.Lat.V, x.Lon.V, x.SOG.V, 15, false})
		case *ais.StaticVoyageData:
			d.statics[h.MMSI]++
			if x.IMO.OK && !ValidIMO(x.IMO.V) {
				t.Errorf("MMSI %d: invalid IMO %d", h.MMSI, x.IMO.V)
			}
			if x.Name == "" || x.Callsign == "" || !x.ShipType.OK || !x.ToBow.OK {
				t.Errorf("MMSI %d: incomplete static data %+v", h.MMSI, x)
			}
		case *ais.StaticDataReport:
			d.statics[h.MMSI]++
		case *ais.LongRangePosition:
		default:
			t.Fatalf("unexpected message %T", msg)
		}
	})
	return d
}

func TestCaptureDecodesAndIsPlausible(t *testing.T) {
	cfg := Config{Vessels: 120, Start: testStart, Duration: 40 * time.Minute, Seed: 7, ClassBShare: 0.25}
	b, g := generate(t, cfg)
	d := decodeCapture(t, b, DefaultStation)
	st := g.Stats()
	if int64(d.messages) != st.Messages || int64(bytes.Count(b, []byte("\n"))) != st.Sentences {
		t.Errorf("stats %d messages %d sentences; capture has %d messages %d lines", st.Messages, st.Sentences, d.messages, bytes.Count(b, []byte("\n")))
	}
	for _, typ := range []uint8{1, 3, 5, 18, 24} {
		if d.byType[typ] == 0 || int64(d.byType[typ]) != st.ByType[typ] {
			t.Errorf("type %d: %d decoded, %d counted", typ, d.byType[typ], st.ByType[typ])
		}
	}
	byMMSI := map[uint32]*vessel{}
	for i := range g.vessels {
		byMMSI[g.vessels[i].mmsi] = &g.vessels[i]
	}
	if len(byMMSI) != cfg.Vessels || len(d.fixes) != cfg.Vessels {
		t.Errorf("%d distinct MMSIs, %d vessels reporting, want %d", len(byMMSI), len(d.fixes), cfg.Vessels)
	}
	for mmsi, fixes := range d.fixes {
		v := byMMSI[mmsi]
		if v == nil {
			t.Fatalf("unknown MMSI %d", mmsi)
		}
		if d.statics[mmsi] < 5 {
			t.Errorf("MMSI %d: %d static reports in 40 minutes", mmsi, d.statics[mmsi])
		}
		for i := 1; i < len(fixes); i++ {
			a, b := fixes[i-1], fixes[i]
			dt := b.t.Sub(a.t).Seconds()
			// Never a jump: no faster than the ship can go (time stamps
			// are whole seconds, hence the extra second).
			if nm := distanceNM(a.lat, a.lon, b.lat, b.lon); nm > (v.cruise+0.5)*(dt+1)/3600+0.001 {
				t.Errorf("MMSI %d (%v): %.3f nm in %v s, cruise %.1f kn", mmsi, v.kind, nm, dt, v.cruise)
			}
			// Reporting interval per ITU-R M.1371 for the state reported.
			want := ClassAInterval(a.status, a.sog, a.turning)
			if a.typ == 18 {
				want = ClassBInterval(a.sog)
			}
			if math.Abs(dt*1000-float64(want)) > 1000 {
				t.Errorf("MMSI %d type %d: %v s after a report with status %d, SOG %.1f, turning %v; want %v ms",
					mmsi, a.typ, dt, a.status, a.sog, a.turning, want)
			}
		}
		// Within the lane corridors: never far from the graph.
		for _, f := range fixes {
			if nm := distanceToLanes(g.w, f.lat, f.lon); nm > 12 {
				t.Errorf("MMSI %d (%v) at %.4f,%.4f: %.1f nm from any lane or ground", mmsi, v.kind, f.lat, f.lon, nm)
				break
			}
		}
	}
}

// distanceToLanes returns the distance in nm from the point to the nearest
// leg or fishing ground of w.
func distanceToLanes(w *world, lat, lon float64) float64 {
	best := math.Inf(1)
	for _, g := range w.grounds {
		p := w.lanes.Points[g]
		best = math.Min(best, math.Max(0, distanceNM(lat, lon, p.Lat, p.Lon)-p.Spread))
	}
	for _, l := range w.legs {
		a, b := w.lanes.Points[l[0]], w.lanes.Points[l[1]]
		// Project on the leg in a local flat frame (nm).
		k := math.Cos(lat * degToRad)
		ax, ay := (a.Lon-lon)*60*k, (a.Lat-lat)*60
		bx, by := (b.Lon-lon)*60*k, (b.Lat-lat)*60
		dx, dy := bx-ax, by-ay
		u := math.Max(0, math.Min(1, -(ax*dx+ay*dy)/(dx*dx+dy*dy)))
		best = math.Min(best, math.Hypot(ax+u*dx, ay+u*dy))
	}
	return best
}

func TestDeterministic(t *testing.T) {
	cfg := Config{Vessels: 50, Start: testStart, Duration: 10 * time.Minute, Seed: 3, ClassBShare: 0.3, GapsPerDay: 50}
	a, _ := generate(t, cfg)
	b, _ := generate(t, cfg)
	if !bytes.Equal(a, b) {
		t.Fatal("same config, different bytes")
	}
	cfg.Seed = 4
	c, _ := generate(t, cfg)
	if bytes.Equal(a, c) {
		t.Fatal("different seeds, same bytes")
	}
}

func TestGapsLoseReports(t *testing.T) {
	cfg := Config{Vessels: 50, Start: testStart, Duration: time.Hour, Seed: 3, GapsPerDay: 48}
	_, g := generate(t, cfg)
	cfg.GapsPerDay = 0
	_, g0 := generate(t, cfg)
	if g.Stats().Lost == 0 || g0.Stats().Lost != 0 || g.Stats().Messages >= g0.Stats().Messages {
		t.Errorf("lost %d with gaps, %d without; messages %d vs %d", g.Stats().Lost, g0.Stats().Lost, g.Stats().Messages, g0.Stats().Messages)
	}
}

func TestAreaRestricts(t *testing.T) {
	area, err := ParseArea("baltic")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := generate(t, Config{Vessels: 40, Start: testStart, Duration: 5 * time.Minute, Seed: 1, Area: area})
	d := decodeCapture(t, b, DefaultStation)
	for mmsi, fixes := range d.fixes {
		for _, f := range fixes {
			// Waypoint spreads let tracks stray a few miles outside the box.
			if f.lat < area.MinLat-0.3 || f.lat > area.MaxLat+0.3 || f.lon < area.MinLon-0.5 || f.lon > area.MaxLon+0.5 {
				t.Fatalf("MMSI %d at %.3f,%.3f outside %+v", mmsi, f.lat, f.lon, area)
			}
		}
	}
	if _, err := New(Config{Vessels: 1, Start: testStart, Duration: time.Minute, Area: Area{MinLat: 0, MinLon: 0, MaxLat: 1, MaxLon: 1}}); !errors.Is(err, ErrConfig) {
		t.Errorf("empty area: %v, want ErrConfig", err)
	}
}

func TestConfigErrors(t *testing.T) {
	ok := Config{Vessels: 1, Start: testStart, Duration: time.Minute}
	for name, mod := range map[string]func(*Config){
		"vessels":  func(c *Config) { c.Vessels = 0 },
		"start":    func(c *Config) { c.Start = time.Time{} },
		"duration": func(c *Config) { c.Duration = 0 },
		"share":    func(c *Config) { c.ClassBShare = 1.5 },
		"nan":      func(c *Config) { c.ClassBShare = math.NaN() },
		"station":  func(c *Config) { c.Station = "a,b" },
		"gaps":     func(c *Config) { c.GapsPerDay = -1 },
	} {
		c := ok
		mod(&c)
		if _, err := New(c); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v, want ErrConfig", name, err)
		}
	}
	if _, err := New(ok); err != nil {
		t.Error(err)
	}
	for _, s := range []string{"1,2,3", "1,2,0,3", "a,b,c,d"} {
		if _, err := ParseArea(s); err == nil {
			t.Errorf("ParseArea(%q) accepted", s)
		}
	}
}

func TestGolden(t *testing.T) {
	const path = "../testdata/sim/2-vessels-2-minutes.nmea"
	got, _ := generate(t, Config{Vessels: 2, Start: testStart, Duration: 2 * time.Minute, Seed: 1})
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./sim -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
			}
		}
		t.Fatalf("got %d lines, want %d", len(g), len(w))
	}
}

func TestIMOCheckDigit(t *testing.T) {
	// IMO 9074729 is the worked example of the IMO numbering scheme.
	if !ValidIMO(9074729) || ValidIMO(9074728) || ValidIMO(123) {
		t.Error("ValidIMO")
	}
}

func TestIntervals(t *testing.T) {
	for _, c := range []struct {
		status  uint8
		sog     float64
		turning bool
		want    int64
	}{
		{1, 0, false, 180_000}, {5, 2.9, false, 180_000}, {1, 3.5, false, 10_000}, {0, 0, false, 10_000},
		{0, 14, false, 10_000}, {0, 14, true, 3_333}, {0, 14.1, false, 6_000}, {0, 22, true, 2_000},
		{0, 23.1, false, 2_000},
	} {
		if got := ClassAInterval(c.status, c.sog, c.turning); got != c.want {
			t.Errorf("ClassAInterval(%d, %v, %v) = %d, want %d", c.status, c.sog, c.turning, got, c.want)
		}
	}
	for sog, want := range map[float64]int64{0: 180_000, 2: 180_000, 2.1: 30_000, 14: 30_000, 20: 15_000, 30: 5_000} {
		if got := ClassBInterval(sog); got != want {
			t.Errorf("ClassBInterval(%v) = %d, want %d", sog, got, want)
		}
	}
}

// TestStreaming checks that generating allocates only transiently (the
// payloads of static and long-range messages), so memory does not grow
// with the duration.
func TestStreaming(t *testing.T) {
	g, err := New(Config{Vessels: 500, Start: testStart, Duration: 1000 * time.Hour, Seed: 2, ClassBShare: 0.2, GapsPerDay: 5})
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 0, 4096)
	allocs := testing.AllocsPerRun(20000, func() {
		if buf, err = g.Next(buf[:0]); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 0.2 {
		t.Errorf("%.2f allocations per message", allocs)
	}
	if len(g.heap) != 500 {
		t.Errorf("heap holds %d entries", len(g.heap))
	}
}
