package ingest

import (
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/nmea"
)

// Config tunes the stage. The zero Config uses the defaults documented on
// each field.
type Config struct {
	// Feed names the source of the messages in provenance ("ais.txt",
	// "aishub", ...).
	Feed string
	// DedupWindow is how long after a transmission an identical payload is
	// taken for the same transmission heard by another receiver. Default
	// 30 s: shorter than any repeat of an identical report (a moored Class B
	// unit repeats its payload every 3 minutes).
	DedupWindow time.Duration
	// DedupCapacity bounds the remembered transmissions. Default 65,536.
	DedupCapacity int
	// MaxSpeedKnots is the implied speed above which a fix is flagged as a
	// jump, by class. Defaults: Class A and B 60 kn, SAR aircraft 600 kn,
	// other classes 60 kn.
	MaxSpeedKnots map[sitrep.VesselClass]float64
	// MinJumpMetres is the distance below which no fix is flagged, whatever
	// the implied speed (GNSS noise between close fixes). Default 500 m.
	MinJumpMetres float64
	// ShareSources lets positions delivered one after another with the
	// same provenance (feed, station and receive time, as lines of one
	// receiver stamped to the second are) share one Sources slice instead
	// of one allocation each. The slice has capacity 1 (an append copies
	// it), and receivers must not change its element: set it only where
	// every receiver treats Sources as read-only (a replay: the track
	// state copies them, detection and the store only read them).
	ShareSources bool
}

// Sink receives the stage's results. Nil functions are skipped. The values
// passed are owned by the receiver (the stage keeps no reference).
type Sink struct {
	// Position receives each distinct position fix.
	Position func(p sitrep.Position)
	// Duplicate receives the provenance of a later copy of a transmission
	// already delivered; mmsi and t identify the delivered fix (or
	// identity update).
	Duplicate func(mmsi sitrep.MMSI, t time.Time, src sitrep.Provenance)
	// Identity receives identity and voyage data from static messages.
	Identity func(u IdentityUpdate)
}

// Stats counts what the stage has seen.
type Stats struct {
	Messages    int64 // messages handled
	Positions   int64 // positions delivered
	Duplicates  int64 // copies of earlier transmissions
	Identities  int64 // identity updates delivered
	Implausible int64 // positions delivered with a plausibility flag
	NoPosition  int64 // position reports without an available position
	Ignored     int64 // messages of types that carry neither
}

// Stage is the ingest stage. It is not safe for concurrent use; run one per
// partition of the MMSI space.
type Stage struct {
	cfg   Config
	sink  Sink
	dedup dedup
	plaus plausibility
	stats Stats
	warm  uint64              // see Warm
	share []sitrep.Provenance // the last Sources handed out (see Config.ShareSources)
}

// New returns a stage delivering to sink.
func New(cfg Config, sink Sink) *Stage {
	if cfg.DedupWindow <= 0 {
		cfg.DedupWindow = 30 * time.Second
	}
	if cfg.DedupCapacity <= 0 {
		cfg.DedupCapacity = 1 << 16
	}
	if cfg.MinJumpMetres <= 0 {
		cfg.MinJumpMetres = 500
	}
	limits := map[sitrep.VesselClass]float64{sitrep.ClassSARAircraft: 600}
	for c, v := range cfg.MaxSpeedKnots {
		limits[c] = v
	}
	return &Stage{
		cfg:   cfg,
		sink:  sink,
		dedup: newDedup(cfg.DedupWindow, cfg.DedupCapacity),
		plaus: newPlausibility(limits, 60, cfg.MinJumpMetres),
	}
}

// Stats returns the counters so far.
func (s *Stage) Stats() Stats { return s.stats }

// Handle ingests one decoded message m, framed as msg. recv is when our
// receiver got it, used as the event time when the message carries none.
func (s *Stage) Handle(msg *nmea.Message, m ais.Message, recv time.Time) {
	s.stats.Messages++
	t, src := eventTime(msg, recv)
	prov := sitrep.Provenance{Feed: s.cfg.Feed, Station: msg.Tag.Source, Received: recv}
	h := m.Head()
	mmsi := sitrep.MMSI(h.MMSI)
	if first, ok := s.dedup.seen(msg.Payload, msg.FillBits, t); ok {
		s.stats.Duplicates++
		if s.sink.Duplicate != nil {
			s.sink.Duplicate(mmsi, first, prov)
		}
		return
	}
	if p, located, ok := position(m, mmsi); ok {
		if !located {
			s.stats.NoPosition++
			return
		}
		p.Time, p.TimeSource, p.Sources = t, src, s.sources(prov)
		s.plaus.check(&p)
		if p.Flags != 0 {
			s.stats.Implausible++
		}
		s.stats.Positions++
		if s.sink.Position != nil {
			s.sink.Position(p)
		}
		return
	}
	if u, ok := identity(m, mmsi, t); ok {
		u.Source = prov
		s.stats.Identities++
		if s.sink.Identity != nil {
			s.sink.Identity(u)
		}
		return
	}
	s.stats.Ignored++
}

// sources returns a Sources of one element, prov: a new slice, or the last
// one when Config.ShareSources is set and it holds prov.
func (s *Stage) sources(prov sitrep.Provenance) []sitrep.Provenance {
	if s.cfg.ShareSources && len(s.share) == 1 && s.share[0] == prov {
		return s.share
	}
	out := []sitrep.Provenance{prov}
	if s.cfg.ShareSources {
		s.share = out
	}
	return out
}

// eventTime picks the event time of a message (see the package doc).
func eventTime(msg *nmea.Message, recv time.Time) (time.Time, sitrep.TimeSource) {
	if msg.Time.IsZero() {
		return recv, sitrep.TimeSourceReceive
	}
	switch msg.TimeSource {
	case nmea.TimeTagBlock:
		return msg.Time, sitrep.TimeSourceTagBlock
	case nmea.TimeTrailer:
		return msg.Time, sitrep.TimeSourceTrailer
	case nmea.TimePGHP:
		return msg.Time, sitrep.TimeSourcePGHP
	}
	return msg.Time, sitrep.TimeSourceFileColumn
}

// HandlePosition ingests a position that did not come from an AIS message
// (a CSV import row): it is checked for plausibility like any other and
// delivered to Sink.Position. p must carry its time and provenance.
func (s *Stage) HandlePosition(p sitrep.Position) {
	s.stats.Messages++
	s.plaus.check(&p)
	if p.Flags != 0 {
		s.stats.Implausible++
	}
	s.stats.Positions++
	if s.sink.Position != nil {
		s.sink.Position(p)
	}
}
