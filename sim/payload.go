package sim

import "math"

// The two messages that make up most of the traffic (types 1-3 and 18) are
// packed here rather than by ais.Encode, which allocates its result: the
// generator writes them into a scratch buffer with no allocation. Tests
// check that both give the same payload for the same message.

// packer builds a 168-bit payload, most significant bit first.
type packer struct {
	w [3]uint64
	n int
}

// put appends the low width bits of v (width <= 64).
func (p *packer) put(v uint64, width int) {
	v &= 1<<uint(width) - 1
	i, off := p.n>>6, p.n&63
	free := 64 - off
	if width <= free {
		p.w[i] |= v << uint(free-width)
	} else {
		p.w[i] |= v >> uint(width-free)
		p.w[i+1] |= v << uint(64-(width-free))
	}
	p.n += width
}

func (p *packer) flag(f bool) {
	if f {
		p.put(1, 1)
	} else {
		p.put(0, 1)
	}
}

// armor writes the 28 armored characters of a full 168-bit payload to dst.
func (p *packer) armor(dst *[28]byte) {
	for k := range dst {
		pos := 6 * k
		i, off := pos>>6, uint(pos&63)
		var v uint64
		if off <= 58 {
			v = p.w[i] >> (58 - off) & 63
		} else {
			v = (p.w[i]<<(off-58) | p.w[i+1]>>(122-off)) & 63
		}
		dst[k] = armorChars[v]
	}
}

// armorChars maps 6-bit values to their armored characters.
const armorChars = "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw"

// posFields are the values of a simulated position report, at field
// resolution: speed and course in tenths, heading 511 when not available.
type posFields struct {
	typ      uint8 // 1, 2, 3 or 18
	mmsi     uint32
	status   uint8   // types 1-3
	rot      float64 // degrees per minute, types 1-3
	sog      float64 // knots
	accuracy bool
	lon, lat float64
	cog      float64
	heading  uint16
	second   uint8
	raim     bool
}

// pack packs f as ais.Encode packs the equivalent *ais.PositionReport
// (types 1-3) or *ais.ClassBPosition (type 18) with zero radio state, and
// writes the armored payload to dst. The fill bits are 0.
func (f *posFields) pack(dst *[28]byte) {
	var p packer
	p.put(uint64(f.typ), 6)
	p.put(0, 2)
	p.put(uint64(f.mmsi), 30)
	if f.typ == 18 {
		p.put(0, 8)
	} else {
		p.put(uint64(f.status), 4)
		r := int64(math.Round(4.733 * math.Sqrt(math.Abs(f.rot))))
		r = min(r, 126)
		if f.rot < 0 {
			r = -r
		}
		p.put(uint64(r), 8)
	}
	p.put(uint64(math.Round(f.sog*10)), 10)
	p.flag(f.accuracy)
	p.put(uint64(int64(math.Round(f.lon*600000))), 28)
	p.put(uint64(int64(math.Round(f.lat*600000))), 27)
	p.put(uint64(math.Round(f.cog*10)), 12)
	p.put(uint64(f.heading), 9)
	p.put(uint64(f.second), 6)
	if f.typ == 18 {
		// regional 0, CS 0 (SO), display 0, DSC 1, band 1, msg22 1, assigned 0
		p.put(0b00_0_0_1_1_1_0, 8)
		p.flag(f.raim)
		p.put(0, 20)
	} else {
		p.put(0, 2+3) // maneuver not available, spare
		p.flag(f.raim)
		p.put(0, 19)
	}
	p.armor(dst)
}
