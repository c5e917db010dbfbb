package detect

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// Tartus-like port: a 1.5 km circle. Coordinates are illustrative.
var tartus = circleSite("tartus-port", sitrep.SitePort, 34.9, 35.87, 1500)

func inside(s sitrep.Site, p sitrep.Position) bool {
	sh, _ := shapeOf(&s)
	return sh.Contains(geo.Point{Lat: p.Lat, Lon: p.Lon})
}

// callAtPort: approach from the west at 10 kn, stop 3 h moored, leave west.
func callAtPort(mmsi sitrep.MMSI) []sitrep.Position {
	in := leg(mmsi, t0, 34.9, 35.75, 90, 10, time.Minute, 38)
	last := in[len(in)-1]
	var stay []sitrep.Position
	for i := 1; i <= 60; i++ {
		p := fix(mmsi, last.Time.Add(time.Duration(i)*3*time.Minute), last.Lat, last.Lon, 0)
		p.SetNavStatus(sitrep.NavMoored)
		stay = append(stay, p)
	}
	end := stay[len(stay)-1]
	out := leg(mmsi, end.Time.Add(time.Minute), end.Lat, end.Lon, 270, 10, time.Minute, 40)
	return append(append(in, stay...), out...)
}

func TestVisitArrivalDeparture(t *testing.T) {
	d, r := newDetector(t, newScanIndex(tartus), nil)
	ps := callAtPort(201000001)
	feed(d, ps)
	es := r.final()
	checkExplained(t, es)
	// The expected times, from the geometry.
	var firstIn, firstOut time.Time
	for i, p := range ps {
		if inside(tartus, p) && firstIn.IsZero() {
			firstIn = p.Time
		}
		if !firstIn.IsZero() && firstOut.IsZero() && i > 0 && !inside(tartus, p) &&
			geo.Distance(geo.Point{Lat: p.Lat, Lon: p.Lon}, geo.Point{Lat: 34.9, Lon: 35.87}) > 1500+250 {
			firstOut = p.Time
		}
	}
	arr, dep, vis := r.kind(sitrep.EventArrival), r.kind(sitrep.EventDeparture), r.kind(sitrep.EventVisit)
	if len(arr) != 1 || len(dep) != 1 || len(vis) != 1 {
		t.Fatalf("arrivals %d departures %d visits %d, want 1 each: %v", len(arr), len(dep), len(vis), es)
	}
	if !arr[0].Start.Equal(firstIn) || arr[0].StartBounds != nil {
		t.Errorf("arrival at %v bounds %v, want %v observed", arr[0].Start, arr[0].StartBounds, firstIn)
	}
	if !dep[0].Start.Equal(firstOut) {
		t.Errorf("departure at %v, want the first fix beyond the hysteresis %v", dep[0].Start, firstOut)
	}
	v := vis[0]
	if v.Open() || !v.Start.Equal(firstIn) || !v.End.Equal(firstOut) || v.Attrs["stopped"] != "true" {
		t.Errorf("visit %+v", v)
	}
	if v.Attrs["stopped_h"] != "2.95" { // 59 intervals of 3 min between moored fixes
		t.Errorf("stopped_h = %s, want 2.95", v.Attrs["stopped_h"])
	}
	if v.Rule.Name != RuleVisit || v.Rule.Params["min_dwell_min"] != 30 || v.Rule.Params["hysteresis_m"] != 250 {
		t.Errorf("visit rule %+v", v.Rule)
	}
	// The visit was emitted open first, then closed, under one ID.
	var opened, closed int
	for _, e := range r.all {
		if e.Kind == sitrep.EventVisit {
			if e.ID != v.ID {
				t.Errorf("visit emitted under two IDs: %s, %s", e.ID, v.ID)
			}
			if e.Open() {
				opened++
			} else {
				closed++
			}
		}
	}
	if opened == 0 || closed != 1 {
		t.Errorf("visit emissions: %d open, %d closed", opened, closed)
	}
}

func TestSingleFixInsideIsNoArrival(t *testing.T) {
	d, r := newDetector(t, newScanIndex(tartus), nil)
	feed(d, []sitrep.Position{
		fix(1, t0, 34.9, 35.845, 10),
		fix(1, t0.Add(3*time.Minute), 34.9, 35.86, 10), // a stray fix inside
		fix(1, t0.Add(6*time.Minute), 34.9, 35.845, 10),
		fix(1, t0.Add(9*time.Minute), 34.9, 35.845, 10),
	})
	if n := len(r.final()); n != 0 {
		t.Errorf("%d events from one stray fix: %v", n, r.final())
	}
}

