package live

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/track"
)

func TestInBox(t *testing.T) {
	s := NewState(newTrack(t))
	ps := []sitrep.Position{
		fix(273000001, 34.9, 35.87, "aishub", ""),              // Tartus
		fix(273000002, 35.5, 35.78, "aishub", ""),              // Latakia
		fix(412000003, 52.5, 179.9, "tcp", ""),                 // east of the antimeridian
		fix(412000004, 52.6, -179.8, "sitrep-simulated-a", ""), // west of it
		fix(412000005, 52.6, -170, "tcp", "sitrep-simulated"),  // outside the box across it
		fix(412000006, 52.6, 180, "tcp", ""),                   // on it
		fix(412000007, 52.6, -180, "tcp", ""),                  // on it, the other way
		fix(273000008, 91, 35.8, "aishub", ""),                 // invalid: no position
	}
	s.Update(func(st *track.State) { st.ObserveAll(ps) })

	ids := func(vs []Vessel) []sitrep.MMSI {
		var out []sitrep.MMSI
		for _, v := range vs {
			out = append(out, v.MMSI)
		}
		slices.Sort(out)
		return out
	}
	for _, c := range []struct {
		name string
		a    sitrep.Area
		want []sitrep.MMSI
	}{
		{"syria", sitrep.Area{MinLat: 34, MinLon: 35, MaxLat: 36, MaxLon: 36.5}, []sitrep.MMSI{273000001, 273000002}},
		{"tartus only", sitrep.Area{MinLat: 34.8, MinLon: 35.8, MaxLat: 35, MaxLon: 35.9}, []sitrep.MMSI{273000001}},
		{"antimeridian", sitrep.Area{MinLat: 52, MinLon: 179, MaxLat: 53, MaxLon: -179}, []sitrep.MMSI{412000003, 412000004, 412000006, 412000007}},
		{"west edge", sitrep.Area{MinLat: 52, MinLon: -175, MaxLat: 53, MaxLon: -165}, []sitrep.MMSI{412000005}},
		{"empty", sitrep.Area{MinLat: -10, MinLon: -10, MaxLat: -5, MaxLon: -5}, nil},
	} {
		vs, total := s.InBox(c.a, 0)
		if got := ids(vs); !slices.Equal(got, c.want) || total != len(c.want) {
			t.Errorf("%s: InBox = %v (total %d), want %v", c.name, got, total, c.want)
		}
	}

	// Limit: truncated, total still counts all.
	world := sitrep.Area{MinLat: -90, MinLon: -180, MaxLat: 90, MaxLon: 180}
	vs, total := s.InBox(world, 3)
	if len(vs) != 3 || total != 7 {
		t.Errorf("InBox(world, 3): %d vessels, total %d; want 3 of 7", len(vs), total)
	}
	if s.Len() != 8 {
		t.Errorf("Len = %d, want 8 (one without a position)", s.Len())
	}

	all, _ := s.InBox(world, 0)
	byID := map[sitrep.MMSI]Vessel{}
	for _, v := range all {
		byID[v.MMSI] = v
	}
	if !byID[412000004].Simulated || !byID[412000005].Simulated || byID[273000001].Simulated {
		t.Errorf("Simulated: feed-named %v, station-named %v, real %v; want true, true, false",
			byID[412000004].Simulated, byID[412000005].Simulated, byID[273000001].Simulated)
	}
	v := byID[273000001]
	if v.Flag != "RU" || v.Class != "A" || v.SOG != 12.5 || v.COG != 90 || v.Heading != HeadingNotAvailable {
		t.Errorf("live vessel = %+v; want flag RU, class A, sog 12.5, cog 90, heading 511", v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"mmsi":273000001`, `"lat":34.9`, `"lon":35.87`, `"sog":12.5`, `"cog":90`, `"heading":511`,
		`"time":"2025-01-25T12:00:00Z"`, `"class":"A"`, `"flag":"RU"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON %s lacks %s", b, want)
		}
	}
	if strings.Contains(string(b), "simulated") {
		t.Errorf("JSON %s: simulated should be omitted when false", b)
	}

	if _, ok := s.Vessel(273000008); !ok {
		t.Error("Vessel(273000008): not held")
	}
	if _, ok := s.Live(273000008); ok {
		t.Error("Live(273000008): a vessel without a plausible fix has no live view")
	}
	if lv, ok := s.Live(273000002); !ok || lv.Lat != 35.5 {
		t.Errorf("Live(273000002) = %+v, %v", lv, ok)
	}
}

