package chunk

import (
	"math/bits"
	"testing"
)

// bitPackedBits is the size in bits that a Gorilla-style bit-packed record
// would take for q after p (with the previous steps dT, dLat, dLon): the
// same predictions as format version 1, but each field coded with a unary
// bucket prefix and a fixed-width payload, packed without byte alignment.
// It is a cost model, not a codec: it tells whether a bit writer would pay.
func bitPackedBits(p, q Point, dT int64, dLat, dLon int32) int {
	bucket := func(z uint64, widths ...int) int { // '0' for zero, then '10'+w0, '110'+w1, ...
		if z == 0 {
			return 1
		}
		n := bits.Len64(z)
		for k, w := range widths {
			if n <= w {
				return k + 2 + w
			}
		}
		return len(widths) + 1 + 64
	}
	n := bucket(zig64((q.T-p.T)-dT), 7, 12, 20, 32)
	la, lo := q.Lat-p.Lat, q.Lon-p.Lon
	c0 := bucket(uint64(zig32(la)), 6, 10, 16, 32) + bucket(uint64(zig32(lo)), 6, 10, 16, 32)
	c1 := bucket(uint64(zig32(la-dLat)), 6, 10, 16, 32) + bucket(uint64(zig32(lo-dLon)), 6, 10, 16, 32)
	n += 1 + min(c0, c1)
	for _, d := range []uint16{q.SOG - p.SOG, q.COG - p.COG, q.Heading - p.Heading} {
		n += bucket(uint64(zig16(d)), 4, 8, 16)
	}
	n++
	if q.NavStatus != p.NavStatus || q.Flags != p.Flags || q.Source != p.Source {
		n += 3 + 8 + 8 + 16
	}
	return n
}

// bodySizes returns the bytes after the first point of the version 1 chunk
// of ps and the bit-packed estimate of the same.
func bodySizes(t *testing.T, ps []Point) (v1, packed float64) {
	v1 = float64(len(encode(t, ps)) - HeaderSize - FirstPointSize)
	var nbits int
	var dT int64
	var dLat, dLon int32
	for i := 1; i < len(ps); i++ {
		nbits += bitPackedBits(ps[i-1], ps[i], dT, dLat, dLon)
		dT, dLat, dLon = ps[i].T-ps[i-1].T, ps[i].Lat-ps[i-1].Lat, ps[i].Lon-ps[i-1].Lon
	}
	return v1, float64(nbits) / 8
}

// TestBitPackedEstimate compares the byte-aligned format with what a
// bit-packed one would save on the same predictions, and fails if the byte
// format ever costs more than 1.5 times the estimate.
func TestBitPackedEstimate(t *testing.T) {
	real, _ := realTracks(t)
	for name, tracks := range map[string][][]Point{
		"simulated 12 kn / 10 s, 1 h chunks": splitTrack(simulatedTrack(36000, 15), benchChunkPoints),
		"real captures, chunk per vessel":    real,
	} {
		var v1, packed float64
		var n int
		for _, ps := range tracks {
			a, b := bodySizes(t, ps)
			v1, packed, n = v1+a, packed+b, n+len(ps)-1
		}
		t.Logf("%s: byte-aligned %.2f B/point, bit-packed estimate %.2f B/point (after the first point)",
			name, v1/float64(n), packed/float64(n))
		if v1 > 1.5*packed {
			t.Errorf("%s: byte-aligned format %.2f B/point is more than 1.5x the bit-packed estimate %.2f",
				name, v1/float64(n), packed/float64(n))
		}
	}
}

// splitTrack cuts ps into chunks of at most n points.
func splitTrack(ps []Point, n int) [][]Point {
	var out [][]Point
	for len(ps) > 0 {
		k := min(len(ps), n)
		out = append(out, ps[:k])
		ps = ps[k:]
	}
	return out
}
