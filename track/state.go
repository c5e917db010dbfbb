package track

import (
	"math"
	"slices"
	"sync"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
	"github.com/sitrep-osint/sitrep/ingest"
)

// Limits of Config.History.
const (
	DefaultHistory = 64      // fixes kept per vessel when Config.History is 0
	MaxHistory     = 1 << 16 // largest accepted Config.History
)

// Config tunes a State. The zero Config uses the defaults documented on
// each field.
type Config struct {
	// History is how many recent fixes are kept per vessel, 1..MaxHistory;
	// 0 means DefaultHistory. Each costs 20 bytes (see History for what a
	// kept fix retains).
	History int
	// Resolve maps a raw declared destination to a port, nil when it does
	// not resolve (e.g. gazetteer's resolver). It is called, with the
	// State's lock held, once each time a vessel's destination text takes a
	// new value; it must not call the State. The PortRef it returns is
	// shared with callers of Vessel and must not be modified afterwards.
	// Nil Resolve leaves every DestinationPort nil.
	Resolve func(raw string) *sitrep.PortRef
	// CellSize is the grid cell size in degrees of the spatial index; 0
	// means geo.DefaultCellSize (see geo.NewPointIndex).
	CellSize float64
	// Batch keeps only what a batch load needs: each vessel's latest
	// position, identity, voyage, first/last heard and identity changes.
	// It keeps no recent history (History returns none) and no spatial
	// index (InArea and EachInArea find nothing): sitrep replay and import
	// fill the store and nothing queries the live state while they run, so
	// they skip that work.
	Batch bool
}

// State is the live state of every vessel heard: latest position, merged
// identity and voyage, first and last heard, recent history and a spatial
// index of positions. It is safe for concurrent use (see the package doc).
type State struct {
	mu      sync.RWMutex
	limit   int  // history length
	batch   bool // Config.Batch
	resolve func(string) *sitrep.PortRef
	vessels vesselTable
	index   *geo.PointIndex
	// epoch is the Unix second that history times count from: that of the
	// first fix observed (so fixes within ±68 years of it are exact).
	epoch    int64
	hasEpoch bool
	// lookups and warm are ObserveAll's scratch (see lookupAll); guarded
	// by mu.
	lookups [warmBlock]*vessel
	warm    int64
}

// vessel is the state of one MMSI. Its fields are ordered to pack into 288
// bytes (a malloc size class); times are Unix nanoseconds for the same
// reason.
type vessel struct {
	id         sitrep.Identity
	voy        sitrep.Voyage
	last       sitrep.Position // the latest plausible fix, when hasLast
	hist       ring
	first      int64                 // earliest event time of any message
	seen       int64                 // latest event time of any message
	identAt    int64                 // event time of the latest identity update applied
	mothership sitrep.MMSI           // parent ship of an auxiliary craft, 0 if none
	known      ingest.IdentityFields // fields whose value has been recorded
	hasLast    bool
}

// noTime is the identAt of a vessel that has had no identity update.
const noTime = math.MinInt64

// nanos returns t as Unix nanoseconds; event times must lie in the years
// 1678 to 2262.
func nanos(t time.Time) int64 { return t.UnixNano() }

// fromNanos is the inverse of nanos, in UTC.
func fromNanos(n int64) time.Time { return time.Unix(0, n).UTC() }

// New returns an empty State. It fails with an *sitrep.Error of code
// EINVALID when cfg.History is out of range, or with the error of
// geo.NewPointIndex for a bad cfg.CellSize.
func New(cfg Config) (*State, error) {
	switch {
	case cfg.History == 0:
		cfg.History = DefaultHistory
	case cfg.History < 0 || cfg.History > MaxHistory:
		return nil, sitrep.Errorf(sitrep.EINVALID, "track: history %d: want 1..%d", cfg.History, MaxHistory)
	}
	idx, err := geo.NewPointIndex(cfg.CellSize)
	if err != nil {
		return nil, err
	}
	return &State{
		limit:   cfg.History,
		batch:   cfg.Batch,
		resolve: cfg.Resolve,
		index:   idx,
	}, nil
}

