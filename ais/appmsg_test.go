package ais

import (
	"fmt"
	"testing"
)

// Expectations: see the note at the top of other_test.go. The captures
// hold DAC 1 FI 11 and DAC 200 FI 10 messages but no DAC 1 FI 31; the FI 31
// payloads below were built for these tests (raw field values chosen by
// hand and packed by a script following IMO SN.1/Circ.289), and gpsd 3.22
// decodes them to the same values, which checks the layout independently.
// Two differences from gpsd: gpsd names pressure tendency / water level
// trend codes 1 "increasing" and 2 "decreasing", where the IMO circulars
// define 1 decreasing and 2 increasing (we keep the raw codes); and gpsd
// prints the "not available" codes as numbers, which are absent here.

// The multipart DAC 1 FI 11 messages are given as their fragments'
// payloads concatenated, with the last fragment's fill bits.
var appCases = []otherCase{
	{
		// dma-ais_AisLib/stream_example.txt, two fragments:
		// !ABVDM,2,1,2,A,8@2<HW@0Bkf:<0dtu2mnPPRrHbvW?wdvwwwwwwwwwwwwwwwwwwwwwwww,0*59
		// !ABVDM,2,2,2,A,wt0,2*2E
		// gpsd: lat 65.0333, lon 24.5500, 11T11:45Z, wind 2/4 kn from
		// 186/197, humidity 57, air 16.2, pressure 1007, tendency code 2
		// (gpsd's "decreasing"); the rest "not available". Lat 3902000/60000
		// by hand. Data hex by hand.
		name: "dac1 fi11 weather", payload: "8@2<HW@0Bkf:<0dtu2mnPPRrHbvW?wdvwwwwwwwwwwwwwwwwwwwwwwwwwt0", fill: 2,
		want: `{"type":8,"repeat":1,"mmsi":2300061,"dac":1,"fi":11,
			"data":"3b8a300b3cf42d768208ba62afa73ffb3effffffffffffffffffffffffffffffffffffffc0","data_bits":296,
			"app":{"lat":65.033333,"lon":24.55,"day":11,"hour":11,"minute":45,"wind_speed":2,"wind_gust":4,
			"wind_dir":186,"wind_gust_dir":197,"air_temp":16.2,"humidity":57,"pressure":1007,"pressure_tend":2}}`,
	},
	{
		// dma-ais_AisLib/decode_encode_messages.txt, two fragments:
		// !AIVDM,2,1,9,A,802R5Ph0Bk;N6PGM7TllOwwwwwwwwwwwwk:Q@C11>@4N9gwwwwwwwwww,0*0C
		// !AIVDM,2,2,9,A,wwt,2*69
		// gpsd: lat 55.5610, lon 12.8095, 19T09:40Z, water level 0.1,
		// trend code 1, currents 1.0 kn/19°, 0.4 kn/39° at 4 m, 0.4 kn/241°
		// at 6 m; the rest "not available".
		name: "dac1 fi11 hydro", payload: "802R5Ph0Bk;N6PGM7TllOwwwwwwwwwwwwk:Q@C11>@4N9gwwwwwwwwwwwwt", fill: 2,
		want: `{"type":8,"repeat":0,"mmsi":2655619,"dac":1,"fi":11,
			"data":"32de1a05dd1e4d347fffffffffffffffffff32a141304139011e26ffffffffffffffffffff","data_bits":296,
			"app":{"lat":55.560967,"lon":12.809533,"day":19,"hour":9,"minute":40,"water_level":0.1,"water_level_trend":1,
			"current_speed":1,"current_dir":19,"current2_speed":0.4,"current2_dir":39,"current2_depth":4,
			"current3_speed":0.4,"current3_dir":241,"current3_depth":6}}`,
	},
	{
		// dma-ais_AisLib/stream_example.txt: !AIVDM,1,1,,A,83aEQw@j2d<dtttM=B9Q3gbh00P0,0*1B
		// gpsd: vin "02333145", length 1100, beam 135 (0.1 m), ERI 8022,
		// hazard 0, draught 0 (unknown), loaded code 1.
		name: "dac200 fi10", payload: "83aEQw@j2d<dtttM=B9Q3gbh00P0",
		want: `{"type":8,"repeat":0,"mmsi":244670973,"dac":200,"fi":10,"data":"c32cf3cf1d3522610efab0000800","data_bits":112,
			"app":{"eni":"02333145","length":110,"beam":13.5,"eri_type":8022,"hazard":0,"loaded":1,
			"speed_quality":false,"course_quality":false,"heading_quality":false}}`,
	},
	{
		// dma-ais_AisLib/stream_example.txt: !AIVDM,1,1,,A,83aDqU@j2d<dtefNM2L0qgbm:u00,0*64
		// gpsd: length 1248, beam 115, ERI 8022, hazard 5 (unknown),
		// draught 350 (0.01 m), loaded code 2.
		name: "dac200 fi10 draught", payload: "83aDqU@j2d<dtefNM2L0qgbm:u00",
		want: `{"type":8,"repeat":0,"mmsi":244660629,"dac":200,"fi":10,"data":"c32cf2db9e742700e6fab52bd000","data_bits":112,
			"app":{"eni":"02326994","length":124.8,"beam":11.5,"eri_type":8022,"draught":3.5,"loaded":2,
			"speed_quality":false,"course_quality":false,"heading_quality":false}}`,
	},
	{
		// dma-ais_AisLib/ais250.txt: !AIVDM,1,1,,B,85N1LdPj2d<<<<<<<0N0`?`50000,0*6B
		// gpsd: vin "00000000" (not assigned), length 240, beam 80, ERI 8000,
		// hazard 5, draught 0, loaded 0.
		name: "dac200 fi10 eni not assigned", payload: "85N1LdPj2d<<<<<<<0N0`?`50000",
		want: `{"type":8,"repeat":0,"mmsi":367025330,"dac":200,"fi":10,"data":"c30c30c30c300780a0fa05000000","data_bits":112,
			"app":{"length":24,"beam":8,"eri_type":8000,"speed_quality":false,"course_quality":false,"heading_quality":false}}`,
	},
	{
		// dma-ais_AisLib/stream_example.txt: !AIVDM,1,1,,A,833d`1hj2d=dL=L<tj`hq?aE0040,0*5F
		// gpsd: heading_q true.
		name: "dac200 fi10 heading quality", payload: "833d`1hj2d=dL=L<tj`hq?aE0040",
		want: `{"type":8,"repeat":0,"mmsi":205203463,"dac":200,"fi":10,"data":"c36c70d70cf32a30e4fa55000100","data_bits":112,
			"app":{"eni":"06105033","length":135,"beam":11.4,"eri_type":8010,
			"speed_quality":false,"course_quality":false,"heading_quality":true}}`,
	},
	{
		// Built for this test (see above). gpsd: lat -33.25, lon 12.5,
		// accuracy true, 15T13:45Z, wind 22/31 kn from 225/230, humidity
		// 87, air -5.3, dew point -7.1, pressure 1013, tendency code 1,
		// visibility 8.5, water level 2.3 (raw 1234: 2.34 m; gpsd prints
		// one decimal), trend code 2, currents 1.2 kn/270°, 0.8 kn/260° at
		// 5 m, third not available, waves 1.5 m/6 s/240°, swell not
		// available, sea state 4, water 12.3, precipitation 1 (rain),
		// salinity 50.1 (raw 501, not available), ice 0.
		name: "dac1 fi31", payload: "803OviP0GhFpn737Q5sKBiuhfKqMOfFdbbJD6@p8PQOvlO3iWQwwnQ1s?m00",
		want: `{"type":8,"repeat":0,"mmsi":3669702,"dac":1,"fi":31,
			"data":"05b8d870c7845edb4b1f70b9be5d7ee5acaaa694190e088217fed1f0f19e1fffda107b3f5000","data_bits":304,
			"app":{"lon":12.5,"lat":-33.25,"accuracy":true,"day":15,"hour":13,"minute":45,"wind_speed":22,"wind_gust":31,
			"wind_dir":225,"wind_gust_dir":230,"air_temp":-5.3,"humidity":87,"dew_point":-7.1,"pressure":1013,
			"pressure_tend":1,"vis_greater":false,"visibility":8.5,"water_level":2.34,"water_level_trend":2,
			"current_speed":1.2,"current_dir":270,"current2_speed":0.8,"current2_dir":260,"current2_depth":5,
			"wave_height":1.5,"wave_period":6,"wave_dir":240,"sea_state":4,"water_temp":12.3,"precipitation":1,"ice":0}}`,
	},
	{
		// Built for this test: every field holds its "not available" code
		// (lon 181°, lat 91°, day 0, hour 24, minute 60, wind 127, directions
		// 360, air -1024, humidity 101, dew point 501, pressure 403,
		// tendency 3, visibility 127, water level 4001, trend 3, current
		// speeds 255, depths 31, heights 255, periods 63, sea state 13,
		// water 501, precipitation 7, salinity 511, ice 3); gpsd prints
		// those raw codes back.
		name: "dac1 fi31 not available", payload: "803OviP0Gm;Jt2V`406??wvlFR06EuLWgwl?wnSwe7wvlOwwsAwwnSGmwwh0",
		want: `{"type":8,"repeat":0,"mmsi":3669702,"dac":1,"fi":31,
			"data":"52daf029a810018f3fffb45a200657d727bffd0fff68ffb47ffed1ffffed1fffda35f5fffc00","data_bits":304,
			"app":{"accuracy":false,"vis_greater":false}}`,
	},
	{
		// Built for this test: the limit values (wind 126 = 126 kn or more,
		// pressure code 0 = 799 hPa or less, visibility "greater than"
		// 12.6, water level code 0 = -10.00 m, current and wave 251 = 25.1
		// or more, air 60.0, dew point -20.0, water -10.0, salinity 50.0,
		// precipitation 6, ice 1). gpsd agrees except for the water level,
		// which it underflows (42949663.0).
		name: "dac1 fi31 limits", payload: "803OviP0GuvrB6eGrSp0?ol0FM;6C>00Oh01uP3rdwP000vw;>0003>Lol@0",
		want: `{"type":8,"repeat":0,"mmsi":3669702,"dac":1,"fi":31,
			"data":"dfba486b57ea3e003f7d0059d2c64ce0007f0001f600fab3f800000fbf2ce00000339cdf4400","data_bits":304,
			"app":{"lon":-70.5,"lat":-45.125,"accuracy":false,"day":31,"hour":0,"minute":0,"wind_speed":126,"wind_gust":125,
			"wind_dir":0,"wind_gust_dir":359,"air_temp":60,"humidity":100,"dew_point":-20,"pressure":799,
			"pressure_tend":0,"vis_greater":true,"visibility":12.6,"water_level":-10,"water_level_trend":0,
			"current_speed":25.1,"current_dir":0,"current2_speed":25,"current2_dir":359,"current2_depth":30,
			"current3_speed":0,"current3_dir":0,"current3_depth":0,"wave_height":25.1,"wave_period":60,"wave_dir":359,
			"swell_height":0,"swell_period":0,"swell_dir":0,"sea_state":12,"water_temp":-10,"precipitation":6,
			"salinity":50,"ice":1}}`,
	},
	{
		// The first 34 characters (204 bits) of the "dac1 fi31" case: a
		// valid type 8 (no error) whose application data stops after the
		// visibility (bits 194-200); the water level (201-212) and
		// everything after it are absent.
		name: "dac1 fi31 short application", payload: "803OviP0GhFpn737Q5sKBiuhfKqMOfFdbb",
		want: `{"type":8,"repeat":0,"mmsi":3669702,"dac":1,"fi":31,
			"data":"05b8d870c7845edb4b1f70b9be5d7ee5acaaa0","data_bits":148,
			"app":{"lon":12.5,"lat":-33.25,"accuracy":true,"day":15,"hour":13,"minute":45,"wind_speed":22,"wind_gust":31,
			"wind_dir":225,"wind_gust_dir":230,"air_temp":-5.3,"humidity":87,"dew_point":-7.1,"pressure":1013,
			"pressure_tend":1,"vis_greater":false,"visibility":8.5}}`,
	},
	{
		// Built for this test like the FI 31 payloads, following IMO
		// SN/Circ.236, as the captured FI 11 messages leave several fields
		// "not available": every field holds a value, and gpsd decodes the
		// same (air raw 780 = 18.0, dew point raw 300 = 10.0, pressure raw
		// 213 = 1013, water level raw 87 = -1.3, water raw 205 = 10.5).
		name: "dac1 fi11 all fields", payload: "802R5Ph0Bk;?l0GF91n132C8JC38:F=ENjg0aJ0jv`2<U0hEJ2Q:v<kJB40", fill: 2,
		want: `{"type":8,"repeat":0,"mmsi":2655619,"dac":1,"fi":11,
			"data":"32cfd005d6241d810c24c86930c82963557b2bc0a5a032fa808c940c1568284af8ccda4840","data_bits":296,
			"app":{"lat":55.5,"lon":12.75,"day":7,"hour":12,"minute":2,"wind_speed":12,"wind_gust":18,"wind_dir":200,
			"wind_gust_dir":210,"air_temp":18,"humidity":65,"dew_point":10,"pressure":1013,"pressure_tend":1,
			"visibility":12.3,"water_level":-1.3,"water_level_trend":2,"current_speed":0.5,"current_dir":90,
			"current2_speed":0.3,"current2_dir":95,"current2_depth":10,"current3_speed":0.2,"current3_dir":100,
			"current3_depth":20,"wave_height":1.2,"wave_period":5,"wave_dir":180,"swell_height":2,"swell_period":9,
			"swell_dir":190,"sea_state":3,"water_temp":10.5,"precipitation":5,"salinity":7.2,"ice":1}}`,
	},
}

