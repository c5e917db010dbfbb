package ais

import "testing"

// Expectations: see the note at the top of other_test.go. gpsd prints the
// acknowledged MMSIs; the sequence numbers come from the hand decode.

var ackCases = []otherCase{
	{
		// dma-ais_AisLib/stream_example.txt: !AIVDM,1,1,,A,73dnov00OEH=,0*4E
		// gpsd: mmsi1 2053507 (72 bits: one acknowledgement).
		name: "type7 one", payload: "73dnov00OEH=",
		want: `{"type":7,"repeat":0,"mmsi":248363000,"acks":[{"mmsi":2053507,"seqno":1}]}`,
	},
	{
		// amsa-code_risky/exact-earth-augmented-2.txt: !AIVDM,1,1,0,1,76nV21RjWMQt>A6C`thAk9kTC994,0*76
		// gpsd: mmsi1..4 749172255, 239363304, 855929639, 957555857.
		name: "type7 four", payload: "76nV21RjWMQt>A6C`thAk9kTC994",
		want: `{"type":7,"repeat":0,"mmsi":459899398,"acks":[{"mmsi":749172255,"seqno":0},{"mmsi":239363304,"seqno":3},
			{"mmsi":855929639,"seqno":0},{"mmsi":957555857,"seqno":0}]}`,
	},
	{
		// amsa-code_risky/exact-earth-augmented.txt: !AIVDM,1,1,,A,=H:RJ1G4p<05r2TkGT8hR7MHLIaP,0*12
		// gpsd: mmsi1..4 825765889, 973753559, 277619229, 370960024.
		name: "type13 four", payload: "=H:RJ1G4p<05r2TkGT8hR7MHLIaP",
		want: `{"type":13,"repeat":1,"mmsi":547920389,"acks":[{"mmsi":825765889,"seqno":1},{"mmsi":973753559,"seqno":2},
			{"mmsi":277619229,"seqno":3},{"mmsi":370960024,"seqno":0}]}`,
	},
	{
		// The first 20 characters (120 bits) of "type7 four": two complete
		// blocks, no error (72 bits is the minimum).
		name: "type7 partial block", payload: "76nV21RjWMQt>A6C`thA",
		want: `{"type":7,"repeat":0,"mmsi":459899398,"acks":[{"mmsi":749172255,"seqno":0},{"mmsi":239363304,"seqno":3}]}`,
	},
	{
		// The first 10 characters (60 bits) of "type7 one".
		name: "type7 short", payload: "73dnov00OE", short: true,
		want: `{"type":7,"repeat":0,"mmsi":248363000,"acks":[]}`,
	},
}

func TestAck(t *testing.T) { runOtherCases(t, ackCases) }

func TestAckReuse(t *testing.T) {
	otherReuse(t, ackCases[1], ackCases[0])
	otherReuse(t, ackCases[2], ackCases[4])
}
