package sim

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/sitrep-osint/sitrep"
)

// A Scenario is a declarative, versioned description of a SIMULATED
// capture built around a story: named vessels that follow a plan (moored
// here until then, sail these waypoints at this speed, switch AIS off,
// change the declared destination, ...), a receiver model that thins
// their reports to what a network of coastal receivers and satellites
// would hear, and background traffic from the Generator in given areas
// and time windows. LoadScenario reads one from a YAML file (the format is
// described in docs/scenario.md; scenario/tartus/scenario.yaml is the
// example); Write writes its capture.
//
// Everything a Scenario writes is simulated: the tag-block station says
// so (Station, by default "sitrep-simulated-" and the scenario's name).
type Scenario struct {
	Name    string    // short slug, e.g. "tartus-2025"
	Version int       // version of the scenario file's content
	Title   string    // one line for people
	Station string    // tag-block station of every sentence
	Start   time.Time // first instant of the capture
	End     time.Time // end of the capture, exclusive
	// Reception is the receiver model applied to the scenario's vessels
	// (and, with each Background's Interval, to the background).
	Reception Reception
	// Inshore lists areas where the vessels legitimately sail where a
	// small-scale coastline shows land (canals, lagoons, harbours); tests
	// that check fixes against land skip them.
	Inshore []Box
	// Waypoints are the named points plans refer to.
	Waypoints map[string]LatLon
	Vessels   []ScenarioVessel
	// Background is traffic from the Generator.
	Background []Background
}

// LatLon is a point in degrees.
type LatLon struct{ Lat, Lon float64 }

// Box is a named latitude/longitude box.
type Box struct {
	Name string
	Area Area
}

// Reception is the receiver model: a vessel inside one of the Terrestrial
// boxes (coverage of coastal receivers) is heard at most once per
// TerrestrialInterval (and never more often than ITU-R M.1371 has it
// report); elsewhere only satellite passes hear it, about once per
// SatelliteInterval (uniformly 0.5 to 1.5 times it). Static data (type 5)
// is heard with a position report when StaticInterval has passed since the
// last one heard.
type Reception struct {
	Terrestrial         []Box
	TerrestrialInterval time.Duration
	SatelliteInterval   time.Duration
	StaticInterval      time.Duration
}

// ScenarioVessel is a vessel of the story with its identity and plan.
type ScenarioVessel struct {
	Name        string
	MMSI        uint32
	IMO         uint32 // 0: none
	Callsign    string
	ShipType    uint8
	Length      int     // metres
	Beam        int     // metres
	Draught     float64 // metres
	Destination string  // declared at the start
	Plan        []Step
}

// StepKind says what a plan step does.
type StepKind string

// Plan step kinds.
const (
	StepStart       StepKind = "at"          // where the vessel is at the start (first step only)
	StepStay        StepKind = "stay"        // stay where it is until a time
	StepSail        StepKind = "sail"        // sail through waypoints at a speed
	StepCircle      StepKind = "circle"      // circle a waypoint until a time
	StepAIS         StepKind = "ais"         // switch the transponder off or on
	StepDestination StepKind = "destination" // change the declared destination
)

// Step is one step of a vessel's plan.
type Step struct {
	Kind StepKind
	Line int // line in the scenario file
	// At (StepStart) and Circle (StepCircle) name a waypoint; Sail
	// (StepSail) names the waypoints in order.
	At     string
	Sail   []string
	Circle string
	// Time is the vessel's start (StepStart; zero: the scenario's start).
	Time time.Time
	// Until ends a StepStay or StepCircle.
	Until time.Time
	// Knots is the speed of StepSail and StepCircle.
	Knots float64
	// RadiusNM is the radius of a StepCircle.
	RadiusNM float64
	// Status is the AIS navigational status while staying or at the start:
	// "moored", "anchored" or "under way".
	Status string
	// AIS is "on" or "off" (StepAIS).
	AIS string
	// Destination is the new declared destination (StepDestination).
	Destination string
	// Note says why (free text).
	Note string
}

// Background is traffic from the Generator in an area and time window,
// thinned to at most one position report per vessel per Interval and one
// static report per StaticInterval.
type Background struct {
	Name           string
	Vessels        int
	Area           Area
	From, To       time.Time
	ClassBShare    float64
	GapsPerDay     float64
	Interval       time.Duration
	StaticInterval time.Duration
}

