package detect

import (
	"math"
	"sort"

	"github.com/sitrep-osint/sitrep"
)

// Params are the detection parameters. Each has a name (ParamNames) by
// which it is set globally (Set, `sitrep detect --param name=value`) and
// per site (sitrep.Site.Params), and which events record in Rule.Params.
// DefaultParams gives the defaults; the table in docs/detection.md lists
// them with their units and where each default comes from.
type Params struct {
	// ConfirmFixes (confirm_fixes, fixes): consecutive fixes inside (or
	// outside) a site needed to confirm an entry (or an exit). Default 2:
	// the "confirmation by a second fix".
	ConfirmFixes float64
	// HysteresisM (hysteresis_m, metres): how far outside a site's shape a
	// fix must lie to count towards an exit; fixes nearer stay inside.
	// Default 250 m (sitrep; GFW's port visits use 1 km: entry within 3 km
	// of an anchorage, exit beyond 4 km).
	HysteresisM float64
	// FixGapMin (fix_gap_min, minutes): when the last fix before an entry
	// (or exit) is older than this, the crossing time is not observed and
	// the event gets StartBounds (EndBounds) instead. Default 60 min
	// (sitrep; AIS-catcher likewise refuses to invent crossing times).
	FixGapMin float64
	// MinDwellMin (min_dwell_min, minutes): a visit is reported once the
	// vessel has been inside this long; shorter stays are pass-throughs
	// with only arrival and departure. Default 30 min (sitrep).
	MinDwellMin float64
	// StopSOGKn (stop_sog_kn, knots): a fix below this speed, or with nav
	// status moored or at anchor, counts as stopped. Default 0.5 kn (GFW
	// port stops end above 0.5 kn).
	StopSOGKn float64
	// GapFlagH (gap_flag_h, hours): silence this long is a gap event.
	// Default 6 h (issue 4).
	GapFlagH float64
	// GapSuspiciousH (gap_suspicious_h, hours): a gap this long is marked
	// suspicious. Default 12 h (issue 4; GFW's AIS-disabling events use
	// 12 h).
	GapSuspiciousH float64
	// EncounterDistanceM (encounter_distance_m, metres): two vessels this
	// close may be meeting. Default 500 m (GFW encounters).
	EncounterDistanceM float64
	// EncounterMinH (encounter_min_h, hours): how long they must stay close
	// and slow. Default 2 h (GFW encounters).
	EncounterMinH float64
	// EncounterMaxSOGKn (encounter_max_sog_kn, knots): both must be slower
	// than this. Default 2 kn (GFW encounters, median speed).
	EncounterMaxSOGKn float64
	// EncounterFixAgeMin (encounter_fix_age_min, minutes): the other
	// vessel's latest fix must be at most this old to count as present.
	// Default 30 min (sitrep).
	EncounterFixAgeMin float64
	// EncounterExclude (encounter_exclude, 0 or 1): 1 disables encounters
	// at fixes inside the site (set it per site: busy harbours, not naval
	// piers). Default 0. GFW instead excludes a blanket 10 km of coast.
	EncounterExclude float64
	// LoiterMaxSOGKn (loiter_max_sog_kn, knots): slower than this counts as
	// loitering. Default 2 kn (issue 4, after GFW loitering).
	LoiterMaxSOGKn float64
	// LoiterMinH (loiter_min_h, hours): for at least this long, outside
	// port, naval base and anchorage sites. Default 4 h (issue 4).
	LoiterMinH float64
	// TransitDedupH (transit_dedup_h, hours): a transit of the same site by
	// the same vessel starting within this time of the previous one's end
	// is a duplicate (jitter on a gate) and is dropped. Default 6 h
	// (sitrep).
	TransitDedupH float64
	// TransitMinFrac (transit_min_frac, 0..1): through a polygon gate,
	// the first and last fixes inside must lie at least this fraction of
	// the gate's width apart, measured across the gate (the polygon's
	// narrowest extent, the way through a band drawn across a strait), so
	// a vessel leaving by the side it came in, clipping a corner, or a
	// ferry crossing the strait along the band is no transit. Default 0.5
	// (sitrep).
	TransitMinFrac float64
	// JumpMaxKnClassA (jump_max_kn_class_a, knots): implied speed above
	// which a Class A (or unknown-class) station jumped. Default 60 kn
	// (ingest's limit; fast ferries reach about 45 kn).
	JumpMaxKnClassA float64
	// JumpMaxKnClassB (jump_max_kn_class_b, knots): the same for Class B.
	// Default 60 kn (ingest's limit).
	JumpMaxKnClassB float64
	// JumpMaxKnSAR (jump_max_kn_sar, knots): the same for SAR aircraft.
	// Default 600 kn (ingest's limit).
	JumpMaxKnSAR float64
	// JumpMinM (jump_min_m, metres): moves shorter than this are never
	// jumps (GNSS noise between close fixes). Default 500 m (ingest).
	JumpMinM float64
	// JumpTimeSlackS (jump_time_slack_s, seconds): added to the time
	// between two fixes before the implied speed is compared with the
	// limit, because fix times from satellite and aggregated feeds are
	// receive times, often tens of seconds off the transmission (the real
	// exactEarth capture in testdata shows 1-2 km moves stamped 5-10 s
	// apart). Default 60 s (sitrep).
	JumpTimeSlackS float64
	// SharedMinSwitches (shared_min_switches, count): alternations between
	// two tracks, each too far from the other to reach, that mark two
	// stations on one MMSI. Default 3 (sitrep).
	SharedMinSwitches float64
	// SharedMinM (shared_min_m, metres): the two tracks must lie at least
	// this far apart; closer alternations (satellite timestamps off by a
	// minute) are no evidence of two stations. Default 5,000 m (sitrep).
	SharedMinM float64
	// SharedWindowH (shared_window_h, hours): the alternations must fall
	// within this time of each other. Default 1 h (sitrep).
	SharedWindowH float64
	// DeclaredMatchKm (declared_match_km, km): an arrival site and a
	// declared port without comparable LOCODEs match when this close.
	// Default 30 km (sitrep).
	DeclaredMatchKm float64
}

