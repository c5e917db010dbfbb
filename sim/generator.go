package sim

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/nmea"
)

// Stats counts what a Generator has produced so far.
type Stats struct {
	Vessels   int   // simulated vessels
	ClassB    int   // of which Class B
	Sentences int64 // NMEA sentences (lines) written
	Messages  int64 // AIS messages written (a type 5 in two sentences is one)
	// ByType counts Messages by AIS message type; type 24 counts parts A
	// and B separately.
	ByType [28]int64
	// Lost counts reports not written because the vessel was in a
	// reception gap.
	Lost int64
	// Thinned counts reports not written because the receiver model of a
	// Scenario did not hear them (see Reception); 0 for a plain Generator.
	Thinned int64
	// First and Last are the times of the first and last message written
	// (zero before the first).
	First, Last time.Time
}

// Generator produces simulated AIS traffic: time-ordered NMEA lines with
// tag blocks for the vessels of a Config. It keeps one small state per
// vessel and a heap of their next report times, so memory does not grow
// with the duration. A Generator is not safe for concurrent use.
type Generator struct {
	cfg     Config
	w       *world
	r       *rand.Rand
	vessels []vessel
	idents  []identity // by vessel
	heap    []entry
	end     int64  // Unix milliseconds, exclusive
	seq     int    // sequential message id of the next multipart message, 0..9
	tagSec  int64  // the second of tag
	tag     []byte // the tag block of single sentences in second tagSec
	group   int    // tag-block group id of the next multipart message
	stats   Stats
	first   int64 // Unix milliseconds of the first message written
	last    int64 // Unix milliseconds of the latest message written

	// keep, when set (by a Scenario), is asked before a report of vessel
	// cur at t is encoded; false drops it, as a receiver network that did
	// not hear it. It must not draw from r, so that thinning does not
	// change the traffic.
	keep func(i int32, typ uint8, t int64) bool
	cur  int32 // vessel of the report being made
	at   int64 // time of the report being made, Unix milliseconds

	// Messages and payload reused for every report.
	enc     ais.Encoder
	payload []byte // the armored payload being written
	pr      ais.PositionReport
	cb      ais.ClassBPosition
	sv      ais.StaticVoyageData
	sd      ais.StaticDataReport
	lr      ais.LongRangePosition
}

// entry is a heap element: vessel i reports next at t (Unix milliseconds).
type entry struct {
	t int64
	i int32
}

// New returns a Generator for cfg, or an error wrapping ErrConfig when cfg
// is invalid or its area holds no lanes. It draws every vessel up front.
func New(cfg Config) (*Generator, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	w, err := newWorld(cfg.Lanes, cfg.Area)
	if err != nil {
		return nil, err
	}
	start := cfg.Start.UnixMilli()
	g := &Generator{
		cfg:     cfg,
		w:       w,
		r:       rand.New(rand.NewPCG(uint64(cfg.Seed), 0x5349_4d55_4c41_5445)), // "SIMULATE"
		vessels: make([]vessel, cfg.Vessels),
		idents:  make([]identity, cfg.Vessels),
		heap:    make([]entry, 0, cfg.Vessels),
		end:     start + cfg.Duration.Milliseconds(),
		group:   1,
	}
	used := make(map[uint32]bool, cfg.Vessels)
	voyages := make([]voyage, cfg.Vessels)
	for i := range g.vessels {
		v := &g.vessels[i]
		v.voy = &voyages[i]
		g.newVessel(v, &g.idents[i], start, used)
		g.stats.Vessels++
		if v.classB {
			g.stats.ClassB++
		}
		g.push(entry{v.next(), int32(i)})
	}
	return g, nil
}

