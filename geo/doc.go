// Package geo is the geometry of sitrep: great-circle distances and bearings,
// latitude/longitude boxes, the shapes that describe sites (polygons, circles)
// and gates (lines across a strait), and two spatial indexes: [PointIndex] for
// live vessel positions and [ShapeIndex] for site geometry.
//
// Coordinates are WGS84 degrees, latitude north positive and longitude east
// positive; distances are metres. Distances, bearings and circles use a
// sphere of radius [EarthRadius]; polygons and gates are drawn with straight
// edges in the longitude/latitude plane, which is accurate for sites tens of
// kilometres across but not for ocean-sized areas.
//
// The antimeridian is handled throughout: a [Box] whose MinLon exceeds its
// MaxLon wraps across longitude ±180, longitudes 180 and -180 name the same
// meridian, and polygons and gates that straddle it are written with
// continuous longitudes beyond ±180 (for example 179 to 181).
//
// The package has no mutable package-level state. Values are not safe for
// concurrent mutation; indexes may be read by many goroutines at once when no
// goroutine writes.
package geo
