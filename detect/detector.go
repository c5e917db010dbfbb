package detect

import (
	"cmp"
	"slices"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// SiteIndex finds the sites near a fix. *sites.Index implements it; its
// cost per call must follow the number of sites near the point, not the
// total. The sites it returns must not change while a Detector uses them.
type SiteIndex interface {
	// Containing appends to dst the sites whose shape contains the point and returns it.
	Containing(dst []*sitrep.Site, lat, lon float64) []*sitrep.Site
	// Crossed appends to dst the line-shaped sites whose line the segment from→to crosses.
	Crossed(dst []*sitrep.Site, from, to sitrep.LatLon) []*sitrep.Site
}

// Config configures a Detector.
type Config struct {
	// Params are the global parameters; the zero Params is not valid, start
	// from DefaultParams.
	Params Params
	// Sites finds sites; nil means no sites (site, transit, loitering
	// exclusion and declared-vs-observed rules then never fire).
	Sites SiteIndex
	// Sink receives every event when it opens, each time it is updated and
	// when it closes, always under the same ID (a store puts it again).
	// Each call gets its own Evidence and Attrs, which the sink may keep.
	// Required.
	Sink func(sitrep.Event)
}

// Detector runs every rule over one stream of positions and identity
// updates in event-time order. Feed it with Position and Identity, ask it
// about silent vessels with Tick, and call Flush at the end of a replay.
// It is not safe for concurrent use.
type Detector struct {
	p       Params
	sites   SiteIndex
	sink    func(sitrep.Event)
	vessels map[sitrep.MMSI]*vessel
	// siteParams caches the effective Params of sites with overrides; nil
	// entries mark sites whose overrides were invalid (globals are used).
	siteParams map[*sitrep.Site]*Params
	err        error
	slow       *geo.PointIndex // vessels slow enough to meet (encounters)
	imos       map[uint32]sitrep.MMSI
	buf        []*sitrep.Site
	lineBuf    []*sitrep.Site
	near       []sitrep.MMSI
}

// New returns a Detector.
//
// Errors: EINVALID when cfg.Params fails Validate or cfg.Sink is nil.
func New(cfg Config) (*Detector, error) {
	if err := cfg.Params.Validate(); err != nil {
		return nil, err
	}
	if cfg.Sink == nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "detect: Config.Sink is nil")
	}
	slow, err := geo.NewPointIndex(encounterCellDeg)
	if err != nil {
		return nil, err
	}
	return &Detector{p: cfg.Params, sites: cfg.Sites, sink: cfg.Sink,
		vessels: make(map[sitrep.MMSI]*vessel), siteParams: make(map[*sitrep.Site]*Params),
		slow: slow, imos: make(map[uint32]sitrep.MMSI)}, nil
}

// Err returns the first problem met with a site's parameter overrides (its
// overrides are then ignored and the globals used), nil when none.
func (d *Detector) Err() error { return d.err }

// vessel is the detection state of one MMSI.
type vessel struct {
	mmsi    sitrep.MMSI
	inSlow  bool            // whether the encounter rule's slow index holds the vessel
	last    sitrep.Position // latest fix (any)
	hasLast bool
	// before is the fix preceding last (hasBefore when there is one), so
	// that identity events can cite the latest fix strictly before the
	// change whatever the order of a fix and a static message of one time.
	before    sitrep.Position
	hasBefore bool
	// lastGood is the latest plausible fix (not flagged by ingest), the one
	// site, loitering and encounter rules compare with.
	lastGood    sitrep.Position
	hasLastGood bool
	params      *Params // effective params at the latest fix
	sites       []*membership
	transits    []lastTransit
	gapLevel    int // 0: none reported, 1: flagged open gap reported, 2: suspicious
	gapID       string
	loiter      loiterState
	stations    stationState
	encounters  []*encounter
	// Declared voyage, from Identity.
	dest     string
	destPort *sitrep.PortRef
	destAt   time.Time
}

