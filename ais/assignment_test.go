package ais

import "testing"

// Expectations: see the note at the top of other_test.go.

var assignmentCases = []otherCase{
	{
		// dma-ais_AisLib/stream_example.txt: !AIVDM,1,1,,A,@01uEOPhqwEP<P00,0*5F
		// gpsd: mmsi1 205127000, offset1 200, increment1 0 (96 bits: one
		// destination; gpsd prints zeros for the second).
		name: "one destination", payload: "@01uEOPhqwEP<P00",
		want: `{"type":16,"repeat":0,"mmsi":2053502,"assignments":[{"mmsi":205127000,"offset":200,"increment":0}]}`,
	},
	{
		// amsa-code_risky/ais.txt: !AIVDM,1,1,7,2,@Qug8rW>G107PPR14>@8<EDF,0*59
		// gpsd: 865534977/3592/136 and 71536672/3157/278.
		name: "two destinations", payload: "@Qug8rW>G107PPR14>@8<EDF",
		want: `{"type":16,"repeat":2,"mmsi":131844330,"assignments":[{"mmsi":865534977,"offset":3592,"increment":136},
			{"mmsi":71536672,"offset":3157,"increment":278}]}`,
	},
	{
		// The first 14 characters (84 bits) of "two destinations".
		name: "short", payload: "@Qug8rW>G107PP", short: true,
		want: `{"type":16,"repeat":2,"mmsi":131844330,"assignments":[]}`,
	},
}

func TestAssignment(t *testing.T) { runOtherCases(t, assignmentCases) }

func TestAssignmentReuse(t *testing.T) {
	otherReuse(t, assignmentCases[1], assignmentCases[0])
	otherReuse(t, assignmentCases[1], assignmentCases[2])
}
