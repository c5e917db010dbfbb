package geo

// Directions in which a track crosses a Line, as returned by Line.Crosses.
// Left and right are as seen facing along the gate, from its first point
// towards its last.
const (
	LeftToRight = 1  // the track moved from the gate's left to its right
	RightToLeft = -1 // the track moved from the gate's right to its left
)

// Line is a gate: a polyline of two or more points drawn across a strait,
// a channel or a harbour mouth, used to detect transits. Its segments are
// straight in the longitude/latitude plane; a gate that straddles the
// antimeridian is written with continuous longitudes past ±180.
//
// For example a gate across the Strait of Gibraltar drawn from Europe
// (north) to Africa (south) faces south: a vessel bound east, into the
// Mediterranean, crosses it RightToLeft.
type Line []Point

// Crosses reports whether the straight track from fix a to fix b crosses
// the gate, and in which direction: side is LeftToRight or RightToLeft when
// crossed is true and 0 otherwise. The track is taken the short way round in
// longitude, so consecutive fixes either side of the antimeridian form a
// short track. Gates and tracks are assumed to span well under 180° of
// longitude (a gate is kilometres long, fixes are minutes apart); beyond
// that the result is defined but not meaningful.
//
// A track that crosses a bent gate several times counts by its net
// crossing: left-to-right once and back again is no crossing, and a track
// that only touches a vertex is not a crossing. A fix lying exactly on the
// gate counts as being on its left: a vessel that stops on the gate line and
// then continues is counted once, not twice, while one that comes from the
// right, touches the line and turns back crosses and re-crosses (net zero
// over the two calls). A track through the very end point of the gate is
// ambiguous. A Line with fewer than two points is never crossed.
func (l Line) Crosses(a, b Point) (crossed bool, side int) {
	// Unwrap b to within 180° of a.
	switch d := b.Lon - a.Lon; {
	case d > 180:
		b.Lon -= 360
	case d < -180:
		b.Lon += 360
	}
	net := 0
	for i := 1; i < len(l); i++ {
		g1, g2 := l[i-1], l[i]
		// Bring the track's midpoint within 180° of the segment's.
		sh := 0.0
		switch d := (a.Lon+b.Lon)/2 - (g1.Lon+g2.Lon)/2; {
		case d >= 180:
			sh = -360
		case d < -180:
			sh = 360
		}
		a1, b1 := Point{a.Lat, a.Lon + sh}, Point{b.Lat, b.Lon + sh}
		la, lb := orientC(g1, g2, a1) >= 0, orientC(g1, g2, b1) >= 0
		if la == lb {
			continue
		}
		if (orientC(a1, b1, g1) >= 0) == (orientC(a1, b1, g2) >= 0) {
			continue
		}
		if la {
			net++
		} else {
			net--
		}
	}
	switch {
	case net > 0:
		return true, LeftToRight
	case net < 0:
		return true, RightToLeft
	}
	return false, 0
}

// orient returns the cross product (q-p)×(r-p) in the longitude/latitude
// plane: positive when r is left of the direction p->q, negative when right,
// zero when collinear. Scaling longitude by cos(latitude) would not change
// its sign.
func orient(p, q, r Point) float64 {
	return (q.Lon-p.Lon)*(r.Lat-p.Lat) - (q.Lat-p.Lat)*(r.Lon-p.Lon)
}

// orientC is orient computed with p and q in a canonical order, so that
// orientC(q, p, r) is exactly -orientC(p, q, r): reversing a gate or a track flips
// every decision exactly, rounding included.
func orientC(p, q, r Point) float64 {
	if q.Lon < p.Lon || (q.Lon == p.Lon && q.Lat < p.Lat) {
		return -orient(q, p, r)
	}
	return orient(p, q, r)
}
