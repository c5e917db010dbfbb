// Package nmea frames AIS traffic: it splits a stream into lines, checks
// NMEA 0183 checksums, parses NMEA 4.10 tag blocks, timestamps and
// !AIVDM/!AIVDO sentences, and joins multipart messages. It hands the armored
// 6-bit payloads on to package ais; it does not decode them.
//
// # Accepted input
//
// One sentence per line, lines ending in "\n" or "\r\n"; blank lines are
// skipped and lines longer than ReaderConfig.MaxLineLength (1024 bytes by
// default) are rejected without being buffered whole. A line is
//
//		[\tag block\]<!|$><address>,<fields>*<hh>[,<trailer>]
//
//	  - VDM and VDO sentences with any two printable talker characters
//	    (AI, AB, BS, AS, SS, the broken but checksum-valid =I, "--" ...):
//	    !AIVDM,<count 1-9>,<number>,<seq id 0-9 or empty>,<channel: one
//	    character or empty>,<payload>,<fill bits 0-5>*hh. The payload must be
//	    non-empty 6-bit armor ('0'..'W', '`'..'w').
//	  - NMEA 4.10 tag blocks before the sentence, such as
//	    \g:1-2-3985,s:rEV02,c:1334337317*2D\ or \c:1420030798*00\. Keys c:
//	    (UNIX seconds, or milliseconds for values >= 1e11), s:, d:, t:, r:,
//	    n: and g: are parsed, others ignored. The tag checksum is checked
//	    unless it is the *00 placeholder; a tag block without one is accepted.
//	  - A trailer after the checksum: ",<epoch seconds or milliseconds>"
//	    (optionally with a fraction) is a receive time; other ",text" (a
//	    logger's annotation such as ",ComSock1") is ignored.
//	  - Gatehouse $PGHP,1,<year>,<month>,<day>,<hour>,<minute>,<second>,
//	    <millis>,... header lines: their time stamps the VDM/VDO sentence on
//	    the next line (see Parser.Parse for how its checksum field is used).
//	  - Any other well-formed sentence ($GPGGA, $AIALR, $PSHI, !AIPWR ...) is
//	    skipped and counted by address field in Stats.SkippedBy; it is not an
//	    error.
//
// Receive times are taken, in order of preference, from the tag block c:,
// a matching $PGHP header, the trailer, and an unverifiable $PGHP header.
//
// # Error model
//
// A bad line never stops the stream and never panics. Reader.Next returns a
// *ParseError for it (line number, reason, a bounded copy of the text) and
// goes on with the next line when called again. Every error wraps one
// sentinel, so callers test with errors.Is and count with ReasonOf:
// ErrChecksum, ErrNoChecksum, ErrTagChecksum, ErrTagBlock, ErrFormat (the
// message names the field), ErrLineTooLong, ErrEmptyPayload, ErrFragment and
// ErrOrphan (a multipart message evicted before its last fragment arrived,
// reported at the line of its first fragment). Reader.Stats counts every line
// exactly once: blank, VDM/VDO sentence, skipped or rejected by reason. I/O
// errors from the underlying io.Reader are returned as they are; io.EOF
// comes after the orphans still pending at the end.
//
// # Performance
//
// The Reader parses in place in a large buffer and allocates nothing per
// line in steady state, including lines with tag blocks and trailers: the
// Message and Sentence it returns are reused and valid until the next call.
// Checksums and payload validation work on eight bytes at a time. Rejected
// lines allocate their *ParseError.
package nmea