// jitterOnBoundary: a vessel moored on the edge of the site, its fixes 50 m
// either side of the boundary, for two hours; then it leaves.
func jitterOnBoundary(mmsi sitrep.MMSI) []sitrep.Position {
	c := geo.Point{Lat: 34.9, Lon: 35.87}
	var ps []sitrep.Position
	for i := range 120 {
		r := 1500.0 - 50
		if i%2 == 1 {
			r = 1500 + 50
		}
		q := geo.Destination(c, 0, r)
		ps = append(ps, fix(mmsi, t0.Add(time.Duration(i)*time.Minute), q.Lat, q.Lon, 0.1))
	}
	q := geo.Destination(c, 0, 5000)
	ps = append(ps, fix(mmsi, t0.Add(125*time.Minute), q.Lat, q.Lon, 8), fix(mmsi, t0.Add(126*time.Minute), q.Lat+0.001, q.Lon, 8))
	return ps
}

func TestBoundaryJitterHysteresis(t *testing.T) {
	// Inside and outside alternate, so confirmation alone would never
	// confirm; confirm_fixes 1 shows what hysteresis prevents.
	d, r := newDetector(t, newScanIndex(tartus), map[string]float64{"confirm_fixes": 1})
	feed(d, jitterOnBoundary(2))
	es := r.final()
	if count(es, sitrep.EventArrival) != 1 || count(es, sitrep.EventDeparture) != 1 || count(es, sitrep.EventVisit) != 1 {
		t.Errorf("with hysteresis: %d arrivals, %d departures, %d visits, want 1 each", count(es, sitrep.EventArrival),
			count(es, sitrep.EventDeparture), count(es, sitrep.EventVisit))
	}
	d, r = newDetector(t, newScanIndex(tartus), map[string]float64{"confirm_fixes": 1, "hysteresis_m": 0})
	feed(d, jitterOnBoundary(2))
	if n := count(r.final(), sitrep.EventArrival); n < 50 {
		t.Errorf("without hysteresis or confirmation: %d arrivals, want flapping (the test would not see a regression)", n)
	}
}

func TestGapAcrossBoundary(t *testing.T) {
	d, r := newDetector(t, newScanIndex(tartus), nil)
	outside := fix(3, t0, 34.9, 35.70, 10)
	// Silent three hours, then heard inside.
	var ps []sitrep.Position
	ps = append(ps, outside, fix(3, t0.Add(time.Minute), 34.9, 35.701, 10))
	for i := range 30 {
		ps = append(ps, fix(3, t0.Add(3*time.Hour+time.Duration(i)*4*time.Minute), 34.9, 35.87, 0))
	}
	lastIn := ps[len(ps)-1]
	// Silent four hours, then heard far outside.
	out1 := fix(3, lastIn.Time.Add(4*time.Hour), 34.9, 35.60, 12)
	out2 := fix(3, out1.Time.Add(time.Minute), 34.9, 35.59, 12)
	ps = append(ps, out1, out2)
	feed(d, ps)
	es := r.final()
	checkExplained(t, es)
	arr, dep, vis := r.kind(sitrep.EventArrival), r.kind(sitrep.EventDeparture), r.kind(sitrep.EventVisit)
	if len(arr) != 1 || len(dep) != 1 || len(vis) != 1 {
		t.Fatalf("events %v", es)
	}
	want := sitrep.TimeRange{From: ps[1].Time, To: ps[2].Time}
	if arr[0].StartBounds == nil || *arr[0].StartBounds != want || !arr[0].Start.Equal(want.To) || arr[0].Attrs["entry"] != "unknown" {
		t.Errorf("arrival bounds %v start %v, want %v", arr[0].StartBounds, arr[0].Start, want)
	}
	wantEnd := sitrep.TimeRange{From: lastIn.Time, To: out1.Time}
	if vis[0].EndBounds == nil || *vis[0].EndBounds != wantEnd || vis[0].StartBounds == nil {
		t.Errorf("visit bounds %v / %v, want end %v", vis[0].StartBounds, vis[0].EndBounds, wantEnd)
	}
	if dep[0].StartBounds == nil || *dep[0].StartBounds != wantEnd || dep[0].Attrs["exit"] != "unknown" {
		t.Errorf("departure bounds %v, want %v", dep[0].StartBounds, wantEnd)
	}
	// First heard inside: the entry has no lower bound.
	d, r = newDetector(t, newScanIndex(tartus), nil)
	feed(d, ps[2:6])
	arr = r.kind(sitrep.EventArrival)
	if len(arr) != 1 || arr[0].StartBounds == nil || !arr[0].StartBounds.From.IsZero() {
		t.Errorf("first heard inside: %+v", arr)
	}
}

