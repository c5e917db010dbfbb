package sim

import "math"

// Waypoint is a node of the simulated shipping-lane graph. The coordinates
// are hand-drawn approximations, read off a small-scale chart and checked
// only by eye: points in open water, or the middle of a strait, chosen so
// that straight legs between neighbours stay at sea. They are illustrative,
// not navigational. In the narrow straits (Dardanelles, Bosporus, Øresund)
// the legs follow the fairway only roughly.
type Waypoint struct {
	Name string  // short upper-case name, unique
	Lat  float64 // degrees north
	Lon  float64 // degrees east
	// Spread is how far (nautical miles) a vessel's personal track may lie
	// from the point; small in straits, larger in open sea.
	Spread float64
	// Port, when not empty, makes the point the sea approach of a port:
	// the AIS destination declared by vessels bound there (UN/LOCODE
	// style, "NL RTM").
	Port string
	// Ground marks a fishing ground (loitering area) rather than a lane
	// point; grounds have no edges.
	Ground bool
}

// Lanes is a graph of waypoints joined by straight legs.
type Lanes struct {
	// Points are the waypoints; the graph refers to them by index.
	Points []Waypoint
	adj    [][]int
}

// lanePoints returns the hand-drawn waypoints (see Waypoint).
func lanePoints() []Waypoint {
	return []Waypoint{
		// Strait of Gibraltar and the western Mediterranean.
		{Name: "GIB_W", Lat: 35.90, Lon: -6.20, Spread: 1.5},
		{Name: "GIB", Lat: 35.96, Lon: -5.55, Spread: 1.5},
		{Name: "ALGECIRAS", Lat: 36.05, Lon: -5.40, Spread: 0.5, Port: "ES ALG"},
		{Name: "ALBORAN", Lat: 36.05, Lon: -4.00, Spread: 3},
		{Name: "CABO_GATA", Lat: 36.55, Lon: -1.90, Spread: 3},
		{Name: "S_SARDINIA", Lat: 38.30, Lon: 8.80, Spread: 4},
		{Name: "SICILY_CH", Lat: 37.40, Lon: 11.60, Spread: 3},
		{Name: "MALTA", Lat: 35.70, Lon: 14.00, Spread: 3},
		// Eastern Mediterranean and the Levant.
		{Name: "CRETE_S", Lat: 34.50, Lon: 24.50, Spread: 3},
		{Name: "CRETE_E", Lat: 34.60, Lon: 26.80, Spread: 3},
		{Name: "PORT_SAID", Lat: 31.60, Lon: 32.35, Spread: 1.5, Port: "EG PSD"},
		{Name: "CYPRUS_S", Lat: 34.20, Lon: 33.00, Spread: 3},
		{Name: "TARTUS", Lat: 34.90, Lon: 35.75, Spread: 1, Port: "SY TTS"},
		{Name: "HAIFA", Lat: 32.90, Lon: 34.80, Spread: 1, Port: "IL HFA"},
		// Aegean, Dardanelles, Marmara, Bosporus, Black Sea.
		{Name: "KYTHIRA", Lat: 35.75, Lon: 23.45, Spread: 1},
		{Name: "AEGEAN_1", Lat: 36.55, Lon: 24.05, Spread: 2},
		{Name: "AEGEAN_2", Lat: 37.35, Lon: 24.20, Spread: 1},
		{Name: "KEA_CH", Lat: 37.62, Lon: 24.21, Spread: 0.5},
		{Name: "KAFIREAS", Lat: 38.06, Lon: 24.66, Spread: 0.5},
		{Name: "N_AEGEAN", Lat: 39.40, Lon: 25.50, Spread: 2},
		{Name: "DARD_W", Lat: 40.00, Lon: 26.00, Spread: 1},
		{Name: "DARD_1", Lat: 40.03, Lon: 26.19, Spread: 0.2},
		{Name: "DARD_2", Lat: 40.12, Lon: 26.36, Spread: 0.2},
		{Name: "DARD_3", Lat: 40.20, Lon: 26.43, Spread: 0.1},
		{Name: "DARD_4", Lat: 40.28, Lon: 26.53, Spread: 0.2},
		{Name: "GELIBOLU", Lat: 40.41, Lon: 26.70, Spread: 0.3},
		{Name: "MARMARA", Lat: 40.75, Lon: 27.60, Spread: 2},
		{Name: "MARMARA_E", Lat: 40.90, Lon: 28.50, Spread: 1.5},
		{Name: "BOSP_S", Lat: 41.01, Lon: 29.00, Spread: 0.2},
		{Name: "BOSP_1", Lat: 41.08, Lon: 29.06, Spread: 0.1},
		{Name: "BOSP_2", Lat: 41.17, Lon: 29.08, Spread: 0.1},
		{Name: "BOSP_N", Lat: 41.23, Lon: 29.13, Spread: 0.2},
		{Name: "BLACKSEA_EXIT", Lat: 41.40, Lon: 29.20, Spread: 1.5},
		{Name: "BLACKSEA_W", Lat: 42.50, Lon: 29.50, Spread: 3},
		{Name: "CONSTANTA", Lat: 44.10, Lon: 28.80, Spread: 1, Port: "RO CND"},
		{Name: "BLACKSEA_C", Lat: 43.50, Lon: 34.00, Spread: 4},
		{Name: "NOVOROSSIYSK", Lat: 44.55, Lon: 37.60, Spread: 1, Port: "RU NVS"},
		// Atlantic coast of Iberia, Bay of Biscay, English Channel.
		{Name: "ST_VINCENT", Lat: 36.75, Lon: -9.20, Spread: 2},
		{Name: "ROCA", Lat: 38.80, Lon: -9.80, Spread: 2},
		{Name: "FINISTERRE", Lat: 43.00, Lon: -9.80, Spread: 2},
		{Name: "BISCAY", Lat: 46.00, Lon: -7.50, Spread: 5},
		{Name: "USHANT", Lat: 48.60, Lon: -5.70, Spread: 2},
		{Name: "CASQUETS", Lat: 49.95, Lon: -2.70, Spread: 2},
		{Name: "DOVER_W", Lat: 50.45, Lon: 0.70, Spread: 1.5},
		{Name: "DOVER", Lat: 51.00, Lon: 1.45, Spread: 1},
		{Name: "WANDELAAR", Lat: 51.45, Lon: 3.00, Spread: 1, Port: "BE ANR"},
		// North Sea, Skagerrak, Kattegat, Øresund.
		{Name: "N_HINDER", Lat: 51.90, Lon: 2.60, Spread: 2},
		{Name: "MAAS", Lat: 52.00, Lon: 3.70, Spread: 1, Port: "NL RTM"},
		{Name: "TEXEL", Lat: 53.20, Lon: 4.20, Spread: 2},
		{Name: "GERMAN_BIGHT", Lat: 54.10, Lon: 7.20, Spread: 2},
		{Name: "ELBE", Lat: 53.98, Lon: 8.15, Spread: 0.5, Port: "DE HAM"},
		{Name: "JUTLAND_W", Lat: 56.00, Lon: 7.20, Spread: 3},
		{Name: "JUTLAND_NW", Lat: 57.50, Lon: 8.00, Spread: 3},
		{Name: "SKAGEN", Lat: 57.95, Lon: 10.60, Spread: 1.5},
		{Name: "KATTEGAT_N", Lat: 57.45, Lon: 11.35, Spread: 1.5},
		{Name: "KATTEGAT_S", Lat: 56.55, Lon: 11.95, Spread: 1.5},
		{Name: "ORESUND_N", Lat: 56.15, Lon: 12.55, Spread: 0.5},
		{Name: "ORESUND", Lat: 56.03, Lon: 12.655, Spread: 0.2},
		{Name: "ORESUND_2", Lat: 55.93, Lon: 12.63, Spread: 0.2},
		{Name: "ORESUND_3", Lat: 55.75, Lon: 12.70, Spread: 0.3},
		{Name: "DROGDEN", Lat: 55.55, Lon: 12.71, Spread: 0.1},
		{Name: "ORESUND_S", Lat: 55.35, Lon: 12.65, Spread: 0.5},
		// Baltic Sea.
		{Name: "ARKONA", Lat: 54.85, Lon: 13.60, Spread: 2},
		{Name: "BORNHOLM_S", Lat: 54.85, Lon: 14.90, Spread: 2},
		{Name: "BALTIC_S", Lat: 55.20, Lon: 17.50, Spread: 3},
		{Name: "KALININGRAD", Lat: 54.70, Lon: 19.60, Spread: 0.5, Port: "RU KGD"},
		{Name: "GOTLAND_S", Lat: 56.00, Lon: 18.00, Spread: 3},
		{Name: "GOTLAND_E", Lat: 57.60, Lon: 19.60, Spread: 3},
		{Name: "FINLAND_W", Lat: 59.35, Lon: 22.30, Spread: 2},
		{Name: "FINLAND_GULF", Lat: 59.72, Lon: 24.30, Spread: 1},
		{Name: "ST_PETERSBURG", Lat: 59.95, Lon: 26.50, Spread: 1, Port: "RU LED"},
		// Fishing grounds (loitering areas, no legs).
		{Name: "DOGGER", Lat: 54.70, Lon: 2.30, Spread: 10, Ground: true},
		{Name: "N_SEA_CENTRAL", Lat: 56.50, Lon: 4.00, Spread: 10, Ground: true},
		{Name: "CHANNEL_F", Lat: 50.20, Lon: -1.50, Spread: 6, Ground: true},
		{Name: "BISCAY_F", Lat: 45.50, Lon: -4.00, Spread: 10, Ground: true},
		{Name: "ALBORAN_F", Lat: 36.20, Lon: -3.50, Spread: 5, Ground: true},
		{Name: "SICILY_F", Lat: 36.90, Lon: 12.50, Spread: 6, Ground: true},
		{Name: "AEGEAN_F", Lat: 39.00, Lon: 24.00, Spread: 6, Ground: true},
		{Name: "LEVANT_F", Lat: 33.50, Lon: 34.00, Spread: 8, Ground: true},
		{Name: "BALTIC_F", Lat: 55.50, Lon: 16.00, Spread: 8, Ground: true},
	}
}

