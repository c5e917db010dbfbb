package storetest

import (
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// t0 is the start of the SIMULATED data: 25 January 2025, 06:00 UTC.
var t0 = time.Date(2025, 1, 25, 6, 0, 0, 0, time.UTC)

// deg returns a coordinate on the AIS grid (1/600000 degree) near d.
func deg(d float64) float64 { return float64(int64(d*600000)) / 600000 }

// feeds are SIMULATED receivers.
var feeds = []sitrep.Provenance{
	{Feed: "sim-tcp", Station: "SIM-TARTUS"},
	{Feed: "sim-tcp", Station: "SIM-GIBRALTAR"},
	{Feed: "sim-udp", Station: ""},
	{Feed: "sim-file", Station: "SIM-BALTIYSK"},
}

// fix returns a SIMULATED position of mmsi at t0+sec seconds with every
// optional field present and one source received latency ms later.
func fix(mmsi sitrep.MMSI, sec int, lat, lon float64) sitrep.Position {
	p := sitrep.Position{
		MMSI:       mmsi,
		Time:       t0.Add(time.Duration(sec) * time.Second),
		TimeSource: sitrep.TimeSourceTagBlock,
		Lat:        deg(lat),
		Lon:        deg(lon),
		Accuracy:   true,
		Class:      sitrep.ClassA,
	}
	p.SetSOG(12.3)
	p.SetCOG(271.5)
	p.SetHeading(270)
	p.SetNavStatus(sitrep.NavUnderWayEngine)
	src := feeds[int(mmsi)%len(feeds)]
	src.Received = p.Time.Add(1500 * time.Millisecond)
	p.Sources = []sitrep.Provenance{src}
	return p
}

// fleet returns n SIMULATED vessels' tracks of per positions each, every
// 10 s from t0, moving in straight lines from random points of the box
// lat [-60, 60], lon [-170, 170]; deterministic in seed. Fleets of
// different seeds (below 100) have different MMSIs.
func fleet(seed uint64, n, per int) []sitrep.Position {
	r := rand.New(rand.NewPCG(seed, 1))
	var ps []sitrep.Position
	for v := range n {
		mmsi := sitrep.MMSI(211000000 + int(seed%100)*10000 + v*7 + 1)
		lat, lon := r.Float64()*120-60, r.Float64()*340-170
		dlat, dlon := r.Float64()*0.002-0.001, r.Float64()*0.002-0.001
		for i := range per {
			p := fix(mmsi, i*10+r.IntN(3), lat+float64(i)*dlat, lon+float64(i)*dlon)
			p.SetSOG(float32(r.IntN(200)) / 10)
			p.SetCOG(float32(r.IntN(3600)) / 10)
			ps = append(ps, p)
		}
	}
	return ps
}

// shuffled returns a copy of ps in a deterministic random order.
func shuffled(ps []sitrep.Position, seed uint64) []sitrep.Position {
	out := slices.Clone(ps)
	r := rand.New(rand.NewPCG(seed, 2))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// byTimeMMSI sorts ps by time then MMSI, stably.
func byTimeMMSI(ps []sitrep.Position) []sitrep.Position {
	out := slices.Clone(ps)
	slices.SortStableFunc(out, func(a, b sitrep.Position) int {
		if c := a.Time.Compare(b.Time); c != 0 {
			return c
		}
		return cmp.Compare(a.MMSI, b.MMSI)
	})
	return out
}

// normTime returns t in UTC to the millisecond, without a monotonic
// reading; the zero time stays zero.
func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Millisecond)
}

// normPosition returns p as a store returns it: times normalised, no
// empty Sources slice, values of absent fields zero.
func normPosition(p sitrep.Position) sitrep.Position {
	p.Time = normTime(p.Time)
	if len(p.Sources) == 0 {
		p.Sources = nil
	} else {
		p.Sources = slices.Clone(p.Sources)
		for i := range p.Sources {
			p.Sources[i].Received = normTime(p.Sources[i].Received)
		}
	}
	if p.Has&sitrep.HasSOG == 0 {
		p.SOG = 0
	}
	if p.Has&sitrep.HasCOG == 0 {
		p.COG = 0
	}
	if p.Has&sitrep.HasHeading == 0 {
		p.Heading = 0
	}
	if p.Has&sitrep.HasNavStatus == 0 {
		p.NavStatus = 0
	}
	return p
}