func TestDeclaredMismatch(t *testing.T) {
	site := tartus
	site.LOCODE, site.Country = "SYTTS", "SY"
	spb := &sitrep.PortRef{LOCODE: "RULED", Name: "Saint Petersburg", Country: "RU", Lat: 59.93, Lon: 30.2}
	tts := &sitrep.PortRef{LOCODE: "SYTTS", Name: "Tartus", Country: "SY", Lat: 34.89, Lon: 35.88}
	for _, tc := range []struct {
		name string
		port *sitrep.PortRef
		want int
	}{{"declared elsewhere", spb, 1}, {"declared here", tts, 0}, {"unresolved", nil, 0}} {
		t.Run(tc.name, func(t *testing.T) {
			d, r := newDetector(t, newScanIndex(site), nil)
			mmsi := sitrep.MMSI(273000001)
			v := sitrep.Vessel{Identity: sitrep.Identity{MMSI: mmsi}, Voyage: sitrep.Voyage{Destination: "ST PETERSBURG", DestinationPort: tc.port}, LastSeen: t0}
			d.Identity(v, nil)
			feed(d, callAtPort(mmsi))
			got := r.kind(sitrep.EventDeclaredMismatch)
			if len(got) != tc.want {
				t.Fatalf("%d mismatches, want %d: %v", len(got), tc.want, got)
			}
			if tc.want == 1 {
				e := got[0]
				arr := r.kind(sitrep.EventArrival)[0]
				if !e.Start.Equal(arr.Start) || e.Attrs["declared_locode"] != "RULED" || e.Attrs["site_locode"] != "SYTTS" ||
					e.Attrs["same_country"] != "false" || e.SiteID != site.ID {
					t.Errorf("mismatch %+v", e)
				}
				t.Log(e.Summary)
			}
		})
	}
	// The destination first heard after the arrival, during the visit:
	// compared then, with the arrival's ID and time.
	d, r := newDetector(t, newScanIndex(site), nil)
	mmsi := sitrep.MMSI(273000002)
	ps := callAtPort(mmsi)
	feed(d, ps[:60])
	d.Identity(sitrep.Vessel{Identity: sitrep.Identity{MMSI: mmsi}, Voyage: sitrep.Voyage{Destination: "ST PETERSBURG", DestinationPort: spb}, LastSeen: ps[59].Time}, nil)
	feed(d, ps[60:])
	got, arr := r.kind(sitrep.EventDeclaredMismatch), r.kind(sitrep.EventArrival)
	if len(got) != 1 || len(arr) != 1 || got[0].ID != "declared_mismatch:273000002:tartus-port:"+arr[0].Start.Format("20060102T150405.000Z") {
		t.Errorf("late declaration: %v", got)
	}
}

// TestDeclaredMismatchNeedsAStop: a vessel that passes through a port
// without stopping (up a canal, past a port on its way) has not arrived
// there, whatever it declares; one that stops has.
func TestDeclaredMismatchNeedsAStop(t *testing.T) {
	site := tartus
	site.LOCODE, site.Country = "SYTTS", "SY"
	spb := &sitrep.PortRef{LOCODE: "RULED", Name: "Saint Petersburg", Country: "RU", Lat: 59.93, Lon: 30.2}
	d, r := newDetector(t, newScanIndex(site), nil)
	mmsi := sitrep.MMSI(273000003)
	d.Identity(sitrep.Vessel{Identity: sitrep.Identity{MMSI: mmsi}, Voyage: sitrep.Voyage{Destination: "ST PETERSBURG", DestinationPort: spb}, LastSeen: t0}, nil)
	// Through the site at 6 kn, a fix a minute, never below stop_sog_kn.
	c := siteCenter(&site)
	feed(d, leg(mmsi, t0, c.Lat, c.Lon-0.1, 90, 6, time.Minute, 200))
	if n := len(r.kind(sitrep.EventArrival)); n != 1 {
		t.Fatalf("%d arrivals for the pass-through, want 1: %v", n, r.final())
	}
	if got := r.kind(sitrep.EventDeclaredMismatch); len(got) != 0 {
		t.Errorf("declared_mismatch for a vessel that never stopped: %v", got)
	}
	// The same vessel calling at the port, later: a mismatch, with the
	// arrival's time and the first stop in its evidence.
	ps := callAtPort(mmsi)
	off := t0.Add(24 * time.Hour).Sub(ps[0].Time)
	for i := range ps {
		ps[i].Time = ps[i].Time.Add(off)
	}
	feed(d, ps)
	got := r.kind(sitrep.EventDeclaredMismatch)
	if len(got) != 1 {
		t.Fatalf("%d mismatches for the call, want 1: %v", len(got), r.final())
	}
	roles := map[string]bool{}
	for _, f := range got[0].Evidence {
		roles[f.Role] = true
	}
	if !roles[RoleArrival] || !roles[RoleFirstStop] || got[0].Rule.Params["stop_sog_kn"] != 0.5 {
		t.Errorf("mismatch evidence %v, rule %v", got[0].Evidence, got[0].Rule)
	}
}
