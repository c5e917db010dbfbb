package ais

import "testing"

// Expectations: see the note at the top of other_test.go. gpsd prints the
// type 17 position with one decimal and does not decode the RTCM header;
// the exact position (91079 and -19750 tenths of a minute) and the header
// come from the hand decode. The header is consistent with the data length:
// 40 header bits + 19 words of 24 bits = 496 bits.

var dgnssCases = []otherCase{
	{
		// amsa-code_risky/ais.txt: !ABVDO,1,1,5,1,A04k11QHtOIK@0@1TrRN7OqC...,0*6F
		// gpsd: lon 151.8, lat -32.9, data "496:040193a89e...aaaa".
		name: "type17", payload: "A04k11QHtOIK@0@1TrRN7OqC0PDNwgst?Q3wbglb5gv4wk@JwqGp8AWv5OTT1gt=wEt5w@cq5QGujgdw4gnn138?wc07=Jbb",
		want: `{"type":17,"repeat":0,"mmsi":5030150,"lon":151.798333,"lat":-32.916667,
			"data":"040193a89e1dfe5302051efefefc3e10ffaafd2a16ff84ff341aff95f82119fe15f92406ff0dfd5f05fd0af91615fdcafb3f12fdb604320ffeb00735aaaa",
			"data_bits":496,"rtcm_type":1,"station_id":1,"z_count":2835,"sequence":0,"words":19,"health":6}`,
	},
	{
		// amsa-code_risky/ais.txt: !ABVDO,1,1,8,2,A04k11QHtOIK@0@1TvRN0000...,0*55
		// gpsd: data "496:040193e89e000...". Z count 4733 * 0.6 s.
		name: "type17 zero words", payload: "A04k11QHtOIK@0@1TvRN0000000000000000000000000000000000000000000000000000000000000000000000000000",
		want: `{"type":17,"repeat":0,"mmsi":5030150,"lon":151.798333,"lat":-32.916667,
			"data":"040193e89e000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
			"data_bits":496,"rtcm_type":1,"station_id":1,"z_count":2839.8,"sequence":0,"words":19,"health":6}`,
	},
	{
		// The first 80 bits of "type17" (14 characters, 4 fill bits): a
		// station with no corrections to send; no data, no header.
		name: "type17 no data", payload: "A04k11QHtOIK@0", fill: 4,
		want: `{"type":17,"repeat":0,"mmsi":5030150,"lon":151.798333,"lat":-32.916667}`,
	},
	{
		// The first 12 characters (72 bits): the latitude (bits 58-74) is
		// cut off.
		name: "type17 short", payload: "A04k11QHtOIK", short: true,
		want: `{"type":17,"repeat":0,"mmsi":5030150,"lon":151.798333}`,
	},
}

func TestDGNSS(t *testing.T) { runOtherCases(t, dgnssCases) }

func TestDGNSSReuse(t *testing.T) {
	otherReuse(t, dgnssCases[0], dgnssCases[2])
	otherReuse(t, dgnssCases[0], dgnssCases[3])
}
