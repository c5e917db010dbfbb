// Package ais decodes and encodes the binary payloads of AIS messages as
// specified by ITU-R M.1371-5, types 1 to 27.
//
// The input is the armored 6-bit payload carried by NMEA VDM/VDO sentences
// (after multipart reassembly, see package nmea) together with its fill-bit
// count. A [Decoder] turns it into one of the typed messages of this package;
// every message implements [Message].
//
// Units are natural ones: degrees for positions and courses, knots for
// speeds, metres for dimensions and draught, degrees per minute for rate of
// turn. A field whose AIS value means "not available" is absent: it is an
// [Opt] with OK false, or an empty string, never a sentinel number such as
// 181 or 511.
//
// Decoding is lenient: a payload shorter than its type requires decodes the
// fields that are complete and reports the shortfall with a *[ShortError];
// fields beyond the end are absent. Decoding position reports (types 1-3, 18,
// 27) allocates nothing: the Decoder owns one value of each message type and
// returns a pointer to it that is valid until the next Decode call.
//
// Messages write themselves field by field to a [FieldWriter] in a fixed,
// documented order; [AppendJSON] is the JSON Lines encoding used by
// `sitrep decode` (schema in docs/decode-json.md).
//
// An [Encoder] produces payloads for types 1-3, 5, 18, 19, 24 and 27, for
// tests and simulated traffic; Decode(Encode(m)) == m.
package ais
