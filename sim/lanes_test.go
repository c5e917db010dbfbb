package sim

import "testing"

func TestLanes(t *testing.T) {
	l := DefaultLanes()
	names := map[string]bool{}
	var ports []int
	for i, p := range l.Points {
		if names[p.Name] {
			t.Errorf("duplicate waypoint %s", p.Name)
		}
		names[p.Name] = true
		if p.Ground != (len(l.Neighbours(i)) == 0) {
			t.Errorf("%s: ground %v with %d legs", p.Name, p.Ground, len(l.Neighbours(i)))
		}
		if p.Spread <= 0 {
			t.Errorf("%s: spread %v", p.Name, p.Spread)
		}
		if p.Port != "" {
			ports = append(ports, i)
		}
	}
	for _, e := range laneEdges() {
		if !names[e[0]] || !names[e[1]] {
			t.Errorf("leg %v names an unknown waypoint", e)
		}
	}
	// Every port reaches every other; legs are shorter than 600 nm.
	for _, a := range ports {
		for _, b := range ports {
			p := l.Path(a, b, nil)
			if a != b && (len(p) < 2 || p[0] != a || p[len(p)-1] != b) {
				t.Errorf("no route %s -> %s: %v", l.Points[a].Name, l.Points[b].Name, p)
			}
		}
	}
	for i := range l.Points {
		for _, j := range l.Neighbours(i) {
			a, b := l.Points[i], l.Points[j]
			if d := distanceNM(a.Lat, a.Lon, b.Lat, b.Lon); d > 600 {
				t.Errorf("leg %s-%s is %.0f nm", a.Name, b.Name, d)
			}
		}
	}
	// Gibraltar to the Baltic goes round Iberia, through the Channel and
	// the Øresund.
	idx := map[string]int{}
	for i, p := range l.Points {
		idx[p.Name] = i
	}
	p := l.Path(idx["ALGECIRAS"], idx["KALININGRAD"], nil)
	seen := map[string]bool{}
	for _, i := range p {
		seen[l.Points[i].Name] = true
	}
	for _, n := range []string{"FINISTERRE", "DOVER", "SKAGEN", "ORESUND", "BORNHOLM_S"} {
		if !seen[n] {
			t.Errorf("Algeciras -> Kaliningrad misses %s", n)
		}
	}
}