// newVessel draws the identity and the initial state of v at time start.
func (g *Generator) newVessel(v *vessel, id *identity, start int64, used map[uint32]bool) {
	r := g.r
	v.classB = r.Float64() < g.cfg.ClassBShare
	v.kind = pickKind(r, v.classB)
	spec := v.kind.spec()
	flags := localFlags()
	if !spec.loiter || (!v.classB && r.IntN(3) == 0) {
		flags = merchantFlags()
	}
	f := pickFlag(r, flags)
	for {
		v.mmsi = mmsi(r, f)
		if !used[v.mmsi] {
			used[v.mmsi] = true
			break
		}
	}
	id.name = name(r, v.kind)
	id.callsign = callsign(r, f)
	if !v.classB && (!spec.loiter || r.IntN(2) == 0) {
		id.imo = imo(r)
	}
	id.shipType = spec.shipTypes[r.IntN(len(spec.shipTypes))]
	length := spec.minLen + r.IntN(spec.maxLen-spec.minLen+1)
	beam := max(3, length/7+r.IntN(length/20+1))
	id.bow = uint16(length * (70 + r.IntN(20)) / 100)
	id.stern = uint16(length) - id.bow
	id.port = uint8(min(63, beam/2))
	id.stbd = uint8(min(63, beam-beam/2))
	id.draught = math.Round((0.3+0.5*r.Float64())*float64(length)/12*10) / 10
	id.draught = math.Min(id.draught, 25.5)
	v.cruise = spec.minKn + r.Float64()*(spec.maxKn-spec.minKn)
	if v.kind == kindPassenger && r.IntN(10) == 0 {
		v.cruise = 24 + 8*r.Float64() // a high-speed ferry
	}
	v.turnRate = 30
	if spec.loiter {
		v.turnRate = 60
	}
	v.hdgBias = 4 * (r.Float64() - 0.5)
	v.hasHeading = !v.classB || r.IntN(2) == 0
	v.accuracy = r.IntN(3) == 0
	v.raim = r.IntN(4) == 0
	v.longRange = !v.classB && !spec.loiter && r.IntN(30) == 0
	v.voy.off = 0.2 + 0.8*r.Float64()
	v.voy.home = -1
	v.t = start
	v.chanB = r.IntN(2) == 0

	// Initial state: under way somewhere along a route or in the loitering
	// area, or at anchor.
	switch {
	case spec.loiter || !g.w.canRoute():
		v.mode = modeLoiter
		v.voy.area = g.w.loiterArea(r, v.kind)
		v.lat, v.lon = g.w.loiterPoint(r, v.voy.area)
		v.steer(g.w, r)
		v.cog = bearing(v.lat, v.lon, v.tgtLat, v.tgtLon)
		v.sog = v.cruise
		if r.IntN(10) == 0 {
			v.anchor(start, int64(r.IntN(180))*60e3)
		}
	case r.IntN(10) == 0:
		v.voy.path = g.w.route(r, -1)
		v.voy.home = v.voy.path[0]
		p := g.w.lanes.Points[v.voy.home]
		v.lat, v.lon = move(p.Lat, p.Lon, r.Float64()*360, p.Spread*r.Float64())
		v.cog = r.Float64() * 360
		v.voy.dest = p.Port
		v.anchor(start, int64(r.IntN(8*60))*60e3)
	default:
		v.mode = modeRoute
		v.voy.path = g.w.route(r, -1)
		v.voy.leg = 1 + r.IntN(len(v.voy.path)-1)
		v.steer(g.w, r)
		a := g.w.lanes.Points[v.voy.path[v.voy.leg-1]]
		along := r.Float64()
		side := normDeg(bearing(a.Lat, a.Lon, v.tgtLat, v.tgtLon) + 90)
		lat, lon := move(a.Lat, a.Lon, side, v.voy.off*a.Spread)
		v.lat, v.lon = lat+along*(v.tgtLat-lat), lon+along*(v.tgtLon-lon)
		v.cog = bearing(v.lat, v.lon, v.tgtLat, v.tgtLon)
		v.sog = v.cruise
		v.setVoyage(g.w, start)
	}
	if v.classB {
		v.nextPos = start + r.Int64N(ClassBInterval(v.sog))
	} else {
		v.nextPos = start + r.Int64N(ClassAInterval(v.navStatus(), v.sog, false))
	}
	v.nextStatic = start + r.Int64N(IntervalStatic)
	v.nextLR = start + r.Int64N(IntervalLongRange)
}

// Stats returns the counts so far.
func (g *Generator) Stats() Stats {
	st := g.stats
	if st.Messages > 0 {
		st.First, st.Last = time.UnixMilli(g.first).UTC(), time.UnixMilli(g.last).UTC()
	}
	return st
}

// kept reports whether the receiver model hears the report of type typ
// being made at t, counting it as thinned when not.
func (g *Generator) kept(typ uint8, t int64) bool {
	if g.keep == nil || g.keep(g.cur, typ, t) {
		return true
	}
	g.stats.Thinned++
	return false
}

// Next appends to dst the lines ("\r\n"-terminated) of the next report in
// time order, one or two AIS messages, and returns the extended slice. At
// the end of the configured duration it returns dst and io.EOF. Reports
// lost in reception gaps are skipped. Any other error is a bug.
func (g *Generator) Next(dst []byte) ([]byte, error) {
	for len(g.heap) > 0 {
		e := g.heap[0]
		if e.t >= g.end {
			return dst, io.EOF
		}
		v := &g.vessels[e.i]
		v.step(g.w, g.r, e.t)
		g.cur, g.at = e.i, e.t
		var out []byte
		var err error
		switch {
		case e.t == v.nextPos:
			out, err = g.position(dst, v, e.t)
		case e.t == v.nextStatic:
			out, err = g.static(dst, v, &g.idents[e.i], e.t)
			v.nextStatic = e.t + IntervalStatic
		default:
			out, err = g.longRange(dst, v, e.t)
			v.nextLR = e.t + IntervalLongRange
		}
		g.heap[0].t = v.next()
		g.down(0)
		if err != nil || len(out) > len(dst) {
			return out, err
		}
	}
	return dst, io.EOF
}

