package storetest

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// testRoundTrip stores positions covering every optional field, flag,
// class, time source and number of sources, and reads them back exactly.
func testRoundTrip(t *testing.T, h *harness) {
	s, _ := h.store()
	const m = sitrep.MMSI(273123456)
	var want []sitrep.Position
	for i := range 48 {
		p := sitrep.Position{
			MMSI:       m,
			Time:       t0.Add(time.Duration(i)*time.Minute + time.Duration(i*7)*time.Millisecond),
			TimeSource: sitrep.TimeSource(i % 6),
			Lat:        deg(35.1 + float64(i)*0.001),
			Lon:        deg(35.8 - float64(i)*0.002),
			Accuracy:   i%2 == 0,
			Class:      sitrep.VesselClass(i % 6),
			Flags:      sitrep.PositionFlags(i % 8),
		}
		has := sitrep.PositionFields(i % 16)
		if has&sitrep.HasSOG != 0 {
			p.SetSOG(float32(i*13%1000) / 10)
		}
		if has&sitrep.HasCOG != 0 {
			p.SetCOG(float32(i*97%3600) / 10)
		}
		if has&sitrep.HasHeading != 0 {
			p.SetHeading(uint16(i * 7 % 360))
		}
		if has&sitrep.HasNavStatus != 0 {
			p.SetNavStatus(sitrep.NavStatus(i % 15))
		}
		for k := range i % 4 {
			src := feeds[(i+k)%len(feeds)]
			src.Received = p.Time.Add(time.Duration(k*250+i) * time.Millisecond)
			p.Sources = append(p.Sources, src)
		}
		want = append(want, p)
	}
	// Extremes: the poles, the antimeridian, 0,0, SOG 0 and COG 0 present.
	for i, ll := range [][2]float64{{90, 180}, {-90, -180}, {0, 0}, {-33.8568, 151.2153}} {
		p := fix(m, 4000+i, ll[0], ll[1])
		p.SetSOG(0)
		p.SetCOG(0)
		want = append(want, p)
	}
	add(t, s, shuffled(want, 1))
	equalPositions(t, "Track", track(t, s, m, sitrep.TimeRange{}), want)
	equalPositions(t, "PositionsIn(world)", in(t, s, world, sitrep.TimeRange{}, 0), want)
}

// testTrackOrder stores one vessel's track in shuffled batches whose time
// spans overlap, and expects it back in time order.
func testTrackOrder(t *testing.T, h *harness) {
	s, _ := h.store()
	ps := fleet(2, 1, 300)
	mix := shuffled(ps, 3)
	for len(mix) > 0 {
		n := min(len(mix), 37)
		add(t, s, mix[:n])
		mix = mix[n:]
	}
	equalPositions(t, "Track", track(t, s, ps[0].MMSI, sitrep.TimeRange{}), ps)
}

// testTimeRange checks that ranges are half-open [From, To) and that a
// zero end is open.
func testTimeRange(t *testing.T, h *harness) {
	s, _ := h.store()
	ps := fleet(4, 3, 60) // every 10 s (+0..2 s) from t0
	add(t, s, ps)
	m := ps[0].MMSI
	own := ps[:60]
	at := func(i int) time.Time { return own[i].Time }
	for _, r := range []sitrep.TimeRange{
		{},
		{From: at(10)},
		{To: at(10)},
		{From: at(10), To: at(20)},
		{From: at(10), To: at(11)},
		{From: at(10).Add(time.Millisecond), To: at(20).Add(time.Millisecond)},
		{From: at(10).Add(-time.Millisecond), To: at(20).Add(-time.Millisecond)},
		{From: at(10).Add(time.Microsecond), To: at(20).Add(time.Microsecond)},
		{From: at(10), To: at(10)},
		{From: at(20), To: at(10)},
		{From: at(59).Add(time.Millisecond)},
		{To: at(0)},
	} {
		equalPositions(t, "Track "+r.From.String()+" "+r.To.String(), track(t, s, m, r), filter(own, world, r))
		equalPositions(t, "PositionsIn "+r.From.String()+" "+r.To.String(), in(t, s, world, r, 0),
			byTimeMMSI(filter(ps, world, r)))
	}
	if got := track(t, s, m, sitrep.TimeRange{From: at(10), To: at(11)}); len(got) != 1 {
		t.Errorf("[t10, t11): %d positions, want exactly 1", len(got))
	}
}