// MaxScenarioSize bounds the scenario files LoadScenario reads, in bytes.
const MaxScenarioSize = 1 << 20

// Bounds of a scenario, so that a file cannot ask for an unbounded capture.
const (
	maxScenarioSpan       = 120 * 24 * time.Hour
	maxScenarioVessels    = 100
	maxScenarioSteps      = 1000
	maxScenarioWaypoints  = 10_000
	maxBackgroundVessels  = 5000 // per Background
	maxBackgroundVesselDs = 20_000
	minReceptionInterval  = time.Second
)

// ScenarioError is a problem at a place in a scenario file. Error formats
// it as "file:line: field: problem". It unwraps to a *sitrep.Error with
// code EINVALID.
type ScenarioError struct {
	File  string
	Line  int    // 0 when unknown
	Field string // path of the field ("vessels[0].plan[3].sail"), empty for the whole file
	Msg   string
}

func (e *ScenarioError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap classifies the error as invalid input.
func (e *ScenarioError) Unwrap() error { return sitrep.Errorf(sitrep.EINVALID, "%s", e.Msg) }

// LoadScenario reads and checks the scenario file at path.
//
// Errors: a *ScenarioError ("file:line: field: problem") for the first
// problem found: a file larger than MaxScenarioSize, YAML syntax, unknown
// or missing fields, bad times, durations or coordinates, unknown
// waypoints, a plan that cannot be followed (a stay that ends before the
// vessel gets there), or a capture out of bounds; the error of os.ReadFile
// when the file cannot be read.
func LoadScenario(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseScenario(path, data)
}

// ParseScenario is LoadScenario for data already read; name is used in
// errors.
func ParseScenario(name string, data []byte) (sc *Scenario, err error) {
	p := &scenarioParser{name: name}
	if len(data) > MaxScenarioSize {
		return nil, p.errf("", "file is %d bytes, larger than the limit of %d", len(data), MaxScenarioSize)
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, p.yamlErr(err)
	}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		return nil, p.errf("", "want exactly one YAML document, have %d", len(f.Docs))
	}
	body := f.Docs[0].Body
	p.lines = map[string]int{}
	if bad := p.index("", body, 0); bad != nil {
		return nil, p.errAt(nodeLine(bad), "", "anchors, aliases and tags are not allowed in scenario files")
	}
	var raw rawScenario
	if err := decodeNode(body, &raw); err != nil {
		return nil, p.yamlErr(err)
	}
	return p.scenario(&raw)
}

// The file as written.
type rawScenario struct {
	Scenario   string               `yaml:"scenario"`
	Version    int                  `yaml:"version"`
	Title      string               `yaml:"title"`
	Notes      string               `yaml:"notes"`
	Sources    []string             `yaml:"sources"`
	Station    string               `yaml:"station"`
	Start      string               `yaml:"start"`
	End        string               `yaml:"end"`
	Reception  rawReception         `yaml:"reception"`
	Inshore    []rawBox             `yaml:"inshore"`
	Waypoints  map[string][]float64 `yaml:"waypoints"`
	Vessels    []rawVessel          `yaml:"vessels"`
	Background []rawBackground      `yaml:"background"`
}

type rawReception struct {
	TerrestrialInterval string   `yaml:"terrestrial_interval"`
	SatelliteInterval   string   `yaml:"satellite_interval"`
	StaticInterval      string   `yaml:"static_interval"`
	Terrestrial         []rawBox `yaml:"terrestrial"`
}

type rawBox struct {
	Name string    `yaml:"name"`
	Box  []float64 `yaml:"box"`
	Why  string    `yaml:"why"`
}

type rawVessel struct {
	Name        string    `yaml:"name"`
	MMSI        uint32    `yaml:"mmsi"`
	IMO         uint32    `yaml:"imo"`
	Callsign    string    `yaml:"callsign"`
	ShipType    int       `yaml:"ship_type"`
	Length      int       `yaml:"length"`
	Beam        int       `yaml:"beam"`
	Draught     float64   `yaml:"draught"`
	Destination string    `yaml:"destination"`
	Note        string    `yaml:"note"`
	Plan        []rawStep `yaml:"plan"`
}

