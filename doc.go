// Package sitrep holds the domain of sitrep, self-hosted movement
// intelligence for open-source analysts: it decodes AIS vessel traffic,
// watches named sites, and turns positions into explainable events that sit
// beside analysts' reports on one map and one timeline.
//
// This root package defines the nouns the stages share and depends on
// nothing but the standard library:
//
//   - [MMSI]: the nine-digit identity of an AIS station, with its kind
//     ([MMSIKind]) and flag ([Country], from the ITU MID table via
//     [CountryByMID]).
//   - [Vessel]: current [Identity] (IMO, name, call sign, [ShipType],
//     flag, dimensions, [VesselClass]), current [Voyage] and last
//     [Position]; changes of identity are kept as [IdentityChange].
//   - [Position]: one fix in event time with speed, course, heading,
//     [NavStatus], plausibility [PositionFlags] and the [Provenance] of every
//     receipt; [TimeSource] says where its time came from.
//   - [Voyage]: declared destination (raw and resolved to a [PortRef]), ETA
//     (see [ETAFrom]) and draught.
//   - [Error]: domain errors with a [Code] that transports map to their own
//     statuses in one place.
//
// Stages (nmea, ais, ingest, track, detect, stores, transports) live in
// their own packages and exchange these types; see docs and DESIGN notes for
// the data flow.
package sitrep