// WriteTo writes the whole capture to wr and returns the bytes written.
func (g *Generator) WriteTo(wr io.Writer) (int64, error) {
	const flushAt = 60 << 10
	buf := make([]byte, 0, flushAt+4<<10)
	var n int64
	for {
		var err error
		buf, err = g.Next(buf)
		if err != nil && !errors.Is(err, io.EOF) {
			return n, err
		}
		if len(buf) >= flushAt || err != nil {
			k, werr := wr.Write(buf)
			n += int64(k)
			if werr != nil {
				return n, werr
			}
			buf = buf[:0]
		}
		if err != nil {
			return n, nil
		}
	}
}

// inGap reports whether v's report at t is lost, starting a reception gap
// now and then.
func (g *Generator) inGap(v *vessel, t, interval int64) bool {
	if t < v.gapUntil {
		g.stats.Lost++
		return true
	}
	if g.cfg.GapsPerDay > 0 && g.r.Float64() < float64(interval)*g.cfg.GapsPerDay/86_400_000 {
		v.gapUntil = t + int64(5+g.r.IntN(56))*60e3
		g.stats.Lost++
		return true
	}
	return false
}

// position appends v's position report at t and schedules the next one.
func (g *Generator) position(dst []byte, v *vessel, t int64) ([]byte, error) {
	cog := math.Round(normDeg(v.cog+0.6*(g.r.Float64()-0.5))*10) / 10
	if cog >= 360 {
		cog = 0
	}
	f := posFields{
		typ: 18, mmsi: v.mmsi, sog: math.Round(v.sog*10) / 10, accuracy: v.accuracy,
		lon: v.lon, lat: v.lat, cog: cog, heading: 511, second: uint8(t / 1000 % 60), raim: v.raim,
	}
	if !v.classB || v.hasHeading {
		f.heading = uint16(normDeg(math.Round(v.cog+v.hdgBias))) % 360
	}
	var interval int64
	if v.classB {
		interval = ClassBInterval(f.sog)
	} else {
		f.typ, f.status, f.rot = 1, v.navStatus(), math.Round(v.rot)
		if g.r.IntN(20) == 0 {
			f.typ = 3
		}
		interval = ClassAInterval(f.status, f.sog, f.rot != 0)
	}
	v.nextPos = t + interval
	if g.inGap(v, t, interval) || !g.kept(f.typ, t) {
		return dst, nil
	}
	return g.encode(dst, v, t, f.message(g))
}

// static appends v's static data at t: type 5 for Class A, type 24 parts
// A and B for Class B.
func (g *Generator) static(dst []byte, v *vessel, id *identity, t int64) ([]byte, error) {
	typ := uint8(5)
	if v.classB {
		typ = 24
	}
	if g.inGap(v, t, IntervalStatic) || !g.kept(typ, t) {
		return dst, nil
	}
	if v.classB {
		g.sd = ais.StaticDataReport{Header: ais.Header{Type: 24, MMSI: v.mmsi}, Part: 0, Name: id.name}
		dst, err := g.encode(dst, v, t, &g.sd)
		if err != nil {
			return dst, err
		}
		g.sd = ais.StaticDataReport{
			Header: ais.Header{Type: 24, MMSI: v.mmsi}, Part: 1, ShipType: ais.Some(id.shipType),
			VendorID: "SIM", Callsign: id.callsign, ToBow: ais.Some(id.bow), ToStern: ais.Some(id.stern),
			ToPort: ais.Some(id.port), ToStarboard: ais.Some(id.stbd), EPFD: ais.Some(uint8(1)),
		}
		return g.encode(dst, v, t, &g.sd)
	}
	g.sv = ais.StaticVoyageData{
		Header: ais.Header{Type: 5, MMSI: v.mmsi}, AISVersion: 2, Callsign: id.callsign, Name: id.name,
		ShipType: ais.Some(id.shipType), ToBow: ais.Some(id.bow), ToStern: ais.Some(id.stern),
		ToPort: ais.Some(id.port), ToStarboard: ais.Some(id.stbd), EPFD: ais.Some(uint8(1)),
		Draught: ais.Some(id.draught), Destination: v.voy.dest, DTE: true,
	}
	if id.imo != 0 {
		g.sv.IMO = ais.Some(id.imo)
	}
	if v.voy.eta != 0 {
		eta := time.UnixMilli(v.voy.eta).UTC()
		g.sv.ETAMonth, g.sv.ETADay = ais.Some(uint8(eta.Month())), ais.Some(uint8(eta.Day()))
		g.sv.ETAHour, g.sv.ETAMinute = ais.Some(uint8(eta.Hour())), ais.Some(uint8(eta.Minute()))
	}
	return g.encode(dst, v, t, &g.sv)
}

