package sim

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/nmea"
)

// Write writes the scenario's SIMULATED capture to w: NMEA 0183 !AIVDM
// lines with tag blocks (s: the scenario's Station, c: UNIX seconds; g:
// for the two sentences of a type 5), in time order, from Start to End.
// The scenario's vessels report as Class A stations (types 1 and 5) at the
// ITU-R M.1371 rates, thinned by the Reception model, and not at all while
// their plan has the transponder off; the background comes from one
// Generator per Background, thinned to its intervals. The same scenario
// and seed give the same bytes.
//
// Stats counts what was written (Vessels: scenario and background
// vessels; Thinned: background reports the receiver model did not hear;
// First and Last: the times of the first and last message).
//
// Errors: the first error of w; an encoding error (a bug) wrapped with
// "sim:".
func (sc *Scenario) Write(w io.Writer, seed int64) (Stats, error) {
	var st Stats
	var srcs []source
	for i := range sc.Vessels {
		v := &sc.Vessels[i]
		tr, perr := v.track(sc)
		if perr != nil {
			return st, fmt.Errorf("sim: scenario vessel %s: %s", v.Name, perr.msg)
		}
		s := &shipSource{sc: sc, v: v, tr: tr, t: max(tr.start, sc.Start.UnixMilli()), end: sc.End.UnixMilli(),
			r:          rand.New(rand.NewPCG(uint64(seed), 0x5343_454e_0000+uint64(i))), // "SCEN"
			lastStatic: math.MinInt64 / 2}
		s.heading = s.r.Float64() * 360
		s.chanB = s.r.IntN(2) == 0
		srcs = append(srcs, s)
	}
	for i := range sc.Background {
		b := &sc.Background[i]
		g, err := New(Config{Vessels: b.Vessels, Start: b.From, Duration: b.To.Sub(b.From),
			Seed: seed + int64(i+1)*0x9E37_79B9, Area: b.Area, ClassBShare: b.ClassBShare,
			Station: sc.Station, GapsPerDay: b.GapsPerDay})
		if err != nil {
			return st, fmt.Errorf("sim: background %s: %w", b.Name, err)
		}
		g.keep = thinner(b.Vessels, b.Interval, b.StaticInterval)
		srcs = append(srcs, &genSource{g: g})
	}

	bw := bufio.NewWriterSize(w, 256<<10)
	type pending struct {
		b    []byte
		t    int64
		done bool
	}
	pend := make([]pending, len(srcs))
	fill := func(i int) error {
		b, t, ok, err := srcs[i].next(pend[i].b[:0])
		pend[i] = pending{b: b, t: t, done: !ok}
		return err
	}
	for i := range srcs {
		if err := fill(i); err != nil {
			return st, err
		}
	}
	for {
		k := -1
		for i := range pend {
			if !pend[i].done && (k < 0 || pend[i].t < pend[k].t) {
				k = i
			}
		}
		if k < 0 {
			break
		}
		if _, err := bw.Write(pend[k].b); err != nil {
			return st, err
		}
		if err := fill(k); err != nil {
			return st, err
		}
	}
	if err := bw.Flush(); err != nil {
		return st, err
	}
	for _, s := range srcs {
		add(&st, s.stats())
	}
	return st, nil
}

// add adds the counts of o to st.
func add(st *Stats, o Stats) {
	st.Vessels += o.Vessels
	st.ClassB += o.ClassB
	st.Sentences += o.Sentences
	st.Messages += o.Messages
	for i := range st.ByType {
		st.ByType[i] += o.ByType[i]
	}
	st.Lost += o.Lost
	st.Thinned += o.Thinned
	if o.Messages > 0 {
		if st.First.IsZero() || o.First.Before(st.First) {
			st.First = o.First
		}
		if o.Last.After(st.Last) {
			st.Last = o.Last
		}
	}
}