func TestFromPositionIdentity(t *testing.T) {
	p := fix(273000001, 34.9, 35.87, "aishub", "")
	p.SetHeading(87)
	id := sitrep.Identity{MMSI: 273000001, Name: "SPARTA IV", ShipType: 70, Flag: "RU", Class: sitrep.ClassA}
	v := FromPosition(&p, &id)
	if v.Name != "SPARTA IV" || v.ShipType != 70 || v.TypeName != "cargo" || v.Flag != "RU" || v.Heading != 87 {
		t.Errorf("FromPosition = %+v", v)
	}
	var q sitrep.Position
	q.MMSI, q.Lat, q.Lon = 273000001, 1, 2
	if v := FromPosition(&q, nil); v.SOG != SOGNotAvailable || v.COG != COGNotAvailable || v.Class != "unknown" || v.Flag != "RU" {
		t.Errorf("FromPosition without values = %+v", v)
	}
}

// TestInBoxSimulated50k checks InBox against a scan of every vessel on the
// SIMULATED 50,000-vessel state.
func TestInBoxSimulated50k(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 50,000 simulated vessels")
	}
	st := simulated50k(t)
	s := NewState(st)
	a := sitrep.Area{MinLat: 30, MinLon: 20, MaxLat: 40, MaxLon: 37} // eastern Mediterranean
	want := 0
	st.Each(func(v *sitrep.Vessel) bool {
		if v.LastPosition != nil && a.Contains(v.LastPosition.Lat, v.LastPosition.Lon) {
			want++
		}
		return true
	})
	vs, total := s.InBox(a, 0)
	if want == 0 || len(vs) != want || total != want {
		t.Fatalf("InBox: %d vessels, total %d; a scan finds %d", len(vs), total, want)
	}
	for _, v := range vs {
		if !a.Contains(v.Lat, v.Lon) || !v.Simulated {
			t.Fatalf("vessel %+v: outside the box or not marked simulated", v)
		}
	}
	t.Logf("%d of %d simulated vessels in the eastern Mediterranean", want, s.Len())
}

// BenchmarkInBox50k queries a map-sized box (the eastern Mediterranean,
// limit 1000 as the API's default maximum) over the 50,000 SIMULATED
// vessels of package sim.
func BenchmarkInBox50k(b *testing.B) {
	s := NewState(simulated50k(b))
	for _, c := range []struct {
		name  string
		a     sitrep.Area
		limit int
	}{
		{"eastmed-limit1000", sitrep.Area{MinLat: 30, MinLon: 20, MaxLat: 40, MaxLon: 37}, 1000},
		{"eastmed-all", sitrep.Area{MinLat: 30, MinLon: 20, MaxLat: 40, MaxLon: 37}, 0},
		{"tartus", sitrep.Area{MinLat: 34.5, MinLon: 35.3, MaxLat: 35.3, MaxLon: 36}, 1000},
		{"world-limit1000", sitrep.Area{MinLat: -90, MinLon: -180, MaxLat: 90, MaxLon: 180}, 1000},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			var ds []time.Duration
			for b.Loop() {
				t0 := time.Now()
				vs, _ := s.InBox(c.a, c.limit)
				ds = append(ds, time.Since(t0))
				n = len(vs)
			}
			slices.Sort(ds)
			b.ReportMetric(float64(n), "vessels")
			b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds()), "p99-µs")
		})
	}
}