// equalPositions fails t unless got and want hold equal positions in the
// same order (after normPosition).
func equalPositions(t *testing.T, what string, got, want []sitrep.Position) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: nil slice, want empty slice", what)
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d positions, want %d", what, len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		g, w := normPosition(got[i]), normPosition(want[i])
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: position %d:\n got %s\nwant %s", what, i, show(g), show(w))
			return
		}
	}
}

// show formats a position for failure messages.
func show(p sitrep.Position) string {
	return fmt.Sprintf("%v %s ts=%v %.7f,%.7f sog=%v cog=%v hdg=%v nav=%v has=%v acc=%v class=%v flags=%v src=%+v",
		p.MMSI, p.Time.Format(time.RFC3339Nano), p.TimeSource, p.Lat, p.Lon, p.SOG, p.COG, p.Heading,
		p.NavStatus, p.Has, p.Accuracy, p.Class, p.Flags, p.Sources)
}

// filter returns the positions of ps in a and r, in order.
func filter(ps []sitrep.Position, a sitrep.Area, r sitrep.TimeRange) []sitrep.Position {
	out := []sitrep.Position{}
	for _, p := range ps {
		if a.Contains(p.Lat, p.Lon) && r.Contains(p.Time) {
			out = append(out, p)
		}
	}
	return out
}

// world is an Area holding every valid position.
var world = sitrep.Area{MinLat: -90, MinLon: -180, MaxLat: 90, MaxLon: 180}

// add stores ps or fails t.
func add(t *testing.T, s sitrep.Store, ps []sitrep.Position) {
	t.Helper()
	if err := s.AddPositions(ctx(t), ps); err != nil {
		t.Fatalf("AddPositions(%d positions): %v", len(ps), err)
	}
}

// track returns s.Track or fails t.
func track(t *testing.T, s sitrep.Store, m sitrep.MMSI, r sitrep.TimeRange) []sitrep.Position {
	t.Helper()
	ps, err := s.Track(ctx(t), m, r)
	if err != nil {
		t.Fatalf("Track(%v, %v): %v", m, r, err)
	}
	// TrackFunc must walk exactly what Track returns.
	var walked []sitrep.Position
	err = s.TrackFunc(ctx(t), m, r, func(p *sitrep.Position) error {
		q := *p
		q.Sources = slices.Clone(p.Sources)
		walked = append(walked, q)
		return nil
	})
	if err != nil {
		t.Fatalf("TrackFunc(%v, %v): %v", m, r, err)
	}
	if len(walked) != len(ps) {
		t.Fatalf("TrackFunc(%v, %v) walked %d positions, Track returned %d", m, r, len(walked), len(ps))
	}
	for i := range ps {
		if !reflect.DeepEqual(walked[i], ps[i]) {
			t.Fatalf("TrackFunc(%v, %v) position %d:\n got %+v\nwant %+v", m, r, i, walked[i], ps[i])
		}
	}
	if len(ps) > 1 { // an error from fn stops the walk and comes back
		stop := errors.New("stop")
		n := 0
		err := s.TrackFunc(ctx(t), m, r, func(*sitrep.Position) error { n++; return stop })
		if err != stop || n != 1 {
			t.Fatalf("TrackFunc with fn failing: %d calls, err %v; want 1 call and fn's error", n, err)
		}
	}
	return ps
}

// in returns s.PositionsIn or fails t.
func in(t *testing.T, s sitrep.Store, a sitrep.Area, r sitrep.TimeRange, limit int) []sitrep.Position {
	t.Helper()
	ps, err := s.PositionsIn(ctx(t), a, r, limit)
	if err != nil {
		t.Fatalf("PositionsIn(%+v, %v, %d): %v", a, r, limit, err)
	}
	return ps
}
