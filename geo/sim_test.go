package geo

import (
	"math"
	"math/rand/v2"
)

// Simulated traffic: NOT real AIS. The generators below place synthetic
// vessels the way real traffic is distributed — dense around ports and
// chokepoints, strung along shipping lanes, sparse in open ocean — so that
// index benchmarks see realistic cell occupancy. Positions are approximate
// and deterministic for a given seed.

// simHubs are approximate positions of busy ports and chokepoints.
var simHubs = []Point{
	{51.95, 4.05},    // Rotterdam
	{53.55, 9.95},    // Hamburg
	{51.30, 3.20},    // Zeebrugge
	{50.90, 1.40},    // Dover Strait
	{59.90, 30.20},   // St Petersburg
	{54.70, 20.45},   // Kaliningrad
	{36.14, -5.35},   // Gibraltar
	{43.30, 5.35},    // Marseille
	{37.94, 23.63},   // Piraeus
	{41.00, 29.00},   // Istanbul / Bosporus
	{34.89, 35.87},   // Tartus
	{31.25, 32.30},   // Port Said / Suez
	{29.95, 32.55},   // Suez south
	{12.60, 43.40},   // Bab-el-Mandeb
	{25.00, 55.05},   // Jebel Ali
	{26.55, 56.40},   // Hormuz
	{18.95, 72.85},   // Mumbai
	{6.90, 79.85},    // Colombo
	{1.25, 103.85},   // Singapore
	{22.30, 114.15},  // Hong Kong
	{31.25, 121.50},  // Shanghai
	{35.10, 129.05},  // Busan
	{35.45, 139.70},  // Tokyo Bay
	{33.75, -118.25}, // Los Angeles
	{47.60, -122.35}, // Seattle
	{40.65, -74.05},  // New York
	{29.75, -95.10},  // Houston
	{9.35, -79.90},   // Panama (Colon)
	{-23.95, -46.30}, // Santos
	{-33.90, 18.45},  // Cape Town
	{-29.85, 31.05},  // Durban
	{-33.85, 151.20}, // Sydney
	{-18.10, 178.45}, // Suva (Fiji)
	{64.15, -21.95},  // Reykjavik
	{6.45, 3.40},     // Lagos
}

// simLanes are pairs of simHubs joined by shipping lanes (straight in
// longitude/latitude, which is fine for a synthetic density).
var simLanes = [][2]int{
	{0, 3}, {3, 6}, {6, 7}, {7, 8}, {8, 9}, {8, 10}, {6, 11}, {11, 10}, {12, 13},
	{13, 14}, {14, 15}, {13, 16}, {16, 17}, {17, 18}, {18, 19}, {19, 20}, {20, 21},
	{21, 22}, {22, 23}, {21, 24}, {25, 27}, {26, 27}, {27, 23}, {25, 6}, {28, 29},
	{29, 30}, {30, 18}, {18, 31}, {31, 32}, {32, 23}, {0, 1}, {1, 5}, {5, 4}, {0, 33},
	{33, 25}, {6, 34}, {34, 29}, {9, 10},
}

// simTraffic returns n simulated vessel positions: 45% clustered around
// hubs, 45% along lanes, 10% uniform over the oceans' latitudes.
func simTraffic(r *rand.Rand, n int) []Point {
	pts := make([]Point, n)
	for i := range pts {
		pts[i] = simPoint(r)
	}
	return pts
}

// simPoint returns one simulated vessel position.
func simPoint(r *rand.Rand) Point {
	var p Point
	switch u := r.Float64(); {
	case u < 0.45:
		h := simHubs[r.IntN(len(simHubs))]
		p = Point{h.Lat + r.NormFloat64()*0.25, h.Lon + r.NormFloat64()*0.35}
	case u < 0.90:
		l := simLanes[r.IntN(len(simLanes))]
		a, b := simHubs[l[0]], simHubs[l[1]]
		dLon := b.Lon - a.Lon
		if dLon > 180 { // the short way round, across the antimeridian
			dLon -= 360
		} else if dLon < -180 {
			dLon += 360
		}
		t := r.Float64()
		p = Point{a.Lat + t*(b.Lat-a.Lat) + r.NormFloat64()*0.15, a.Lon + t*dLon + r.NormFloat64()*0.15}
	default:
		p = Point{r.Float64()*130 - 60, r.Float64()*360 - 180}
	}
	p.Lat = math.Max(-89.9, math.Min(89.9, p.Lat))
	p.Lon = NormalizeLon(p.Lon)
	return p
}

// simSites returns n simulated site circles of 2-20 km radius strung
// along the world's coasts (approximated by the hubs and lanes).
func simSites(r *rand.Rand, n int) []Shape {
	s := make([]Shape, n)
	for i := range s {
		c := simPoint(r)
		s[i] = Circle{Center: c, Radius: 2000 + r.Float64()*18000}
	}
	return s
}
