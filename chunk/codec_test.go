package chunk

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestRoundTripEdgeCases(t *testing.T) {
	na := Point{T: 1, Lat: LatNA, Lon: LonNA, SOG: SOGNA, COG: COGNA, Heading: HeadingNA, NavStatus: NavStatusNA}
	maxP := Point{T: math.MaxInt64, Lat: math.MaxInt32, Lon: math.MaxInt32, SOG: math.MaxUint16,
		COG: math.MaxUint16, Heading: math.MaxUint16, NavStatus: math.MaxUint8, Flags: math.MaxUint8, Source: math.MaxUint16}
	minP := Point{T: math.MinInt64, Lat: math.MinInt32, Lon: math.MinInt32}
	p := Point{T: 1_700_000_000_000, Lat: 21000000, Lon: 21480000, SOG: 120, COG: 2700, Heading: 270, Flags: 1}
	nat := func(t int64) Point { q := na; q.T = t; return q }
	at := func(p Point, t int64, dlat, dlon int32) Point {
		p.T, p.Lat, p.Lon = t, p.Lat+dlat, p.Lon+dlon
		return p
	}
	cases := map[string][]Point{
		"empty":            nil,
		"single":           {p},
		"single n/a":       {na},
		"single max":       {maxP},
		"single min":       {minP},
		"min then max":     {minP, maxP},
		"min max min max":  {minP, {T: math.MinInt64 + 1, Lat: math.MaxInt32, Lon: math.MaxInt32}, {T: 0, Lat: math.MinInt32, Lon: math.MinInt32}, maxP},
		"equal timestamps": {p, p, at(p, p.T, 1, -1), at(p, p.T, 1, -1), at(p, p.T+1, 0, 0)},
		"huge jumps": {p, at(p, p.T+1, 30000000, -90000000), at(p, p.T+2, -50000000, 100000000),
			at(p, p.T+1<<40, 0, 0), at(p, p.T+1<<40+1, 0, 0), at(p, math.MaxInt64, 0, 0)},
		"n/a toggling": {p, nat(p.T), p, {T: p.T, Lat: p.Lat, Lon: LonNA, SOG: SOGNA}, p, nat(p.T + 1), nat(p.T + 2)},
		"every field changes": {p, {T: p.T + 5, Lat: 1, Lon: 2, SOG: 3, COG: 4, Heading: 5, NavStatus: 6, Flags: 7, Source: 8},
			{T: p.T + 9, Lat: -1, Lon: -2, SOG: 0xFFFF, COG: 0, Heading: 0x8000, NavStatus: 0, Flags: 0x80, Source: 0xFFFF}},
		"nibble boundaries": {p, at(p, p.T+1, 7, -8), at(p, p.T+2, 15, -16), at(p, p.T+3, 7, -8), at(p, p.T+4, 8, -9), at(p, p.T+5, -1, 0)},
	}
	for name, ps := range cases {
		t.Run(name, func(t *testing.T) { roundTrip(t, ps) })
	}
}

func TestRoundTripRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for range 200 {
		n := r.IntN(300)
		ps := make([]Point, n)
		var tm int64 = r.Int64() - r.Int64()
		for i := range ps {
			switch r.IntN(4) {
			case 0:
				tm += r.Int64N(1 << uint(r.IntN(62)))
			case 1:
				tm += 10000
			}
			if tm < 0 && r.IntN(50) == 0 { // occasionally jump to the far future
				tm = math.MaxInt64 - r.Int64N(1e6)
			}
			if i > 0 && tm < ps[i-1].T {
				tm = ps[i-1].T
			}
			ps[i] = Point{T: tm, Lat: int32(r.Uint32()), Lon: int32(r.Uint32()),
				SOG: uint16(r.Uint32()), COG: uint16(r.Uint32()), Heading: uint16(r.Uint32()),
				NavStatus: uint8(r.Uint32()), Flags: uint8(r.Uint32()), Source: uint16(r.Uint32())}
			if i > 0 && r.IntN(3) > 0 { // mostly small changes
				q := ps[i-1]
				q.T = tm
				q.Lat += int32(r.IntN(41) - 20)
				q.Lon += int32(r.IntN(41) - 20)
				if r.IntN(4) == 0 {
					q.COG += uint16(r.IntN(5))
				}
				ps[i] = q
			}
		}
		roundTrip(t, ps)
	}
}