// thinner returns a Generator.keep that lets through at most one position
// report per vessel per interval (0: all) and one static report per
// staticInterval.
func thinner(vessels int, interval, staticInterval time.Duration) func(i int32, typ uint8, t int64) bool {
	lastPos := make([]int64, vessels)
	lastStatic := make([]int64, vessels)
	for i := range lastPos {
		lastPos[i], lastStatic[i] = math.MinInt64/2, math.MinInt64/2
	}
	pi, si := interval.Milliseconds(), staticInterval.Milliseconds()
	return func(i int32, typ uint8, t int64) bool {
		last, every := &lastPos[i], pi
		if typ == 5 || typ == 24 {
			last, every = &lastStatic[i], si
		}
		if t-*last < every {
			return false
		}
		*last = t
		return true
	}
}

// source is one time-ordered stream of the capture.
type source interface {
	// next appends the lines of the source's next report to dst and
	// returns them with the report's time (Unix ms); ok is false at the
	// end.
	next(dst []byte) (b []byte, t int64, ok bool, err error)
	stats() Stats
}

// genSource is background traffic.
type genSource struct{ g *Generator }

func (s *genSource) next(dst []byte) ([]byte, int64, bool, error) {
	b, err := s.g.Next(dst)
	if err == io.EOF {
		return b, 0, false, nil
	}
	if err != nil {
		return b, 0, false, err
	}
	return b, s.g.at, true, nil
}

func (s *genSource) stats() Stats { return s.g.Stats() }

// shipSource is a scenario vessel: its plan, heard by the receiver model.
type shipSource struct {
	sc         *Scenario
	v          *ScenarioVessel
	tr         *track
	r          *rand.Rand
	t, end     int64 // next instant to consider, end of the capture (Unix ms)
	nextSat    int64 // earliest time of the next satellite reception
	lastStatic int64
	heading    float64 // heading while staying
	chanB      bool
	seq, group int
	enc        ais.Encoder
	payload    []byte
	st         Stats
}

func (s *shipSource) stats() Stats {
	st := s.st
	st.Vessels = 1
	return st
}

// covered reports whether coastal receivers hear a vessel at lat, lon.
func (sc *Scenario) covered(lat, lon float64) bool {
	for _, b := range sc.Reception.Terrestrial {
		if b.Area.Contains(lat, lon) {
			return true
		}
	}
	return false
}

// step is how often an unheard vessel is reconsidered (at sea between
// satellite passes, or with its transponder off), in ms.
const shipStep = 60_000

func (s *shipSource) next(dst []byte) ([]byte, int64, bool, error) {
	rc := &s.sc.Reception
	for s.t < s.end {
		t := s.t
		f := s.tr.state(t)
		on, dest := s.tr.aisOn(t, s.v.Destination)
		if !f.exists || !on {
			s.t += shipStep
			continue
		}
		natural := ClassAInterval(f.status, f.sog, false)
		if s.sc.covered(f.lat, f.lon) {
			// Coastal receivers: at most one report per interval, with a
			// second or two of jitter as slots drift.
			s.t = t + max(natural, rc.TerrestrialInterval.Milliseconds()) + s.r.Int64N(2000)
		} else {
			s.t = t + shipStep
			if t < s.nextSat {
				continue
			}
			sat := float64(rc.SatelliteInterval.Milliseconds())
			s.nextSat = t + int64(sat*(0.5+s.r.Float64()))
		}
		b, err := s.position(dst, t, f)
		if err != nil {
			return b, t, false, err
		}
		if t-s.lastStatic >= rc.StaticInterval.Milliseconds() {
			s.lastStatic = t
			if b, err = s.static(b, t, dest); err != nil {
				return b, t, false, err
			}
		}
		return b, t, true, nil
	}
	return dst, 0, false, nil
}

