package ais

import "testing"

// Expectations: see the note at the top of other_test.go. gpsd does not
// print the Tx/Rx mode, taken from the hand decode.

var groupCases = []otherCase{
	{
		// dma-ais_AisLib/stream_example.txt: !AIVDM,1,1,,B,G02:Kn01R`sn@291njF00000900,2*62
		// gpsd: NE 2.630000 51.070000, SW 1.826667 50.681667, station type
		// 6 (inland waterways), ship type 0, interval 9, quiet 0.
		name: "type23", payload: "G02:Kn01R`sn@291njF00000900", fill: 2,
		want: `{"type":23,"repeat":0,"mmsi":2268120,"ne_lon":2.63,"ne_lat":51.07,"sw_lon":1.826667,"sw_lat":50.681667,
			"station_type":6,"ship_type":0,"txrx":0,"interval":9,"quiet":0}`,
	},
	{
		// amsa-code_risky/ais.txt: !AIVDM,1,1,,B,GNeEgqe38pad89qP04L`Q2R@Qjw5dC1r:NCI,0*1B
		// gpsd: NE 114.583333 35.575000, SW 8.446667 0.028333, station
		// type 12, ship type 162, interval 1, quiet 12; txrx 2 by hand.
		name: "type23 long", payload: "GNeEgqe38pad89qP04L`Q2R@Qjw5dC1r:NCI",
		want: `{"type":23,"repeat":1,"mmsi":987066342,"ne_lon":114.583333,"ne_lat":35.575,"sw_lon":8.446667,
			"sw_lat":0.028333,"station_type":12,"ship_type":162,"txrx":2,"interval":1,"quiet":12}`,
	},
	{
		// The first 20 characters (120 bits) of "type23": the station type
		// (bits 110-113) is complete, the ship type and the rest are not.
		name: "short", payload: "G02:Kn01R`sn@291njF0", short: true,
		want: `{"type":23,"repeat":0,"mmsi":2268120,"ne_lon":2.63,"ne_lat":51.07,"sw_lon":1.826667,"sw_lat":50.681667,
			"station_type":6,"ship_type":0,"txrx":0,"interval":0,"quiet":0}`,
	},
}

func TestGroup(t *testing.T) { runOtherCases(t, groupCases) }

func TestGroupReuse(t *testing.T) { otherReuse(t, groupCases[1], groupCases[2]) }
