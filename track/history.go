package track

import (
	"math"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// fix is one position fix as the history ring stores it: 20 bytes instead
// of the ~100 of a sitrep.Position plus its provenance.
//
// Resolution: latitude and longitude to 1/10000 minute (the AIS resolution,
// about 0.19 m), time to the whole second (truncated) relative to the
// State's epoch, SOG and COG to 0.1 (knots, degrees). Provenance and the
// vessel class are not kept per fix.
type fix struct {
	lat, lon int32  // degrees * unitsPerDegree
	t        int32  // seconds since the State's epoch
	sog      uint16 // 0.1 knot, valid when has&HasSOG
	cog      uint16 // 0.1 degree, valid when has&HasCOG
	heading  uint16 // degrees, valid when has&HasHeading
	has      uint8  // bits 0-3 PositionFields, bit 4 Accuracy, bits 5-7 TimeSource
	status   uint8  // bits 0-3 NavStatus, bits 4-7 PositionFlags
}

const (
	unitsPerDegree = 600_000 // 1/10000 minute
	// maxDegrees bounds the coordinates a fix can hold; out-of-range values
	// (only in fixes flagged FlagInvalidCoordinates) are clamped to it.
	maxDegrees   = math.MaxInt32 / unitsPerDegree
	accuracyBit  = 1 << 4
	timeSrcShift = 5
	flagsShift   = 4
)

// encodeDegrees converts degrees to fix units, clamping to ±maxDegrees; NaN
// becomes 0.
func encodeDegrees(d float64) int32 {
	if d != d {
		return 0
	}
	d = min(max(d, -maxDegrees), maxDegrees)
	return int32(math.Round(d * unitsPerDegree))
}

// encodeTenths converts a non-negative value to tenths, clamped to uint16;
// NaN and negative values become 0.
func encodeTenths(v float32) uint16 {
	x := math.Round(float64(v) * 10)
	if !(x > 0) {
		return 0
	}
	return uint16(min(x, math.MaxUint16))
}

// secondsSince returns t's whole seconds after epoch (Unix seconds),
// clamped to the int32 range (about ±68 years).
func secondsSince(t time.Time, epoch int64) int32 {
	d := t.Unix() - epoch
	return int32(min(max(d, math.MinInt32), math.MaxInt32))
}

// encodeFix compacts p, with times relative to epoch (Unix seconds).
func encodeFix(p *sitrep.Position, epoch int64) fix {
	f := fix{
		lat:     encodeDegrees(p.Lat),
		lon:     encodeDegrees(p.Lon),
		t:       secondsSince(p.Time, epoch),
		heading: p.Heading,
		has:     uint8(p.Has&0x0f) | uint8(p.TimeSource&0x07)<<timeSrcShift,
		status:  uint8(p.NavStatus&0x0f) | uint8(p.Flags&0x0f)<<flagsShift,
	}
	if p.Has&sitrep.HasSOG != 0 {
		f.sog = encodeTenths(p.SOG)
	}
	if p.Has&sitrep.HasCOG != 0 {
		f.cog = encodeTenths(p.COG)
	}
	if p.Accuracy {
		f.has |= accuracyBit
	}
	return f
}

// position expands f back into a Position of vessel mmsi, with the epoch f
// was encoded with and the given class. Sources is nil.
func (f *fix) position(mmsi sitrep.MMSI, epoch int64, class sitrep.VesselClass) sitrep.Position {
	p := sitrep.Position{
		MMSI:       mmsi,
		Time:       time.Unix(epoch+int64(f.t), 0).UTC(),
		TimeSource: sitrep.TimeSource(f.has >> timeSrcShift),
		Lat:        float64(f.lat) / unitsPerDegree,
		Lon:        float64(f.lon) / unitsPerDegree,
		Has:        sitrep.PositionFields(f.has & 0x0f),
		Accuracy:   f.has&accuracyBit != 0,
		Class:      class,
		Flags:      sitrep.PositionFlags(f.status >> flagsShift),
	}
	if p.Has&sitrep.HasSOG != 0 {
		p.SOG = float32(f.sog) / 10
	}
	if p.Has&sitrep.HasCOG != 0 {
		p.COG = float32(f.cog) / 10
	}
	if p.Has&sitrep.HasHeading != 0 {
		p.Heading = f.heading
	}
	if p.Has&sitrep.HasNavStatus != 0 {
		p.NavStatus = sitrep.NavStatus(f.status & 0x0f)
	}
	return p
}

// ring holds the most recent fixes of one vessel in event-time order,
// oldest first, at most limit of them. Its buffer grows on demand up to
// limit (so a vessel heard twice costs two fixes, not limit), then is reused
// circularly without allocating.
//
// The zero ring is empty.
type ring struct {
	buf   []fix // len(buf) fixes; logical i is buf[(start+i)%len(buf)]
	start int   // logical 0; always 0 until len(buf) == limit
}

// len returns the number of fixes held.
func (r *ring) len() int { return len(r.buf) }

// at returns logical fix i (0 is the oldest).
func (r *ring) at(i int) *fix {
	i += r.start
	if i >= len(r.buf) {
		i -= len(r.buf)
	}
	return &r.buf[i]
}

// insert adds f in time order after any fix of the same second, keeping
// at most limit (>= 1) fixes by dropping the oldest. A fix older than every
// fix of a full ring is dropped instead: it is not among the last limit. It
// reports whether f was kept.
func (r *ring) insert(f fix, limit int) bool {
	n := len(r.buf)
	k := n // logical insertion index; almost always the end
	for k > 0 && r.at(k-1).t > f.t {
		k--
	}
	if n < limit {
		if n == cap(r.buf) {
			grown := make([]fix, n, min(max(2*n, 4), limit))
			copy(grown, r.buf)
			r.buf = grown
		}
		r.buf = append(r.buf, fix{})
		copy(r.buf[k+1:], r.buf[k:n])
		r.buf[k] = f
		return true
	}
	if k == 0 {
		return false
	}
	if k == n { // the common case: overwrite the oldest, advance
		r.buf[r.start] = f
		if r.start++; r.start == n {
			r.start = 0
		}
		return true
	}
	// Drop the oldest: shift logical 1..k-1 down to 0..k-2, put f at k-1.
	for i := 0; i < k-1; i++ {
		*r.at(i) = *r.at(i + 1)
	}
	*r.at(k - 1) = f
	return true
}