// testArea compares area queries with a brute-force filter.
func testArea(t *testing.T, h *harness) {
	s, _ := h.store()
	ps := fleet(5, 40, 40)
	add(t, s, shuffled(ps, 6))
	for _, a := range []sitrep.Area{
		world,
		{MinLat: 0, MinLon: 0, MaxLat: 60, MaxLon: 170},
		{MinLat: -30, MinLon: -100, MaxLat: 10, MaxLon: 20},
		{MinLat: ps[5].Lat, MinLon: ps[5].Lon, MaxLat: ps[5].Lat, MaxLon: ps[5].Lon}, // edges included
		{MinLat: 89, MinLon: 0, MaxLat: 90, MaxLon: 10},
	} {
		for _, r := range []sitrep.TimeRange{{}, {From: t0.Add(time.Minute), To: t0.Add(3 * time.Minute)}} {
			want := byTimeMMSI(filter(ps, a, r))
			equalPositions(t, "PositionsIn", in(t, s, a, r, 0), want)
		}
	}
	if got := in(t, s, sitrep.Area{MinLat: ps[5].Lat, MinLon: ps[5].Lon, MaxLat: ps[5].Lat, MaxLon: ps[5].Lon}, sitrep.TimeRange{}, 0); len(got) == 0 {
		t.Error("a box of one stored position returned nothing")
	}
}

// testAntimeridian queries an Area crossing the antimeridian.
func testAntimeridian(t *testing.T, h *harness) {
	s, _ := h.store()
	var ps []sitrep.Position
	for i, lon := range []float64{179.5, -179.5, 180, -180, 178.9, -178.9, 0, 90, -90, 179.01} {
		ps = append(ps, fix(sitrep.MMSI(412000000+i), i, 10, lon))
	}
	add(t, s, ps)
	a := sitrep.Area{MinLat: 0, MinLon: 179, MaxLat: 20, MaxLon: -179}
	want := byTimeMMSI(filter(ps, a, sitrep.TimeRange{}))
	if len(want) != 5 {
		t.Fatalf("test data: %d positions in the area, want 5", len(want))
	}
	equalPositions(t, "PositionsIn(antimeridian)", in(t, s, a, sitrep.TimeRange{}, 0), want)
}

// testLimit checks that a limit returns the first positions of the full
// ordered result.
func testLimit(t *testing.T, h *harness) {
	s, _ := h.store()
	ps := fleet(7, 20, 30)
	add(t, s, shuffled(ps, 8))
	all := byTimeMMSI(ps)
	for _, limit := range []int{1, 7, 100, len(ps), len(ps) + 1} {
		equalPositions(t, "PositionsIn limit", in(t, s, world, sitrep.TimeRange{}, limit), all[:min(limit, len(all))])
	}
	equalPositions(t, "PositionsIn limit -1", in(t, s, world, sitrep.TimeRange{}, -1), all)
}

// testManyVessels stores many vessels over several batches and reads each
// track back.
func testManyVessels(t *testing.T, h *harness) {
	s, _ := h.store()
	ps := fleet(9, 300, 20)
	mix := shuffled(ps, 10)
	for i := 0; i < len(mix); i += 1000 {
		add(t, s, mix[i:min(i+1000, len(mix))])
	}
	for v := range 300 {
		own := ps[v*20 : (v+1)*20]
		equalPositions(t, "Track", track(t, s, own[0].MMSI, sitrep.TimeRange{}), own)
	}
	equalPositions(t, "PositionsIn(world)", in(t, s, world, sitrep.TimeRange{}, 0), byTimeMMSI(ps))
}