// laneEdges lists the legs of the graph by waypoint name.
func laneEdges() [][2]string {
	return [][2]string{
		{"ALGECIRAS", "GIB"}, {"GIB_W", "GIB"}, {"GIB", "ALBORAN"}, {"ALBORAN", "CABO_GATA"},
		{"CABO_GATA", "S_SARDINIA"}, {"S_SARDINIA", "SICILY_CH"}, {"SICILY_CH", "MALTA"},
		{"MALTA", "CRETE_S"}, {"CRETE_S", "CRETE_E"}, {"CRETE_E", "PORT_SAID"},
		{"CRETE_E", "CYPRUS_S"}, {"CYPRUS_S", "TARTUS"}, {"CYPRUS_S", "HAIFA"}, {"PORT_SAID", "HAIFA"},
		{"MALTA", "KYTHIRA"}, {"KYTHIRA", "AEGEAN_1"}, {"AEGEAN_1", "AEGEAN_2"}, {"AEGEAN_2", "KEA_CH"},
		{"KEA_CH", "KAFIREAS"}, {"KAFIREAS", "N_AEGEAN"}, {"N_AEGEAN", "DARD_W"}, {"DARD_W", "DARD_1"},
		{"DARD_1", "DARD_2"}, {"DARD_2", "DARD_3"}, {"DARD_3", "DARD_4"}, {"DARD_4", "GELIBOLU"},
		{"GELIBOLU", "MARMARA"}, {"MARMARA", "MARMARA_E"}, {"MARMARA_E", "BOSP_S"}, {"BOSP_S", "BOSP_1"},
		{"BOSP_1", "BOSP_2"}, {"BOSP_2", "BOSP_N"}, {"BOSP_N", "BLACKSEA_EXIT"},
		{"BLACKSEA_EXIT", "BLACKSEA_W"}, {"BLACKSEA_W", "CONSTANTA"}, {"BLACKSEA_EXIT", "BLACKSEA_C"},
		{"BLACKSEA_C", "NOVOROSSIYSK"},
		{"GIB_W", "ST_VINCENT"}, {"ST_VINCENT", "ROCA"}, {"ROCA", "FINISTERRE"}, {"FINISTERRE", "BISCAY"},
		{"BISCAY", "USHANT"}, {"USHANT", "CASQUETS"}, {"CASQUETS", "DOVER_W"}, {"DOVER_W", "DOVER"},
		{"DOVER", "WANDELAAR"}, {"DOVER", "N_HINDER"}, {"N_HINDER", "MAAS"}, {"N_HINDER", "TEXEL"},
		{"TEXEL", "GERMAN_BIGHT"}, {"GERMAN_BIGHT", "ELBE"}, {"GERMAN_BIGHT", "JUTLAND_W"},
		{"JUTLAND_W", "JUTLAND_NW"}, {"JUTLAND_NW", "SKAGEN"}, {"SKAGEN", "KATTEGAT_N"},
		{"KATTEGAT_N", "KATTEGAT_S"}, {"KATTEGAT_S", "ORESUND_N"}, {"ORESUND_N", "ORESUND"},
		{"ORESUND", "ORESUND_2"}, {"ORESUND_2", "ORESUND_3"}, {"ORESUND_3", "DROGDEN"},
		{"DROGDEN", "ORESUND_S"}, {"ORESUND_S", "ARKONA"}, {"ARKONA", "BORNHOLM_S"},
		{"BORNHOLM_S", "BALTIC_S"}, {"BALTIC_S", "KALININGRAD"}, {"BORNHOLM_S", "GOTLAND_S"},
		{"GOTLAND_S", "GOTLAND_E"}, {"GOTLAND_E", "FINLAND_W"}, {"FINLAND_W", "FINLAND_GULF"},
		{"FINLAND_GULF", "ST_PETERSBURG"},
	}
}

