package sim

import (
	"math/rand/v2"
	"testing"

	"github.com/sitrep-osint/sitrep/ais"
)

// TestPackMatchesEncode checks the generator's own packing of position
// reports against ais.Encode, on random values at field resolution.
func TestPackMatchesEncode(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		f := posFields{
			typ: []uint8{1, 2, 3, 18}[i%4], mmsi: uint32(r.IntN(1e9)), status: uint8(r.IntN(15)),
			rot: float64(r.IntN(721) - 360), sog: float64(r.IntN(1023)) / 10, accuracy: r.IntN(2) == 0,
			lon: r.Float64()*360 - 180, lat: r.Float64()*180 - 90, cog: float64(r.IntN(3600)) / 10,
			heading: uint16(r.IntN(360)), second: uint8(r.IntN(60)), raim: r.IntN(2) == 0,
		}
		if i%7 == 0 {
			f.rot, f.heading = 0, 511
		}
		var m ais.Message
		if f.typ == 18 {
			m = &ais.ClassBPosition{Header: ais.Header{Type: 18, MMSI: f.mmsi}, SOG: ais.Some(f.sog),
				Accuracy: f.accuracy, Lon: ais.Some(f.lon), Lat: ais.Some(f.lat), COG: ais.Some(f.cog),
				Heading: ais.Some(f.heading), Second: ais.Some(f.second), DSC: true, Band: true, Msg22: true, RAIM: f.raim}
		} else {
			m = &ais.PositionReport{Header: ais.Header{Type: f.typ, MMSI: f.mmsi}, NavStatus: ais.Some(f.status),
				ROT: ais.Some(f.rot), SOG: ais.Some(f.sog), Accuracy: f.accuracy, Lon: ais.Some(f.lon),
				Lat: ais.Some(f.lat), COG: ais.Some(f.cog), Heading: ais.Some(f.heading), Second: ais.Some(f.second), RAIM: f.raim}
		}
		want, fill, err := ais.Encode(m)
		if err != nil || fill != 0 {
			t.Fatalf("Encode: %v, fill %d", err, fill)
		}
		var got [28]byte
		f.pack(&got)
		if string(got[:]) != string(want) {
			t.Fatalf("fields %+v: packed %q, ais.Encode %q", f, got, want)
		}
	}
}

func BenchmarkPack(b *testing.B) {
	f := posFields{typ: 1, mmsi: 244123456, sog: 12.3, lon: 4.1, lat: 52.0, cog: 231.4, heading: 230, second: 17}
	var dst [28]byte
	b.ReportAllocs()
	for b.Loop() {
		f.pack(&dst)
	}
}
