// Package track keeps the live state of every vessel in memory: its latest
// position, its identity and voyage merged from all static messages, when it
// was first and last heard, a short ring of its most recent fixes, and a
// spatial index answering "which vessels are in this box now".
//
// It is the stage after ingest (see DESIGN.md §3). Its results depend on the
// event times of the values it is given, never on the wall clock: replaying a
// capture yields the same state as the live feed did. Expiry, the one
// question about "now", takes its cut-off time from the caller.
//
// Concurrency: a [State] guards itself with a sync.RWMutex. One goroutine
// (the pipeline, one per MMSI partition) calls Observe, Apply and Expire;
// any number of readers may call Vessel, History, InArea, EachInArea and
// Len at the same time. Writers wait while a reader holds the lock, which
// for EachInArea includes its callbacks, so keep them short.
//
// Memory: about 1.8 KiB per vessel with a full 64-fix history, identity,
// index entry and map overhead (BenchmarkMemory, 200,000 vessels); a
// vessel's history buffer grows with its fixes, so vessels heard a few
// times cost much less.
package track
