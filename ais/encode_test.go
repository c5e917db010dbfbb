package ais

import (
	"errors"
	"reflect"
	"testing"
)

// roundTrip encodes m, decodes the payload and returns the result.
func roundTrip(t *testing.T, m Message) Message {
	t.Helper()
	p, fill, err := Encode(m)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	got, err := NewDecoder().Decode(p, fill)
	if err != nil {
		t.Fatalf("Decode(Encode(m)) = %v (payload %s,%d)", err, p, fill)
	}
	return got
}

func TestEncodeRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		m    Message
		bits int
	}{
		{"type 1 full", &PositionReport{
			Header: Header{Type: 1, Repeat: 2, MMSI: 273297850}, NavStatus: Some[uint8](0),
			ROT: Some(rotDegrees(20)), SOG: Some(14.2), Accuracy: true,
			Lon: Some(35.8845), Lat: Some(34.8957), COG: Some(271.3), Heading: Some[uint16](270),
			Second: Some[uint8](59), Maneuver: Some[uint8](1), RAIM: true, Radio: 81967}, 168},
		{"type 2 negative ROT, southern and western", &PositionReport{
			Header: Header{Type: 2, MMSI: 503000001}, NavStatus: Some[uint8](5),
			ROT: Some(-rotDegrees(126)), SOG: Some(102.2), Lon: Some(-5.605), Lat: Some(-35.98),
			COG: Some(0.0), Heading: Some[uint16](0), Second: Some[uint8](61)}, 168},
		{"type 3 turning right without indicator", &PositionReport{
			Header: Header{Type: 3, MMSI: 1}, Turn: 1}, 168},
		{"type 5", &StaticVoyageData{
			Header: Header{Type: 5, MMSI: 273297850}, AISVersion: 2, IMO: Some[uint32](9268710),
			Callsign: "UBCI7", Name: "SPARTA", ShipType: Some[uint8](70),
			ToBow: Some[uint16](120), ToStern: Some[uint16](30), ToPort: Some[uint8](10), ToStarboard: Some[uint8](12),
			EPFD: Some[uint8](1), ETAMonth: Some[uint8](2), ETADay: Some[uint8](20), ETAHour: Some[uint8](8), ETAMinute: Some[uint8](30),
			Draught: Some(6.8), Destination: "ST.PETERSBURG", DTE: true}, 424},
		{"type 5 all absent", &StaticVoyageData{Header: Header{Type: 5, MMSI: 2}}, 424},
		{"type 18", &ClassBPosition{
			Header: Header{Type: 18, MMSI: 211159390}, SOG: Some(4.5), Lon: Some(12.5), Lat: Some(55.7),
			COG: Some(239.7), Second: Some[uint8](10), Regional: 3, CS: true, DSC: true, Band: true,
			Msg22: true, Assigned: true, RAIM: true, Radio: 917510}, 168},
		{"type 19", &ClassBExtended{
			Header: Header{Type: 19, MMSI: 244000001}, SOG: Some(7.1), Accuracy: true, Lon: Some(4.2),
			Lat: Some(52.1), COG: Some(90.0), Heading: Some[uint16](91), Second: Some[uint8](12), Regional: 9,
			Name: "PLEASURE ONE", ShipType: Some[uint8](37), ToBow: Some[uint16](5), ToStern: Some[uint16](7),
			ToPort: Some[uint8](2), ToStarboard: Some[uint8](2), EPFD: Some[uint8](1), RAIM: true, DTE: true, Assigned: true}, 312},
		{"type 24 A", &StaticDataReport{Header: Header{Type: 24, MMSI: 205055000}, Name: "BIG BOSS"}, 160},
		{"type 24 B", &StaticDataReport{Header: Header{Type: 24, MMSI: 211453630}, Part: 1,
			ShipType: Some[uint8](36), VendorID: "NAV", Model: 2, Serial: 275392, Callsign: "DH3468",
			ToBow: Some[uint16](10), ToStern: Some[uint16](2), ToPort: Some[uint8](1), ToStarboard: Some[uint8](1),
			EPFD: Some[uint8](1)}, 168},
		{"type 27", &LongRangePosition{Header: Header{Type: 27, MMSI: 227618038}, Accuracy: true, RAIM: true,
			NavStatus: Some[uint8](0), Lon: Some(-5.6), Lat: Some(35.95), SOG: Some(12.0), COG: Some(271.0), GNSS: true}, 96},
		{"type 27 absent", &LongRangePosition{Header: Header{Type: 27, MMSI: 3}}, 96},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := roundTrip(t, tt.m)
			tt.m.Head().Bits = tt.bits
			if !reflect.DeepEqual(got, tt.m) {
				t.Errorf("Decode(Encode(m)) =\n %+v\nwant\n %+v", got, tt.m)
			}
		})
	}
}