// Len returns the number of vessels held.
func (s *State) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.vessels.n
}

// heard returns the vessel of mmsi, creating it when new, and widens its
// first/last heard span to include t. The caller holds the write lock.
func (s *State) heard(mmsi sitrep.MMSI, t time.Time) *vessel {
	v := s.vessels.get(mmsi)
	if v == nil {
		v = &vessel{id: sitrep.Identity{MMSI: mmsi}, first: nanos(t), seen: nanos(t), identAt: noTime}
		if c, ok := mmsi.Flag(); ok {
			v.id.Flag = c.Code
		}
		s.vessels.put(mmsi, v)
		return v
	}
	v.widen(nanos(t))
	return v
}

// widen widens v's first/last heard span to include n (Unix nanoseconds).
func (v *vessel) widen(n int64) {
	v.first = min(v.first, n)
	v.seen = max(v.seen, n)
}

// Vessel returns what is known of mmsi, and false when it is not held.
// The result is a copy: LastPosition (nil until a plausible fix arrives) and
// its Sources belong to the caller. DestinationPort is shared, read-only.
func (s *State) Vessel(mmsi sitrep.MMSI) (sitrep.Vessel, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v := s.vessels.get(mmsi)
	if v == nil {
		return sitrep.Vessel{}, false
	}
	var out sitrep.Vessel
	v.snapshot(&out, nil)
	if out.LastPosition != nil {
		lp := *out.LastPosition
		lp.Sources = slices.Clone(lp.Sources)
		out.LastPosition = &lp
	}
	return out, true
}

// snapshot writes v into out as a sitrep.Vessel whose LastPosition, if
// any, points at pos (a new Position when pos is nil) holding a shallow
// copy of v.last.
func (v *vessel) snapshot(out *sitrep.Vessel, pos *sitrep.Position) {
	out.Identity, out.Voyage = v.id, v.voy
	out.FirstSeen, out.LastSeen = fromNanos(v.first), fromNanos(v.seen)
	out.LastPosition = nil
	if v.hasLast {
		if pos == nil {
			pos = new(sitrep.Position)
		}
		*pos = v.last
		out.LastPosition = pos
	}
}

// History appends to dst the recent fixes of mmsi, oldest first, and
// returns the extended slice; dst is returned unchanged when mmsi is not
// held. The fixes are the last Config.History by event time, including
// implausible ones (with their Flags) and ones that arrived out of order.
// They are compact copies: Time is truncated to the second, Lat/Lon are
// rounded to 1/10000 minute, SOG and COG to 0.1, Class is the vessel's
// current class and Sources is nil. Times more than 68 years away from the
// first fix the State observed are clamped to that range.
func (s *State) History(mmsi sitrep.MMSI, dst []sitrep.Position) []sitrep.Position {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v := s.vessels.get(mmsi)
	if v == nil {
		return dst
	}
	dst = slices.Grow(dst, v.hist.len())
	for i := range v.hist.len() {
		dst = append(dst, v.hist.at(i).position(mmsi, s.epoch, v.id.Class))
	}
	return dst
}

// Expire removes every vessel last heard (by event time, any message)
// before the given time and returns how many it removed. It visits every
// vessel, so call it at a cadence (minutes), not per message.
func (s *State) Expire(before time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	cut := nanos(before)
	var gone []sitrep.MMSI
	s.vessels.each(func(mmsi sitrep.MMSI, v *vessel) bool {
		if v.seen < cut {
			gone = append(gone, mmsi)
		}
		return true
	})
	for _, mmsi := range gone {
		s.vessels.del(mmsi)
		s.index.Delete(uint32(mmsi))
	}
	return len(gone)
}

// Each calls fn with every vessel held, with or without a position, in no
// particular order, until fn returns false. Like EachInArea, the vessel
// passed is reused between calls: fn must copy what it keeps and must not
// call back into the State.
func (s *State) Each(fn func(v *sitrep.Vessel) bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var (
		out sitrep.Vessel
		pos sitrep.Position
	)
	s.vessels.each(func(_ sitrep.MMSI, v *vessel) bool {
		v.snapshot(&out, &pos)
		return fn(&out)
	})
}
