package track

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// hotspot is a centre of simulated traffic: vessels scatter around it with
// a normal spread of sigma degrees; weight is its share of the fleet.
type hotspot struct {
	lat, lon, sigma, weight float64
}

// hotspots approximate where AIS traffic concentrates: port approaches,
// straits and lanes. The eastern Mediterranean is deliberately busy (about
// 10% of the fleet) since it is the benchmark's large query. Two spots sit
// on the antimeridian.
var hotspots = [...]hotspot{
	{51.0, 1.5, 0.6, 6},    // Dover Strait
	{52.0, 4.0, 0.5, 5},    // Rotterdam
	{54.5, 10.0, 1.0, 4},   // western Baltic
	{58.5, 20.0, 2.0, 3},   // Baltic
	{1.2, 103.8, 0.4, 8},   // Singapore Strait
	{3.0, 100.5, 1.0, 4},   // Malacca Strait
	{31.0, 122.0, 0.8, 8},  // Shanghai
	{22.3, 114.0, 0.6, 6},  // Pearl River delta
	{35.4, 139.8, 0.5, 4},  // Tokyo Bay
	{35.0, 129.0, 0.5, 4},  // Busan
	{29.5, -94.8, 0.8, 4},  // Houston
	{40.5, -74.0, 0.5, 3},  // New York
	{33.7, -118.2, 0.5, 3}, // Los Angeles
	{36.0, -5.5, 0.4, 4},   // Gibraltar
	{25.2, 56.4, 0.8, 5},   // Fujairah
	{41.0, 29.0, 0.3, 3},   // Bosphorus
	{-24.0, -46.3, 0.6, 2}, // Santos
	{4.0, 3.0, 1.5, 2},     // Gulf of Guinea
	{52.5, 179.9, 1.0, 1},  // Bering Sea, on the antimeridian
	{-18.0, 178.5, 1.5, 1}, // Fiji
	{37.9, 23.6, 0.5, 4},   // Piraeus (eastern Med)
	{31.3, 32.3, 0.4, 3},   // Port Said (eastern Med)
	{34.9, 35.8, 0.5, 1.5}, // Tartus-Latakia (eastern Med)
	{36.8, 34.6, 0.5, 1.5}, // Mersin (eastern Med)
	{35.0, 29.0, 3.0, 2},   // Levantine lanes (eastern Med)
}

// simFleet returns the positions of n vessels, MMSI 200000000+i, clustered
// like real traffic: 90% around hotspots, 10% scattered over the oceans. It
// is deterministic for a given seed.
func simFleet(n int, seed uint64) []sitrep.Position {
	rng := rand.New(rand.NewPCG(seed, 1))
	var total float64
	for _, h := range hotspots {
		total += h.weight
	}
	out := make([]sitrep.Position, n)
	for i := range out {
		var lat, lon float64
		if rng.Float64() < 0.1 {
			lat, lon = rng.Float64()*130-60, rng.Float64()*360-180
		} else {
			h := pickHotspot(rng.Float64() * total)
			lat = math.Max(-89, math.Min(89, h.lat+rng.NormFloat64()*h.sigma))
			lon = wrapLon(h.lon + rng.NormFloat64()*h.sigma)
		}
		p := sitrep.Position{MMSI: sitrep.MMSI(200_000_000 + i), Time: t0, TimeSource: sitrep.TimeSourceTagBlock,
			Lat: lat, Lon: lon, Class: sitrep.ClassA}
		p.SetSOG(float32(rng.Float64() * 20))
		p.SetCOG(float32(rng.Float64() * 360))
		p.SetHeading(uint16(rng.IntN(360)))
		p.SetNavStatus(sitrep.NavUnderWayEngine)
		out[i] = p
	}
	return out
}

// pickHotspot returns the hotspot at cumulative weight w.
func pickHotspot(w float64) hotspot {
	for _, h := range hotspots {
		if w < h.weight {
			return h
		}
		w -= h.weight
	}
	return hotspots[len(hotspots)-1]
}

// wrapLon maps lon into [-180, 180).
func wrapLon(lon float64) float64 {
	return math.Mod(math.Mod(lon+180, 360)+360, 360) - 180
}

// step moves p about d degrees along its course and advances it by dt.
func step(p *sitrep.Position, d float64, dt time.Duration) {
	s, c := math.Sincos(float64(p.COG) * math.Pi / 180)
	p.Lat = math.Max(-89, math.Min(89, p.Lat+d*c))
	p.Lon = wrapLon(p.Lon + d*s)
	p.Time = p.Time.Add(dt)
}
