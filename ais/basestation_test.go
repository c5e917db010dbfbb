package ais

import "testing"

// Expectations: see the note at the top of other_test.go (gpsd 3.22
// gpsdecode and a hand decode of the bits, on the captured sentences).

var baseStationCases = []otherCase{
	{
		// M0r13n_pyais/nmea_data_sample.txt: !AIVDM,1,1,,A,402B4L1uubaN`1d:>REe@jA028Gh,0*6B
		// gpsd: 2015-06-21T09:30:40Z, lon 23.627868, lat 37.936122, epfd 1,
		// raim true, radio 34288; long-range bit 0 by hand.
		name: "type4", payload: "402B4L1uubaN`1d:>REe@jA028Gh",
		want: `{"type":4,"repeat":0,"mmsi":2393200,"year":2015,"month":6,"day":21,"hour":9,"minute":30,"second":40,
			"accuracy":false,"lon":23.627868,"lat":37.936122,"epfd":1,"long_range":false,"raim":true,"radio":34288}`,
	},
	{
		// amsa-code_risky/ais.txt: !BSVDO,1,1,,B,404k0kQuhMcg8<tSF0l4Q@7000S:,0*49
		// gpsd: lon 181, lat 91 (not available), epfd 7 (surveyed).
		name: "type4 position not available", payload: "404k0kQuhMcg8<tSF0l4Q@7000S:",
		want: `{"type":4,"repeat":0,"mmsi":5030094,"year":2012,"month":1,"day":27,"hour":11,"minute":47,"second":8,
			"accuracy":false,"epfd":7,"long_range":false,"raim":false,"radio":2250}`,
	},
	{
		// amsa-code_risky/ais.txt (a !AIVDM line): 4025bp@000Htt0ivo<Oq6lW00p7V
		// gpsd: timestamp "0000-00-00T24:60:60Z" (all "not available"),
		// lon 10.918783, lat 55.735817, epfd 7, radio 229862.
		name: "type4 time not available", payload: "4025bp@000Htt0ivo<Oq6lW00p7V",
		want: `{"type":4,"repeat":0,"mmsi":2190049,"accuracy":false,"lon":10.918783,"lat":55.735817,"epfd":7,
			"long_range":false,"raim":false,"radio":229862}`,
	},
	{
		// amsa-code_risky/ais.txt: !BSVDM,1,1,,A,;76u>F1uhMcg9Wv8g5gqK3100000,0*70
		// gpsd: 2012-01-27T11:47:09Z, accuracy true, lon 111.441017,
		// lat -28.141633, epfd 1, radio 0.
		name: "type11", payload: ";76u>F1uhMcg9Wv8g5gqK3100000",
		want: `{"type":11,"repeat":0,"mmsi":477056600,"year":2012,"month":1,"day":27,"hour":11,"minute":47,"second":9,
			"accuracy":true,"lon":111.441017,"lat":-28.141633,"epfd":1,"long_range":false,"raim":false,"radio":0}`,
	},
	{
		// The first 18 characters (108 bits) of the type 4 case: the
		// fields up to the longitude (bits 79-106) are complete, the
		// latitude and everything after it are not.
		name: "type4 short", payload: "402B4L1uubaN`1d:>R", short: true,
		want: `{"type":4,"repeat":0,"mmsi":2393200,"year":2015,"month":6,"day":21,"hour":9,"minute":30,"second":40,
			"accuracy":false,"lon":23.627868,"long_range":false,"raim":false,"radio":0}`,
	},
	{
		// amsa-code_risky/ais.txt: !ABVDM,1,1,5,A,:3mHUh2Gavn0,0*35
		// gpsd: dest_mmsi 636091232.
		name: "type10", payload: ":3mHUh2Gavn0",
		want: `{"type":10,"repeat":0,"mmsi":257304000,"dest_mmsi":636091232}`,
	},
	{
		// The first 8 characters (48 bits) of the type 10 case.
		name: "type10 short", payload: ":3mHUh2G", short: true,
		want: `{"type":10,"repeat":0,"mmsi":257304000,"dest_mmsi":0}`,
	},
}

func TestBaseStation(t *testing.T) { runOtherCases(t, baseStationCases) }

func TestBaseStationReuse(t *testing.T) {
	otherReuse(t, baseStationCases[0], baseStationCases[2]) // time fields become absent
	otherReuse(t, baseStationCases[0], baseStationCases[4]) // short: latitude and EPFD absent
}
