package ais

import "testing"

// Expectations: see the note at the top of other_test.go.

var sarCases = []otherCase{
	{
		// amsa-code_risky/ais.txt: !AIVDM,1,1,,A,91bEVVh90R9G8OApqEk;AA0200Ri,0*5F
		// gpsd: alt 36, speed 34, lon 130.882520, lat -12.415233, course
		// 288.5, second 4, regional 0, dte 1 (not ready), radio 2225;
		// assigned 0 by hand.
		name: "type9", payload: "91bEVVh90R9G8OApqEk;AA0200Ri",
		want: `{"type":9,"repeat":0,"mmsi":111503003,"alt":36,"sog":34,"accuracy":false,"lon":130.88252,"lat":-12.415233,
			"cog":288.5,"second":4,"regional":0,"dte":false,"assigned":false,"raim":false,"radio":2225}`,
	},
	{
		// dma-ais_AisLib/stream_example.txt: !AIVDM,1,1,,B,91b55uOwww<tSF0l4Q@>4?h20h@B,0*13
		// gpsd: alt and speed "nan" (4095, 1023), lon 181, lat 91, course
		// 360 (all not available), second 63, radio 197650.
		name: "type9 not available", payload: "91b55uOwww<tSF0l4Q@>4?h20h@B",
		want: `{"type":9,"repeat":0,"mmsi":111232501,"accuracy":false,"second":63,"regional":0,"dte":false,
			"assigned":false,"raim":false,"radio":197650}`,
	},
	{
		// The first 20 characters (120 bits) of "type9": COG (bits 116-127)
		// and everything after it are cut off.
		name: "type9 short", payload: "91bEVVh90R9G8OApqEk;", short: true,
		want: `{"type":9,"repeat":0,"mmsi":111503003,"alt":36,"sog":34,"accuracy":false,"lon":130.88252,"lat":-12.415233,
			"regional":0,"dte":false,"assigned":false,"raim":false,"radio":0}`,
	},
}

func TestSAR(t *testing.T) { runOtherCases(t, sarCases) }

func TestSARReuse(t *testing.T) {
	otherReuse(t, sarCases[0], sarCases[1])
	otherReuse(t, sarCases[0], sarCases[2])
}
