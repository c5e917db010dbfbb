package reports

import (
	"context"
	"fmt"
	"math"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// Sites looks up a site by ID (sitrep.SiteStore has this method). It
// returns an error with code ENOTFOUND for an unknown site.
type Sites interface {
	Site(ctx context.Context, id string) (sitrep.Site, error)
}

// SiteMap is a Sites kept in memory, for tests and for callers without a
// site store.
type SiteMap map[string]sitrep.Site

// Site returns the site with id; ENOTFOUND when there is none.
func (m SiteMap) Site(_ context.Context, id string) (sitrep.Site, error) {
	if s, ok := m[id]; ok {
		return s, nil
	}
	return sitrep.Site{}, sitrep.Errorf(sitrep.ENOTFOUND, "no site %s", id)
}

// region is a resolved place: a box (for areas and polygon sites, their
// bounding box) or a circle, plus the site ID it names and the margin of
// its precision. A region with neither box nor circle is known only by its
// site ID.
type region struct {
	siteID string
	box    *geo.Box
	circle *geo.Circle
	margin float64 // metres
}

// located reports whether r has a geometry.
func (r region) located() bool { return r.box != nil || r.circle != nil }

// center returns a representative point.
func (r region) center() (geo.Point, bool) {
	switch {
	case r.circle != nil:
		return r.circle.Center, true
	case r.box != nil:
		return geo.Point{Lat: (r.box.MinLat + r.box.MaxLat) / 2, Lon: geo.NormalizeLon(r.box.MinLon + r.box.LonSpan()/2)}, true
	}
	return geo.Point{}, false
}

// bounds returns r's bounding box widened by extra metres.
func (r region) bounds(extra float64) geo.Box {
	switch {
	case r.circle != nil:
		return geo.Circle{Center: r.circle.Center, Radius: r.circle.Radius + extra}.Bounds()
	case r.box != nil:
		dLat := extra / geo.EarthRadius * 180 / math.Pi
		c := math.Cos(math.Max(math.Abs(r.box.MinLat), math.Abs(r.box.MaxLat)) * math.Pi / 180)
		dLon := 180.0
		if c > 1e-6 {
			dLon = math.Min(180, dLat/c)
		}
		return geo.Box{MinLat: math.Max(-90, r.box.MinLat-dLat), MaxLat: math.Min(90, r.box.MaxLat+dLat),
			MinLon: geo.NormalizeLon(r.box.MinLon - dLon), MaxLon: geo.NormalizeLon(r.box.MaxLon + dLon)}
	}
	return geo.EmptyBox()
}

// resolve turns a claim's place into a region. A point is used when given
// (it places the claim within its site); else an area; else the site's
// geometry when sites can resolve it. A site that cannot be resolved leaves
// a region known by ID only.
func resolve(ctx context.Context, sites Sites, p sitrep.Place) (region, error) {
	r := region{siteID: p.SiteID, margin: p.Precision.Margin()}
	switch {
	case p.Point != nil:
		r.circle = &geo.Circle{Center: geo.Point{Lat: p.Point.Lat, Lon: p.Point.Lon}, Radius: sitrep.ExactPointMetres}
	case p.Area != nil:
		r.box = &geo.Box{MinLat: p.Area.MinLat, MinLon: p.Area.MinLon, MaxLat: p.Area.MaxLat, MaxLon: p.Area.MaxLon}
	case p.SiteID != "" && sites != nil:
		s, err := sites.Site(ctx, p.SiteID)
		if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
			return r, nil
		}
		if err != nil {
			return r, err
		}
		siteRegion(&r, s)
	}
	return r, nil
}

// siteRegion sets r's geometry from a site's shape.
func siteRegion(r *region, s sitrep.Site) {
	switch s.Shape.Kind {
	case sitrep.ShapeCircle:
		r.circle = &geo.Circle{Center: geo.Point{Lat: s.Shape.Center.Lat, Lon: s.Shape.Center.Lon}, Radius: s.Shape.RadiusM}
	case sitrep.ShapePolygon, sitrep.ShapeLine:
		b := geo.EmptyBox()
		pts := s.Shape.Line
		if len(s.Shape.Rings) > 0 {
			pts = s.Shape.Rings[0]
		}
		for _, p := range pts {
			b = b.Extend(geo.Point{Lat: p.Lat, Lon: p.Lon})
		}
		if !b.Empty() {
			r.box = &b
		}
	}
}

// pointRegion is an exactly known point (an AIS fix or event).
func pointRegion(lat, lon float64, siteID string) region {
	return region{siteID: siteID, circle: &geo.Circle{Center: geo.Point{Lat: lat, Lon: lon}}}
}

// meet reports whether two regions meet: the same site ID, or shapes
// within the sum of their margins. It also returns the distance between
// the shapes (0 when they touch; -1 when matched by site ID only).
func meet(a, b region) (bool, float64) {
	if a.siteID != "" && a.siteID == b.siteID {
		return true, -1
	}
	if !a.located() || !b.located() {
		return false, math.Inf(1)
	}
	d := gap(a, b)
	return d <= a.margin+b.margin, d
}

// gap returns the distance in metres between two located regions' shapes,
// 0 when they overlap. Boxes are treated as their edges in
// latitude/longitude, which is close enough at the scale of margins.
func gap(a, b region) float64 {
	if a.circle != nil && b.circle != nil {
		return math.Max(0, geo.Distance(a.circle.Center, b.circle.Center)-a.circle.Radius-b.circle.Radius)
	}
	if a.box != nil && b.circle != nil {
		a, b = b, a
	}
	if a.circle != nil { // and b is a box
		q := clamp(*b.box, a.circle.Center)
		return math.Max(0, geo.Distance(a.circle.Center, q)-a.circle.Radius)
	}
	if a.box.Intersects(*b.box) {
		return 0
	}
	ca, _ := a.center()
	q := clamp(*b.box, ca)
	return geo.Distance(clamp(*a.box, q), q)
}

// clamp returns the point of box b nearest to p in latitude/longitude.
func clamp(b geo.Box, p geo.Point) geo.Point {
	if b.Contains(p) {
		return p
	}
	q := geo.Point{Lat: math.Min(math.Max(p.Lat, b.MinLat), b.MaxLat), Lon: p.Lon}
	if !b.Contains(geo.Point{Lat: q.Lat, Lon: p.Lon}) {
		// Nearest of the two meridian edges, measured around the globe.
		dMin := math.Abs(geo.NormalizeLon(p.Lon - b.MinLon))
		dMax := math.Abs(geo.NormalizeLon(p.Lon - b.MaxLon))
		q.Lon = b.MinLon
		if dMax < dMin {
			q.Lon = b.MaxLon
		}
	}
	return q
}

// describeDistance words a meet distance for people.
func describeDistance(d float64) string {
	switch {
	case d < 0:
		return "same site"
	case d == 0:
		return "places overlap"
	}
	return fmt.Sprintf("places %.1f km apart", d/1000)
}
