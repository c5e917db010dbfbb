package ingest

import "github.com/sitrep-osint/sitrep/nmea"

// WarmBlock is the number of messages Warm prepares at most: more would
// not stay in the processor's caches until Handle reads them.
const WarmBlock = 32

// Warm loads into the processor's caches the state that Handle will read
// for msgs, the next messages to be handled (at most WarmBlock; more are
// ignored): the de-duplication set of each payload and the plausibility
// references of each sender. In a replay of 20,000 vessels each is a miss
// to main memory, and Handle, one message after another, would wait for
// each in turn; Warm computes every address first and then makes loads
// that do not depend on one another, which the processor overlaps. Warm
// changes nothing that Handle computes and may be skipped.
func (s *Stage) Warm(msgs []nmea.Message) {
	msgs = msgs[:min(len(msgs), WarmBlock)]
	var sets, refs [WarmBlock]uint32
	nr := 0
	for i := range msgs {
		m := &msgs[i]
		sets[i] = s.dedup.index(m.Payload, m.FillBits)
		if mmsi, ok := payloadMMSI(m.Payload); ok {
			refs[nr] = s.plaus.last.index(mmsi)
			nr++
		}
	}
	var x uint64
	for _, i := range sets[:len(msgs)] {
		x ^= s.dedup.sets[i][0].key
	}
	if len(s.plaus.last.slots) > 0 {
		for _, i := range refs[:nr] {
			x ^= uint64(s.plaus.last.slots[i].key)
		}
	}
	s.warm = x // keeps the loads
}

// payloadMMSI reads the MMSI (bits 8 to 37) straight from an armoured
// payload, without decoding the message.
func payloadMMSI(p []byte) (uint32, bool) {
	if len(p) < 7 {
		return 0, false
	}
	var v uint64
	for _, c := range p[1:7] {
		d := c - 48
		if d > 40 {
			d -= 8
		}
		v = v<<6 | uint64(d&0x3F)
	}
	return uint32(v>>4) & (1<<30 - 1), true
}