func (d *Detector) vessel(m sitrep.MMSI) *vessel {
	v := d.vessels[m]
	if v == nil {
		v = &vessel{mmsi: m, params: &d.p}
		d.vessels[m] = v
	}
	return v
}

// Position feeds one fix. Fixes must come in event-time order (across all
// vessels); a fix older than the vessel's latest, or with coordinates out
// of range, is ignored. Fixes ingest flagged as a speed jump still count
// for gaps and jumps but not for the site, loitering and encounter rules.
func (d *Detector) Position(p sitrep.Position) {
	if !sitrep.ValidCoordinates(p.Lat, p.Lon) || p.Flags&sitrep.FlagInvalidCoordinates != 0 {
		return
	}
	v := d.vessel(p.MMSI)
	if v.hasLast && p.Time.Before(v.last.Time) {
		return
	}
	d.gap(v, &p)
	d.jump(v, &p)
	if !p.Flags.Implausible() {
		var here []*sitrep.Site
		if d.sites != nil {
			d.buf = d.sites.Containing(d.buf[:0], p.Lat, p.Lon)
			here = d.buf
		}
		v.params = d.paramsAt(here)
		d.siteRules(v, &p, here)
		if v.hasLastGood && d.sites != nil {
			d.lines(v, &v.lastGood, &p)
		}
		d.loitering(v, &p, here)
		d.encounter(v, &p, here)
		v.lastGood, v.hasLastGood = p, true
	}
	if v.hasLast {
		v.before, v.hasBefore = v.last, true
	}
	v.last, v.hasLast = p, true
}

// paramsAt returns the effective params at a fix inside the sites here: the
// globals overridden by the site with overrides whose ID sorts first.
func (d *Detector) paramsAt(here []*sitrep.Site) *Params {
	var best *sitrep.Site
	for _, s := range here {
		if len(s.Params) > 0 && (best == nil || s.ID < best.ID) {
			best = s
		}
	}
	if best == nil {
		return &d.p
	}
	return d.paramsOf(best)
}

// paramsOf returns the effective params of site s.
func (d *Detector) paramsOf(s *sitrep.Site) *Params {
	if len(s.Params) == 0 {
		return &d.p
	}
	if p, ok := d.siteParams[s]; ok {
		if p == nil {
			return &d.p
		}
		return p
	}
	p, err := d.p.With(s.Params)
	if err != nil {
		if d.err == nil {
			d.err = sitrep.Errorf(sitrep.EINVALID, "site %s: %s", s.ID, sitrep.ErrorMessage(err))
		}
		d.siteParams[s] = nil
		return &d.p
	}
	d.siteParams[s] = &p
	return &p
}

// Tick reports gaps still open at now (the caller's clock, or the end of a
// replay): every vessel silent for gap_flag_h or more gets an open gap
// event, again when the silence becomes suspicious. Vessels are visited in
// MMSI order, so the events come in a deterministic order.
func (d *Detector) Tick(now time.Time) {
	for _, v := range d.sorted() {
		d.openGap(v, now)
	}
}

// Flush emits the current state of every event still open (visits,
// loitering, encounters) with the evidence so far, in MMSI order, for a
// store to keep at the end of a replay. It changes no state: feeding more
// positions afterwards continues as if Flush had not been called.
func (d *Detector) Flush() {
	for _, v := range d.sorted() {
		for _, m := range v.sites {
			if m.inside && m.visitOpen {
				d.sink(d.visitEvent(v, m, false))
			}
		}
		if v.loiter.open {
			d.sink(d.loiterEvent(v, false))
		}
		for _, e := range v.encounters {
			if e.open && e.a == v.mmsi {
				d.sink(d.encounterEvent(e, false))
			}
		}
	}
}

func (d *Detector) sorted() []*vessel {
	vs := make([]*vessel, 0, len(d.vessels))
	for _, v := range d.vessels {
		vs = append(vs, v)
	}
	slices.SortFunc(vs, func(a, b *vessel) int { return cmp.Compare(a.mmsi, b.mmsi) })
	return vs
}
