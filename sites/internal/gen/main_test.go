package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

const wpiCSV = "\ufeffwpi_number,name,alternate_names,locode,locode_raw,country,region,water_body,harbor_size,harbor_type,harbor_use,lat,lon\n" +
	"45003,Tartus,Tartous,SYTTS,SY TTS,Syria,Syria -- 45000,Mediterranean Sea,Small,Coastal (Breakwater),Cargo,34.9,35.86667\n" +
	"45010,Al Ladhiqiyah,Latakia; Al Ladhiqiyah,SYALD,SY ALD,Syria,Syria -- 45000,Mediterranean Sea,Medium,Coastal (Breakwater),Unknown,35.53333,35.76667\n" +
	"8680,St Petersburg,,RULED,RULED,United States,US Gulf Coast,Gulf of Mexico,Small,Coastal (Natural),Unknown,27.76667,-82.61667\n" +
	"8681,Tampa,,USTPA,US TPA,United States,US Gulf Coast,Gulf of Mexico,Large,Coastal (Natural),Unknown,27.95,-82.45\n" +
	"8682,Mobile,,USMOB,US MOB,United States,US Gulf Coast,Gulf of Mexico,Large,Coastal (Natural),Unknown,30.7,-88.03\n" +
	"400,Seydhisfjordhur,,ISSEY,IS SEY,Iceland,Iceland,Norwegian Sea,Small,Coastal (Natural),Unknown,65.26667,-14\n" +
	"400,Seydisfjordur,,ISSEY,ISSEY,Iceland,Iceland,Norwegian Sea,,,Ferry,65.26667,-14\n"

const unCSV = "locode,country,location,name,name_ascii,subdivision,status,function,iata,lat,lon,coord_source\n" +
	"SYTTS,SY,TTS,Tartus,Tartus,TA,RL,1-3-----,,34.9,35.9,unlocode\n" + // carried by WPI
	"SYBAN,SY,BAN,Baniyas,Baniyas,TA,AI,1-3-----,,35.18333,35.95,unlocode\n" + // approved, far from WPI: kept
	"SYARW,SY,ARW,Arwad,Arwad,TA,AI,1-3-----,,34.85,35.85,unlocode\n" + // 7 km from Tartus: dropped
	"SYXXX,SY,XXX,Geocoded,Geocoded,,AI,1-------,,36.5,36.5,geocoded\n" + // geocoded: dropped
	"SYYYY,SY,YYY,Requested,Requested,,RQ,1-------,,36.0,36.0,unlocode\n" + // not approved: dropped
	"FIDLS,FI,DLS,Dalsbruk (Taalintehdas),Dalsbruk (Taalintehdas),19,AI,1-------,,60.01667,22.51667,unlocode\n" +
	"FIDLS,FI,DLS,Taalintehdas (Dalsbruk),Taalintehdas (Dalsbruk),19,AI,1-------,,60.01667,22.51667,unlocode\n" // repeated code: first kept

func TestBuild(t *testing.T) {
	wpi, err := parseCSV(strings.NewReader(wpiCSV), "wpi")
	if err != nil {
		t.Fatal(err)
	}
	un, err := parseCSV(strings.NewReader(unCSV), "un")
	if err != nil {
		t.Fatal(err)
	}
	all, err := build(wpi, un)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]sitrep.Site{}
	for _, s := range all {
		byID[s.ID] = s
	}
	if want := 7 + 2 + 2*len(gates) + len(story); len(all) != want {
		t.Errorf("%d sites, want %d", len(all), want)
	}
	tartus := byID["wpi-45003"]
	if tartus.Name != "Tartus" || tartus.Country != "SY" || tartus.LOCODE != "SYTTS" || tartus.Shape.RadiusM != 3000 ||
		tartus.Source != wpiSource || !tartus.Approximate || len(tartus.Aliases) != 1 || tartus.Aliases[0] != "Tartous" {
		t.Errorf("wpi-45003: %+v", tartus)
	}
	if lat := byID["wpi-45010"]; lat.Shape.RadiusM != 5000 || len(lat.Aliases) != 1 {
		t.Errorf("wpi-45010 (medium; name repeated among alternates): %+v", lat)
	}
	// RULED has the wrong country prefix for a US port.
	if s := byID["wpi-8680"]; s.Country != "US" || s.LOCODE != "" {
		t.Errorf("wpi-8680: country %q locode %q", s.Country, s.LOCODE)
	}
	if byID["wpi-8681"].Shape.RadiusM != 8000 {
		t.Errorf("large radius %v", byID["wpi-8681"].Shape.RadiusM)
	}
	if s, ok := byID["wpi-400-2"]; !ok || s.Name != "Seydisfjordur" || s.Shape.RadiusM != 3000 || !strings.Contains(s.Notes, "2 rows") {
		t.Errorf("repeated WPI number: %+v", s)
	}
	for _, id := range []string{"locode-syban", "locode-fidls"} {
		if s, ok := byID[id]; !ok || s.Source != unSource || s.Shape.RadiusM != unRadiusM {
			t.Errorf("%s: %+v", id, s)
		}
	}
	if byID["locode-fidls"].Name != "Dalsbruk (Taalintehdas)" {
		t.Errorf("repeated code: kept %q", byID["locode-fidls"].Name)
	}
	for _, id := range []string{"locode-sytts", "locode-syarw", "locode-syxxx", "locode-syyyy"} {
		if _, ok := byID[id]; ok {
			t.Errorf("%s should have been left out", id)
		}
	}
	for i := 1; i < len(all); i++ {
		if all[i-1].ID >= all[i].ID {
			t.Fatalf("not sorted at %d: %s, %s", i, all[i-1].ID, all[i].ID)
		}
	}
}

