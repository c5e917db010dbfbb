package ais

import "testing"

// Expectations: see the note at the top of other_test.go. The captured
// type 22 messages carry bit errors (an SW longitude of 185°, channel
// numbers that do not exist) but exercise the layout all the same.

var channelCases = []otherCase{
	{
		// amsa-code_risky/ais.txt: !AIVDM,1,1,,A,F=583LPkqkEPR6:<<ViaOfL4hS0qApP;iDP8,0*2F
		// gpsd: channels 830/1845, txrx 6, power false, NE 29.095000
		// 59.816667, SW 185.021667 -3.746667, band_b true, zonesize 1.
		name: "broadcast", payload: "F=583LPkqkEPR6:<<ViaOfL4hS0qApP;iDP8",
		want: `{"type":22,"repeat":0,"mmsi":877790066,"channel_a":830,"channel_b":1845,"txrx":6,"power":false,
			"ne_lon":29.095,"ne_lat":59.816667,"sw_lon":185.021667,"sw_lat":-3.746667,
			"addressed":false,"band_a":false,"band_b":true,"zonesize":1}`,
	},
	{
		// amsa-code_risky/exact-earth-augmented-3.txt: !AIVDM,1,1,,B,FubKFFMGqDqM9kedAWcNoRoue0C9TcDQmHKskv40000000P,2*28
		// gpsd: addressed, dest1 691657570, dest2 515356555, channels
		// 1406/1358, txrx 5, power true, band_a, band_b, zonesize 3.
		name: "addressed", payload: "FubKFFMGqDqM9kedAWcNoRoue0C9TcDQmHKskv40000000P", fill: 2,
		want: `{"type":22,"repeat":3,"mmsi":916903513,"channel_a":1406,"channel_b":1358,"txrx":5,"power":true,
			"dest_mmsi1":691657570,"dest_mmsi2":515356555,"addressed":true,"band_a":true,"band_b":true,"zonesize":3}`,
	},
	{
		// The first 20 characters (120 bits) of "broadcast": the SW corner
		// and the flags are cut off.
		name: "short", payload: "F=583LPkqkEPR6:<<Via", short: true,
		want: `{"type":22,"repeat":0,"mmsi":877790066,"channel_a":830,"channel_b":1845,"txrx":6,"power":false,
			"ne_lon":29.095,"ne_lat":59.816667,"addressed":false,"band_a":false,"band_b":false,"zonesize":0}`,
	},
}

func TestChannel(t *testing.T) { runOtherCases(t, channelCases) }

func TestChannelReuse(t *testing.T) {
	otherReuse(t, channelCases[1], channelCases[0]) // destinations gone
	otherReuse(t, channelCases[0], channelCases[1]) // corners gone
}
