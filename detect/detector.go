package detect

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/sitrep-osint/sitrep"
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
	// exclusion and declared-vs-observed rules then never fire). When it
	// is also a SiteLister, fixes far from every site skip the query.
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
	vessels vesselTable
	// siteParams caches the effective Params of sites with overrides; nil
	// entries mark sites whose overrides were invalid (globals are used).
	siteParams map[*sitrep.Site]*Params
	// mask, when the index is a SiteLister, marks where Containing may
	// find a site; nil: everywhere.
	mask    *siteMask
	err     error
	slow    slowGrid // vessels slow enough to meet (encounters)
	imos    map[uint32]sitrep.MMSI
	buf     []*sitrep.Site
	lineBuf []*sitrep.Site
	near    []nearVessel
	warm    uint64 // see Warm
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
	d := &Detector{p: cfg.Params, sites: cfg.Sites, sink: cfg.Sink,
		siteParams: make(map[*sitrep.Site]*Params),
		imos:       make(map[uint32]sitrep.MMSI)}
	if l, ok := cfg.Sites.(SiteLister); ok {
		d.mask = newSiteMask(l.Sites())
	}
	return d, nil
}

// Err returns the first problem met with a site's parameter overrides (its
// overrides are then ignored and the globals used), nil when none.
func (d *Detector) Err() error { return d.err }

// vessel is the detection state of one MMSI.
//
// With tens of thousands of vessels, the state of the vessel a fix is about
// is rarely in cache, so the cost of Position is mostly the cache lines it
// touches. The state is therefore split by how often it is touched: the
// first 64 bytes hold what every fix reads and writes (the latest fix's
// time and coordinates, the params pointer, the flags that tell whether a
// rule has state elsewhere), the next 64 what fixes near sites or slow
// vessels need (the struct is 128 bytes and vessels are allocated in
// pages, see vesselTable, so each starts on a cache line). Every fix is
// also copied in full, for evidence, into fixes, which the table keeps
// densely beside the vessels (fewer pages to reach than were they part of
// vesselCold). vesselCold holds the rules' state, which a fix reaches only
// when a flag says a rule needs it.
type vessel struct {
	// First cache line: touched by every fix.
	lastNano         int64   // time of the latest fix as unixNano gives it (valid when hasLast)
	lastLat, lastLon float64 // its coordinates
	params           *Params // effective params at the latest fix
	*vesselCold
	// fixes are the latest fix (fixes[cur]) and the one before it, in
	// full for evidence.
	fixes        *[2]sitrep.Position
	cur          uint8 // index of the latest fix in fixes; the other slot holds the one before
	gapLevel     int8  // 0: none reported, 1: flagged open gap reported, 2: suspicious
	hasLast      bool
	good         goodState
	inSlow       bool // whether the encounter rule's slow index holds the vessel
	hasAlt       bool // whether stations.alt holds the track the vessel jumped away from
	loiterActive bool // whether loiter holds a run of slow fixes
	hasSites     bool // len(sites) > 0
	// maskCell is the fine cell of the site mask (siteMask.cell) that
	// maskMay answers for, valid when maskKnown: consecutive fixes of a
	// vessel are nearly always in one cell, so most fixes skip the
	// mask's lookup and its cache miss.
	maskCell  uint32
	maskKnown bool
	maskMay   bool
	_         [2]byte // spare: keeps the second line at byte 64

	// Second cache line: fixes near sites, slow vessels, events.
	mmsi      sitrep.MMSI
	hasBefore bool
	sites     []*membership
	// encounters are the vessel's meetings; non-empty only while inSlow.
	encounters []*encounter
	// slowCell and slowSlot locate the vessel's entry in Detector.slow
	// while inSlow.
	slowCell, slowSlot int32
}

// goodState says where the latest plausible fix (not flagged by ingest)
// is: none yet, the latest fix, or vesselCold.goodFix.
type goodState uint8

const (
	goodNone goodState = iota
	goodLast
	goodKept
)

// vesselCold is the part of a vessel's state that a fix reaches only when
// a rule needs it.
type vesselCold struct {
	// goodFix is the latest plausible fix when the latest is not
	// (vessel.good is goodKept).
	goodFix  sitrep.Position
	transits []lastTransit
	loiter   loiterState
	stations stationState
	// Declared voyage, from Identity.
	dest     string
	destPort *sitrep.PortRef
	destAt   time.Time
}

// last returns the latest fix (any); valid when hasLast.
func (v *vessel) last() *sitrep.Position { return &v.fixes[v.cur] }

// before returns the fix preceding last, valid when hasBefore, so that
// identity events can cite the latest fix strictly before the change
// whatever the order of a fix and a static message of one time.
func (v *vessel) before() *sitrep.Position { return &v.fixes[v.cur^1] }

