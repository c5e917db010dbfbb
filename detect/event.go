package detect

import (
	"fmt"
	"strconv"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// Evidence roles, as they appear in EventFix.Role.
const (
	RoleLastOutside = "last outside"
	RoleFirstInside = "first inside"
	RoleLastInside  = "last inside"
	RoleFirstOut    = "first outside"
	RoleFirstStop   = "first stopped"
	RoleGapStart    = "gap start"
	RoleGapEnd      = "gap end"
	RoleBefore      = "before"
	RoleAfter       = "after"
	RoleFirst       = "first"
	RoleLatest      = "latest"
	RoleOther       = "other vessel"
	RoleStationA    = "station A"
	RoleStationB    = "station B"
	RoleArrival     = "arrival"
	RoleLastFix     = "last fix"
)

// eventID derives an event's ID from its kind, vessels, site and start, so
// that replaying the same data yields the same IDs:
// "kind:mmsi[:other][:site]:start" with start in UTC to the millisecond.
func eventID(kind sitrep.EventKind, mmsi, other sitrep.MMSI, site string, start time.Time) string {
	b := make([]byte, 0, 64)
	b = append(b, kind...)
	b = append(b, ':')
	b = strconv.AppendUint(b, uint64(mmsi), 10)
	if other != 0 {
		b = append(b, ':')
		b = strconv.AppendUint(b, uint64(other), 10)
	}
	if site != "" {
		b = append(b, ':')
		b = append(b, site...)
	}
	b = append(b, ':')
	b = start.UTC().AppendFormat(b, "20060102T150405.000Z")
	return string(b)
}

// fixOf turns a position into evidence.
func fixOf(role string, p *sitrep.Position) sitrep.EventFix {
	f := sitrep.EventFix{Role: role, MMSI: p.MMSI, Time: p.Time, Lat: p.Lat, Lon: p.Lon, Sources: p.Sources}
	if sog, ok := sogOf(p); ok {
		f.SOG = &sog
	}
	return f
}

// sogOf returns the reported SOG when present and not the AIS "102.2 knots
// or more" value, which is treated as missing.
func sogOf(p *sitrep.Position) (float32, bool) {
	sog, ok := p.SpeedOverGround()
	if !ok || sog >= 102.2 {
		return 0, false
	}
	return sog, true
}

// stopped reports whether a fix shows the vessel stopped: SOG below
// stopKn, or nav status moored or at anchor.
func stopped(p *sitrep.Position, stopKn float64) bool {
	if ns, ok := p.NavigationStatus(); ok && (ns == sitrep.NavMoored || ns == sitrep.NavAtAnchor) {
		return true
	}
	sog, ok := sogOf(p)
	return ok && float64(sog) < stopKn
}

func pointOf(p *sitrep.Position) geo.Point { return geo.Point{Lat: p.Lat, Lon: p.Lon} }

// distance returns the great-circle distance in metres between two fixes.
func distance(a, b *sitrep.Position) float64 { return geo.Distance(pointOf(a), pointOf(b)) }

// knots returns the speed in knots of covering metres in d; +Inf for d <= 0.
func knots(metres float64, d time.Duration) float64 {
	if d <= 0 {
		return inf
	}
	return metres / 1852 / d.Hours()
}

const inf = 1e300

func hours(d time.Duration) float64 { return d.Hours() }

func hoursDur(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }

func minutesDur(m float64) time.Duration { return time.Duration(m * float64(time.Minute)) }

func fmtF(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }

// fmtDur writes a duration as "3 h 05 min", "42 min" or "9 s".
func fmtDur(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	}
	m := int(d.Round(time.Minute) / time.Minute)
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d h %02d min", m/60, m%60)
}

func siteName(s *sitrep.Site) string {
	if s.Name != "" {
		return s.Name
	}
	return s.ID
}

// siteCenter returns a representative point of a site: the circle's centre,
// the middle of a polygon's or line's bounding box.
func siteCenter(s *sitrep.Site) geo.Point {
	switch s.Shape.Kind {
	case sitrep.ShapeCircle:
		return geo.Point{Lat: s.Shape.Center.Lat, Lon: s.Shape.Center.Lon}
	}
	b := siteBox(s)
	if b.Empty() {
		return geo.Point{}
	}
	return geo.Point{Lat: (b.MinLat + b.MaxLat) / 2, Lon: (b.MinLon + b.MaxLon) / 2}
}

// siteBox returns the bounding box of a site's shape (lines and rings, as
// drawn, without antimeridian handling beyond what geo does).
func siteBox(s *sitrep.Site) geo.Box {
	b := geo.EmptyBox()
	switch s.Shape.Kind {
	case sitrep.ShapeCircle:
		return geo.Circle{Center: geo.Point{Lat: s.Shape.Center.Lat, Lon: s.Shape.Center.Lon}, Radius: s.Shape.RadiusM}.Bounds()
	case sitrep.ShapeLine:
		for _, p := range s.Shape.Line {
			b = b.Extend(geo.Point{Lat: p.Lat, Lon: p.Lon})
		}
	case sitrep.ShapePolygon:
		if len(s.Shape.Rings) > 0 {
			for _, p := range s.Shape.Rings[0] {
				b = b.Extend(geo.Point{Lat: p.Lat, Lon: p.Lon})
			}
		}
	}
	return b
}
