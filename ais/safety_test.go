package ais

import "testing"

// Expectations: see the note at the top of other_test.go. The captured
// safety texts are all noise (bit errors or test traffic), so two published
// examples with readable text are added: they are pyais's test sentences
// for types 12 and 14, and gpsd 3.22 decodes them to the same values.

var safetyCases = []otherCase{
	{
		// amsa-code_risky/ais.txt: !AIVDM,1,1,,B,<WHT:QenGgO8D5fOJii6bNhem=uk,0*2E
		// gpsd: seqno 3, dest 496483826, retransmit false, text
		// "TE._Z11F*^0-5M=3" (96 bits, 16 characters).
		name: "type12", payload: "<WHT:QenGgO8D5fOJii6bNhem=uk",
		want: `{"type":12,"repeat":2,"mmsi":495520390,"seqno":3,"dest_mmsi":496483826,"retransmit":false,
			"text":"TE._Z11F*^0-5M=3"}`,
	},
	{
		// pyais test sentence !AIVDM,1,1,,A,<5?SIj1;GbD07??4,0*38: "GOOD".
		name: "type12 published", payload: "<5?SIj1;GbD07??4",
		want: `{"type":12,"repeat":0,"mmsi":351853000,"seqno":0,"dest_mmsi":316123456,"retransmit":false,"text":"GOOD"}`,
	},
	{
		// The first 10 characters (60 bits) of "type12": no destination,
		// no text.
		name: "type12 short", payload: "<WHT:QenGg", short: true,
		want: `{"type":12,"repeat":2,"mmsi":495520390,"seqno":3,"dest_mmsi":0,"retransmit":false}`,
	},
	{
		// amsa-code_risky/exact-earth-augmented.txt: !AIVDM,1,1,,A,>K2v=`Q2pa0U48h:nBeMJ8sWjo=V,0*3F
		// gpsd: text "P.JPIQBLB-$+WV\"N9<-3Y" (21 characters and 2 spare
		// bits).
		name: "type14", payload: ">K2v=`Q2pa0U48h:nBeMJ8sWjo=V",
		want: `{"type":14,"repeat":1,"mmsi":741313954,"text":"P.JPIQBLB-$+WV\"N9<-3Y"}`,
	},
	{
		// pyais test sentence !AIVDM,1,1,,A,>5?Per18=HB1U:1@E=B0m<L,2*51.
		name: "type14 published", payload: ">5?Per18=HB1U:1@E=B0m<L", fill: 2,
		want: `{"type":14,"repeat":0,"mmsi":351809000,"text":"RCVD YR TEST MSG"}`,
	},
	{
		// amsa-code_risky/ais.txt: !AIVDM,1,1,,A,>l=<Q930900J284@90f4bS>N8<TEb7D,2*0F
		// An '@' inside the text: gpsd stops there ("0BP"); like the
		// other 6-bit strings of the package we strip only trailing '@'
		// and spaces, so the 24 characters remain (hand decode).
		name: "type14 inner at sign", payload: ">l=<Q930900J284@90f4bS>N8<TEb7D", fill: 2,
		want: `{"type":14,"repeat":3,"mmsi":282272036,"text":"0BP@F \"ADBPK!J(3'\"CIEZ!5"}`,
	},
	{
		// The 38-bit header of "type14" (7 characters, 4 fill bits).
		name: "type14 short", payload: ">K2v=`Q", fill: 4, short: true,
		want: `{"type":14,"repeat":1,"mmsi":741313954}`,
	},
}

func TestSafety(t *testing.T) { runOtherCases(t, safetyCases) }

func TestSafetyReuse(t *testing.T) {
	otherReuse(t, safetyCases[0], safetyCases[2])
	otherReuse(t, safetyCases[3], safetyCases[6])
}

// TestSafetyLongText decodes a text longer than the Decoder's 64-byte text
// scratch: 161 characters, the most a five-slot type 14 carries.
func TestSafetyLongText(t *testing.T) {
	var bw bitWriter
	bw.put(14, 6)
	bw.put(0, 2)
	bw.put(123456789, 30)
	bw.put(0, 2)
	text := ""
	for len(text) < 161 {
		text += "SECURITE 0123456789 "
	}
	text = text[:161]
	bw.putText(text, 161)
	p, fill := bw.appendArmored(nil)
	m, err := NewDecoder().Decode(p, fill)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.(*SafetyBroadcast).Text; got != text {
		t.Errorf("text %q, want %q", got, text)
	}
}
