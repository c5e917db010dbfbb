package ais

import "testing"

// Expectations: see the note at the top of other_test.go.

var interrogationCases = []otherCase{
	{
		// M0r13n_pyais/nmea_data_sample.txt: !AIVDM,1,1,,A,?3c2VT1D0u00D00,2*0F
		// gpsd: mmsi1 352384000, type1_1 5, offset1_1 0 (88 bits: one
		// request; gpsd prints zeros for the others).
		name: "one request", payload: "?3c2VT1D0u00D00", fill: 2,
		want: `{"type":15,"repeat":0,"mmsi":246458000,"requests":[{"mmsi":352384000,"msg_type":5,"slot_offset":0}]}`,
	},
	{
		// amsa-code_risky/exact-earth-augmented-2.txt: !AIVDM,1,1,5,2,?dCM>`HM6TtpPkQ81H<RTPdl9Fp,2*4C
		// gpsd: mmsi1 122065870 type1_1 8 offset1_1 824, type1_2 8
		// offset1_2 88, mmsi2 841556147 type2_1 16 offset2_1 2395.
		name: "three requests", payload: "?dCM>`HM6TtpPkQ81H<RTPdl9Fp", fill: 2,
		want: `{"type":15,"repeat":2,"mmsi":825708193,"requests":[{"mmsi":122065870,"msg_type":8,"slot_offset":824},
			{"mmsi":122065870,"msg_type":8,"slot_offset":88},{"mmsi":841556147,"msg_type":16,"slot_offset":2395}]}`,
	},
	{
		// The first 12 characters (72 bits) of "one request".
		name: "short", payload: "?3c2VT1D0u00", short: true,
		want: `{"type":15,"repeat":0,"mmsi":246458000,"requests":[]}`,
	},
}

func TestInterrogation(t *testing.T) { runOtherCases(t, interrogationCases) }

func TestInterrogationReuse(t *testing.T) {
	otherReuse(t, interrogationCases[1], interrogationCases[0])
	otherReuse(t, interrogationCases[1], interrogationCases[2])
}

// TestInterrogationLayouts covers the other M.1371 layouts, which the
// captures lack, with payloads built here: one station asked for two
// messages (110 bits, padded to 112), and two stations asked for one
// message each (160 bits, the second request of the first station 0).
func TestInterrogationLayouts(t *testing.T) {
	head := func(bw *bitWriter) {
		bw.put(15, 6)
		bw.put(0, 2)
		bw.put(2320001, 30)
		bw.put(0, 2)
		bw.put(211000001, 30)
		bw.put(3, 6)
		bw.put(100, 12)
		bw.put(0, 2)
	}
	var two bitWriter
	head(&two)
	two.put(5, 6)
	two.put(200, 12)
	two.put(0, 4)
	var pair bitWriter
	head(&pair)
	pair.put(0, 18) // no second request of the first station
	pair.put(0, 2)
	pair.put(244000002, 30)
	pair.put(5, 6)
	pair.put(300, 12)
	pair.put(0, 2)
	for _, c := range []struct {
		name string
		bw   *bitWriter
		want []Request
	}{
		{"one station two messages", &two, []Request{{211000001, 3, 100}, {211000001, 5, 200}}},
		{"two stations", &pair, []Request{{211000001, 3, 100}, {244000002, 5, 300}}},
	} {
		p, fill := c.bw.appendArmored(nil)
		m, err := NewDecoder().Decode(p, fill)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := m.(*Interrogation).Requests
		if len(got) != len(c.want) {
			t.Fatalf("%s: requests %v, want %v", c.name, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: requests %v, want %v", c.name, got, c.want)
			}
		}
	}
}