func TestBuildBadRow(t *testing.T) {
	bad := strings.Replace(wpiCSV, "34.9,35.86667", "134.9,35.86667", 1)
	wpi, err := parseCSV(strings.NewReader(bad), "wpi")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := build(wpi, nil); err == nil || !strings.Contains(err.Error(), "row 2") {
		t.Errorf("bad latitude: %v", err)
	}
}

func TestGatesContainTheirLine(t *testing.T) {
	for _, g := range gates {
		ss := g.sites()
		band, line := ss[0], ss[1]
		if band.Shape.Kind != sitrep.ShapePolygon || line.Shape.Kind != sitrep.ShapeLine || line.ID != band.ID+"-gate" {
			t.Fatalf("%s: %+v %+v", g.ID, band.Shape.Kind, line.Shape.Kind)
		}
		poly := geo.Polygon{Outer: []geo.Point{}}
		for _, p := range band.Shape.Rings[0] {
			poly.Outer = append(poly.Outer, geo.Point{Lat: p.Lat, Lon: p.Lon})
		}
		a, b := line.Shape.Line[0], line.Shape.Line[1]
		for _, f := range []float64{0.01, 0.25, 0.5, 0.75, 0.99} {
			p := geo.Point{Lat: a.Lat + f*(b.Lat-a.Lat), Lon: a.Lon + f*(b.Lon-a.Lon)}
			if !poly.Contains(p) {
				t.Errorf("%s: gate point %v (%.0f%%) outside band", g.ID, p, f*100)
			}
		}
		// The band is about WidthKm wide: a point WidthKm/2 + 500 m off the
		// middle of the gate is outside it.
		mid := geo.Point{Lat: (a.Lat + b.Lat) / 2, Lon: (a.Lon + b.Lon) / 2}
		brg := geo.Bearing(geo.Point{Lat: a.Lat, Lon: a.Lon}, geo.Point{Lat: b.Lat, Lon: b.Lon})
		for _, side := range []float64{-90, 90} {
			if in := geo.Destination(mid, brg+side, g.WidthKm*500-300); !poly.Contains(in) {
				t.Errorf("%s: %v km to the side of the gate is outside the band", g.ID, g.WidthKm/2-0.3)
			}
			if out := geo.Destination(mid, brg+side, g.WidthKm*500+500); poly.Contains(out) {
				t.Errorf("%s: %v km to the side of the gate is inside the band", g.ID, g.WidthKm/2+0.5)
			}
		}
	}
}

// TestEmbeddedUpToDate regenerates the catalogue from the shared data and
// compares it with the embedded file, so that a change to curated.go or
// to the generator without "go generate ./sites" fails. It is skipped
// where the shared data directory is absent.
func TestEmbeddedUpToDate(t *testing.T) {
	data := filepath.Join("..", "..", "..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(data, "nga-world-port-index")); err != nil {
		t.Skipf("shared data not found: %v", err)
	}
	wpi, err := readCSV(filepath.Join(data, "nga-world-port-index", "wpi-ports.csv"))
	if err != nil {
		t.Fatal(err)
	}
	un, err := readCSV(filepath.Join(data, "unlocode-ports", "unlocode-ports.csv"))
	if err != nil {
		t.Fatal(err)
	}
	all, err := build(wpi, un)
	if err != nil {
		t.Fatal(err)
	}
	got, err := encode(all)
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := os.ReadFile(filepath.Join("..", "..", "catalogue.geojson.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, embedded) {
		t.Errorf("sites/catalogue.geojson.gz is stale: run go generate ./sites")
	}
}