func TestRoundTripMillion(t *testing.T) {
	ps := simulatedTrack(1_000_000, 1)
	b := roundTrip(t, ps)
	t.Logf("1e6 simulated points: %d bytes, %.3f B/point", len(b), float64(len(b))/float64(len(ps)))
}

// TestSimulatedSize holds the format to its size target on a simulated
// 12 kn track reporting every 10 s (SIMULATED data, see simulatedTrack).
func TestSimulatedSize(t *testing.T) {
	for _, n := range []int{120, 360, 8640} { // 20 min, 1 h, 1 day
		ps := simulatedTrack(n, 2)
		b := roundTrip(t, ps)
		bpp := float64(len(b)) / float64(n)
		t.Logf("simulated 12 kn / 10 s track, %5d points per chunk: %.2f B/point (%d bytes)", n, bpp, len(b))
		if bpp > 8 {
			t.Errorf("%d points: %.2f B/point, want <= 8", n, bpp)
		}
	}
}

func TestAppendOutOfOrder(t *testing.T) {
	e := NewEncoder(nil)
	p := Point{T: 1000, Lat: 5, Lon: 6}
	if err := e.Append(p); err != nil {
		t.Fatal(err)
	}
	p.T = 2000
	if err := e.Append(p); err != nil {
		t.Fatal(err)
	}
	before := append([]byte(nil), e.Bytes()...)
	err := e.Append(Point{T: 1999, Lat: 100, Lon: 100})
	if !errors.Is(err, ErrOutOfOrder) {
		t.Fatalf("Append of an older point: %v, want ErrOutOfOrder", err)
	}
	t.Logf("error text: %v", err)
	if got := e.Bytes(); string(got) != string(before) || e.Len() != 2 || e.BBox() != (BBox{5, 5, 6, 6}) {
		t.Fatalf("failed Append changed the chunk")
	}
	// The encoder goes on after the error.
	p.T = 2000
	if err := e.Append(p); err != nil {
		t.Fatalf("Append at the previous time after an error: %v", err)
	}
	if _, err := Decode(e.Bytes(), nil); err != nil {
		t.Fatal(err)
	}
}

func TestEncoderPrefixAndReset(t *testing.T) {
	ps := simulatedTrack(50, 3)
	want := encode(t, ps)
	prefix := []byte("prefix")
	e := NewEncoder(append(make([]byte, 0, 4096), prefix...))
	for _, p := range ps {
		if err := e.Append(p); err != nil {
			t.Fatal(err)
		}
	}
	if c := e.AppendChunk([]byte("x")); string(c) != "x"+string(want) {
		t.Fatalf("AppendChunk differs from the chunk")
	}
	got := e.Bytes()
	if string(got[:len(prefix)]) != string(prefix) || string(got[len(prefix):]) != string(want) {
		t.Fatalf("chunk after a prefix differs from the chunk alone")
	}
	e.Reset(got[:0])
	if e.Len() != 0 || e.Size() != HeaderSize || e.MinTime() != 0 || e.MaxTime() != 0 || e.BBox() != (BBox{}) {
		t.Fatalf("Reset left state: len %d size %d", e.Len(), e.Size())
	}
	for _, p := range ps[:10] {
		if err := e.Append(p); err != nil {
			t.Fatal(err)
		}
	}
	if string(e.Bytes()) != string(encode(t, ps[:10])) {
		t.Fatalf("chunk after Reset differs from a fresh one")
	}
	// Appending after Bytes continues the same chunk.
	for _, p := range ps[10:] {
		if err := e.Append(p); err != nil {
			t.Fatal(err)
		}
	}
	if string(e.Bytes()) != string(want) {
		t.Fatalf("Append after Bytes gives a different chunk")
	}
}

