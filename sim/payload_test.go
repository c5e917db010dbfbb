package sim

import (
	"testing"

	"github.com/sitrep-osint/sitrep/ais"
)

// TestPositionMessage: the position fields round-trip through the reused
// messages, the encoder and the decoder, for both classes.
func TestPositionMessage(t *testing.T) {
	g := &Generator{}
	for _, f := range []posFields{
		{typ: 1, mmsi: 244123456, status: 0, rot: -20, sog: 12.3, lon: 4.1, lat: 52.0, cog: 231.4, heading: 230, second: 17},
		{typ: 18, mmsi: 211000001, sog: 5.5, lon: -5.6, lat: 35.9, cog: 90, heading: 511, second: 3, raim: true},
	} {
		p, fill, err := ais.Encode(f.message(g))
		if err != nil {
			t.Fatal(err)
		}
		m, err := ais.NewDecoder().Decode(p, fill)
		if err != nil {
			t.Fatal(err)
		}
		switch d := m.(type) {
		case *ais.PositionReport:
			if d.MMSI != f.mmsi || d.SOG != ais.Some(f.sog) || d.Heading != ais.Some(f.heading) || d.Second != ais.Some(f.second) {
				t.Errorf("type 1: %+v from %+v", d, f)
			}
		case *ais.ClassBPosition:
			if d.MMSI != f.mmsi || d.Heading.OK || !d.DSC || !d.RAIM || d.CS {
				t.Errorf("type 18: %+v from %+v", d, f)
			}
		default:
			t.Fatalf("decoded %T", m)
		}
	}
}

func BenchmarkPositionEncode(b *testing.B) {
	g := &Generator{}
	f := posFields{typ: 1, mmsi: 244123456, sog: 12.3, lon: 4.1, lat: 52.0, cog: 231.4, heading: 230, second: 17}
	b.ReportAllocs()
	for b.Loop() {
		g.payload, _, _ = g.enc.Append(g.payload[:0], f.message(g))
	}
}
