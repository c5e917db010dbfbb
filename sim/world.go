package sim

import (
	"fmt"
	"math/rand/v2"
)

// world is the part of the lane graph inside the configured area, with the
// routes between its ports computed once.
type world struct {
	lanes    *Lanes
	ports    []int       // port waypoints with a route to another port
	routes   [][][]int   // routes[a][b]: waypoint path between ports[a] and ports[b]
	legs     [][2]int    // legs inside the area
	portLegs [][2]int    // of which those that touch a port
	grounds  []int       // fishing grounds inside the area
	portIdx  map[int]int // waypoint index -> index in ports
}

// newWorld restricts l to area.
func newWorld(l *Lanes, area Area) (*world, error) {
	in := func(i int) bool { p := l.Points[i]; return area.Contains(p.Lat, p.Lon) }
	w := &world{lanes: l, portIdx: make(map[int]int)}
	for i, p := range l.Points {
		if !in(i) {
			continue
		}
		if p.Ground {
			w.grounds = append(w.grounds, i)
			continue
		}
		for _, j := range l.adj[i] {
			if j > i && in(j) {
				w.legs = append(w.legs, [2]int{i, j})
				if p.Port != "" || l.Points[j].Port != "" {
					w.portLegs = append(w.portLegs, [2]int{i, j})
				}
			}
		}
	}
	var cand []int
	for i, p := range l.Points {
		if p.Port != "" && in(i) {
			cand = append(cand, i)
		}
	}
	for _, a := range cand {
		for _, b := range cand {
			if a != b && l.Path(a, b, in) != nil {
				w.portIdx[a] = len(w.ports)
				w.ports = append(w.ports, a)
				break
			}
		}
	}
	w.routes = make([][][]int, len(w.ports))
	for i, a := range w.ports {
		w.routes[i] = make([][]int, len(w.ports))
		for j, b := range w.ports {
			if i != j {
				w.routes[i][j] = l.Path(a, b, in)
			}
		}
	}
	if len(w.legs) == 0 && len(w.grounds) == 0 {
		return nil, fmt.Errorf("%w: the area holds no lanes or fishing grounds", ErrConfig)
	}
	return w, nil
}

// canRoute reports whether ships can sail between ports in the area.
func (w *world) canRoute() bool { return len(w.ports) >= 2 }

// route draws a destination port other than port (a waypoint index; -1
// for any origin) and returns the path to it, or a random route when port
// is -1.
func (w *world) route(r *rand.Rand, port int) []int {
	a, ok := w.portIdx[port]
	if !ok {
		a = r.IntN(len(w.ports))
	}
	for {
		b := r.IntN(len(w.ports))
		if b != a && w.routes[a][b] != nil {
			return w.routes[a][b]
		}
	}
}

// loiterArea draws an area to loiter in for a vessel of kind k: a fishing
// ground for fishing boats when there is one, a leg touching a port for
// tugs, any leg otherwise. It returns the two ends (equal for a ground).
func (w *world) loiterArea(r *rand.Rand, k kind) [2]int {
	switch {
	case k == kindFishing && len(w.grounds) > 0 && (len(w.legs) == 0 || r.IntN(4) > 0):
		g := w.grounds[r.IntN(len(w.grounds))]
		return [2]int{g, g}
	case k == kindTug && len(w.portLegs) > 0:
		return w.portLegs[r.IntN(len(w.portLegs))]
	case len(w.legs) > 0:
		return w.legs[r.IntN(len(w.legs))]
	}
	g := w.grounds[r.IntN(len(w.grounds))]
	return [2]int{g, g}
}

// loiterPoint draws a point in a loitering area: within a ground's spread
// of its centre, or on the leg within the smaller spread of its ends.
func (w *world) loiterPoint(r *rand.Rand, area [2]int) (lat, lon float64) {
	a, b := w.lanes.Points[area[0]], w.lanes.Points[area[1]]
	if area[0] == area[1] {
		return move(a.Lat, a.Lon, r.Float64()*360, a.Spread*r.Float64())
	}
	f := 0.05 + 0.9*r.Float64()
	lat, lon = a.Lat+f*(b.Lat-a.Lat), a.Lon+f*(b.Lon-a.Lon)
	return move(lat, lon, r.Float64()*360, min(a.Spread, b.Spread)*r.Float64())
}
