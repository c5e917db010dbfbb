package chunk

// Point is one stored position at AIS resolution. All fields are integers so
// that the codec is lossless: Decode(Encode(ps)) == ps for every sequence of
// Points in non-decreasing T order, including the "not available" values and
// the extremes of every type. The codec gives no field a meaning beyond its
// integer value; the units below are the convention of the store.
type Point struct {
	T         int64  // Unix time in milliseconds
	Lat       int32  // latitude in 1/10000 minute (degrees*600000); LatNA when not available
	Lon       int32  // longitude in 1/10000 minute (degrees*600000); LonNA when not available
	SOG       uint16 // speed over ground in 0.1 knot; SOGNA when not available
	COG       uint16 // course over ground in 0.1 degree; COGNA when not available
	Heading   uint16 // true heading in degrees; HeadingNA when not available
	NavStatus uint8  // AIS navigational status 0..14; NavStatusNA when not available
	Flags     uint8  // bit flags owned by the caller (accuracy, implausible, class B, ...)
	Source    uint16 // index of the receiver or feed in a dictionary kept elsewhere
}

// The AIS "not available" values of the Point fields, as AIS sends them.
const (
	LatNA       int32  = 91 * 600000  // 91 degrees
	LonNA       int32  = 181 * 600000 // 181 degrees
	SOGNA       uint16 = 1023
	COGNA       uint16 = 3600
	HeadingNA   uint16 = 511
	NavStatusNA uint8  = 15
)

// BBox is an inclusive bounding box in Point units (1/10000 minute). The zero
// BBox is the box of the single position (0, 0); an empty chunk reports it.
type BBox struct {
	MinLat, MaxLat int32
	MinLon, MaxLon int32
}

// Contains reports whether the position (lat, lon) lies in b, edges included.
func (b BBox) Contains(lat, lon int32) bool {
	return lat >= b.MinLat && lat <= b.MaxLat && lon >= b.MinLon && lon <= b.MaxLon
}

// Intersects reports whether b and o share at least one position, edges
// included. Boxes are plain integer rectangles: one that crosses the
// antimeridian must be split by the caller.
func (b BBox) Intersects(o BBox) bool {
	return b.MinLat <= o.MaxLat && o.MinLat <= b.MaxLat && b.MinLon <= o.MaxLon && o.MinLon <= b.MaxLon
}

// valid reports whether the box is well formed (min <= max on both axes).
func (b BBox) valid() bool { return b.MinLat <= b.MaxLat && b.MinLon <= b.MaxLon }

// extend grows b to contain (lat, lon).
func (b *BBox) extend(lat, lon int32) {
	b.MinLat = min(b.MinLat, lat)
	b.MaxLat = max(b.MaxLat, lat)
	b.MinLon = min(b.MinLon, lon)
	b.MaxLon = max(b.MaxLon, lon)
}
