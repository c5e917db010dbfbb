package ais

import "testing"

// Expectations: see the note at the top of other_test.go. gpsd does not
// print the assigned-mode bit (270), taken from the hand decode.

var atonCases = []otherCase{
	{
		// dma-ais_AisLib/stream_example.txt: !BSVDM,1,1,,B,E>jQMD:Q7a2h97QUah@@@@@@@@@?i3KK>r0KP20@@@Uf@0,4*56
		// gpsd: aid_type 21, "BORE ROCKS", lon -6.530195, lat 52.101487,
		// dims 2/2/2/2, epfd 1, second 11, regional 228 (272 bits).
		name: "plain", payload: "E>jQMD:Q7a2h97QUah@@@@@@@@@?i3KK>r0KP20@@@Uf@0", fill: 4,
		want: `{"type":21,"repeat":0,"mmsi":992501072,"aid_type":21,"name":"BORE ROCKS","accuracy":false,
			"lon":-6.530195,"lat":52.101487,"to_bow":2,"to_stern":2,"to_port":2,"to_starboard":2,"epfd":1,"second":11,
			"off_position":false,"regional":228,"raim":false,"virtual_aid":false,"assigned":false}`,
	},
	{
		// amsa-code_risky/ais.txt: !BSVDM,1,1,,A,E;U0DDBcRab9RPhHshFhIHp3:@1D8urHnk@B@50```j@00DQi@,4*70
		// gpsd: name "WESTSEA 17 - 210FT BARGE": the 20-character field
		// "WESTSEA 17 - 210FT B" and the extension "ARGE" (296 bits).
		name: "name extension", payload: "E;U0DDBcRab9RPhHshFhIHp3:@1D8urHnk@B@50```j@00DQi@", fill: 4,
		want: `{"type":21,"repeat":0,"mmsi":777000017,"aid_type":5,"name":"WESTSEA 17 - 210FT BARGE","accuracy":true,
			"lon":115.766013,"lat":-32.153357,"to_bow":5,"to_stern":5,"to_port":5,"to_starboard":5,"epfd":1,"second":36,
			"off_position":true,"regional":0,"raim":false,"virtual_aid":false,"assigned":false}`,
	},
	{
		// amsa-code_risky/ais.txt: !ABVDO,1,1,4,B,ENlsowT2Pab@9b90Tb@4aV0W2@9562pttwki000003vP11@DP0,4*1B
		// gpsd: "EAST STRAIT ISLAND REAR" (extension "EAR@"), dims 0 (not
		// available), epfd 7, second 61 (manual input mode), virtual aid.
		name: "name extension padded", payload: "ENlsowT2Pab@9b90Tb@4aV0W2@9562pttwki000003vP11@DP0", fill: 4,
		want: `{"type":21,"repeat":1,"mmsi":995031038,"aid_type":8,"name":"EAST STRAIT ISLAND REAR","accuracy":false,
			"lon":142.4513,"lat":-10.4962,"epfd":7,"second":61,"off_position":false,"regional":0,"raim":false,
			"virtual_aid":true,"assigned":false}`,
	},
	{
		// amsa-code_risky/ais.txt: !AIVDM,1,1,,A,E>lsou8pq0000000000000000004cP?utKO@`10888Q:`Tl1@j@C83@DRq,4*46
		// The name field holds "12" and '@' padding; the 72 bits after bit
		// 272 read "SPECIAL MARK" but are not an extension of a full name,
		// so they are ignored (gpsd: name "12"). Assigned bit 1 by hand.
		name: "extension of a short name", payload: "E>lsou8pq0000000000000000004cP?utKO@`10888Q:`Tl1@j@C83@DRq", fill: 4,
		want: `{"type":21,"repeat":0,"mmsi":995031028,"aid_type":17,"name":"12","accuracy":false,
			"lon":130.855248,"lat":-12.479778,"to_bow":1,"to_stern":1,"to_port":1,"to_starboard":1,"epfd":1,"second":2,
			"off_position":false,"regional":170,"raim":false,"virtual_aid":false,"assigned":true}`,
	},
	{
		// amsa-code_risky/ais.txt: !ABVDM,1,1,,A,E>lt;Lqaps0h3V:@@@@@@@@@@@@5J`6Eq9e;p00000N0100,2*5A
		// gpsd: name "S16A GLT" (space padded), dims 0, epfd 0, second 60,
		// virtual aid: the "not available" codes are absent.
		name: "not available", payload: "E>lt;Lqaps0h3V:@@@@@@@@@@@@5J`6Eq9e;p00000N0100", fill: 2,
		want: `{"type":21,"repeat":0,"mmsi":995036019,"aid_type":19,"name":"S16A GLT","accuracy":false,
			"lon":151.443448,"lat":-23.936695,"off_position":false,"regional":0,"raim":false,"virtual_aid":true,
			"assigned":false}`,
	},
	{
		// The first 40 characters (240 bits) of "name extension": the
		// dimensions to port and starboard (bits 237-248) and everything
		// after them are cut off.
		name: "short", payload: "E;U0DDBcRab9RPhHshFhIHp3:@1D8urHnk@B@50`", short: true,
		want: `{"type":21,"repeat":0,"mmsi":777000017,"aid_type":5,"name":"WESTSEA 17 - 210FT B","accuracy":true,
			"lon":115.766013,"lat":-32.153357,"to_bow":5,"to_stern":5,"off_position":false,"regional":0,"raim":false,
			"virtual_aid":false,"assigned":false}`,
	},
}

func TestAtoN(t *testing.T) { runOtherCases(t, atonCases) }

func TestAtoNReuse(t *testing.T) {
	otherReuse(t, atonCases[1], atonCases[0]) // the extension does not stick
	otherReuse(t, atonCases[1], atonCases[5])
	otherReuse(t, atonCases[0], atonCases[4])
}
