package geo

import "math"

// Box is a latitude/longitude rectangle in degrees, edges included.
//
// When MinLon > MaxLon the box wraps across the antimeridian: it covers
// longitudes MinLon..180 and -180..MaxLon. Longitudes 180 and -180 name the
// same meridian and are treated alike. A box with MinLon -180 and MaxLon 180
// spans all longitudes. A box with MinLat > MaxLat (or any NaN field) is
// empty: it contains nothing and intersects nothing; EmptyBox returns one.
// The zero Box is the single point 0°N 0°E, not an empty box.
type Box struct {
	MinLat, MinLon, MaxLat, MaxLon float64
}

// EmptyBox returns a box that contains no point; Extend grows it into the
// box of the points it is extended with.
func EmptyBox() Box {
	return Box{MinLat: math.Inf(1), MinLon: math.Inf(1), MaxLat: math.Inf(-1), MaxLon: math.Inf(-1)}
}

// Empty reports whether b contains no point: MinLat > MaxLat or a field is
// NaN.
func (b Box) Empty() bool {
	return !(b.MinLat <= b.MaxLat) || b.MinLon != b.MinLon || b.MaxLon != b.MaxLon
}

// Wraps reports whether b crosses the antimeridian (MinLon > MaxLon).
func (b Box) Wraps() bool { return b.MinLon > b.MaxLon }

// LonSpan returns the width of b in degrees of longitude, 0..360; it is 0
// for an empty box.
func (b Box) LonSpan() float64 {
	if b.Empty() {
		return 0
	}
	if b.MinLon > b.MaxLon {
		return 360 - (b.MinLon - b.MaxLon)
	}
	return b.MaxLon - b.MinLon
}

// Contains reports whether p lies in b, edges included. Longitude 180 and
// -180 are the same meridian: a box ending at 180 contains points at -180.
func (b Box) Contains(p Point) bool {
	if !(p.Lat >= b.MinLat && p.Lat <= b.MaxLat) {
		return false
	}
	if b.lonIn(p.Lon) {
		return true
	}
	switch p.Lon {
	case 180:
		return b.lonIn(-180)
	case -180:
		return b.lonIn(180)
	}
	return false
}

// lonIn reports whether lon lies within b's longitude range as written.
func (b Box) lonIn(lon float64) bool {
	if b.MinLon <= b.MaxLon {
		return lon >= b.MinLon && lon <= b.MaxLon
	}
	return lon >= b.MinLon || lon <= b.MaxLon
}

// Intersects reports whether b and o share at least one point, edges
// included; wrapping boxes are handled.
func (b Box) Intersects(o Box) bool {
	if b.Empty() || o.Empty() || b.MaxLat < o.MinLat || o.MaxLat < b.MinLat {
		return false
	}
	bi, bn := b.lonIntervals()
	oi, on := o.lonIntervals()
	for _, x := range bi[:bn] {
		for _, y := range oi[:on] {
			if x[0] <= y[1] && y[0] <= x[1] {
				return true
			}
		}
	}
	// Meridian ±180 is one line: [..,180] touches [-180,..].
	return (b.lonIn(180) || b.lonIn(-180)) && (o.lonIn(180) || o.lonIn(-180))
}

// lonIntervals splits b's longitude range into at most two non-wrapping
// closed intervals.
func (b Box) lonIntervals() (iv [2][2]float64, n int) {
	if b.MinLon <= b.MaxLon {
		iv[0] = [2]float64{b.MinLon, b.MaxLon}
		return iv, 1
	}
	iv[0] = [2]float64{b.MinLon, 180}
	iv[1] = [2]float64{-180, b.MaxLon}
	return iv, 2
}

// Extend returns the smallest box that contains b and p. When p lies outside
// b's longitudes the box grows east or west, whichever adds less width, so a
// box extended across the antimeridian becomes a wrapping box. Extending an
// empty box gives the box of the single point p. p's longitude is normalized
// with NormalizeLon first.
func (b Box) Extend(p Point) Box {
	lon := NormalizeLon(p.Lon)
	if b.Empty() {
		return Box{MinLat: p.Lat, MinLon: lon, MaxLat: p.Lat, MaxLon: lon}
	}
	b.MinLat = math.Min(b.MinLat, p.Lat)
	b.MaxLat = math.Max(b.MaxLat, p.Lat)
	if b.lonIn(lon) || (lon == -180 && b.lonIn(180)) {
		return b
	}
	east := lon - b.MaxLon // growth if MaxLon moves east to lon
	if east < 0 {
		east += 360
	}
	west := b.MinLon - lon // growth if MinLon moves west to lon
	if west < 0 {
		west += 360
	}
	if east <= west {
		b.MaxLon = lon
	} else {
		b.MinLon = lon
	}
	return b
}
