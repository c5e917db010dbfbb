package sim

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Config describes a simulated capture. The zero value of every optional
// field selects the documented default.
type Config struct {
	// Vessels is the number of simulated vessels, 1..MaxVessels.
	Vessels int
	// Start is the time of the capture's first instant (required).
	Start time.Time
	// Duration is the length of the capture; it must be positive.
	Duration time.Duration
	// Seed seeds the only source of randomness: the same Config gives the
	// same bytes.
	Seed int64
	// Area restricts vessels to the lanes, ports and fishing grounds whose
	// waypoints lie inside it. The zero Area is everywhere.
	Area Area
	// ClassBShare is the share of vessels fitted with a Class B (SO)
	// transponder instead of Class A, 0..1. They are pleasure craft,
	// sailing boats and small fishing boats.
	ClassBShare float64
	// Station is the tag-block source (s:) of every sentence; default
	// DefaultStation, so that simulated lines say so.
	Station string
	// GapsPerDay is the mean number of reception gaps (5 to 60 minutes in
	// which a vessel's reports are lost) per vessel per day; 0 disables
	// them.
	GapsPerDay float64
	// Lanes is the waypoint graph; nil selects DefaultLanes().
	Lanes *Lanes
}

// DefaultStation is the tag-block station of simulated traffic.
const DefaultStation = "sitrep-simulated"

// MaxVessels bounds Config.Vessels (MMSIs must stay unique).
const MaxVessels = 1_000_000

// ErrConfig is wrapped by the errors of New for an invalid Config.
var ErrConfig = errors.New("sim: invalid config")

// Area is a latitude/longitude box, in degrees. The zero Area is
// everywhere; boxes across the antimeridian are not supported.
type Area struct {
	MinLat, MinLon, MaxLat, MaxLon float64
}

// IsZero reports whether a is the zero Area (everywhere).
func (a Area) IsZero() bool { return a == Area{} }

// Contains reports whether the point lies in a (borders included).
func (a Area) Contains(lat, lon float64) bool {
	return a.IsZero() || (lat >= a.MinLat && lat <= a.MaxLat && lon >= a.MinLon && lon <= a.MaxLon)
}

// AreaNames lists the names ParseArea knows, in a fixed order.
func AreaNames() []string {
	return []string{"all", "med", "black-sea", "atlantic", "north-sea", "baltic"}
}

// ParseArea returns a named area (see AreaNames) or a box written as
// "minlat,minlon,maxlat,maxlon" in degrees.
func ParseArea(s string) (Area, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "all":
		return Area{}, nil
	case "med":
		return Area{MinLat: 30, MinLon: -6.5, MaxLat: 40.5, MaxLon: 37}, nil
	case "black-sea":
		return Area{MinLat: 39.9, MinLon: 25.9, MaxLat: 47, MaxLon: 42}, nil
	case "atlantic":
		return Area{MinLat: 35, MinLon: -11, MaxLat: 51.5, MaxLon: 3.5}, nil
	case "north-sea":
		return Area{MinLat: 50, MinLon: -3, MaxLat: 58.5, MaxLon: 12.8}, nil
	case "baltic":
		return Area{MinLat: 53.5, MinLon: 9.5, MaxLat: 61, MaxLon: 31}, nil
	}
	f := strings.Split(s, ",")
	if len(f) != 4 {
		return Area{}, fmt.Errorf("%w: area %q: want one of %s or minlat,minlon,maxlat,maxlon", ErrConfig, s, strings.Join(AreaNames(), ", "))
	}
	var v [4]float64
	for i, x := range f {
		n, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return Area{}, fmt.Errorf("%w: area %q: %v", ErrConfig, s, err)
		}
		v[i] = n
	}
	a := Area{MinLat: v[0], MinLon: v[1], MaxLat: v[2], MaxLon: v[3]}
	if a.MinLat >= a.MaxLat || a.MinLon >= a.MaxLon || a.MinLat < -90 || a.MaxLat > 90 || a.MinLon < -180 || a.MaxLon > 180 {
		return Area{}, fmt.Errorf("%w: area %q is not a box", ErrConfig, s)
	}
	return a, nil
}

// check validates c and fills in defaults.
func (c *Config) check() error {
	switch {
	case c.Vessels < 1 || c.Vessels > MaxVessels:
		return fmt.Errorf("%w: %d vessels, want 1..%d", ErrConfig, c.Vessels, MaxVessels)
	case c.Start.IsZero() || c.Start.Unix() < 0:
		return fmt.Errorf("%w: start time %v", ErrConfig, c.Start)
	case c.Duration <= 0:
		return fmt.Errorf("%w: duration %v", ErrConfig, c.Duration)
	case !(c.ClassBShare >= 0 && c.ClassBShare <= 1):
		return fmt.Errorf("%w: class B share %v, want 0..1", ErrConfig, c.ClassBShare)
	case !(c.GapsPerDay >= 0 && c.GapsPerDay <= 1000):
		return fmt.Errorf("%w: gaps per day %v", ErrConfig, c.GapsPerDay)
	}
	if c.Station == "" {
		c.Station = DefaultStation
	}
	for i := 0; i < len(c.Station); i++ {
		if b := c.Station[i]; b <= ' ' || b >= 0x7f || strings.IndexByte(`,*!$\`, b) >= 0 {
			return fmt.Errorf("%w: station %q: printable ASCII without , * ! $ \\", ErrConfig, c.Station)
		}
	}
	if c.Lanes == nil {
		c.Lanes = DefaultLanes()
	}
	return nil
}
