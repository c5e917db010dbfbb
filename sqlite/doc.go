// Package sqlite is the embedded sitrep.Store: one SQLite database,
// dir/sitrep.db, through the pure-Go driver modernc.org/sqlite.
//
// # Positions
//
// Positions are not stored a row each. AddPositions converts a batch to
// stored points, appends it, chunk-encoded per vessel (each vessel's
// points as a chunk body, without the chunk header: see head.go), as one
// row of head_log (a cheap sequential insert) in one transaction, and then
// adds it to the head: per vessel, an in-memory chunk that keeps growing.
// When the head holds Options.HeadPoints positions (about four million
// by default), a flush writes one chunk row per vessel into the chunks table,
// with its time span and bounding box, and empties head_log, in one
// transaction. A chunk row thus holds a vessel's positions over a flush
// interval, not over one batch: that is what makes positions compact (four
// to eight bytes each, indexes included, see docs/benchmarks.md) and
// writes cheap (per flush, one row per vessel). Queries read the head
// beside the chunk rows, from a snapshot that matches it (readTx). Open
// loads a head_log left by a crash; Close flushes.
//
// An index on (mmsi, t_min, t_max) serves tracks and a partial index on the
// time of the flushed ("unboxed") chunks serves area queries over them.
// Compact later merges a vessel's chunks into one per UTC day, indexed for
// area queries by an R*Tree (chunk_boxes), and applies retention and
// downsampling (Options). (Inserting into the R*Tree at ingest would halve
// the ingest rate.)
//
// A Position maps onto a chunk.Point losslessly at AIS resolution:
//
//   - Time to the millisecond (finer parts are dropped);
//   - Lat and Lon to 1/10000 minute;
//   - SOG and COG to 0.1 knot and 0.1 degree, Heading to the degree; a
//     value whose Has bit is clear is stored as the AIS "not available"
//     code and read back as zero. A present SOG above 102.2 kn is stored as
//     102.2 (AIS's "102.2 or more") and a present heading above 510 as 510;
//   - NavStatus in the low 4 bits of Point.NavStatus, Class in bits 4-6;
//   - Accuracy in bit 0 of Point.Flags, the PositionFlags in bits 1-3 and
//     TimeSource in bits 4-6;
//   - the first Provenance's feed and station as an id of the sources
//     dictionary in Point.Source (0: no source), its Received time as a
//     latency from Time in the chunk row's recv column (see recv.go); the
//     other Provenances, and those AddSources adds, in extra_sources.
//
// Class, TimeSource and PositionFlags values beyond 3 bits are rejected
// (EINVALID).
//
// # Durability
//
// A new database is made with 16 KiB pages (create.go) and incremental
// auto-vacuum. The database runs in WAL mode with synchronous=FULL: every commit waits
// for the WAL to reach stable storage, which is what the contract "when
// AddPositions returns nil the batch is durable" asks for (with NORMAL a
// power loss may roll back the last commits; a process crash would not).
// Positions arrive in batches, so the fsync per commit is cheap per
// position. The head is memory only, but everything in it is committed in
// head_log first: a crash loses nothing that AddPositions reported stored.
package sqlite
