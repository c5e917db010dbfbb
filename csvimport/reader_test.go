package csvimport

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ingest"
)

// readAll returns the records and row errors of a whole file.
func readAll(t *testing.T, r *Reader) ([]Record, []*RowError) {
	t.Helper()
	var recs []Record
	var errs []*RowError
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return recs, errs
		}
		var re *RowError
		if errors.As(err, &re) {
			errs = append(errs, re)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
}

func open(t *testing.T, name string, cfg Config) *Reader {
	t.Helper()
	f, err := os.Open("../testdata/csvimport/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	r, err := NewReader(f, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestDMA(t *testing.T) {
	r := open(t, "dma-sample.csv", Config{Feed: "dma"})
	if r.Layout() != DMA {
		t.Fatalf("layout %v", r.Layout())
	}
	recs, errs := readAll(t, r)
	if len(recs) != 3 || len(errs) != 1 {
		t.Fatalf("%d records, %d errors %v", len(recs), len(errs), errs)
	}
	if e := errs[0]; e.Line != 4 || e.Column != "Longitude" || !errors.Is(e, ErrValue) {
		t.Errorf("error %v: want line 4, column Longitude", e)
	}
	p := recs[0].Position
	if p.MMSI != 273000001 || p.Lat != 55.71339 || p.Lon != 12.59889 || p.Class != sitrep.ClassA ||
		!p.Time.Equal(time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)) || p.TimeSource != sitrep.TimeSourceFileColumn {
		t.Errorf("position %+v", p)
	}
	if h, ok := p.TrueHeading(); !ok || h != 270 {
		t.Errorf("heading %v %v", h, ok)
	}
	if ns, ok := p.NavigationStatus(); !ok || ns != sitrep.NavUnderWayEngine {
		t.Errorf("status %v", ns)
	}
	u := recs[0].Identity
	if u.Identity.Name != "SPARTA" || u.Identity.IMO != 9268710 || u.Identity.Callsign != "UBCI7" || u.Identity.ShipType != 70 ||
		u.Identity.Length != 150 || u.Identity.Beam != 22 || u.Identity.Flag != "RU" || u.Voyage.Draught != 6.8 ||
		u.Voyage.Destination != "ST PETERSBURG" || !u.Voyage.ETA.Equal(time.Date(2025, 2, 20, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("identity %+v", u)
	}
	// Row 2: heading 511 and "Unknown" identity values are absent.
	if _, ok := recs[1].Position.TrueHeading(); ok {
		t.Error("heading 511 should be absent")
	}
	if recs[1].Identity.Fields != 0 {
		t.Errorf("fields %b for a row of Unknowns", recs[1].Identity.Fields)
	}
	if recs[2].Position.Class != sitrep.ClassBaseStation || recs[2].Position.MMSI != 2190047 {
		t.Errorf("base station %+v", recs[2].Position)
	}
	if st := r.Stats(); st.Lines != 5 || st.Records != 3 || st.Rejected != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestMarineCadastre(t *testing.T) {
	r := open(t, "marinecadastre-sample.csv", Config{})
	if r.Layout() != MarineCadastre {
		t.Fatalf("layout %v", r.Layout())
	}
	recs, errs := readAll(t, r)
	if len(recs) != 3 || len(errs) != 1 || errs[0].Line != 4 || errs[0].Column != "LAT" {
		t.Fatalf("%d records, errors %v", len(recs), errs)
	}
	p := recs[0].Position
	if cog, ok := p.CourseOverGround(); !ok || cog < 203.7 || cog > 203.9 { // -156.2 + 360
		t.Errorf("negative COG not normalised: %v", cog)
	}
	if _, ok := p.TrueHeading(); ok {
		t.Error("heading 511.0 should be absent")
	}
	if ns, ok := p.NavigationStatus(); !ok || ns != sitrep.NavUnderWayEngine || p.Class != sitrep.ClassA {
		t.Errorf("status %v class %v", ns, p.Class)
	}
	u := recs[0].Identity
	if u.Identity.IMO != 9000001 || u.Identity.ShipType != 31 || u.Fields&ingest.HasDimensions == 0 || u.Identity.Flag != "US" {
		t.Errorf("identity %+v", u)
	}
	if recs[2].Position.Class != sitrep.ClassB {
		t.Errorf("class B row %+v", recs[2].Position)
	}
}

func TestGenericWithMapping(t *testing.T) {
	r := open(t, "generic-sample.csv", Config{Columns: map[string]string{"mmsi": "ship", "time": "ts"}, TimeFormat: "unix"})
	recs, errs := readAll(t, r)
	if len(recs) != 2 || len(errs) != 1 || errs[0].Line != 4 || errs[0].Column != "ts" {
		t.Fatalf("%d records, errors %v", len(recs), errs)
	}
	p := recs[1].Position
	if p.Lat != 34.8901 || p.Lon != 35.868 || !p.Time.Equal(time.Unix(1739145660, 0)) {
		t.Errorf("position %+v", p)
	}
	if sog, ok := p.SpeedOverGround(); !ok || sog != 1.5 {
		t.Errorf("sog %v", sog)
	}
}

func TestHeaderErrors(t *testing.T) {
	tests := []struct {
		name, in string
		cfg      Config
		want     string
	}{
		{"empty", "", Config{}, "no header"},
		{"missing columns", "a,b,c\n1,2,3\n", Config{}, "lacks the mmsi, time, lat, lon column(s)"},
		{"unknown field", "mmsi,time,lat,lon\n", Config{Columns: map[string]string{"speed": "x"}}, `unknown field "speed"`},
		{"mapped column absent", "mmsi,time,lat,lon\n", Config{Columns: map[string]string{"sog": "knots"}}, `no column "knots"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tt.in), tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestLongLineAndTimeFormats(t *testing.T) {
	in := "mmsi,time,lat,lon\n" +
		"1,2025-02-10T00:00:00Z,1,1\n" +
		"2,2025-02-10 00:00:01," + strings.Repeat("9", 200) + ",1\n" +
		"3,1739145602000,1,1\n" +
		"4,1739145603,1,1\n" +
		"5,yesterday,1,1\n"
	r, err := NewReader(strings.NewReader(in), Config{MaxLineBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	recs, errs := readAll(t, r)
	if len(recs) != 3 || len(errs) != 2 {
		t.Fatalf("records %d errors %v", len(recs), errs)
	}
	if errs[0].Line != 3 || !errors.Is(errs[0], ErrLineTooLong) || errs[1].Line != 6 {
		t.Errorf("errors %v", errs)
	}
	base := time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)
	for i, want := range []time.Time{base, base.Add(2 * time.Second), base.Add(3 * time.Second)} {
		if !recs[i].Position.Time.Equal(want) {
			t.Errorf("record %d time %v, want %v", i, recs[i].Position.Time, want)
		}
	}
}

// FuzzReader: any input is read to the end without panic; every record has
// valid coordinates and an MMSI, every rejection a line number.
func FuzzReader(f *testing.F) {
	for _, name := range []string{"dma-sample.csv", "marinecadastre-sample.csv", "generic-sample.csv"} {
		if b, err := os.ReadFile("../testdata/csvimport/" + name); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("mmsi,time,lat,lon\n1,1,1,1\n\"2\",\"3\",\"4,5\n")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := NewReader(strings.NewReader(in), Config{MaxLineBytes: 256})
		if err != nil {
			return
		}
		for n := 0; ; n++ {
			if n > len(in)+2 {
				t.Fatal("more results than lines")
			}
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			var re *RowError
			if errors.As(err, &re) {
				if re.Line < 1 {
					t.Fatalf("row error without a line: %v", re)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if !sitrep.ValidCoordinates(rec.Position.Lat, rec.Position.Lon) || !rec.Position.MMSI.Valid() {
				t.Fatalf("bad record %+v", rec.Position)
			}
		}
	})
}
