package sitrep

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"
)

func TestPositionOptionalValues(t *testing.T) {
	var p Position
	if _, ok := p.SpeedOverGround(); ok {
		t.Error("zero Position has SOG")
	}
	if _, ok := p.CourseOverGround(); ok {
		t.Error("zero Position has COG")
	}
	if _, ok := p.TrueHeading(); ok {
		t.Error("zero Position has heading")
	}
	if _, ok := p.NavigationStatus(); ok {
		t.Error("zero Position has nav status")
	}
	tests := []struct {
		set  func(*Position)
		bit  PositionFields
		read func(*Position) (any, bool)
		want any
	}{
		{func(p *Position) { p.SetSOG(12.5) }, HasSOG, func(p *Position) (any, bool) { return p.SpeedOverGround() }, float32(12.5)},
		{func(p *Position) { p.SetCOG(271.3) }, HasCOG, func(p *Position) (any, bool) { return p.CourseOverGround() }, float32(271.3)},
		{func(p *Position) { p.SetHeading(270) }, HasHeading, func(p *Position) (any, bool) { return p.TrueHeading() }, uint16(270)},
		{func(p *Position) { p.SetNavStatus(NavAtAnchor) }, HasNavStatus, func(p *Position) (any, bool) { return p.NavigationStatus() }, NavAtAnchor},
		// a present zero is distinct from absence
		{func(p *Position) { p.SetSOG(0) }, HasSOG, func(p *Position) (any, bool) { return p.SpeedOverGround() }, float32(0)},
		{func(p *Position) { p.SetNavStatus(NavUnderWayEngine) }, HasNavStatus, func(p *Position) (any, bool) { return p.NavigationStatus() }, NavUnderWayEngine},
	}
	for i, tt := range tests {
		var p Position
		tt.set(&p)
		if p.Has != tt.bit {
			t.Errorf("case %d: Has = %v; want only %v", i, p.Has, tt.bit)
		}
		got, ok := tt.read(&p)
		if !ok || got != tt.want {
			t.Errorf("case %d: read %v, %v; want %v, true", i, got, ok, tt.want)
		}
	}
}

func TestValidCoordinates(t *testing.T) {
	tests := []struct {
		lat, lon float64
		want     bool
	}{
		{34.89, 35.87, true},
		{0, 0, true},
		{90, 180, true},
		{-90, -180, true},
		{91, 0, false},
		{0, 181, false},
		{-90.0001, 0, false},
		{0, -180.0001, false},
		{math.NaN(), 0, false},
		{0, math.NaN(), false},
		{math.Inf(1), 0, false},
	}
	for _, tt := range tests {
		if got := ValidCoordinates(tt.lat, tt.lon); got != tt.want {
			t.Errorf("ValidCoordinates(%v, %v) = %v; want %v", tt.lat, tt.lon, got, tt.want)
		}
	}
}

func TestPositionFieldsText(t *testing.T) {
	tests := []struct {
		f    PositionFields
		text string
	}{
		{0, ""},
		{HasSOG, "sog"},
		{HasSOG | HasCOG, "sog|cog"},
		{HasSOG | HasCOG | HasHeading | HasNavStatus, "sog|cog|heading|nav_status"},
		{HasNavStatus, "nav_status"},
	}
	for _, tt := range tests {
		b, _ := tt.f.MarshalText()
		if string(b) != tt.text {
			t.Errorf("%d.MarshalText() = %q; want %q", tt.f, b, tt.text)
		}
		var back PositionFields
		if err := back.UnmarshalText(b); err != nil || back != tt.f {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, tt.f)
		}
	}
	f := HasSOG
	if err := f.UnmarshalText([]byte("sog|rot")); ErrorCode(err) != EINVALID || f != HasSOG {
		t.Errorf("UnmarshalText(sog|rot) = %v, %v; want EINVALID and unchanged", err, f)
	}
}

func TestPositionFlags(t *testing.T) {
	tests := []struct {
		f           PositionFlags
		text        string
		implausible bool
	}{
		{0, "", false},
		{FlagInvalidCoordinates, "invalid_coordinates", true},
		{FlagSpeedJump, "speed_jump", true},
		{FlagDuplicate, "duplicate", false},
		{FlagDuplicate | FlagSpeedJump, "speed_jump|duplicate", true},
		{FlagInvalidCoordinates | FlagSpeedJump | FlagDuplicate, "invalid_coordinates|speed_jump|duplicate", true},
	}
	for _, tt := range tests {
		if got := tt.f.Implausible(); got != tt.implausible {
			t.Errorf("%q.Implausible() = %v; want %v", tt.text, got, tt.implausible)
		}
		b, _ := tt.f.MarshalText()
		if string(b) != tt.text {
			t.Errorf("%d.MarshalText() = %q; want %q", tt.f, b, tt.text)
		}
		var back PositionFlags
		if err := back.UnmarshalText(b); err != nil || back != tt.f {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, tt.f)
		}
	}
	var f PositionFlags
	if err := f.UnmarshalText([]byte("duplicate|")); ErrorCode(err) != EINVALID {
		t.Errorf("UnmarshalText(duplicate|) = %v; want EINVALID", err)
	}
}

func TestNavStatusString(t *testing.T) {
	tests := []struct {
		s    NavStatus
		want string
	}{
		{NavUnderWayEngine, "Under way using engine"},
		{NavAtAnchor, "At anchor"},
		{NavMoored, "Moored"},
		{NavFishing, "Engaged in fishing"},
		{NavSARTActive, "AIS-SART active"},
		{NavNotDefined, "Not defined"},
		{16, "Not defined"},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("NavStatus(%d).String() = %q; want %q", tt.s, got, tt.want)
		}
	}
}

// TestPositionJSON checks a JSON round trip with names for enums and sets.
// Values are simulated.
func TestPositionJSON(t *testing.T) {
	at := time.Date(2025, 1, 25, 6, 0, 0, 0, time.UTC)
	p := Position{MMSI: 273123456, Time: at, TimeSource: TimeSourceTagBlock, Lat: 36.14, Lon: -5.35,
		Accuracy: true, Class: ClassA, Flags: FlagDuplicate,
		Sources: []Provenance{
			{Feed: "sim-a", Station: "rx1", Received: at.Add(time.Second)},
			{Feed: "sim-b", Received: at.Add(2 * time.Second)},
		}}
	p.SetSOG(11.2)
	p.SetCOG(270)
	p.SetNavStatus(NavUnderWayEngine)
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"has": "sog|cog|nav_status", "flags": "duplicate", "class": "A", "time_source": "tag_block"} {
		if raw[k] != want {
			t.Errorf("JSON %q = %v; want %v", k, raw[k], want)
		}
	}
	var back Position
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, p) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, p)
	}
}
