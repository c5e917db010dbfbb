package ais

import (
	"testing"
)

func positionPayloads(tb testing.TB) []payload {
	var out []payload
	for _, p := range singlePayloads(tb) {
		switch p.data[0] {
		case '1', '2', '3', 'B', 'K': // types 1, 2, 3, 18, 27
			out = append(out, p)
		}
	}
	return out
}

// TestDecodePositionZeroAlloc proves the streaming contract: decoding a
// position report (types 1-3, 18, 27) allocates nothing.
func TestDecodePositionZeroAlloc(t *testing.T) {
	ps := positionPayloads(t)
	d := NewDecoder()
	for _, p := range ps { // warm up: one message value per type
		d.Decode(p.data, p.fill)
	}
	i := 0
	allocs := testing.AllocsPerRun(len(ps), func() {
		d.Decode(ps[i%len(ps)].data, ps[i%len(ps)].fill)
		i++
	})
	if allocs != 0 {
		t.Errorf("decoding a position report allocates %v times", allocs)
	}
}

// TestJSONWriterZeroAlloc: writing a message as JSON with a reused
// JSONWriter and buffer (as `sitrep decode` does) allocates nothing either.
func TestJSONWriterZeroAlloc(t *testing.T) {
	ps := positionPayloads(t)
	d := NewDecoder()
	jw := &JSONWriter{}
	buf := make([]byte, 0, 1024)
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		m, _ := d.Decode(ps[i%len(ps)].data, ps[i%len(ps)].fill)
		if m != nil {
			jw.Reset(buf)
			jw.Begin()
			jw.WriteMessage(m)
			jw.End()
			buf = jw.Bytes()
		}
		i++
	})
	if allocs != 0 {
		t.Errorf("AppendJSON allocates %v times", allocs)
	}
}

func benchDecode(b *testing.B, ps []payload) {
	d := NewDecoder()
	b.ReportAllocs()
	var n int64
	for _, p := range ps {
		n += int64(len(p.data))
	}
	b.SetBytes(n / int64(len(ps)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p := &ps[i%len(ps)]
		d.Decode(p.data, p.fill)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkDecode decodes every single-sentence payload of the real
// captures in turn (all types).
func BenchmarkDecode(b *testing.B) { benchDecode(b, singlePayloads(b)) }

// BenchmarkDecodePosition decodes the real position reports only.
func BenchmarkDecodePosition(b *testing.B) { benchDecode(b, positionPayloads(b)) }

// BenchmarkJSON decodes and writes JSON for every real payload.
func BenchmarkJSON(b *testing.B) {
	ps := singlePayloads(b)
	d := NewDecoder()
	jw := &JSONWriter{}
	buf := make([]byte, 0, 4096)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := &ps[i%len(ps)]
		if m, _ := d.Decode(p.data, p.fill); m != nil {
			jw.Reset(buf)
			jw.Begin()
			jw.WriteMessage(m)
			jw.End()
			buf = jw.Bytes()
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}
