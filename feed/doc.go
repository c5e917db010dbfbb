// Package feed reads raw NMEA text lines from live and replayed sources for
// sitrep serve: a TCP client that reconnects with exponential backoff, a UDP
// listener, a file replayed at a chosen speed and standard input. Each source
// is a named feed with a state and counters; a Manager starts, stops and
// reports them.
//
// A feed only frames lines. It does not parse NMEA: each complete line
// (without its CR/LF) is handed to a Handler with its receive time, and the
// next stage (package nmea, each feed with its own framing state) decides
// what the line means. What a feed drops itself is counted by reason:
//
//   - too_long: a line longer than Config.MaxLine bytes. It is skipped
//     without being buffered whole, so memory stays bounded whatever the
//     peer sends.
//   - junk: a line with a control character (other than tab) or a byte
//     outside 7-bit ASCII. NMEA 0183 is printable ASCII.
//
// Blank lines are skipped and not counted.
//
// # Goroutines and contracts
//
// Every feed runs on its own goroutine and calls the Handler from it, so the
// Handler may be called concurrently for different feeds but never
// concurrently for one feed. The line passed to the Handler is only valid
// during the call. A Handler must not call Manager.Stop or Manager.Close
// (they wait for the feed's goroutine).
//
// A Manager takes its clock, its sleep function (used for reconnect backoff
// and replay pacing), its logger and its metrics registry from Options, so
// tests run deterministic and fast, and two Managers can live in one process.
//
// The spec syntax for command-line flags and configuration files is
// documented at ParseSpec and in docs/feeds.md.
package feed
