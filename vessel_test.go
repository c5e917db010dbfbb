package sitrep

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func TestClassOf(t *testing.T) {
	tests := []struct {
		msgType int
		mmsi    MMSI
		want    VesselClass
	}{
		{1, 232001000, ClassA},
		{2, 232001000, ClassA},
		{3, 232001000, ClassA},
		{5, 232001000, ClassA},
		{27, 232001000, ClassA},
		{18, 232001000, ClassB},
		{19, 232001000, ClassB},
		{24, 232001000, ClassB},
		{24, 982320001, ClassB}, // auxiliary craft sending Class B static data
		{4, 2320001, ClassBaseStation},
		{11, 232001000, ClassBaseStation}, // message type wins over MMSI
		{21, 992321234, ClassAtoN},
		{9, 111232501, ClassSARAircraft},
		// types any station may send: MMSI decides for fixed stations
		{8, 232001000, ClassUnknown},
		{8, 2320001, ClassBaseStation},
		{6, 992321234, ClassAtoN},
		{14, 111232501, ClassSARAircraft},
		{14, 970123456, ClassUnknown},
		{0, 0, ClassUnknown},
		{28, 232001000, ClassUnknown},
	}
	for _, tt := range tests {
		if got := ClassOf(tt.msgType, tt.mmsi); got != tt.want {
			t.Errorf("ClassOf(%d, %s) = %v; want %v", tt.msgType, tt.mmsi, got, tt.want)
		}
	}
}

func TestVesselClassText(t *testing.T) {
	for c := ClassUnknown; c <= ClassSARAircraft; c++ {
		b, err := c.MarshalText()
		if err != nil {
			t.Fatalf("%d.MarshalText: %v", c, err)
		}
		var back VesselClass = 99
		if err := back.UnmarshalText(b); err != nil || back != c {
			t.Errorf("VesselClass %d -> %q -> %d, %v", c, b, back, err)
		}
	}
	c := ClassA
	if err := c.UnmarshalText([]byte("C")); ErrorCode(err) != EINVALID || c != ClassA {
		t.Errorf("UnmarshalText(C) = %v, class %v; want EINVALID and unchanged", err, c)
	}
	if got := (ClassSARAircraft + 1).String(); got != "unknown" {
		t.Errorf("undefined VesselClass prints %q; want unknown", got)
	}
}

func TestValidIMO(t *testing.T) {
	tests := []struct {
		n    uint32
		want bool
	}{
		{9074729, true},  // 9*7+0*6+7*5+4*4+7*3+2*2 = 139, check 9
		{9074728, false}, // wrong check digit
		{9176187, true},  // 63+6+35+24+3+16 = 147, check 7
		{8814275, true},  // 56+48+5+16+6+14 = 145, check 5
		{1000000, false}, // 7, check 0
		{1000007, true},
		{0, false},
		{999999, false},   // six digits
		{10000007, false}, // eight digits
	}
	for _, tt := range tests {
		if got := ValidIMO(tt.n); got != tt.want {
			t.Errorf("ValidIMO(%d) = %v; want %v", tt.n, got, tt.want)
		}
	}
}

func TestSetDimensions(t *testing.T) {
	tests := []struct {
		bow, stern, port, stbd uint16
		length, beam           uint16
	}{
		{100, 50, 10, 15, 150, 25},
		{0, 0, 0, 0, 0, 0},
		{0, 120, 0, 20, 120, 20}, // reference point unknown: A=C=0
		{511, 511, 63, 63, 1022, 126},
	}
	for _, tt := range tests {
		var id Identity
		id.SetDimensions(tt.bow, tt.stern, tt.port, tt.stbd)
		if id.Length != tt.length || id.Beam != tt.beam {
			t.Errorf("SetDimensions(%d,%d,%d,%d) = %dx%d; want %dx%d",
				tt.bow, tt.stern, tt.port, tt.stbd, id.Length, id.Beam, tt.length, tt.beam)
		}
	}
}

// TestVesselJSON checks that a Vessel survives a JSON round trip and that the
// embedded Identity and Voyage flatten into snake_case keys. Values are
// simulated.
func TestVesselJSON(t *testing.T) {
	at := time.Date(2025, 1, 25, 6, 0, 0, 0, time.UTC)
	pos := &Position{MMSI: 273123456, Time: at, TimeSource: TimeSourceTagBlock, Lat: 34.89, Lon: 35.87, Class: ClassA}
	pos.SetSOG(0.1)
	v := Vessel{
		Identity: Identity{MMSI: 273123456, IMO: 9074729, Name: "SIMULATED", Callsign: "UAAA",
			ShipType: 70, Flag: "RU", Length: 140, Beam: 22, Class: ClassA},
		Voyage: Voyage{Destination: "RU LED", ETA: at.AddDate(0, 0, 14), Draught: 6.5,
			DestinationPort: &PortRef{LOCODE: "RULED", Name: "Saint Petersburg", Country: "RU", Lat: 59.93, Lon: 30.2}},
		LastPosition: pos,
		FirstSeen:    at.Add(-time.Hour),
		LastSeen:     at,
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string]any
	if err := json.Unmarshal(b, &keys); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"mmsi", "imo", "name", "callsign", "ship_type", "flag", "length", "beam", "class",
		"destination", "destination_port", "eta", "draught", "last_position", "first_seen", "last_seen"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("JSON %s lacks key %q", b, k)
		}
	}
	if keys["class"] != "A" {
		t.Errorf("class encodes as %v; want \"A\"", keys["class"])
	}
	var back Vessel
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, v) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, v)
	}
}
