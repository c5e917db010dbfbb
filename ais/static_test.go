package ais

import (
	"errors"
	"reflect"
	"strconv"
	"testing"
)

// Expected raw values computed independently with a separate bit reader (see
// position_test.go), converted to units by hand.
func TestStaticVoyageData(t *testing.T) {
	tests := []struct {
		name     string
		payload  string
		fill     int
		want     StaticVoyageData
		wantErr  error
		wantBits int
	}{
		{
			// amsa-code/risky: !ABVDM,1,1,0,2,57PBtv01sb5IH`PR221LE986222222222222220l28?554000:kQEhhDm31H20DPSmD`880,2*40
			// A single-sentence 424-bit type 5.
			name:    "type 5 single sentence, ETA not available",
			payload: "57PBtv01sb5IH`PR221LE986222222222222220l28?554000:kQEhhDm31H20DPSmD`880",
			fill:    2,
			want: StaticVoyageData{
				Header: Header{Type: 5, MMSI: 503627000, Bits: 424},
				IMO:    Some[uint32](8104022), Callsign: "VJHH", Name: "WERRA", ShipType: Some[uint8](52),
				ToBow: Some[uint16](17), ToStern: Some[uint16](15), ToPort: Some[uint8](5), ToStarboard: Some[uint8](5),
				EPFD: Some[uint8](1), ETAHour: Some[uint8](0), ETAMinute: Some[uint8](0),
				Draught: Some(4.3), Destination: "NEWCASTLE HARBOUR", DTE: true,
			},
		},
		{
			// pyais README example (two fragments joined): EVER DIADEM.
			name:    "type 5 pyais README",
			payload: "55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8" + "88888888880",
			fill:    2,
			want: StaticVoyageData{
				Header: Header{Type: 5, MMSI: 351759000, Bits: 424},
				IMO:    Some[uint32](9134270), Callsign: "3FOF8", Name: "EVER DIADEM", ShipType: Some[uint8](70),
				ToBow: Some[uint16](225), ToStern: Some[uint16](70), ToPort: Some[uint8](1), ToStarboard: Some[uint8](31),
				EPFD: Some[uint8](1), ETAMonth: Some[uint8](5), ETADay: Some[uint8](15), ETAHour: Some[uint8](14), ETAMinute: Some[uint8](0),
				Draught: Some(12.2), Destination: "NEW YORK", DTE: true,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := NewDecoder().Decode([]byte(tt.payload), tt.fill)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			got := m.(*StaticVoyageData)
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestStaticDataReport(t *testing.T) {
	tests := []struct {
		name    string
		payload string
		fill    int
		want    StaticDataReport
	}{
		{
			// amsa-code/risky exact-earth-augmented*.txt
			name:    "part A",
			payload: "H33ST608TN08u=<000000000000",
			fill:    2,
			want:    StaticDataReport{Header: Header{Type: 24, MMSI: 205055000, Bits: 160}, Name: "BIG BOSS"},
		},
		{
			name:    "part B",
			payload: "H39b6gTT>1F93?048klnp01@2110",
			want: StaticDataReport{
				Header: Header{Type: 24, MMSI: 211453630, Bits: 168}, Part: 1,
				ShipType: Some[uint8](36), VendorID: "NAV", Model: 2, Serial: 275392, Callsign: "DH3468",
				ToBow: Some[uint16](10), ToStern: Some[uint16](2), ToPort: Some[uint8](1), ToStarboard: Some[uint8](1),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustDecode(t, tt.payload, tt.fill).(*StaticDataReport)
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestStaticDataReportAuxiliary(t *testing.T) {
	in := &StaticDataReport{Header: Header{Type: 24, MMSI: 982731234}, Part: 1,
		ShipType: Some[uint8](52), Callsign: "TUG1", MothershipMMSI: Some[uint32](273297850)}
	p, fill, err := Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	got := mustDecode(t, string(p), fill).(*StaticDataReport)
	if !got.Auxiliary() || got.MothershipMMSI != Some[uint32](273297850) || got.ToBow.OK {
		t.Errorf("auxiliary craft: got %+v", got)
	}
}

func TestClassBExtendedShort(t *testing.T) {
	// amsa-code/risky satellite capture: a 272-bit type 19 (312 needed). The
	// position decodes; the dimensions, EPFD and flags are absent.
	m, err := NewDecoder().Decode([]byte("CV0jI23W10;@hekI6d:bm0hc6a8tHHDhH244038QT149D@"), 4)
	var se *ShortError
	if !errors.As(err, &se) || se.Bits != 272 || se.Need != 312 {
		t.Fatalf("err = %v, want ShortError 272/312", err)
	}
	got := m.(*ClassBExtended)
	if got.MMSI != 403478792 || got.SOG != Some(77.2) || got.Lon != Some(5904475.0/600000) ||
		got.Heading != Some[uint16](129) || got.Regional != 5 || got.ToBow.OK || got.EPFD.OK || got.DTE {
		t.Errorf("got %+v", got)
	}
}

func TestTextEndsAtFirstAt(t *testing.T) {
	// amsa-code/risky ais.txt: a type 5 whose name is "YONGDUCK" padded
	// with '@' and a stray 'Q' in the last character.
	in := &StaticVoyageData{Header: Header{Type: 5, MMSI: 440110200}, Name: "YONGDUCK@@@@@@@@@@@Q", Callsign: "@VM3672", Destination: "BUSAN  @"}
	got := roundTrip(t, in).(*StaticVoyageData)
	if got.Name != "YONGDUCK" || got.Callsign != "" || got.Destination != "BUSAN" {
		t.Errorf("name %q callsign %q destination %q", got.Name, got.Callsign, got.Destination)
	}
}

// TestTextCache decodes more distinct names than the text cache has slots,
// twice, and checks every name: collisions and reuse never mix them up.
func TestTextCache(t *testing.T) {
	d := NewDecoder()
	type enc struct {
		p    []byte
		fill int
		name string
	}
	var all []enc
	for i := range 3 * (1 << textCacheBits) {
		name := "SHIP " + strconv.Itoa(i)
		p, fill, err := Encode(&StaticDataReport{Header: Header{Type: 24, MMSI: uint32(i)}, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, enc{p, fill, name})
	}
	for pass := range 2 {
		for _, e := range all {
			m, err := d.Decode(e.p, e.fill)
			if err != nil {
				t.Fatal(err)
			}
			if got := m.(*StaticDataReport).Name; got != e.name {
				t.Fatalf("pass %d: name %q, want %q", pass, got, e.name)
			}
		}
	}
}