// longRange appends v's type 27 long-range position report at t.
func (g *Generator) longRange(dst []byte, v *vessel, t int64) ([]byte, error) {
	if g.inGap(v, t, IntervalLongRange) || !g.kept(27, t) {
		return dst, nil
	}
	g.lr = ais.LongRangePosition{
		Header: ais.Header{Type: 27, MMSI: v.mmsi}, RAIM: v.raim, NavStatus: ais.Some(v.navStatus()),
		Lon: ais.Some(v.lon), Lat: ais.Some(v.lat), SOG: ais.Some(math.Round(v.sog)),
		COG: ais.Some(float64(int(math.Round(v.cog)) % 360)), GNSS: true,
	}
	return g.encode(dst, v, t, &g.lr)
}

// encode encodes m and appends its sentences.
func (g *Generator) encode(dst []byte, v *vessel, t int64, m ais.Message) ([]byte, error) {
	var fill int
	var err error
	g.payload, fill, err = g.enc.Append(g.payload[:0], m)
	if err != nil {
		return dst, fmt.Errorf("sim: encode type %d: %w", m.Head().Type, err)
	}
	return g.emit(dst, v, t, m.Head().Type, g.payload, fill)
}

// emit appends the sentences of a message of type typ, alternating v's
// channel.
func (g *Generator) emit(dst []byte, v *vessel, t int64, typ uint8, payload []byte, fill int) ([]byte, error) {
	var err error
	v.chanB = !v.chanB
	sec, n := t/1000, len(dst)
	s := nmea.SentenceSpec{Channel: 'A', Payload: payload, FillBits: fill, SeqID: g.seq}
	if v.chanB {
		s.Channel = 'B'
	}
	if len(payload) <= nmea.MaxFragmentPayload {
		// One sentence: its tag block is the same for the whole second.
		if sec != g.tagSec || len(g.tag) == 0 {
			g.tagSec = sec
			g.tag = nmea.AppendTagBlock(g.tag[:0], nmea.TagSpec{Station: g.cfg.Station, Time: time.Unix(sec, 0)}, 1, 1)
		}
		dst = append(dst, g.tag...)
	} else {
		s.Tag = nmea.TagSpec{Station: g.cfg.Station, Time: time.Unix(sec, 0), GroupID: g.group}
	}
	dst, err = nmea.AppendSentences(dst, s)
	if err != nil {
		return dst[:n], fmt.Errorf("sim: %w", err)
	}
	frags := int64(1)
	if len(payload) > nmea.MaxFragmentPayload {
		frags = int64((len(payload) + nmea.MaxFragmentPayload - 1) / nmea.MaxFragmentPayload)
		g.seq = (g.seq + 1) % 10
		g.group++
	}
	if g.stats.Messages == 0 {
		g.first = t
	}
	g.last = t
	g.stats.Sentences += frags
	g.stats.Messages++
	g.stats.ByType[typ]++
	return dst, nil
}

// The heap is 4-ary: half as deep as a binary heap, and a node's children
// share a cache line.

// push adds e to the heap.
func (g *Generator) push(e entry) {
	g.heap = append(g.heap, e)
	i := len(g.heap) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !less(g.heap[i], g.heap[p]) {
			break
		}
		g.heap[i], g.heap[p] = g.heap[p], g.heap[i]
		i = p
	}
}

// down restores the heap order below i.
func (g *Generator) down(i int) {
	h := g.heap
	n := len(h)
	e := h[i]
	for {
		first := 4*i + 1
		if first >= n {
			break
		}
		c := first
		for j := first + 1; j < min(first+4, n); j++ {
			if less(h[j], h[c]) {
				c = j
			}
		}
		if !less(h[c], e) {
			break
		}
		h[i] = h[c]
		i = c
	}
	h[i] = e
}

// less orders entries by time, then by vessel, so that the output does not
// depend on heap internals.
func less(a, b entry) bool { return a.t < b.t || (a.t == b.t && a.i < b.i) }
