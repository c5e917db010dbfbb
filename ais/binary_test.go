package ais

import (
	"bytes"
	"testing"
)

// Expectations: see the note at the top of other_test.go (gpsd 3.22
// gpsdecode and a hand decode of the bits, on the captured sentences). The
// "data" hex strings are gpsd's, whose data dumps are left aligned like ours.

var binaryCases = []otherCase{
	{
		// dma-ais_AisLib/stream_example.txt: !AIVDM,1,1,,A,601uEO5iiET@04<100,4*07
		// gpsd: seqno 1, dest 477189700, dac 1, fid 3, data "16:0100".
		name: "type6 dac1 fi3", payload: "601uEO5iiET@04<100", fill: 4,
		want: `{"type":6,"repeat":0,"mmsi":2053500,"seqno":1,"dest_mmsi":477189700,"retransmit":false,
			"dac":1,"fi":3,"data":"0100","data_bits":16}`,
	},
	{
		// amsa-code_risky/ais.txt: !=IVDM,1,1,,B,6;U0Dgh0Bm`LurRq@5;t`0I<Ecl1B@H1,0*72
		// (gpsd decoded it with the talker changed to AI).
		name: "type6 regional dac", payload: "6;U0Dgh0Bm`LurRq@5;t`0I<Ecl1B@H1",
		want: `{"type":6,"repeat":0,"mmsi":777000127,"seqno":0,"dest_mmsi":1234567,"retransmit":false,
			"dac":990,"fi":40,"data":"b94052fca0064c56bd01490601","data_bits":104}`,
	},
	{
		// amsa-code_risky/ais.txt: !=IVDM,1,1,9,2,6>lskv0PH1m@,0*2E, 72 bits:
		// no DAC and FI (hand decode).
		name: "type6 short", payload: "6>lskv0PH1m@", short: true,
		want: `{"type":6,"repeat":0,"mmsi":995030008,"seqno":0,"dest_mmsi":135792468,"retransmit":false,"dac":0,"fi":0}`,
	},
	{
		// amsa-code_risky/exact-earth-augmented.txt: !AIVDM,1,1,,A,85MwpViKf5CF9lE;67Bsm7FMPqgO3LluPpsU:ia`OtvP2QnC?W5v,0*4A
		// gpsd: dac 366, fid 56 (not decoded), data "256:54d6...717e".
		name: "type8 unknown application", payload: "85MwpViKf5CF9lE;67Bsm7FMPqgO3LluPpsU:ia`OtvP2QnC?W5v",
		want: `{"type":8,"repeat":0,"mmsi":366999707,"dac":366,"fi":56,
			"data":"54d627454b1874bbd4759d839bdf0dcd3d838ee52b1a687fcfa00a1d933e717e","data_bits":256}`,
	},
	{
		// amsa-code_risky/ais.txt: !AIVDM,1,1,2,1,88CF3Q@,2*41, 40 bits (hand decode).
		name: "type8 short", payload: "88CF3Q@", fill: 2, short: true,
		want: `{"type":8,"repeat":0,"mmsi":557155205,"dac":0,"fi":0}`,
	},
	{
		// amsa-code_risky/exact-earth-augmented-2.txt: !AIVDM,1,1,,A,I`J`00PT408T4:q02261AIAlmfJ@,0*25
		// gpsd: unaddressed, unstructured, data "128:2410...e690".
		name: "type25 broadcast unstructured", payload: "I`J`00PT408T4:q02261AIAlmfJ@",
		want: `{"type":25,"repeat":2,"mmsi":564789250,"addressed":false,"structured":false,
			"data":"2410022410ae40082181459474d6e690","data_bits":128}`,
	},
	{
		// amsa-code_risky/exact-earth-augmented-3.txt: !AIVDM,1,1,,A,I2H07T`7JA;@PnVHrkqBcB:b00Rr,0*32
		// gpsd: addressed, dest 31081652, data "98:20da...2e80" (bits 70-167).
		name: "type25 addressed", payload: "I2H07T`7JA;@PnVHrkqBcB:b00Rr",
		want: `{"type":25,"repeat":0,"mmsi":159385490,"addressed":true,"structured":false,"dest_mmsi":31081652,
			"data":"20da663acf94ab48aa80022e80","data_bits":98}`,
	},
	{
		// amsa-code_risky/exact-earth-augmented-3.txt: !AIVDM,1,1,,B,ILAeIb4tW>8T4Aw;S`bG:btqW1VE,0*6D
		// gpsd: structured, app_id 15516 = DAC 242 << 6 | FI 28.
		name: "type25 structured", payload: "ILAeIb4tW>8T4Aw;S`bG:btqW1VE",
		want: `{"type":25,"repeat":1,"mmsi":823876008,"addressed":false,"structured":true,"dac":242,"fi":28,
			"data":"e224111fcb8e8a972aaf399c1995","data_bits":112}`,
	},
	{
		// amsa-code_risky/exact-earth-augmented-2.txt: !AIVDM,1,1,,A,JdA<qc@B2ne4As;@:rh4a1Hp:NSd,0*1E
		// gpsd: data "108:120b...3829" (gpsd leaves 4 radio bits in the last
		// byte; we zero pad) and radio 0 (gpsd does not decode it); the
		// radio status, the last 20 bits, is 649452 by hand.
		name: "type26 unstructured", payload: "JdA<qc@B2ne4As;@:rh4a1Hp:NSd",
		want: `{"type":26,"repeat":2,"mmsi":823343533,"addressed":false,"structured":false,
			"data":"120b6b4447b2d02bac04a4163820","data_bits":108,"radio":649452}`,
	},
	{
		// amsa-code_risky/exact-earth-augmented-2.txt: !AIVDM,1,1,,A,J<090LEA3oq592>1pt5hKO0=?h420@F04aa::hdb@9E;,0*67
		// gpsd: app_id 20751 = DAC 324 << 6 | FI 15, data "188:7e45...2a40";
		// radio 38219 by hand.
		name: "type26 structured", payload: "J<090LEA3oq592>1pt5hKO0=?h420@F04aa::hdb@9E;",
		want: `{"type":26,"repeat":0,"mmsi":805453937,"addressed":false,"structured":true,"dac":324,"fi":15,
			"data":"7e45242381e3c1706df00d3f0102010580129a4a2b0b2a40","data_bits":188,"radio":38219}`,
	},
	{
		// The first 7 characters (42 bits) of the type 26 unstructured case:
		// too short for the radio status, so no data and no radio.
		name: "type26 short", payload: "JdA<qc@", short: true,
		want: `{"type":26,"repeat":2,"mmsi":823343533,"addressed":false,"structured":false,"radio":0}`,
	},
}

