package ais

import "math"

// Shared field codecs. Each decoder returns an absent Opt for the AIS "not
// available" value and for a field that lies beyond the end of the payload.

// lonLat decodes a longitude/latitude pair of lonBits/latBits two's
// complement integers in units of 1/div degree (div 600000 for 1/10000
// minute, 600 for 1/10 minute, 60000 for 1/1000 minute).
func lonLat(b *bits, pos, lonBits, latBits int, div float64) (lon, lat Opt[float64]) {
	if b.has(pos, lonBits) {
		if v := b.i(pos, lonBits); v != int64(181*div) {
			lon = Some(float64(v) / div)
		}
	}
	if b.has(pos+lonBits, latBits) {
		if v := b.i(pos+lonBits, latBits); v != int64(91*div) {
			lat = Some(float64(v) / div)
		}
	}
	return lon, lat
}

// putLonLat encodes a pair; absent values get the "not available" code.
func putLonLat(bw *bitWriter, lon, lat Opt[float64], lonBits, latBits int, div float64) {
	l, a := int64(181*div), int64(91*div)
	if lon.OK {
		l = round(lon.V * div)
	}
	if lat.OK {
		a = round(lat.V * div)
	}
	bw.puti(l, lonBits)
	bw.puti(a, latBits)
}

// tenths decodes an unsigned field in tenths (speed in 0.1 kn, course in
// 0.1 degree, draught in 0.1 m) with na as its "not available" code.
func tenths(b *bits, pos, width int, na uint64) Opt[float64] {
	if !b.has(pos, width) {
		return Opt[float64]{}
	}
	if v := b.u(pos, width); v != na {
		return Some(float64(v) / 10)
	}
	return Opt[float64]{}
}

func putTenths(bw *bitWriter, o Opt[float64], width int, na uint64) {
	if o.OK {
		bw.put(uint64(round(o.V*10)), width)
	} else {
		bw.put(na, width)
	}
}

// uintOpt decodes an unsigned field with na as its "not available" code.
func uintOpt[T ~uint8 | ~uint16 | ~uint32](b *bits, pos, width int, na uint64) Opt[T] {
	if !b.has(pos, width) {
		return Opt[T]{}
	}
	if v := b.u(pos, width); v != na {
		return Some(T(v))
	}
	return Opt[T]{}
}

func putUintOpt[T ~uint8 | ~uint16 | ~uint32](bw *bitWriter, o Opt[T], width int, na uint64) {
	if o.OK {
		bw.put(uint64(o.V), width)
	} else {
		bw.put(na, width)
	}
}

// rot decodes the 8-bit rate of turn. It returns degrees per minute for
// -126..126 and, for ±127 ("turning faster than 5° per 30 s, no turn
// indicator"), an absent rate with turn ±1.
func rot(b *bits, pos int) (r Opt[float64], turn Turn) {
	if !b.has(pos, 8) {
		return r, 0
	}
	v := b.i(pos, 8)
	switch {
	case v == -128:
		return r, 0
	case v == 127:
		return r, TurnRight
	case v == -127:
		return r, TurnLeft
	}
	d := float64(v) / 4.733
	d *= d
	if v < 0 {
		d = -d
	}
	return Some(d), 0
}

func putROT(bw *bitWriter, r Opt[float64], turn Turn) {
	switch {
	case turn > 0:
		bw.puti(127, 8)
	case turn < 0:
		bw.puti(-127, 8)
	case !r.OK:
		bw.puti(-128, 8)
	default:
		v := round(4.733 * math.Sqrt(math.Abs(r.V)))
		if v > 126 {
			v = 126
		}
		if r.V < 0 {
			v = -v
		}
		bw.puti(v, 8)
	}
}

// dims decodes the four reference-point distances (9, 9, 6, 6 bits); 0 means
// not available.
func dims(b *bits, pos int) (bow, stern Opt[uint16], port, starboard Opt[uint8]) {
	return uintOpt[uint16](b, pos, 9, 0), uintOpt[uint16](b, pos+9, 9, 0),
		uintOpt[uint8](b, pos+18, 6, 0), uintOpt[uint8](b, pos+24, 6, 0)
}

func putDims(bw *bitWriter, bow, stern Opt[uint16], port, starboard Opt[uint8]) {
	putUintOpt(bw, bow, 9, 0)
	putUintOpt(bw, stern, 9, 0)
	putUintOpt(bw, port, 6, 0)
	putUintOpt(bw, starboard, 6, 0)
}

// flagAt reads one bit, false beyond the payload.
func flagAt(b *bits, pos int) bool { return b.has(pos, 1) && b.flag(pos) }

// uintAt reads an unsigned field, 0 beyond the payload.
func uintAt(b *bits, pos, width int) uint64 {
	if !b.has(pos, width) {
		return 0
	}
	return b.u(pos, width)
}

// Writers for optional fields.

func writeFloat(w FieldWriter, name string, o Opt[float64], decimals int) {
	if o.OK {
		w.Float(name, o.V, decimals)
	}
}

func writeUint[T ~uint8 | ~uint16 | ~uint32](w FieldWriter, name string, o Opt[T]) {
	if o.OK {
		w.Int(name, int64(o.V))
	}
}

func writeString(w FieldWriter, name, s string) {
	if s != "" {
		w.String(name, s)
	}
}

func writeTurn(w FieldWriter, turn Turn) {
	if turn != 0 {
		w.String("turn", turn.String())
	}
}

// Turn is the direction of a turn reported without a rate (ROT ±127:
// turning faster than 5° per 30 s, no turn indicator available).
type Turn int8

// Turn directions; the zero Turn means none reported.
const (
	TurnLeft  Turn = -1
	TurnRight Turn = 1
)

// String returns "right", "left" or "".
func (t Turn) String() string {
	switch {
	case t > 0:
		return "right"
	case t < 0:
		return "left"
	}
	return ""
}

// MarshalJSON encodes the turn as "right" or "left".
func (t Turn) MarshalJSON() ([]byte, error) { return []byte(`"` + t.String() + `"`), nil }

// Decimal places written for each kind of value.
const (
	decDegrees = 6 // lat/lon: 1/10000 minute is 1.7e-6 degree
	decTenths  = 1 // SOG, COG, draught
	decROT     = 3
)
