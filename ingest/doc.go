// Package ingest turns decoded AIS messages into the domain's observations:
// positions (with their provenance and plausibility flags) and identity and
// voyage updates. It is a pure pipeline stage: it runs on each message's own
// event time, keeps only bounded per-vessel state, and hands its results on
// through the function values of a Sink. It imports neither storage nor
// transport.
//
// Event time is taken, in order of preference, from the NMEA 4.10 tag block
// (c:), a trailing timestamp after the checksum, a Gatehouse $PGHP header
// (all three found by package nmea), a file column (set by importers through
// Message.Time), and finally the receive time the caller passes in.
//
// The same transmission heard by several receivers arrives as identical
// payloads: the first is delivered as a Position, later copies inside the
// de-duplication window only add their provenance (Sink.Duplicate).
//
// Implausible fixes are kept and flagged, never dropped: coordinates outside
// the Earth (FlagInvalidCoordinates), and an implied speed from the vessel's
// last plausible fix above its class's limit (FlagSpeedJump).
package ingest
