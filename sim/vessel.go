package sim

import (
	"math"
	"math/rand/v2"
)

// mode is what a vessel is doing.
type mode uint8

const (
	modeRoute  mode = iota // sailing a route between two ports
	modeAnchor             // at anchor (nav status 1), not moving
	modeLoiter             // fishing, towing or cruising about in an area
)

// AIS navigational status codes used by the simulation.
const (
	statusUnderWay uint8 = 0
	statusAnchored uint8 = 1
	statusFishing  uint8 = 7
	statusSailing  uint8 = 8
)

// vessel is one simulated ship's behaviour and state at time t. The fields
// used on every report come first, to share few cache lines; the fixed
// identity, used only for static reports, is kept apart (identity).
type vessel struct {
	// Kinematics, used on every step.
	t        int64   // Unix milliseconds
	lat, lon float64 // degrees
	sog, cog float64 // knots, degrees
	rot      float64 // degrees per minute when changing course, else 0
	tgtLat   float64 // the point steered for
	tgtLon   float64
	cruise   float64 // cruising speed, knots; the vessel never goes faster
	turnRate float64 // degrees per minute
	mode     mode
	kind     kind

	// Reporting, used on every report.
	classB     bool
	longRange  bool // also sends type 27 long-range reports
	hasHeading bool
	accuracy   bool
	raim       bool
	chanB      bool
	mmsi       uint32
	hdgBias    float64 // heading minus course, degrees
	nextPos    int64   // Unix milliseconds
	nextStatic int64
	nextLR     int64
	gapUntil   int64

	until int64   // end of the current anchoring
	voy   *voyage // route and destination, used at waypoints
}

// voyage is the part of a vessel's state used only at waypoints and
// ports, kept apart from the state used on every report.
type voyage struct {
	off  float64 // how far to starboard of the lane, as a share of the waypoint spread
	path []int   // route waypoints (modeRoute)
	leg  int     // index in path of the waypoint steered for
	area [2]int  // loitering area (modeLoiter)
	home int     // port waypoint at anchor or last left, -1 when none
	dest string  // declared destination
	eta  int64   // Unix milliseconds, 0 when none
}

// identity is what a vessel's static reports say about it.
type identity struct {
	shipType   uint8
	name       string
	callsign   string
	imo        uint32 // 0: none
	bow, stern uint16
	port, stbd uint8
	draught    float64 // metres
}

// next returns the time of the vessel's next report of any kind.
func (v *vessel) next() int64 {
	n := min(v.nextPos, v.nextStatic)
	if v.longRange {
		n = min(n, v.nextLR)
	}
	return n
}

// navStatus returns the AIS navigational status of the current state.
func (v *vessel) navStatus() uint8 {
	switch {
	case v.mode == modeAnchor:
		return statusAnchored
	case v.kind == kindFishing && v.mode == modeLoiter:
		return statusFishing
	case v.kind == kindSailing:
		return statusSailing
	}
	return statusUnderWay
}

// steer sets the point steered for: the current route waypoint, displaced
// to starboard of the leg, or a fresh point of the loitering area.
func (v *vessel) steer(w *world, r *rand.Rand) {
	if v.mode == modeLoiter {
		v.tgtLat, v.tgtLon = w.loiterPoint(r, v.voy.area)
		return
	}
	p := w.lanes.Points[v.voy.path[v.voy.leg]]
	q := w.lanes.Points[v.voy.path[v.voy.leg-1]]
	side := normDeg(bearing(q.Lat, q.Lon, p.Lat, p.Lon) + 90)
	v.tgtLat, v.tgtLon = move(p.Lat, p.Lon, side, v.voy.off*p.Spread)
}

// depart starts a voyage from the current port (or a loitering spell).
func (v *vessel) depart(w *world, r *rand.Rand, t int64) {
	v.sog, v.rot = 0, 0
	if v.kind.spec().loiter || !w.canRoute() {
		v.mode = modeLoiter
		v.steer(w, r)
		return
	}
	v.mode = modeRoute
	v.voy.path, v.voy.leg = w.route(r, v.voy.home), 1
	v.setVoyage(w, t)
	v.steer(w, r)
}

// setVoyage sets the destination and the ETA at cruising speed along the
// rest of the route from the current position.
func (v *vessel) setVoyage(w *world, t int64) {
	end := w.lanes.Points[v.voy.path[len(v.voy.path)-1]]
	v.voy.dest = end.Port
	next := w.lanes.Points[v.voy.path[v.voy.leg]]
	nm := distanceNM(v.lat, v.lon, next.Lat, next.Lon)
	for i := v.voy.leg + 1; i < len(v.voy.path); i++ {
		a, b := w.lanes.Points[v.voy.path[i-1]], w.lanes.Points[v.voy.path[i]]
		nm += distanceNM(a.Lat, a.Lon, b.Lat, b.Lon)
	}
	v.voy.eta = t + int64(nm/v.cruise*3600e3)
}

// anchor stops the vessel where it is until t+d milliseconds.
func (v *vessel) anchor(t, d int64) {
	v.mode, v.sog, v.rot, v.until = modeAnchor, 0, 0, t+d
}

// step advances the vessel to time t: at anchor it waits; under way it
// accelerates towards its cruising speed, turns towards the point steered
// for at its turn rate and moves on its course. Reaching a waypoint it
// steers for the next; reaching its destination it anchors off the port.
func (v *vessel) step(w *world, r *rand.Rand, t int64) {
	dt := float64(t-v.t) / 1000
	if dt <= 0 {
		return
	}
	v.t = t
	if v.mode == modeAnchor {
		if t >= v.until {
			v.depart(w, r, t)
		}
		return
	}
	v.sog += math.Max(-dt/20, math.Min(dt/20, v.cruise-v.sog)) // 3 kn a minute

	// Local flat frame in nautical miles, x east, y north.
	k := math.Cos(v.lat * degToRad)
	dx, dy := (v.tgtLon-v.lon)*60*k, (v.tgtLat-v.lat)*60
	turn := turnDeg(v.cog, wrapDeg(math.Atan2(dx, dy)*radToDeg))
	limit := v.turnRate * dt / 60
	turn = math.Max(-limit, math.Min(limit, turn))
	v.cog = wrapDeg(v.cog + turn)
	v.rot = 0
	if rate := turn / dt * 60; math.Abs(rate) >= 3 {
		v.rot = rate
	}
	sin, cos := math.Sincos(v.cog * degToRad)
	nm := v.sog * dt / 3600
	v.lat += nm * cos / 60
	v.lon += nm * sin / (60 * k)

	// A waypoint counts as reached within twice the turning radius.
	dx, dy = dx-nm*sin, dy-nm*cos
	reach := math.Max(0.3, 2*v.sog/(v.turnRate*60*degToRad))
	if dx*dx+dy*dy > reach*reach {
		return
	}
	switch {
	case v.mode == modeLoiter:
		if r.IntN(20) == 0 { // an occasional stop at anchor
			v.anchor(t, int64(30+r.IntN(150))*60e3)
			return
		}
		v.steer(w, r)
	case v.voy.leg+1 < len(v.voy.path):
		v.voy.leg++
		v.steer(w, r)
	default: // arrived off the destination port: anchor for 1 to 12 hours
		v.voy.home = v.voy.path[len(v.voy.path)-1]
		v.anchor(t, int64(1+r.IntN(12))*3600e3)
	}
}
