package sqlite

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// simFleet moves SIMULATED vessels in a plausible way: each keeps a speed
// and a slowly wandering course, reports every 2 to 10 s when under way
// (faster ships more often, as Class A does) and every 3 min when moored,
// and is heard by one of a few receivers, some of which stamp tag-block
// times (second resolution, with receive latency jitter) and some of which
// give receive times only.
type simFleet struct {
	r       *rand.Rand
	now     int64 // Unix ms
	vessels []simVessel
}

type simVessel struct {
	mmsi       sitrep.MMSI
	lat, lon   float64 // degrees
	sog, cog   float64 // knots, degrees
	interval   int64   // ms
	next       int64   // Unix ms of the next report
	station    int
	moored     bool
	navStatus  sitrep.NavStatus
	classB     bool
	headingOff float64
}

// simStart is when SIMULATED time starts: 1 January 2025 00:00 UTC.
var simStart = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// newSimFleet returns n SIMULATED vessels in the eastern Mediterranean and
// approaches, deterministic in seed.
func newSimFleet(seed uint64, n int) *simFleet {
	f := &simFleet{r: rand.New(rand.NewPCG(seed, 99)), now: simStart.UnixMilli()}
	for i := range n {
		v := simVessel{
			mmsi:    sitrep.MMSI(200000000 + i*1009),
			lat:     30 + f.r.Float64()*15,
			lon:     10 + f.r.Float64()*25,
			cog:     f.r.Float64() * 360,
			station: f.r.IntN(8),
			classB:  f.r.IntN(5) == 0,
		}
		switch {
		case f.r.IntN(4) == 0:
			v.moored, v.navStatus, v.interval = true, sitrep.NavMoored, 180_000
		default:
			v.sog = 6 + f.r.Float64()*14
			v.interval = 10_000 - int64(v.sog/20*8000) // 2..10 s
			if v.classB {
				v.interval = 30_000
			}
		}
		v.next = f.now + f.r.Int64N(v.interval)
		v.headingOff = f.r.NormFloat64() * 2
		f.vessels = append(f.vessels, v)
	}
	return f
}

// batch returns the next n SIMULATED positions in time order (across
// vessels; within a tick, in vessel order).
func (f *simFleet) batch(n int) []sitrep.Position {
	ps := make([]sitrep.Position, 0, n)
	for len(ps) < n {
		f.now += 1000
		for i := range f.vessels {
			v := &f.vessels[i]
			if v.next > f.now {
				continue
			}
			f.move(v)
			ps = append(ps, f.position(v))
			v.next += v.interval
			if len(ps) == n {
				break
			}
		}
	}
	return ps
}

// move advances v to f.now.
func (f *simFleet) move(v *simVessel) {
	if v.moored {
		return
	}
	v.cog = math.Mod(v.cog+f.r.NormFloat64()*0.3+360, 360)
	v.sog = max(0.1, v.sog+f.r.NormFloat64()*0.05)
	nm := v.sog * float64(v.interval) / 3_600_000
	rad := v.cog * math.Pi / 180
	v.lat += nm / 60 * math.Cos(rad)
	v.lon += nm / 60 * math.Sin(rad) / math.Cos(v.lat*math.Pi/180)
}

// simStations are the SIMULATED receivers; even ones stamp tag-block times.
var simStations = []string{"SIM-TARTUS", "SIM-LATAKIA", "SIM-CYPRUS", "SIM-CRETE", "SIM-MALTA", "SIM-SICILY", "SIM-PIRAEUS", "SIM-ALEX"}

// position is v's report at f.now.
func (f *simFleet) position(v *simVessel) sitrep.Position {
	t := time.UnixMilli(f.now).UTC()
	p := sitrep.Position{
		MMSI:     v.mmsi,
		Time:     t,
		Lat:      math.Round(v.lat*600000) / 600000,
		Lon:      math.Round(v.lon*600000) / 600000,
		Accuracy: !v.classB,
		Class:    sitrep.ClassA,
	}
	if v.classB {
		p.Class = sitrep.ClassB
	}
	p.SetSOG(float32(math.Round(v.sog*10)) / 10)
	p.SetCOG(float32(math.Mod(math.Round(v.cog*10), 3600)) / 10)
	if !v.moored {
		p.SetHeading(uint16(math.Mod(math.Round(v.cog+v.headingOff)+360, 360)))
	}
	if !v.classB {
		p.SetNavStatus(v.navStatus)
	}
	src := sitrep.Provenance{Feed: "sim", Station: simStations[v.station], Received: t}
	if v.station%2 == 0 {
		p.TimeSource = sitrep.TimeSourceTagBlock
		src.Received = t.Add(time.Duration(200+f.r.IntN(600)) * time.Millisecond)
	} else {
		p.TimeSource = sitrep.TimeSourceReceive
	}
	p.Sources = []sitrep.Provenance{src}
	return p
}
