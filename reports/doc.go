// Package reports reads analysts' report files, and puts reports beside AIS:
// corroboration, the fused timeline, entity tracks derived from reports,
// situation reports (Markdown and HTML) and exports (GeoJSON, KML, CSV).
//
// # Files
//
// A report file is YAML (or JSON, which is YAML) with up to three lists:
// sources, entities and reports; docs/reports.md documents every field.
// Parse checks every item and returns the good ones together with an error
// for each bad one, pointing at the file, line and field path
// ("tartus.yaml:14: reports[0].claims[0].when.from: not a time ..."), so
// that one bad report does not keep the others out.
//
// # Matching
//
// A claim matches an AIS event, an AIS position or another claim when
// their times meet and their places meet. Times meet when the intervals,
// each widened at both ends by the margin of its precision
// (sitrep.TimePrecision.Margin), overlap. Places meet when the distance
// between them is at most the sum of their precisions' margins
// (sitrep.PlacePrecision.Margin): a site is its geometry (or, when it
// cannot be resolved, matches only the same site ID), a point is a circle
// of ExactPointMetres at least, an area is its box.
//
// The package never imports a store: it takes the small interfaces it
// needs (ReportReader, Events, Positions, Sites, Vessels).
package reports