func TestBinary(t *testing.T) { runOtherCases(t, binaryCases) }

func TestBinaryReuse(t *testing.T) {
	otherReuse(t, binaryCases[1], binaryCases[2])  // type 6: data gone
	otherReuse(t, binaryCases[3], binaryCases[4])  // type 8: data gone
	otherReuse(t, binaryCases[6], binaryCases[5])  // type 25: destination gone
	otherReuse(t, binaryCases[7], binaryCases[5])  // type 25: DAC/FI gone
	otherReuse(t, binaryCases[9], binaryCases[10]) // type 26: DAC/FI, data and radio gone
}

func TestBinaryData(t *testing.T) {
	m, err := otherDecode(t, "601uEO5iiET@04<100", 4)
	if err != nil {
		t.Fatal(err)
	}
	ab := m.(*AddressedBinary)
	if !bytes.Equal(ab.Data, []byte{0x01, 0x00}) || ab.DataBits != 16 || ab.App != nil {
		t.Errorf("Data %x (%d bits), App %v; want 0100 (16 bits), nil", ab.Data, ab.DataBits, ab.App)
	}
	// A payload whose data is not a whole number of bytes is zero padded.
	m, err = otherDecode(t, "I2H07T`7JA;@PnVHrkqBcB:b00Rr", 0)
	if err != nil {
		t.Fatal(err)
	}
	sb := m.(*SingleSlotBinary)
	if sb.DataBits != 98 || len(sb.Data) != 13 || sb.Data[12] != 0x80 {
		t.Errorf("Data %x (%d bits), want 13 bytes ending 80, 98 bits", sb.Data, sb.DataBits)
	}
}
