package ais

import "testing"

// Expectations: see the note at the top of other_test.go.

var dataLinkCases = []otherCase{
	{
		// amsa-code_risky/ais.txt: !ABVDO,1,1,8,B,D04k0`j0@N7n<`N02;Df02<Lf00,2*7D
		// gpsd: 2052/1/7/125, 2250/1/7/0, 2229/2/7/0, 2247/2/7/0.
		name: "four blocks", payload: "D04k0`j0@N7n<`N02;Df02<Lf00", fill: 2,
		want: `{"type":20,"repeat":0,"mmsi":5030051,"reservations":[
			{"offset":2052,"number":1,"timeout":7,"increment":125},{"offset":2250,"number":1,"timeout":7,"increment":0},
			{"offset":2229,"number":2,"timeout":7,"increment":0},{"offset":2247,"number":2,"timeout":7,"increment":0}]}`,
	},
	{
		// M0r13n_pyais/nmea_data_sample.txt: !AIVDM,1,1,,A,D02Au10fpNfp04Nfp0,4*73
		// gpsd: 750/1/7/750 and 1/1/7/750 (104 bits: two blocks).
		name: "two blocks", payload: "D02Au10fpNfp04Nfp0", fill: 4,
		want: `{"type":20,"repeat":0,"mmsi":2391300,"reservations":[
			{"offset":750,"number":1,"timeout":7,"increment":750},{"offset":1,"number":1,"timeout":7,"increment":750}]}`,
	},
	{
		// amsa-code_risky/ais.txt: !BSVDO,1,1,,A,D04k0kP<QNfp000000000000001,2*1B
		// gpsd: 200/5/7/750, then three all-zero blocks, left out.
		name: "zero blocks", payload: "D04k0kP<QNfp000000000000001", fill: 2,
		want: `{"type":20,"repeat":0,"mmsi":5030094,"reservations":[{"offset":200,"number":5,"timeout":7,"increment":750}]}`,
	},
	{
		// amsa-code_risky/exact-earth-augmented.txt: !AIVDM,1,1,,A,D06rQm0,2*18 (40 bits).
		name: "short", payload: "D06rQm0", fill: 2, short: true,
		want: `{"type":20,"repeat":0,"mmsi":7250388,"reservations":[]}`,
	},
}

func TestDataLink(t *testing.T) { runOtherCases(t, dataLinkCases) }

func TestDataLinkReuse(t *testing.T) {
	otherReuse(t, dataLinkCases[0], dataLinkCases[1])
	otherReuse(t, dataLinkCases[0], dataLinkCases[3])
}