// paramSpec describes one parameter: its name, its field, and its bounds.
type paramSpec struct {
	name     string
	field    func(p *Params) *float64
	min, max float64
	def      float64
}

// paramSpecs lists every parameter in documentation order; read-only.
var paramSpecs = []paramSpec{
	{"confirm_fixes", func(p *Params) *float64 { return &p.ConfirmFixes }, 1, 100, 2},
	{"hysteresis_m", func(p *Params) *float64 { return &p.HysteresisM }, 0, 100_000, 250},
	{"fix_gap_min", func(p *Params) *float64 { return &p.FixGapMin }, 0, 100_000, 60},
	{"min_dwell_min", func(p *Params) *float64 { return &p.MinDwellMin }, 0, 1e6, 30},
	{"stop_sog_kn", func(p *Params) *float64 { return &p.StopSOGKn }, 0, 102.2, 0.5},
	{"gap_flag_h", func(p *Params) *float64 { return &p.GapFlagH }, 0, 1e5, 6},
	{"gap_suspicious_h", func(p *Params) *float64 { return &p.GapSuspiciousH }, 0, 1e5, 12},
	{"encounter_distance_m", func(p *Params) *float64 { return &p.EncounterDistanceM }, 0, 50_000, 500},
	{"encounter_min_h", func(p *Params) *float64 { return &p.EncounterMinH }, 0, 1e4, 2},
	{"encounter_max_sog_kn", func(p *Params) *float64 { return &p.EncounterMaxSOGKn }, 0, 102.2, 2},
	{"encounter_fix_age_min", func(p *Params) *float64 { return &p.EncounterFixAgeMin }, 0, 1e4, 30},
	{"encounter_exclude", func(p *Params) *float64 { return &p.EncounterExclude }, 0, 1, 0},
	{"loiter_max_sog_kn", func(p *Params) *float64 { return &p.LoiterMaxSOGKn }, 0, 102.2, 2},
	{"loiter_min_h", func(p *Params) *float64 { return &p.LoiterMinH }, 0, 1e4, 4},
	{"transit_dedup_h", func(p *Params) *float64 { return &p.TransitDedupH }, 0, 1e4, 6},
	{"transit_min_frac", func(p *Params) *float64 { return &p.TransitMinFrac }, 0, 1, 0.5},
	{"jump_max_kn_class_a", func(p *Params) *float64 { return &p.JumpMaxKnClassA }, 1, 1e5, 60},
	{"jump_max_kn_class_b", func(p *Params) *float64 { return &p.JumpMaxKnClassB }, 1, 1e5, 60},
	{"jump_max_kn_sar", func(p *Params) *float64 { return &p.JumpMaxKnSAR }, 1, 1e5, 600},
	{"jump_min_m", func(p *Params) *float64 { return &p.JumpMinM }, 0, 1e7, 500},
	{"jump_time_slack_s", func(p *Params) *float64 { return &p.JumpTimeSlackS }, 0, 86_400, 60},
	{"shared_min_switches", func(p *Params) *float64 { return &p.SharedMinSwitches }, 1, 1000, 3},
	{"shared_min_m", func(p *Params) *float64 { return &p.SharedMinM }, 0, 1e7, 5000},
	{"shared_window_h", func(p *Params) *float64 { return &p.SharedWindowH }, 0, 1e4, 1},
	{"declared_match_km", func(p *Params) *float64 { return &p.DeclaredMatchKm }, 0, 1e5, 30},
}

