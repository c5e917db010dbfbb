// Package sim generates SIMULATED AIS traffic for tests, demos and
// benchmarks. Nothing it writes was ever received from a real vessel.
//
// A Generator sails N invented vessels along a small hand-drawn graph of
// open-sea waypoints (see Waypoint and DefaultLanes: shipping lanes of the
// Mediterranean, the Black Sea via the Bosporus, Atlantic Iberia, the Bay
// of Biscay, the English Channel, the North Sea and the Baltic, with sea
// approaches to a few ports and some fishing grounds) and writes their
// reports as time-ordered NMEA 0183 !AIVDM lines with NMEA 4.10 tag blocks
// (s: station, by default DefaultStation "sitrep-simulated"; c: UNIX
// seconds; g: for the two sentences of a type 5).
//
// Every vessel has an illustrative identity: an MMSI with a realistic mix
// of MIDs (flags), a name, a call sign, an IMO number with a valid check
// digit (Class A ships), a ship type, dimensions and a destination. MMSIs
// and IMO numbers are random and may coincide with those of real ships;
// they mean nothing.
//
// Cargo ships (10-16 kn), tankers (11-14 kn) and passenger ships (15-22
// kn, some high-speed craft above 23 kn) sail between ports and anchor off
// their destination for some hours; fishing boats loiter in fishing grounds
// at trawling speed, tugs stay near ports at low speed, pleasure craft and
// sailing boats (Class B) cruise about. Vessels turn at a finite rate, and
// are then "changing course". Reports follow ITU-R M.1371 reporting
// intervals (see ClassAInterval and ClassBInterval): types 1 and 3 for
// Class A, 18 for Class B, static data (type 5, or 24 A and B) every 6
// minutes, and type 27 every 3 minutes from a few ships. Optional reception
// gaps drop a vessel's reports for 5 to 60 minutes.
//
// All randomness comes from Config.Seed: the same Config gives the same
// bytes. The Generator keeps one small state per vessel and a heap of next
// report times, so memory does not grow with the duration.
package sim