func TestAppendZeroAlloc(t *testing.T) {
	ps := simulatedTrack(1000, 4)
	e := NewEncoder(make([]byte, 0, 64<<10))
	i := 0
	allocs := testing.AllocsPerRun(5000, func() {
		if i%len(ps) == 0 {
			e.Reset(e.Bytes()[:0])
		}
		if err := e.Append(ps[i%len(ps)]); err != nil {
			t.Fatal(err)
		}
		i++
	})
	if allocs != 0 {
		t.Errorf("Append allocates %v times per point", allocs)
	}
}

func TestIterateZeroAlloc(t *testing.T) {
	b := encode(t, simulatedTrack(1000, 5))
	it, err := NewIterator(b)
	if err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		if err := it.Reset(b); err != nil {
			t.Fatal(err)
		}
		for it.Next() {
		}
		if it.Err() != nil {
			t.Fatal(it.Err())
		}
	})
	if allocs != 0 {
		t.Errorf("iterating a chunk allocates %v times", allocs)
	}
}

func TestDecodeAppends(t *testing.T) {
	ps := simulatedTrack(20, 6)
	b := encode(t, ps)
	head := []Point{{T: -1}}
	got, err := Decode(b, head)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 21 || got[0] != head[0] || got[20] != ps[19] {
		t.Fatalf("Decode did not append to dst: len %d", len(got))
	}
}

func TestBBox(t *testing.T) {
	b := BBox{MinLat: -10, MaxLat: 10, MinLon: 100, MaxLon: 200}
	for _, c := range []struct {
		lat, lon int32
		in       bool
	}{{0, 150, true}, {-10, 100, true}, {10, 200, true}, {11, 150, false}, {0, 99, false}, {-11, 201, false}} {
		if b.Contains(c.lat, c.lon) != c.in {
			t.Errorf("Contains(%d, %d) = %v", c.lat, c.lon, !c.in)
		}
	}
	for _, c := range []struct {
		o  BBox
		in bool
	}{
		{BBox{10, 20, 200, 300}, true},    // corner touch
		{BBox{11, 20, 150, 160}, false},   // north of b
		{BBox{-5, 5, 0, 99}, false},       // west of b
		{BBox{-50, 50, 0, 1000}, true},    // contains b
		{BBox{-1, 1, 150, 151}, true},     // inside b
		{BBox{-50, -11, 150, 151}, false}, // south of b
	} {
		if b.Intersects(c.o) != c.in || c.o.Intersects(b) != c.in {
			t.Errorf("Intersects(%+v) = %v", c.o, !c.in)
		}
	}
}

func TestUvarintLimits(t *testing.T) {
	cases := []struct {
		b       []byte
		maxBits uint
		v       uint64
		ok      bool
	}{
		{[]byte{0x00}, 16, 0, true},
		{[]byte{0x7F}, 16, 127, true},
		{[]byte{0xFF, 0xFF, 0x03}, 16, 0xFFFF, true},
		{[]byte{0xFF, 0xFF, 0x04}, 16, 0, false},       // 17 bits
		{[]byte{0x80, 0x80, 0x80, 0x00}, 16, 0, false}, // 4 bytes for 16 bits
		{[]byte{0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, 32, math.MaxUint32, true},
		{[]byte{0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, 32, 0, false}, // 33 bits
		{[]byte{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}, 64, math.MaxUint64, true},
		{[]byte{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02}, 64, 0, false}, // 65 bits
		{[]byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 64, 0, false},
		{[]byte{0x80}, 64, 0, false}, // truncated
		{nil, 64, 0, false},
	}
	for _, c := range cases {
		v, next, ok := uvarint(c.b, 0, c.maxBits)
		if ok != c.ok || (ok && (v != c.v || next != len(c.b))) {
			t.Errorf("uvarint(% x, %d) = %d, %d, %v; want %d, %d, %v", c.b, c.maxBits, v, next, ok, c.v, len(c.b), c.ok)
		}
	}
	for _, v := range []uint64{0, 1, 127, 128, 16383, 16384, math.MaxUint32, math.MaxUint64} {
		b := make([]byte, 10)
		n := putUvarint(b, 0, v)
		if got, next, ok := uvarint(b[:n], 0, 64); !ok || got != v || next != n {
			t.Errorf("putUvarint(%d) does not read back: %d %d %v", v, got, next, ok)
		}
	}
}
