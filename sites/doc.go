// Package sites holds sitrep's site data outside storage: the bundled
// catalogue (Catalogue), the effective set of sites (Effective: the
// catalogue overlaid by an analyst's stored sites), GeoJSON import and
// export (ReadGeoJSON, WriteGeoJSON), and the spatial Index that detection
// asks "which sites contain this fix" and "which gates did this step cross".
//
// The package has no mutable package-level state. The catalogue is parsed
// once from embedded, immutable data; every call returns its own copy.
package sites