// testAddSources adds receipts to stored positions and reads all of a
// position's sources back, earliest first.
func testAddSources(t *testing.T, h *harness) {
	s, _ := h.store()
	const m = sitrep.MMSI(273000001)
	p := fix(m, 0, 44.6, 33.5) // one source, received at +1.5 s
	q := fix(m, 10, 44.61, 33.51)
	add(t, s, []sitrep.Position{p, q})
	early := sitrep.Provenance{Feed: "sim-extra", Station: "SIM-EARLY", Received: p.Time.Add(200 * time.Millisecond)}
	late := sitrep.Provenance{Feed: "sim-extra", Station: "SIM-LATE", Received: p.Time.Add(9 * time.Second)}
	if err := s.AddSources(ctx(t), m, p.Time, []sitrep.Provenance{late, early}); err != nil {
		t.Fatalf("AddSources: %v", err)
	}
	wantP := p
	wantP.Sources = []sitrep.Provenance{early, p.Sources[0], late}
	want := []sitrep.Position{wantP, q}
	equalPositions(t, "Track", track(t, s, m, sitrep.TimeRange{}), want)
	equalPositions(t, "PositionsIn", in(t, s, world, sitrep.TimeRange{}, 0), want)
	equalPositions(t, "Track of the one position", track(t, s, m, sitrep.TimeRange{From: p.Time, To: q.Time}), want[:1])

	// AddReceipts: receipts of both positions in one batch; one already
	// recorded is not recorded twice.
	other := sitrep.Provenance{Feed: "sim-other", Station: "SIM-Q", Received: q.Time.Add(3 * time.Second)}
	if err := s.AddReceipts(ctx(t), []sitrep.Receipt{{MMSI: m, Time: q.Time, Source: other}, {MMSI: m, Time: p.Time, Source: late}}); err != nil {
		t.Fatalf("AddReceipts: %v", err)
	}
	wantQ := q
	wantQ.Sources = []sitrep.Provenance{q.Sources[0], other}
	want = []sitrep.Position{wantP, wantQ}
	equalPositions(t, "Track after AddReceipts", track(t, s, m, sitrep.TimeRange{}), want)
	if err := s.AddReceipts(ctx(t), nil); err != nil {
		t.Errorf("AddReceipts(nil): %v", err)
	}
}

// testEmpty checks that queries with no result return empty slices, not
// errors or nil.
func testEmpty(t *testing.T, h *harness) {
	s, _ := h.store()
	equalPositions(t, "Track(empty store)", track(t, s, 1, sitrep.TimeRange{}), nil)
	equalPositions(t, "PositionsIn(empty store)", in(t, s, world, sitrep.TimeRange{}, 10), nil)
	add(t, s, fleet(11, 2, 5))
	equalPositions(t, "Track(unknown vessel)", track(t, s, 999999999, sitrep.TimeRange{}), nil)
	equalPositions(t, "Track(range before data)", track(t, s, fleet(11, 1, 1)[0].MMSI, sitrep.TimeRange{To: t0}), nil)
	equalPositions(t, "PositionsIn(empty area)", in(t, s, sitrep.Area{MinLat: 89.9, MinLon: 0, MaxLat: 90, MaxLon: 1}, sitrep.TimeRange{}, 0), nil)
	if err := s.AddPositions(ctx(t), nil); err != nil {
		t.Errorf("AddPositions(nil): %v", err)
	}
	hist, err := s.IdentityHistory(ctx(t), 1)
	if err != nil || hist == nil || len(hist) != 0 {
		t.Errorf("IdentityHistory(unknown) = %v, %v; want empty slice", hist, err)
	}
	vs, err := s.Vessels(ctx(t), "no such vessel", 0)
	if err != nil || vs == nil || len(vs) != 0 {
		t.Errorf("Vessels(no match) = %v, %v; want empty slice", vs, err)
	}
}