// DefaultParams returns the default parameters documented on Params.
func DefaultParams() Params {
	var p Params
	for _, s := range paramSpecs {
		*s.field(&p) = s.def
	}
	return p
}

// ParamNames returns the names of all parameters, in documentation order.
func ParamNames() []string {
	names := make([]string, len(paramSpecs))
	for i, s := range paramSpecs {
		names[i] = s.name
	}
	return names
}

func specOf(name string) (paramSpec, bool) {
	for _, s := range paramSpecs {
		if s.name == name {
			return s, true
		}
	}
	return paramSpec{}, false
}

// Get returns the value of the parameter name and whether there is one.
func (p Params) Get(name string) (float64, bool) {
	s, ok := specOf(name)
	if !ok {
		return 0, false
	}
	return *s.field(&p), true
}

// Set sets the parameter name to v.
//
// Errors: an *sitrep.Error with code EINVALID naming the parameter when
// name is unknown or v is NaN, infinite or outside the parameter's range
// (negative values never are); p is then unchanged.
func (p *Params) Set(name string, v float64) error {
	s, ok := specOf(name)
	if !ok {
		return sitrep.Errorf(sitrep.EINVALID, "unknown detection parameter %q (known: %v)", name, ParamNames())
	}
	if err := s.check(v); err != nil {
		return err
	}
	*s.field(p) = v
	return nil
}

func (s paramSpec) check(v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return sitrep.Errorf(sitrep.EINVALID, "detection parameter %s: %v is not a finite number", s.name, v)
	}
	if v < 0 {
		return sitrep.Errorf(sitrep.EINVALID, "detection parameter %s: %v is negative", s.name, v)
	}
	if v < s.min || v > s.max {
		return sitrep.Errorf(sitrep.EINVALID, "detection parameter %s: %v is outside %v..%v", s.name, v, s.min, s.max)
	}
	return nil
}

// Validate checks every parameter against its range.
//
// Errors: EINVALID naming the first parameter out of range.
func (p Params) Validate() error {
	for _, s := range paramSpecs {
		if err := s.check(*s.field(&p)); err != nil {
			return err
		}
	}
	if p.GapSuspiciousH < p.GapFlagH {
		return sitrep.Errorf(sitrep.EINVALID, "detection parameter gap_suspicious_h (%v) is below gap_flag_h (%v)", p.GapSuspiciousH, p.GapFlagH)
	}
	return nil
}

// With returns p overridden by the values of overrides (a site's Params),
// applied in name order so that the first error is deterministic.
//
// Errors: as Set, for the first bad name or value; as Validate for the
// result.
func (p Params) With(overrides map[string]float64) (Params, error) {
	if len(overrides) == 0 {
		return p, nil
	}
	names := make([]string, 0, len(overrides))
	for n := range overrides {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := p.Set(n, overrides[n]); err != nil {
			return p, err
		}
	}
	return p, p.Validate()
}

// ValidateSite checks that every override in s.Params names a parameter
// and holds a value in its range (on top of the defaults).
//
// Errors: EINVALID naming the site and the parameter.
func ValidateSite(s *sitrep.Site) error {
	if _, err := DefaultParams().With(s.Params); err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "site %s: %s", s.ID, sitrep.ErrorMessage(err))
	}
	return nil
}

// rule returns the Rule name with the values of the named parameters.
func (p *Params) rule(name string, params ...string) sitrep.Rule {
	r := sitrep.Rule{Name: name, Params: make(map[string]float64, len(params))}
	for _, n := range params {
		s, _ := specOf(n)
		r.Params[n] = *s.field(p)
	}
	return r
}