type rawStep struct {
	At          string   `yaml:"at"`
	Time        string   `yaml:"time"`
	Stay        string   `yaml:"stay"`
	Sail        []string `yaml:"sail"`
	Circle      string   `yaml:"circle"`
	Until       string   `yaml:"until"`
	Kn          float64  `yaml:"kn"`
	RadiusNM    float64  `yaml:"radius_nm"`
	Status      string   `yaml:"status"`
	AIS         string   `yaml:"ais"`
	Destination string   `yaml:"destination"`
	Note        string   `yaml:"note"`
}

type rawBackground struct {
	Name           string    `yaml:"name"`
	Vessels        int       `yaml:"vessels"`
	Area           []float64 `yaml:"area"`
	From           string    `yaml:"from"`
	To             string    `yaml:"to"`
	ClassB         float64   `yaml:"class_b"`
	GapsPerDay     float64   `yaml:"gaps_per_day"`
	Interval       string    `yaml:"interval"`
	StaticInterval string    `yaml:"static_interval"`
	Note           string    `yaml:"note"`
}

// decodeNode decodes n into v, rejecting unknown fields; go-yaml can panic
// on odd input (see reports.File), which becomes an error.
func decodeNode(n ast.Node, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot decode: %v", r)
		}
	}()
	return yaml.NodeToValue(n, v, yaml.DisallowUnknownField())
}

// scenarioParser turns a rawScenario into a Scenario, with the line of
// every field for errors.
type scenarioParser struct {
	name  string
	lines map[string]int // field path -> line
}

