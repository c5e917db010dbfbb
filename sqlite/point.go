package sqlite

import (
	"math"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/chunk"
)

// Units of chunk.Point (see doc.go).
const (
	coordScale = 600000 // chunk units per degree
	// maxCoord bounds stored coordinates; far beyond any real or AIS
	// "not available" value, well inside int32.
	maxCoord = 3000
)

// Bits of chunk.Point.Flags and NavStatus.
const (
	flagAccuracy   = 1 << 0
	flagShift      = 1 // PositionFlags in bits 1-3
	timeSrcShift   = 4 // TimeSource in bits 4-6
	navStatusMask  = 0x0f
	classShift     = 4 // VesselClass in bits 4-6 of NavStatus
	threeBits      = 0x07
	maxStoredSOG   = 1022
	maxStoredHdg   = 510
	coordsOutOfBox = "coordinates %v, %v of MMSI %v cannot be stored (NaN, infinite or beyond ±3000 degrees)"
)

// toPoint converts p to a chunk.Point with Source src; see doc.go for the
// mapping.
//
// Errors: EINVALID for coordinates that are NaN, infinite or beyond
// ±3000 degrees, and for Class, TimeSource or Flags values beyond 3 bits.
func toPoint(p *sitrep.Position, src uint16) (chunk.Point, error) {
	if !storable(p.Lat) || !storable(p.Lon) {
		return chunk.Point{}, sitrep.Errorf(sitrep.EINVALID, coordsOutOfBox, p.Lat, p.Lon, p.MMSI)
	}
	if p.Class > threeBits || p.TimeSource > threeBits || p.Flags > threeBits {
		return chunk.Point{}, sitrep.Errorf(sitrep.EINVALID,
			"position of MMSI %v: class %d, time source %d or flags %d out of range", p.MMSI, p.Class, p.TimeSource, p.Flags)
	}
	q := chunk.Point{
		T:         p.Time.UnixMilli(),
		Lat:       int32(math.Round(p.Lat * coordScale)),
		Lon:       int32(math.Round(p.Lon * coordScale)),
		SOG:       chunk.SOGNA,
		COG:       chunk.COGNA,
		Heading:   chunk.HeadingNA,
		NavStatus: chunk.NavStatusNA | uint8(p.Class)<<classShift,
		Flags:     uint8(p.Flags)<<flagShift | uint8(p.TimeSource)<<timeSrcShift,
		Source:    src,
	}
	if p.Has&sitrep.HasSOG != 0 {
		q.SOG = tenths(p.SOG, maxStoredSOG)
	}
	if p.Has&sitrep.HasCOG != 0 {
		q.COG = tenths(p.COG, 1<<16-1) % 3600
	}
	if p.Has&sitrep.HasHeading != 0 {
		q.Heading = min(p.Heading, maxStoredHdg)
	}
	if p.Has&sitrep.HasNavStatus != 0 {
		q.NavStatus = q.NavStatus&^navStatusMask | uint8(p.NavStatus)&navStatusMask
	}
	if p.Accuracy {
		q.Flags |= flagAccuracy
	}
	return q, nil
}

// storable reports whether a coordinate in degrees fits the chunk units.
func storable(deg float64) bool {
	return !math.IsNaN(deg) && deg >= -maxCoord && deg <= maxCoord
}

// tenths returns round(v*10) clamped to [0, hi]; NaN gives 0.
func tenths(v float32, hi uint16) uint16 {
	f := math.Round(float64(v) * 10)
	switch {
	case !(f > 0): // also NaN
		return 0
	case f >= float64(hi):
		return hi
	}
	return uint16(f)
}

// fromPoint converts a stored point of vessel mmsi back to a Position
// without Sources.
func fromPoint(mmsi sitrep.MMSI, q chunk.Point) sitrep.Position {
	var p sitrep.Position
	setFromPoint(&p, mmsi, &q)
	return p
}

// setFromPoint sets every field of *p but Sources to the stored point q of
// vessel mmsi.
func setFromPoint(p *sitrep.Position, mmsi sitrep.MMSI, q *chunk.Point) {
	p.MMSI = mmsi
	p.Time = time.UnixMilli(q.T).UTC()
	p.TimeSource = sitrep.TimeSource(q.Flags >> timeSrcShift & threeBits)
	p.Lat = float64(q.Lat) / coordScale
	p.Lon = float64(q.Lon) / coordScale
	p.Accuracy = q.Flags&flagAccuracy != 0
	p.Class = sitrep.VesselClass(q.NavStatus >> classShift & threeBits)
	p.Flags = sitrep.PositionFlags(q.Flags >> flagShift & threeBits)
	// Every field is assigned (absent values as zero), so *p need not be
	// zeroed first.
	var has sitrep.PositionFields
	p.SOG, p.COG, p.Heading, p.NavStatus = 0, 0, 0, 0
	if q.SOG != chunk.SOGNA {
		p.SOG, has = float32(q.SOG)/10, has|sitrep.HasSOG
	}
	if q.COG != chunk.COGNA {
		p.COG, has = float32(q.COG)/10, has|sitrep.HasCOG
	}
	if q.Heading != chunk.HeadingNA {
		p.Heading, has = q.Heading, has|sitrep.HasHeading
	}
	if ns := q.NavStatus & navStatusMask; ns != chunk.NavStatusNA {
		p.NavStatus, has = sitrep.NavStatus(ns), has|sitrep.HasNavStatus
	}
	p.Has = has
}

// ceilMilli returns the smallest Unix millisecond not before t.
func ceilMilli(t time.Time) int64 {
	ms := t.UnixMilli()
	if time.UnixMilli(ms).Before(t) {
		ms++
	}
	return ms
}

// msRange returns r as the half-open range [from, to) of Unix
// milliseconds that it contains.
func msRange(r sitrep.TimeRange) (from, to int64) {
	from, to = math.MinInt64, math.MaxInt64
	if !r.From.IsZero() {
		from = ceilMilli(r.From)
	}
	if !r.To.IsZero() {
		to = ceilMilli(r.To)
	}
	return from, to
}