// TestEncodeRoundTripRealCapture re-encodes every real message of an
// encodable type: decoding the new payload gives the same message.
func TestEncodeRoundTripRealCapture(t *testing.T) {
	d, d2 := NewDecoder(), NewDecoder()
	n := 0
	for _, p := range singlePayloads(t) {
		m, err := d.Decode(p.data, p.fill)
		if err != nil || m == nil {
			continue
		}
		if _, ok := m.(encodable); !ok {
			continue
		}
		want := cloneForTest(m)
		enc, fill, err := Encode(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := d2.Decode(enc, fill)
		if err != nil {
			t.Fatalf("%s: re-encoded payload %s does not decode: %v", p.data, enc, err)
		}
		got.Head().Bits = want.Head().Bits
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: round trip\n got %+v\nwant %+v", p.data, got, want)
		}
		n++
	}
	t.Logf("%d real messages re-encoded", n)
	if n < 10000 {
		t.Errorf("only %d encodable messages in the captures", n)
	}
}

// cloneForTest copies the encodable messages (which hold no slices).
func cloneForTest(m Message) Message {
	switch v := m.(type) {
	case *PositionReport:
		c := *v
		return &c
	case *ClassBPosition:
		c := *v
		return &c
	case *LongRangePosition:
		c := *v
		return &c
	case *StaticVoyageData:
		c := *v
		return &c
	case *ClassBExtended:
		c := *v
		return &c
	case *StaticDataReport:
		c := *v
		return &c
	}
	panic("not encodable")
}

func TestEncodeUnsupported(t *testing.T) {
	if _, _, err := Encode(&unencodable{Header{Type: 4}}); !errors.Is(err, ErrNotEncodable) {
		t.Errorf("err = %v, want ErrNotEncodable", err)
	}
}

func TestEncodeText(t *testing.T) {
	// Lower case is upper-cased; characters outside the 6-bit set become '?'.
	got := roundTrip(t, &StaticDataReport{Header: Header{Type: 24, MMSI: 1}, Name: "sparta ii é"}).(*StaticDataReport)
	if got.Name != "SPARTA II ?" {
		t.Errorf("name %q", got.Name)
	}
}

// unencodable is a Message without an encoder.
type unencodable struct{ Header }

func (*unencodable) WriteFields(FieldWriter) {}

// TestEncoderAppendZeroAlloc: a reused Encoder appending into a buffer with
// room allocates nothing, and writes what Encode writes.
func TestEncoderAppendZeroAlloc(t *testing.T) {
	m := &PositionReport{Header: Header{Type: 1, MMSI: 273297850}, SOG: Some(14.2), Lon: Some(35.8845), Lat: Some(34.8957)}
	want, wantFill, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	var e Encoder
	buf := make([]byte, 0, 64)
	allocs := testing.AllocsPerRun(100, func() {
		buf, _, _ = e.Append(buf[:0], m)
	})
	got, fill, err := e.Append([]byte("x"), m)
	if err != nil || string(got) != "x"+string(want) || fill != wantFill {
		t.Errorf("Append = %q, %d, %v; want x%q, %d", got, fill, err, want, wantFill)
	}
	if allocs != 0 {
		t.Errorf("Append allocates %v times", allocs)
	}
}
