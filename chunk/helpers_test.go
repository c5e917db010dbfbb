package chunk

import (
	"math"
	"math/rand/v2"
	"testing"
)

// encode builds one chunk of ps, failing the test on any Append error.
func encode(tb testing.TB, ps []Point) []byte {
	tb.Helper()
	e := NewEncoder(nil)
	for i, p := range ps {
		if err := e.Append(p); err != nil {
			tb.Fatalf("Append(point %d = %+v): %v", i, p, err)
		}
	}
	return e.Bytes()
}

// roundTrip encodes ps, decodes the chunk both ways and checks that the
// points, Stat and the encoder's summary all agree. It returns the chunk.
func roundTrip(tb testing.TB, ps []Point) []byte {
	tb.Helper()
	e := NewEncoder(nil)
	for i, p := range ps {
		if err := e.Append(p); err != nil {
			tb.Fatalf("Append(point %d = %+v): %v", i, p, err)
		}
	}
	b := e.Bytes()
	if e.Len() != len(ps) || e.Size() != len(b) {
		tb.Fatalf("Len %d Size %d, want %d and %d", e.Len(), e.Size(), len(ps), len(b))
	}
	got, err := Decode(b, nil)
	if err != nil {
		tb.Fatalf("Decode of %d points: %v", len(ps), err)
	}
	if len(got) != len(ps) {
		tb.Fatalf("Decode: %d points, want %d", len(got), len(ps))
	}
	for i := range ps {
		if got[i] != ps[i] {
			tb.Fatalf("point %d: got %+v, want %+v", i, got[i], ps[i])
		}
	}
	info, err := Stat(b)
	if err != nil {
		tb.Fatalf("Stat: %v", err)
	}
	want := summary(ps)
	want.Size = len(b)
	if info != want {
		tb.Fatalf("Stat = %+v, want %+v", info, want)
	}
	if e.MinTime() != want.MinTime || e.MaxTime() != want.MaxTime || e.BBox() != want.BBox {
		tb.Fatalf("encoder says %d..%d %+v, want %+v", e.MinTime(), e.MaxTime(), e.BBox(), want)
	}
	return b
}

// summary computes the Info of ps the slow way (Size left zero).
func summary(ps []Point) Info {
	if len(ps) == 0 {
		return Info{}
	}
	in := Info{Count: len(ps), MinTime: ps[0].T, MaxTime: ps[len(ps)-1].T,
		BBox: BBox{MinLat: math.MaxInt32, MaxLat: math.MinInt32, MinLon: math.MaxInt32, MaxLon: math.MinInt32}}
	for _, p := range ps {
		in.BBox.MinLat = min(in.BBox.MinLat, p.Lat)
		in.BBox.MaxLat = max(in.BBox.MaxLat, p.Lat)
		in.BBox.MinLon = min(in.BBox.MinLon, p.Lon)
		in.BBox.MaxLon = max(in.BBox.MaxLon, p.Lon)
	}
	return in
}

// simulatedTrack is a SIMULATED Class A vessel at about 12 kn reporting
// every 10 s (receive times at whole seconds, 1 report in 10 a second early
// or late, 1 in 50 missed) with small course and speed changes, GPS noise of
// about a metre and a rare status change. It stands in for real long tracks,
// which the captures are too short to contain.
func simulatedTrack(n int, seed uint64) []Point {
	r := rand.New(rand.NewPCG(seed, 1))
	ps := make([]Point, 0, n)
	t := int64(1_737_800_000_000)        // 25 Jan 2025
	lat, lon := 35.0*600000, 35.8*600000 // off Tartus
	cog, sog := 270.0, 12.0
	status := uint8(0)
	for len(ps) < n {
		step := int64(10_000)
		if r.IntN(10) == 0 {
			step += int64(r.IntN(3)-1) * 1000
		}
		if r.IntN(50) == 0 {
			step += 10_000
		}
		t += step
		cog = math.Mod(cog+r.NormFloat64()*0.8+360, 360)
		sog = min(max(sog+r.NormFloat64()*0.05, 10), 14)
		dist := sog * 1852 / 3600 * float64(step) / 1000 // metres
		lat += dist * math.Cos(cog*math.Pi/180) / 1852 * 10000
		lon += dist * math.Sin(cog*math.Pi/180) / 1852 * 10000 / math.Cos(lat/600000*math.Pi/180)
		if r.IntN(2000) == 0 {
			status = uint8(r.IntN(9))
		}
		ps = append(ps, Point{
			T:         t,
			Lat:       int32(math.Round(lat + r.NormFloat64()*5)),
			Lon:       int32(math.Round(lon + r.NormFloat64()*5)),
			SOG:       uint16(math.Round(sog * 10)),
			COG:       uint16(math.Round(cog*10)) % 3600,
			Heading:   uint16(math.Round(cog+r.NormFloat64()*1.5+360)) % 360,
			NavStatus: status,
			Flags:     1,
			Source:    3,
		})
	}
	return ps
}