// DefaultLanes returns the built-in hand-drawn lane graph of the
// Mediterranean, Black Sea, Atlantic Europe, North Sea and Baltic (see
// Waypoint for what the coordinates are and are not).
func DefaultLanes() *Lanes {
	pts := lanePoints()
	idx := make(map[string]int, len(pts))
	for i, p := range pts {
		idx[p.Name] = i
	}
	l := &Lanes{Points: pts, adj: make([][]int, len(pts))}
	for _, e := range laneEdges() {
		a, b := idx[e[0]], idx[e[1]]
		l.adj[a] = append(l.adj[a], b)
		l.adj[b] = append(l.adj[b], a)
	}
	return l
}

// Neighbours returns the waypoints joined to waypoint i by a leg. The slice
// must not be modified.
func (l *Lanes) Neighbours(i int) []int { return l.adj[i] }

// Path returns the shortest path (by distance) from waypoint a to b, both
// ends included, using only waypoints for which keep returns true (nil
// keeps all). It returns nil when b cannot be reached.
func (l *Lanes) Path(a, b int, keep func(i int) bool) []int {
	n := len(l.Points)
	dist := make([]float64, n)
	prev := make([]int, n)
	done := make([]bool, n)
	for i := range dist {
		dist[i], prev[i] = math.Inf(1), -1
	}
	dist[a] = 0
	for {
		// The graph is small: a linear scan beats a heap here.
		u := -1
		for i := range n {
			if !done[i] && !math.IsInf(dist[i], 1) && (u < 0 || dist[i] < dist[u]) {
				u = i
			}
		}
		if u < 0 {
			return nil
		}
		if u == b {
			break
		}
		done[u] = true
		for _, v := range l.adj[u] {
			if keep != nil && !keep(v) {
				continue
			}
			pu, pv := l.Points[u], l.Points[v]
			if d := dist[u] + distanceNM(pu.Lat, pu.Lon, pv.Lat, pv.Lon); d < dist[v] {
				dist[v], prev[v] = d, u
			}
		}
	}
	var path []int
	for v := b; v >= 0; v = prev[v] {
		path = append(path, v)
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return path
}
