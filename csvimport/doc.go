// Package csvimport reads the position CSV files analysts download and turns
// each row into a sitrep.Position, and where the row carries them, identity
// and voyage data.
//
// Three layouts are recognised from the header line:
//
//   - Danish Maritime Authority (DMA, web.ais.dk/aisdata): "# Timestamp",
//     "Type of mobile", "MMSI", "Latitude", "Longitude", "Navigational
//     status", "ROT", "SOG", "COG", "Heading", "IMO", "Callsign", "Name",
//     "Ship type", ..., "Width", "Length", ..., "Draught", "Destination",
//     "ETA", ...; times "02/01/2006 15:04:05" in UTC.
//   - NOAA MarineCadastre (2015 onwards): "MMSI", "BaseDateTime", "LAT",
//     "LON", "SOG", "COG", "Heading", "VesselName", "IMO", "CallSign",
//     "VesselType", "Status", "Length", "Width", "Draft", "Cargo",
//     "TransceiverClass"; times "2006-01-02T15:04:05" in UTC.
//   - Generic: any header containing an id, a time, a latitude and a
//     longitude column under common names (mmsi/id, time/timestamp,
//     lat/latitude, lon/lng/longitude, optional sog/speed and cog/course),
//     or named explicitly with Config.Columns.
//
// Time formats: Config.TimeFormat takes a Go layout, or "unix" (seconds),
// "unixms" (milliseconds), "rfc3339"; empty means the layout's default
// (generic files try RFC 3339, then "2006-01-02 15:04:05", then Unix
// seconds/milliseconds by magnitude).
//
// "Not available" values follow AIS conventions and are left absent:
// heading 511, COG 360 or more, SOG 102.3, empty cells, and DMA's
// "Unknown"/"Undefined" texts. A bad row is reported as a *RowError with its
// line and column, counted in Stats, and never stops the import or loses the
// good rows beside it.
package csvimport
