// Package chunk is the on-disk format of per-vessel position history: a
// chunk is a compact, self-describing, versioned byte string that holds the
// positions of one vessel over a span of time, in time order, losslessly at
// AIS resolution (see Point).
//
// A store keeps one chunk per vessel and time span (an hour or a day, say)
// and indexes it by the summary in its header: count, time range and
// bounding box, which Stat reads in constant time. Encoder builds a chunk
// point by point; Iterator and Decode read it back.
//
// # Why
//
// A row per position costs tens of bytes plus indexes. Consecutive AIS
// positions of one vessel are strongly correlated: times advance by a near
// constant interval, positions by a near constant velocity, and speed,
// course, heading, status, flags and receiver rarely change. The format
// therefore stores the first point in full and every later point as a
// residual from a prediction, in the spirit of the Gorilla paper (Pelkonen
// et al., VLDB 2015) and Prometheus' XOR chunks, but byte-aligned: a one-byte
// control word per point says which fields follow, so that decoding is a few
// predictable branches and no bit shuffling. A SIMULATED vessel at 12 kn
// reporting every 10 s takes about 5.5 bytes per point; see the tests for
// the numbers on real captures.
//
// # Layout, version 1
//
// All fixed-width integers are little-endian. A chunk is
//
//	offset size  field
//	0      1     magic 0xA7
//	1      1     version 1
//	2      4     CRC-32C (Castagnoli) of bytes 6 to the end
//	6      4     count: number of points, uint32
//	10     8     T of the first point (the minimum time), int64
//	18     8     T of the last point (the maximum time), int64
//	26     4     minimum Lat, int32
//	30     4     maximum Lat, int32
//	34     4     minimum Lon, int32
//	38     4     maximum Lon, int32
//	-- HeaderSize = 42; an empty chunk ends here, with every field above zero
//	42     4     Lat of the first point, int32
//	46     4     Lon, int32
//	50     2     SOG, uint16
//	52     2     COG, uint16
//	54     2     Heading, uint16
//	56     1     NavStatus
//	57     1     Flags
//	58     2     Source, uint16
//	-- 60        count-1 point records, back to back, then nothing
//
// A point record is a control byte followed by the fields it announces, in
// this order:
//
//	bit 0    (0x01) time: zigzag varint of the delta-of-delta of T, non-zero.
//	                Absent means the interval equals the previous one.
//	bit 1    (0x02) position predictor: 0 predicts the previous position,
//	                1 the previous position plus the previous step
//	                (linear extrapolation). The encoder picks the cheaper.
//	bits 2-3 (0x0C) position residual (actual minus predicted), Lat and Lon:
//	                0 both zero, nothing follows;
//	                1 one byte, Lat in the high nibble and Lon in the low,
//	                  each a two's complement 4-bit number (-8..7);
//	                2 two zigzag varints, Lat then Lon;
//	                3 reserved (corrupt).
//	bit 4    (0x10) SOG changed: zigzag varint of the 16-bit difference
//	                (new minus previous, wrapping), non-zero.
//	bit 5    (0x20) COG changed: likewise.
//	bit 6    (0x40) Heading changed: likewise.
//	bit 7    (0x80) an extension byte follows, non-zero, whose bit 0 announces
//	                a NavStatus byte, bit 1 a Flags byte and bit 2 Source as
//	                a varint; bits 3-7 are reserved (corrupt).
//
// Varints are unsigned LEB128 as in encoding/binary (7 bits a byte, least
// significant group first). Zigzag maps signed to unsigned as
// (v << 1) ^ (v >> 63) (>> 31 for 32-bit, >> 15 for 16-bit values). All
// differences use wrapping two's complement arithmetic of the field's width
// (64 bits for time, 32 for positions, 16 for SOG, COG and heading), so every
// value of every field, "not available" codes and extremes included, round
// trips exactly. The time "interval" of the first record is the difference
// from the first point (the interval before it counts as zero), and so is
// its position step.
//
// # Invariants
//
// A well-formed chunk satisfies all of these; readers check them and report
// a violation as an error wrapping ErrCorrupt, naming the point:
//
//   - the magic byte, a supported version and a matching CRC-32C;
//   - count 0 only for an empty chunk of exactly HeaderSize bytes;
//   - count-1 <= length-60, since every record takes at least one byte
//     (this bounds every allocation by the input length);
//   - times are non-decreasing; the first equals the header minimum, the
//     last the header maximum;
//   - every position lies in the header box;
//   - varints fit their field, "changed" deltas are non-zero, reserved
//     modes and bits are unused;
//   - the last record ends exactly at the end of the chunk.
//
// # Compatibility
//
// The version byte changes whenever the meaning of any byte changes; a
// reader returns ErrVersion for versions it does not know. Chunks written
// by this version must stay readable by every later one: the golden chunk in
// testdata/chunk freezes version 1.
package chunk