// noNano is what unixNano returns for times it cannot represent.
const noNano = math.MinInt64

// nanoLimit bounds the times unixNano represents, about 1824 to 2116, so
// that the difference of two of them never overflows.
const nanoLimit = 1 << 62

// unixNano returns t in nanoseconds since 1970, or noNano when t is not
// within nanoLimit of 1970. For two times it represents, the difference
// of the results is exactly what time.Time.Sub returns.
func unixNano(t time.Time) int64 {
	s := t.Unix()
	if s <= -nanoLimit/1_000_000_000 || s >= nanoLimit/1_000_000_000-1 {
		return noNano
	}
	return s*1e9 + int64(t.Nanosecond())
}

// sinceLast returns t.Sub(v.last().Time), n being unixNano(t); valid when
// hasLast. It reads the latest fix's time from the first cache line, and
// from vesselCold only when one of the times is out of unixNano's range.
func (v *vessel) sinceLast(n int64, t time.Time) time.Duration {
	if n != noNano && v.lastNano != noNano {
		return time.Duration(n - v.lastNano)
	}
	return t.Sub(v.last().Time)
}

// hasLastGood reports whether the vessel has a plausible fix.
func (v *vessel) hasLastGood() bool { return v.good != goodNone }

// lastGood returns the latest plausible fix, the one site, loitering and
// encounter rules compare with; valid when hasLastGood.
func (v *vessel) lastGood() *sitrep.Position {
	if v.good == goodLast {
		return &v.fixes[v.cur]
	}
	return &v.goodFix
}

// lastGoodPoint returns the coordinates of lastGood() without reaching
// vesselCold when the latest fix is the latest plausible one.
func (v *vessel) lastGoodPoint() sitrep.LatLon {
	if v.good == goodLast {
		return sitrep.LatLon{Lat: v.lastLat, Lon: v.lastLon}
	}
	return sitrep.LatLon{Lat: v.goodFix.Lat, Lon: v.goodFix.Lon}
}

func (d *Detector) vessel(m sitrep.MMSI) *vessel {
	v := d.vessels.get(m)
	if v == nil {
		var fixes *[2]sitrep.Position
		v, fixes = d.vessels.add(m)
		*v = vessel{mmsi: m, params: &d.p, vesselCold: &vesselCold{}, fixes: fixes}
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
	n := unixNano(p.Time)
	var dt time.Duration // since the latest fix, when hasLast
	if v.hasLast {
		if dt = v.sinceLast(n, p.Time); dt < 0 {
			return
		}
	}
	d.gap(v, &p, dt)
	d.jump(v, &p, dt)
	implausible := p.Flags.Implausible()
	if !implausible {
		var here []*sitrep.Site
		if d.sites != nil && (d.mask == nil || d.mayHaveSites(v, p.Lat, p.Lon)) {
			d.buf = d.sites.Containing(d.buf[:0], p.Lat, p.Lon)
			here = d.buf
		}
		// A pointer store has a write barrier while the GC runs: store
		// only changes.
		if pp := d.paramsAt(here); pp != v.params {
			v.params = pp
		}
		d.siteRules(v, &p, here)
		if v.hasLastGood() && d.sites != nil {
			d.lines(v, &p)
		}
		d.loitering(v, &p, here)
		d.encounter(v, &p, here)
	} else if v.good == goodLast {
		// The latest fix stops being the latest plausible one: keep it.
		v.goodFix, v.good = *v.last(), goodKept
	}
	if v.hasLast {
		v.cur ^= 1
		v.hasBefore = true
	}
	// The copy into fixes is a store, which does not wait for the cache
	// miss, but the compiler's nil check of the pointer is a load, which
	// does, unless a store at a constant offset did the check first: hence
	// the constant indexes and the MMSI stored alone before the copy.
	if f := v.fixes; v.cur == 0 {
		f[0].MMSI = p.MMSI
		f[0] = p
	} else {
		f[1].MMSI = p.MMSI
		f[1] = p
	}
	v.hasLast = true
	v.lastNano, v.lastLat, v.lastLon = n, p.Lat, p.Lon
	if !implausible {
		v.good = goodLast
	}
}

// mayHaveSites is d.mask.may for a fix of v, remembered for its cell in v.
func (d *Detector) mayHaveSites(v *vessel, lat, lon float64) bool {
	c := d.mask.cell(lat, lon)
	if !v.maskKnown || v.maskCell != c {
		v.maskCell, v.maskKnown, v.maskMay = c, true, d.mask.mayCell(c)
	}
	return v.maskMay
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
	vs := d.vessels.all(make([]*vessel, 0, d.vessels.n))
	slices.SortFunc(vs, func(a, b *vessel) int { return cmp.Compare(a.mmsi, b.mmsi) })
	return vs
}