func TestApplications(t *testing.T) { runOtherCases(t, appCases) }

func TestApplicationReuse(t *testing.T) {
	otherReuse(t, appCases[6], appCases[9]) // FI 31, then the same truncated: later fields absent
	otherReuse(t, appCases[0], appCases[2]) // FI 11, then DAC 200 FI 10
	otherReuse(t, appCases[3], appCases[4]) // DAC 200: ENI, draught and loaded become absent
	otherReuse(t, appCases[2], binaryCases[3])
}

func TestApplicationTypes(t *testing.T) {
	for _, c := range []struct {
		payload string
		fill    int
		want    string
	}{
		{appCases[0].payload, appCases[0].fill, "*ais.MetHydro11"},
		{appCases[2].payload, 0, "*ais.InlandStatic"},
		{appCases[6].payload, 0, "*ais.MetHydro31"},
		{binaryCases[3].payload, 0, "<nil>"},
		// The 56 bits up to the FI of the "dac1 fi31" case: no
		// application data, no App.
		{"803OviP0Gh", 4, "<nil>"},
	} {
		m, err := otherDecode(t, c.payload, c.fill)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%T", m.(*BinaryBroadcast).App); got != c.want {
			t.Errorf("%s: App is %s, want %s", c.payload, got, c.want)
		}
	}
}
