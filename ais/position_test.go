package ais

import (
	"errors"
	"reflect"
	"testing"
)

// Expected values for these payloads are the published example decodes of
// pyais (README, message 1: MMSI 371798000) and gpsd's AIVDM documentation
// worked examples, cross-checked by hand from the bits.
func TestPositionReport(t *testing.T) {
	tests := []struct {
		name    string
		payload string
		fill    int
		want    PositionReport
	}{
		{
			name:    "type 1 pyais README, turning left no TI",
			payload: "15RTgt0PAso;90TKcjM8h6g208CQ",
			want: PositionReport{
				Header:    Header{Type: 1, MMSI: 371798000, Bits: 168},
				NavStatus: Some[uint8](0), Turn: -1, SOG: Some(12.3), Accuracy: true,
				Lon: Some(-74037230.0 / 600000), Lat: Some(29028980.0 / 600000),
				COG: Some(224.0), Heading: Some[uint16](215), Second: Some[uint8](33),
				Radio: 34017,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustDecode(t, tt.payload, tt.fill).(*PositionReport)
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

// Real sentences; the expected raw field values were computed independently
// with a 30-line bit reader written for the purpose (not this package), then
// converted to units by hand.
func TestPositionReportRealCapture(t *testing.T) {
	tests := []struct {
		name    string
		payload string
		want    PositionReport
	}{
		{
			// amsa-code/risky ais.txt line 3: !AIVDM,1,1,,A,17P@<J?P00blFWmjG@5a5?v62<10,0*27
			name:    "type 1 Australia, status and ROT not available",
			payload: "17P@<J?P00blFWmjG@5a5?v62<10",
			want: PositionReport{
				Header: Header{Type: 1, MMSI: 503581800, Bits: 168},
				SOG:    Some(0.0), Accuracy: true,
				Lon: Some(90748154.0 / 600000), Lat: Some(-14299114.0 / 600000),
				COG: Some(232.4), Second: Some[uint8](3), RAIM: true, Radio: 49216,
			},
		},
		{
			// M0r13n/pyais nmea_data_sample.txt line 3
			name:    "type 1 with zero ROT",
			payload: "13RlIW?04F1beOVEFLB9bRvH0L0L",
			want: PositionReport{
				Header: Header{Type: 1, MMSI: 237836700, Bits: 168},
				ROT:    Some(0.0), SOG: Some(27.8),
				Lon: Some(13986803.0 / 600000), Lat: Some(22387784.0 / 600000),
				COG: Some(247.4), Heading: Some[uint16](95), Second: Some[uint8](12), Radio: 114716,
			},
		},
		{
			// M0r13n/pyais nmea_data_sample.txt line 1
			name:    "type 3 turning left",
			payload: "33P;Tw0tjBQO22:E7dm66DrB20UP",
			want: PositionReport{
				Header:    Header{Type: 3, MMSI: 235070716, Bits: 168},
				NavStatus: Some[uint8](0), ROT: Some(-rotDegrees(13)), SOG: Some(14.6), Accuracy: true,
				Lon: Some(12456005.0 / 600000), Lat: Some(22146260.0 / 600000),
				COG: Some(156.1), Heading: Some[uint16](157), Second: Some[uint8](9), RAIM: true, Radio: 2400,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustDecode(t, tt.payload, 0).(*PositionReport)
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestNotAvailableIsAbsent(t *testing.T) {
	// Encode a report with every optional field absent and check that the
	// payload carries the M.1371 "not available" codes, then decode it back.
	in := &PositionReport{Header: Header{Type: 3, MMSI: 123456789}}
	p, fill, err := Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	var b bits
	if err := b.load(p, fill); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name       string
		pos, width int
		want       int64
	}{
		{"nav_status", 38, 4, 15}, {"rot", 42, 8, -128}, {"sog", 50, 10, 1023},
		{"lon", 61, 28, 181 * 600000}, {"lat", 89, 27, 91 * 600000}, {"cog", 116, 12, 3600},
		{"heading", 128, 9, 511}, {"second", 137, 6, 60}, {"maneuver", 143, 2, 0},
	} {
		got := int64(b.u(f.pos, f.width))
		if f.name == "rot" || f.name == "lon" || f.name == "lat" {
			got = b.i(f.pos, f.width)
		}
		if got != f.want {
			t.Errorf("%s: encoded %d, want not-available code %d", f.name, got, f.want)
		}
	}
	out := mustDecode(t, string(p), fill).(*PositionReport)
	in.Bits = 168
	if !reflect.DeepEqual(in, out) {
		t.Errorf("got %+v, want %+v", out, in)
	}
	js := string(AppendJSON(nil, out))
	want := `{"type":3,"repeat":0,"mmsi":123456789,"accuracy":false,"raim":false,"radio":0}`
	if js != want {
		t.Errorf("JSON\n got %s\nwant %s", js, want)
	}
}

func TestShortPositionReport(t *testing.T) {
	// The first 20 characters (120 bits) of a real type 1: lon/lat present
	// (they end at bit 116), COG onwards absent.
	d := NewDecoder()
	m, err := d.Decode([]byte("15RTgt0PAso;90TKcjM8"), 0)
	var se *ShortError
	if !errors.As(err, &se) || se.Bits != 120 || se.Need != 168 || se.Type != 1 {
		t.Fatalf("err = %v, want ShortError 120/168", err)
	}
	p := m.(*PositionReport)
	if !p.Lon.OK || !p.Lat.OK || p.COG.OK || p.Heading.OK || p.Second.OK {
		t.Errorf("short decode: %+v", p)
	}
	// A full message decoded afterwards with the same Decoder is complete,
	// and a short one after a full one has no stale fields.
	if _, err := d.Decode([]byte("15RTgt0PAso;90TKcjM8h6g208CQ"), 0); err != nil {
		t.Fatal(err)
	}
	m, _ = d.Decode([]byte("15RTgt0PAso;90TKcjM8"), 0)
	if p := m.(*PositionReport); p.COG.OK || p.Radio != 0 {
		t.Errorf("stale fields after reuse: %+v", p)
	}
}

func TestDecodeErrors(t *testing.T) {
	d := NewDecoder()
	tests := []struct {
		name    string
		payload string
		fill    int
		want    error
	}{
		{"empty", "", 0, ErrEmpty},
		{"bad character", "15RTgt0PAso;90TKcjM8h6g208C~", 0, ErrBadChar},
		{"fill bits", "15RTgt0PAso;90TKcjM8h6g208CQ", 6, ErrFillBits},
		{"shorter than header", "15RTgt", 0, ErrShort},
		{"type 0", "05RTgt0PAso;90TKcjM8h6g208CQ", 0, ErrUnknownType},
		{"type 63", "w5RTgt0PAso;90TKcjM8h6g208CQ", 0, ErrUnknownType},
		{"too long", string(make([]byte, MaxPayloadBits/6+1)), 0, ErrTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := d.Decode([]byte(tt.payload), tt.fill)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if m != nil {
				t.Errorf("message %+v returned with error %v", m, err)
			}
		})
	}
}

func TestClassBPosition(t *testing.T) {
	// M0r13n/pyais nmea_data_sample.txt line 5: !AIVDM,1,1,,B,B39H9GP0;@H136UI3ijEowU5oP06,0*14
	got := mustDecode(t, "B39H9GP0;@H136UI3ijEowU5oP06", 0).(*ClassBPosition)
	want := ClassBPosition{
		Header: Header{Type: 18, MMSI: 211159390, Bits: 168},
		SOG:    Some(4.5), Lon: Some(12591501.0 / 600000), Lat: Some(22613788.0 / 600000),
		COG: Some(239.7), Second: Some[uint8](10),
		CS: true, DSC: true, Band: true, Msg22: true, RAIM: true, Radio: 917510, // flag bits 1011101
	}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("got  %+v\nwant %+v", *got, want)
	}
}

func TestLongRangePosition(t *testing.T) {
	// amsa-code/risky exact-earth-augmented-3.txt (satellite): a 208-bit
	// type 27; the 96 bits of the message decode, the rest is ignored.
	got := mustDecode(t, "KCI4ducn>GWQT<W<Ls8HP046P:EhQS8V0q<", 2).(*LongRangePosition)
	want := LongRangePosition{
		Header:   Header{Type: 27, Repeat: 1, MMSI: 227618038, Bits: 208},
		Accuracy: true, Lon: Some(101982.0 / 600), Lat: Some(61640.0 / 600),
		SOG: Some(25.0), COG: Some(115.0), GNSS: true,
	}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("got  %+v\nwant %+v", *got, want)
	}
}

// rotDegrees converts an ROT_AIS magnitude to degrees per minute at run time
// (a constant expression would be evaluated with exact arithmetic).
func rotDegrees(raw float64) float64 {
	d := raw / 4.733
	return d * d
}