func (p *scenarioParser) errAt(line int, field, format string, args ...any) error {
	return &ScenarioError{File: p.name, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// errf reports a problem with field (a path), at its line or that of its
// nearest ancestor in the file.
func (p *scenarioParser) errf(field, format string, args ...any) error {
	line := 0
	for f := field; f != ""; f = parentPath(f) {
		if l, ok := p.lines[f]; ok {
			line = l
			break
		}
	}
	return p.errAt(line, field, format, args...)
}

// parentPath returns the path of the field containing path ("a.b[2]" ->
// "a.b" -> "a" -> "").
func parentPath(path string) string {
	if strings.HasSuffix(path, "]") {
		if i := strings.LastIndexByte(path, '['); i >= 0 {
			return path[:i]
		}
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

var yamlLineRE = regexp.MustCompile(`^\[(\d+):(\d+)\]\s*`)

func (p *scenarioParser) yamlErr(err error) error {
	msg, line := err.Error(), 0
	if ye, ok := err.(yaml.Error); ok {
		msg = ye.GetMessage()
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			line = tk.Position.Line
		}
	}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return p.errAt(line, "", "%s", strings.TrimSpace(msg))
}

// index records the line of every field below n under path, and returns a
// node that is an anchor, alias or tag, if any.
func (p *scenarioParser) index(path string, n ast.Node, depth int) ast.Node {
	if n == nil || depth > 64 {
		return nil
	}
	switch x := n.(type) {
	case *ast.AnchorNode, *ast.AliasNode, *ast.TagNode:
		return n
	case *ast.MappingNode:
		for _, mv := range x.Values {
			if bad := p.index(path, mv, depth+1); bad != nil {
				return bad
			}
		}
	case *ast.MappingValueNode:
		key := ""
		if x.Key != nil {
			if _, ok := x.Key.(*ast.MappingKeyNode); ok {
				return x.Key
			}
			key = x.Key.String()
		}
		if path != "" {
			key = path + "." + key
		}
		if _, ok := p.lines[key]; !ok {
			p.lines[key] = nodeLine(x.Key)
		}
		return p.index(key, x.Value, depth+1)
	case *ast.SequenceNode:
		for i, v := range x.Values {
			k := fmt.Sprintf("%s[%d]", path, i)
			p.lines[k] = nodeLine(v)
			if bad := p.index(k, v, depth+1); bad != nil {
				return bad
			}
		}
	}
	return nil
}

// nodeLine returns the line n starts on, 0 when unknown.
func nodeLine(n ast.Node) int {
	if n == nil {
		return 0
	}
	if mv, ok := n.(*ast.MappingValueNode); ok && mv.Key != nil {
		return nodeLine(mv.Key)
	}
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 && !m.IsFlowStyle {
		return nodeLine(m.Values[0])
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line
	}
	return 0
}

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
var waypointRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,31}$`)

func (p *scenarioParser) scenario(r *rawScenario) (*Scenario, error) {
	sc := &Scenario{Name: r.Scenario, Version: r.Version, Title: r.Title, Station: r.Station,
		Waypoints: make(map[string]LatLon, len(r.Waypoints))}
	if !slugRE.MatchString(r.Scenario) {
		return nil, p.errf("scenario", "want a lower-case name of letters, digits and dashes (e.g. tartus-2025), have %q", r.Scenario)
	}
	if r.Version < 1 {
		return nil, p.errf("version", "want a version number of 1 or more, have %d", r.Version)
	}
	if sc.Station == "" {
		sc.Station = DefaultStation + "-" + sc.Name
	}
	if !strings.HasPrefix(sc.Station, DefaultStation) {
		return nil, p.errf("station", "%q must start with %q, so that the capture says it is simulated", sc.Station, DefaultStation)
	}
	if err := checkStation(sc.Station); err != nil {
		return nil, p.errf("station", "%v", err)
	}
	var err error
	if sc.Start, err = p.time("start", r.Start); err != nil {
		return nil, err
	}
	if sc.End, err = p.time("end", r.End); err != nil {
		return nil, err
	}
	if !sc.End.After(sc.Start) || sc.End.Sub(sc.Start) > maxScenarioSpan {
		return nil, p.errf("end", "%s must be after start %s and at most %v later", r.End, r.Start, maxScenarioSpan)
	}
	if err := p.reception(&sc.Reception, &r.Reception); err != nil {
		return nil, err
	}
	for i, b := range r.Inshore {
		box, err := p.box(fmt.Sprintf("inshore[%d]", i), b)
		if err != nil {
			return nil, err
		}
		sc.Inshore = append(sc.Inshore, box)
	}
	if len(r.Waypoints) > maxScenarioWaypoints {
		return nil, p.errf("waypoints", "%d waypoints, at most %d", len(r.Waypoints), maxScenarioWaypoints)
	}
	names := make([]string, 0, len(r.Waypoints))
	for n := range r.Waypoints {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f := "waypoints." + n
		if !waypointRE.MatchString(n) {
			return nil, p.errf(f, "waypoint names are upper-case letters, digits and _ (e.g. GIB_W), have %q", n)
		}
		ll, err := p.latLon(f, r.Waypoints[n])
		if err != nil {
			return nil, err
		}
		sc.Waypoints[n] = ll
	}
	if len(r.Vessels) == 0 && len(r.Background) == 0 {
		return nil, p.errf("vessels", "the scenario has no vessels and no background")
	}
	if len(r.Vessels) > maxScenarioVessels {
		return nil, p.errf("vessels", "%d vessels, at most %d", len(r.Vessels), maxScenarioVessels)
	}
	mmsis := map[uint32]string{}
	for i := range r.Vessels {
		f := fmt.Sprintf("vessels[%d]", i)
		v, err := p.vessel(f, sc, &r.Vessels[i])
		if err != nil {
			return nil, err
		}
		if other, dup := mmsis[v.MMSI]; dup {
			return nil, p.errf(f+".mmsi", "MMSI %d is also that of %s", v.MMSI, other)
		}
		mmsis[v.MMSI] = f
		sc.Vessels = append(sc.Vessels, v)
	}
	total := 0.0
	for i := range r.Background {
		f := fmt.Sprintf("background[%d]", i)
		b, err := p.background(f, sc, &r.Background[i])
		if err != nil {
			return nil, err
		}
		total += float64(b.Vessels) * b.To.Sub(b.From).Hours() / 24
		if total > maxBackgroundVesselDs {
			return nil, p.errf(f, "the background adds up to more than %d vessel-days", maxBackgroundVesselDs)
		}
		sc.Background = append(sc.Background, b)
	}
	// Follow every plan once, so that a plan that cannot be followed is
	// an error here and not in Write.
	for i := range sc.Vessels {
		if _, err := sc.Vessels[i].track(sc); err != nil {
			return nil, p.errAt(err.line, fmt.Sprintf("vessels[%d].plan[%d]", i, err.step), "%s", err.msg)
		}
	}
	return sc, nil
}

// checkStation checks a tag-block station.
func checkStation(s string) error {
	if len(s) > 64 {
		return fmt.Errorf("station %q is longer than 64 bytes", s)
	}
	for i := 0; i < len(s); i++ {
		if b := s[i]; b <= ' ' || b >= 0x7f || strings.IndexByte(`,*!$\`, b) >= 0 {
			return fmt.Errorf("station %q: want printable ASCII without , * ! $ \\", s)
		}
	}
	return nil
}

func (p *scenarioParser) time(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, p.errf(field, "missing (want an RFC 3339 time, e.g. 2025-01-20T00:00:00Z)")
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, p.errf(field, "%q is not an RFC 3339 time (e.g. 2025-01-20T00:00:00Z)", s)
	}
	if t.Year() < 1980 || t.Year() > 2100 {
		return time.Time{}, p.errf(field, "%q is out of range (1980..2100)", s)
	}
	return t.UTC(), nil
}

func (p *scenarioParser) duration(field, s string, def time.Duration) (time.Duration, error) {
	if s == "" {
		return def, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < minReceptionInterval || d > 24*time.Hour {
		return 0, p.errf(field, "%q: want a duration from 1s to 24h, e.g. 1m or 40m", s)
	}
	return d, nil
}

func (p *scenarioParser) latLon(field string, v []float64) (LatLon, error) {
	if len(v) != 2 {
		return LatLon{}, p.errf(field, "want [lat, lon] in degrees, have %d numbers", len(v))
	}
	if !(v[0] >= -85 && v[0] <= 85) || !(v[1] >= -180 && v[1] <= 180) {
		return LatLon{}, p.errf(field, "[%v, %v] is not a latitude (-85..85) and longitude (-180..180)", v[0], v[1])
	}
	return LatLon{v[0], v[1]}, nil
}

func (p *scenarioParser) area(field string, v []float64) (Area, error) {
	if len(v) != 4 {
		return Area{}, p.errf(field, "want [minlat, minlon, maxlat, maxlon] in degrees, have %d numbers", len(v))
	}
	a := Area{MinLat: v[0], MinLon: v[1], MaxLat: v[2], MaxLon: v[3]}
	if !(a.MinLat < a.MaxLat && a.MinLon < a.MaxLon && a.MinLat >= -90 && a.MaxLat <= 90 && a.MinLon >= -180 && a.MaxLon <= 180) {
		return Area{}, p.errf(field, "%v is not a box [minlat, minlon, maxlat, maxlon]", v)
	}
	return a, nil
}

func (p *scenarioParser) box(field string, b rawBox) (Box, error) {
	if b.Name == "" {
		return Box{}, p.errf(field+".name", "missing")
	}
	a, err := p.area(field+".box", b.Box)
	return Box{Name: b.Name, Area: a}, err
}

func (p *scenarioParser) reception(rc *Reception, r *rawReception) error {
	var err error
	if rc.TerrestrialInterval, err = p.duration("reception.terrestrial_interval", r.TerrestrialInterval, time.Minute); err != nil {
		return err
	}
	if rc.SatelliteInterval, err = p.duration("reception.satellite_interval", r.SatelliteInterval, 40*time.Minute); err != nil {
		return err
	}
	if rc.StaticInterval, err = p.duration("reception.static_interval", r.StaticInterval, IntervalStatic*time.Millisecond); err != nil {
		return err
	}
	for i, b := range r.Terrestrial {
		box, err := p.box(fmt.Sprintf("reception.terrestrial[%d]", i), b)
		if err != nil {
			return err
		}
		rc.Terrestrial = append(rc.Terrestrial, box)
	}
	return nil
}

// Navigational statuses a plan may name.
var planStatus = map[string]uint8{"moored": 5, "anchored": statusAnchored, "under way": statusUnderWay}

func (p *scenarioParser) vessel(f string, sc *Scenario, r *rawVessel) (ScenarioVessel, error) {
	v := ScenarioVessel{Name: r.Name, MMSI: r.MMSI, IMO: r.IMO, Callsign: r.Callsign, Length: r.Length,
		Beam: r.Beam, Draught: r.Draught, Destination: r.Destination}
	switch {
	case r.Name == "" || len(r.Name) > 20 || !sixBit(r.Name):
		return v, p.errf(f+".name", "%q: want 1 to 20 characters of the AIS 6-bit set (upper case)", r.Name)
	case r.MMSI < 200_000_000 || r.MMSI > 799_999_999:
		return v, p.errf(f+".mmsi", "%d is not a ship station MMSI (9 digits, MID 2xx-7xx)", r.MMSI)
	case r.IMO != 0 && !ValidIMO(r.IMO):
		return v, p.errf(f+".imo", "%d is not an IMO number with a valid check digit", r.IMO)
	case len(r.Callsign) > 7 || !sixBit(r.Callsign):
		return v, p.errf(f+".callsign", "%q: want at most 7 characters of the AIS 6-bit set", r.Callsign)
	case r.ShipType < 0 || r.ShipType > 99:
		return v, p.errf(f+".ship_type", "%d is not an AIS ship type (0..99)", r.ShipType)
	case r.Length < 0 || r.Length > 500 || r.Beam < 0 || r.Beam > 126:
		return v, p.errf(f+".length", "length %d m and beam %d m: want 0..500 and 0..126", r.Length, r.Beam)
	case !(r.Draught >= 0 && r.Draught <= 25.5):
		return v, p.errf(f+".draught", "%v m: want 0..25.5", r.Draught)
	case len(r.Destination) > 20 || !sixBit(r.Destination):
		return v, p.errf(f+".destination", "%q: want at most 20 characters of the AIS 6-bit set", r.Destination)
	case len(r.Plan) == 0:
		return v, p.errf(f+".plan", "missing: a plan starts with the vessel's place (at: WAYPOINT)")
	case len(r.Plan) > maxScenarioSteps:
		return v, p.errf(f+".plan", "%d steps, at most %d", len(r.Plan), maxScenarioSteps)
	}
	v.ShipType = uint8(r.ShipType)
	for i := range r.Plan {
		s, err := p.step(fmt.Sprintf("%s.plan[%d]", f, i), i, sc, &r.Plan[i])
		if err != nil {
			return v, err
		}
		v.Plan = append(v.Plan, s)
	}
	return v, nil
}

// sixBit reports whether s holds only characters of the AIS 6-bit text
// set (upper case, digits, space and some punctuation).
func sixBit(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b > 0x5f {
			return false
		}
	}
	return true
}

func (p *scenarioParser) step(f string, i int, sc *Scenario, r *rawStep) (Step, error) {
	s := Step{Line: p.lines[f], Knots: r.Kn, RadiusNM: r.RadiusNM, Status: r.Status, AIS: r.AIS,
		Destination: r.Destination, Note: r.Note}
	var kinds []StepKind
	if r.At != "" {
		kinds = append(kinds, StepStart)
	}
	if r.Stay != "" {
		kinds = append(kinds, StepStay)
	}
	if len(r.Sail) > 0 {
		kinds = append(kinds, StepSail)
	}
	if r.Circle != "" {
		kinds = append(kinds, StepCircle)
	}
	if r.AIS != "" {
		kinds = append(kinds, StepAIS)
	}
	if r.Destination != "" {
		kinds = append(kinds, StepDestination)
	}
	if len(kinds) != 1 {
		return s, p.errf(f, "want exactly one of at, stay, sail, circle, ais, destination; have %d", len(kinds))
	}
	s.Kind = kinds[0]
	if (i == 0) != (s.Kind == StepStart) {
		return s, p.errf(f, "a plan starts with at: WAYPOINT, and only there")
	}
	wp := func(field, name string) error {
		if _, ok := sc.Waypoints[name]; !ok {
			return p.errf(f+"."+field, "unknown waypoint %q (define it under waypoints)", name)
		}
		return nil
	}
	speed := func() error {
		if !(r.Kn >= 0.5 && r.Kn <= 40) {
			return p.errf(f+".kn", "%v kn: want a speed from 0.5 to 40 knots", r.Kn)
		}
		return nil
	}
	var err error
	switch s.Kind {
	case StepStart:
		s.At = r.At
		if err := wp("at", r.At); err != nil {
			return s, err
		}
		if r.Time != "" {
			if s.Time, err = p.time(f+".time", r.Time); err != nil {
				return s, err
			}
			if s.Time.Before(sc.Start) || !s.Time.Before(sc.End) {
				return s, p.errf(f+".time", "%s is outside the scenario (%s to %s)", r.Time, sc.Start.Format(time.RFC3339), sc.End.Format(time.RFC3339))
			}
		}
		if r.Status == "" {
			s.Status = "under way"
		}
	case StepStay:
		if s.Until, err = p.time(f+".stay", r.Stay); err != nil {
			return s, err
		}
	case StepSail:
		for j, n := range r.Sail {
			if err := wp(fmt.Sprintf("sail[%d]", j), n); err != nil {
				return s, err
			}
		}
		s.Sail = r.Sail
		if err := speed(); err != nil {
			return s, err
		}
	case StepCircle:
		s.Circle = r.Circle
		if err := wp("circle", r.Circle); err != nil {
			return s, err
		}
		if s.Until, err = p.time(f+".until", r.Until); err != nil {
			return s, err
		}
		if err := speed(); err != nil {
			return s, err
		}
		if !(r.RadiusNM >= 0.2 && r.RadiusNM <= 50) {
			return s, p.errf(f+".radius_nm", "%v nm: want 0.2 to 50", r.RadiusNM)
		}
	case StepAIS:
		if r.AIS != "on" && r.AIS != "off" {
			return s, p.errf(f+".ais", "%q: want on or off", r.AIS)
		}
	case StepDestination:
		if len(r.Destination) > 20 || !sixBit(r.Destination) {
			return s, p.errf(f+".destination", "%q: want at most 20 characters of the AIS 6-bit set", r.Destination)
		}
	}
	if s.Status != "" {
		if _, ok := planStatus[s.Status]; !ok {
			return s, p.errf(f+".status", "%q: want moored, anchored or under way", s.Status)
		}
		if s.Kind != StepStart && s.Kind != StepStay {
			return s, p.errf(f+".status", "only at and stay steps have a status")
		}
	}
	if (r.Until != "" && s.Kind != StepCircle) || (r.Time != "" && s.Kind != StepStart) ||
		(r.Kn != 0 && s.Kind != StepSail && s.Kind != StepCircle) || (r.RadiusNM != 0 && s.Kind != StepCircle) {
		return s, p.errf(f, "until goes with circle, time with at, kn with sail and circle, radius_nm with circle")
	}
	return s, nil
}

func (p *scenarioParser) background(f string, sc *Scenario, r *rawBackground) (Background, error) {
	b := Background{Name: r.Name, Vessels: r.Vessels, ClassBShare: r.ClassB, GapsPerDay: r.GapsPerDay}
	if r.Name == "" {
		return b, p.errf(f+".name", "missing")
	}
	if r.Vessels < 1 || r.Vessels > maxBackgroundVessels {
		return b, p.errf(f+".vessels", "%d: want 1..%d", r.Vessels, maxBackgroundVessels)
	}
	var err error
	if b.Area, err = p.area(f+".area", r.Area); err != nil {
		return b, err
	}
	if b.From, err = p.time(f+".from", r.From); err != nil {
		return b, err
	}
	if b.To, err = p.time(f+".to", r.To); err != nil {
		return b, err
	}
	if b.From.Before(sc.Start) || b.To.After(sc.End) || !b.To.After(b.From) {
		return b, p.errf(f+".to", "the window %s to %s must lie inside the scenario (%s to %s)", r.From, r.To,
			sc.Start.Format(time.RFC3339), sc.End.Format(time.RFC3339))
	}
	if !(r.ClassB >= 0 && r.ClassB <= 1) {
		return b, p.errf(f+".class_b", "%v: want a share from 0 to 1", r.ClassB)
	}
	if !(r.GapsPerDay >= 0 && r.GapsPerDay <= 100) {
		return b, p.errf(f+".gaps_per_day", "%v: want 0 to 100", r.GapsPerDay)
	}
	if b.Interval, err = p.duration(f+".interval", r.Interval, 0); err != nil {
		return b, err
	}
	if b.StaticInterval, err = p.duration(f+".static_interval", r.StaticInterval, 30*time.Minute); err != nil {
		return b, err
	}
	if _, err := newWorld(DefaultLanes(), b.Area); err != nil {
		return b, p.errf(f+".area", "the simulator has no lanes or fishing grounds in %v", r.Area)
	}
	if math.IsNaN(b.ClassBShare) {
		return b, p.errf(f+".class_b", "not a number")
	}
	return b, nil
}