// position appends a type 1 report of fix f at t.
func (s *shipSource) position(dst []byte, t int64, f fixAt) ([]byte, error) {
	r := s.r
	// GNSS noise of a few metres; speed and course noise as on real
	// reports.
	lat := f.lat + (r.Float64()-0.5)*0.00008
	lon := f.lon + (r.Float64()-0.5)*0.00008/math.Cos(f.lat*degToRad)
	sog, cog, hdg := 0.0, s.heading, s.heading
	if f.sog > 0 {
		sog = math.Max(0, math.Round((f.sog+(r.Float64()-0.5)*0.6)*10)/10)
		cog = math.Round(normDeg(f.cog+(r.Float64()-0.5)*2)*10) / 10
		if cog >= 360 {
			cog = 0
		}
		hdg = normDeg(math.Round(f.cog + (r.Float64()-0.5)*4))
	} else if r.IntN(3) == 0 {
		sog = 0.1
	}
	m := &ais.PositionReport{Header: ais.Header{Type: 1, MMSI: s.v.MMSI}, NavStatus: ais.Some(f.status),
		ROT: ais.Some(0.0), SOG: ais.Some(sog), Accuracy: true, Lon: ais.Some(lon), Lat: ais.Some(lat),
		COG: ais.Some(cog), Heading: ais.Some(uint16(hdg) % 360), Second: ais.Some(uint8(t / 1000 % 60))}
	return s.emit(dst, t, m)
}

// static appends the vessel's type 5 at t, declaring dest.
func (s *shipSource) static(dst []byte, t int64, dest string) ([]byte, error) {
	v := s.v
	bow := uint16(v.Length * 80 / 100)
	m := &ais.StaticVoyageData{Header: ais.Header{Type: 5, MMSI: v.MMSI}, AISVersion: 2, Callsign: v.Callsign,
		Name: v.Name, ShipType: ais.Some(v.ShipType), ToBow: ais.Some(bow), ToStern: ais.Some(uint16(v.Length) - bow),
		ToPort: ais.Some(uint8(v.Beam / 2)), ToStarboard: ais.Some(uint8(v.Beam - v.Beam/2)), EPFD: ais.Some(uint8(1)),
		Draught: ais.Some(v.Draught), Destination: dest, DTE: true}
	if v.IMO != 0 {
		m.IMO = ais.Some(v.IMO)
	}
	return s.emit(dst, t, m)
}

// emit encodes m and appends its sentences with tag blocks, alternating
// the channel.
func (s *shipSource) emit(dst []byte, t int64, m ais.Message) ([]byte, error) {
	var fill int
	var err error
	s.payload, fill, err = s.enc.Append(s.payload[:0], m)
	if err != nil {
		return dst, fmt.Errorf("sim: encode type %d: %w", m.Head().Type, err)
	}
	s.chanB = !s.chanB
	spec := nmea.SentenceSpec{Channel: 'A', Payload: s.payload, FillBits: fill, SeqID: s.seq}
	if s.chanB {
		spec.Channel = 'B'
	}
	tag := nmea.TagSpec{Station: s.sc.Station, Time: time.Unix(t/1000, 0)}
	frags := int64(1)
	if len(s.payload) > nmea.MaxFragmentPayload {
		s.group++
		tag.GroupID = s.group
		spec.Tag = tag
		frags = int64((len(s.payload) + nmea.MaxFragmentPayload - 1) / nmea.MaxFragmentPayload)
		s.seq = (s.seq + 1) % 10
	} else {
		dst = nmea.AppendTagBlock(dst, tag, 1, 1)
	}
	n := len(dst)
	if dst, err = nmea.AppendSentences(dst, spec); err != nil {
		return dst[:n], fmt.Errorf("sim: %w", err)
	}
	if s.st.Messages == 0 {
		s.st.First = time.UnixMilli(t).UTC()
	}
	s.st.Last = time.UnixMilli(t).UTC()
	s.st.Sentences += frags
	s.st.Messages++
	s.st.ByType[m.Head().Type]++
	return dst, nil
}
