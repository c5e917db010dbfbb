// Command gen derives the bundled site catalogue, catalogue.geojson.gz,
// from the shared data directory and the hand-drawn sites in curated.go.
// Run it with "go generate ./sites" from the repository root.
//
// The catalogue (GeoJSON in the layout sites.ReadGeoJSON reads, gzip'd,
// sorted by ID) holds:
//
//   - every row of the NGA World Port Index (wpi-ports.csv) as a port
//     site "wpi-<number>" ("wpi-<number>-2" for the second row of a number
//     the WPI repeats): a circle around the WPI position whose radius
//     follows the harbour size (radiusM), its alternate names as aliases,
//     the ISO country code its country's LOCODEs vote for, and its
//     UN/LOCODE when that has the row's own country prefix;
//   - UN/LOCODE port entries (unlocode-ports.csv) that the WPI lacks, as
//     port sites "locode-<code>": only entries whose status is approved
//     (AA, AC, AF, AI, AS), whose coordinates are the official UN/LOCODE
//     ones (not geocoded), whose code no WPI row carries and which lie more
//     than unMinKm from every WPI port; a circle of unRadiusM;
//   - the straits, canals and Tartus-story sites of curated.go.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
	"github.com/sitrep-osint/sitrep/sites"
)

// Sources, as the sites' Source field gives them.
const (
	wpiSource = "NGA World Port Index (Pub 150)"
	unSource  = "UN/LOCODE (UNECE), official coordinates; packaging © 2024 Geoapify (MIT)"
)

// UN/LOCODE entries: circle radius, and the distance to the nearest WPI
// port below which an entry is taken to be that port.
const (
	unRadiusM = 3000
	unMinKm   = 10
)

// radiusM gives the circle radius of a WPI port by its harbour size. The
// WPI gives one reference position per port, mostly to the arc-minute
// (up to 1.3 km from the true point), so the smallest radius covers that
// rounding plus a small harbour; larger harbours get the extent of a
// typical harbour basin of that class. Long ports (Rotterdam, Antwerp,
// St Petersburg) are longer than any circle: draw a polygon for them.
var radiusM = map[string]float64{
	"Very Small": 2000,
	"Small":      3000,
	"Medium":     5000,
	"Large":      8000,
	"":           3000, // size not given
}

func main() {
	data := flag.String("data", "../../shared/data", "shared data directory")
	out := flag.String("o", "catalogue.geojson.gz", "output file")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		log.Fatal(err)
	}
}

func run(data, out string) error {
	wpi, err := readCSV(filepath.Join(data, "nga-world-port-index", "wpi-ports.csv"))
	if err != nil {
		return err
	}
	un, err := readCSV(filepath.Join(data, "unlocode-ports", "unlocode-ports.csv"))
	if err != nil {
		return err
	}
	all, err := build(wpi, un)
	if err != nil {
		return err
	}
	b, err := encode(all)
	if err != nil {
		return err
	}
	counts := map[sitrep.SiteKind]int{}
	for _, s := range all {
		counts[s.Kind]++
	}
	log.Printf("%d sites (%v), %d bytes", len(all), counts, len(b))
	return os.WriteFile(out, b, 0o644)
}

// encode returns the gzip'd GeoJSON of sites; the same sites give the same
// bytes.
func encode(all []sitrep.Site) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := sites.WriteGeoJSON(zw, all); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// build returns the whole catalogue sorted by ID.
func build(wpi, un []map[string]string) ([]sitrep.Site, error) {
	cc := countryCodes(wpi)
	var all []sitrep.Site
	wpiCodes := map[string]bool{}
	var wpiPoints []geo.Point
	seen := map[string]int{}
	for i, r := range wpi {
		s, err := wpiSite(r, cc)
		if err != nil {
			return nil, fmt.Errorf("wpi-ports.csv row %d: %w", i+2, err)
		}
		// Four WPI numbers are given to two rows each (Seydisfjordur,
		// Kamarajar/Kattupalli, Machilipatnam, Progreso): the second row
		// becomes wpi-<number>-2.
		if n := seen[s.ID] + 1; n > 1 {
			seen[s.ID] = n
			s.Notes += fmt.Sprintf(" The WPI gives number %s to %d rows; this is row %d of them.", r["wpi_number"], n, n)
			s.ID = fmt.Sprintf("%s-%d", s.ID, n)
		} else {
			seen[s.ID] = 1
		}
		if l := r["locode"]; l != "" {
			wpiCodes[l] = true
		}
		wpiPoints = append(wpiPoints, geo.Point{Lat: s.Shape.Center.Lat, Lon: s.Shape.Center.Lon})
		all = append(all, s)
	}
	near, err := geo.NewPointIndex(0)
	if err != nil {
		return nil, err
	}
	for i, p := range wpiPoints {
		if err := near.Set(uint32(i), p); err != nil {
			return nil, err
		}
	}
	for i, r := range un {
		if wpiCodes[r["locode"]] {
			continue // a WPI port, or a repeated UN/LOCODE row (the first one is kept)
		}
		s, ok, err := unSite(r, wpiCodes, near)
		if err != nil {
			return nil, fmt.Errorf("unlocode-ports.csv row %d: %w", i+2, err)
		}
		if ok {
			all = append(all, s)
			wpiCodes[s.LOCODE] = true
		}
	}
	cur, err := curated()
	if err != nil {
		return nil, err
	}
	all = append(all, cur...)
	slices.SortFunc(all, func(a, b sitrep.Site) int { return strings.Compare(a.ID, b.ID) })
	for i, s := range all {
		if err := s.Validate(); err != nil {
			return nil, err
		}
		if i > 0 && all[i-1].ID == s.ID {
			return nil, fmt.Errorf("two sites with ID %q", s.ID)
		}
	}
	return all, nil
}

func wpiSite(r map[string]string, cc map[string]string) (sitrep.Site, error) {
	lat, lon, err := latLon(r["lat"], r["lon"])
	if err != nil {
		return sitrep.Site{}, err
	}
	if _, err := strconv.Atoi(r["wpi_number"]); err != nil {
		return sitrep.Site{}, fmt.Errorf("wpi_number %q: %v", r["wpi_number"], err)
	}
	size := r["harbor_size"]
	radius, ok := radiusM[size]
	if !ok {
		return sitrep.Site{}, fmt.Errorf("harbor_size %q unknown", size)
	}
	s := sitrep.Site{
		ID:      "wpi-" + r["wpi_number"],
		Name:    clean(r["name"]),
		Kind:    sitrep.SitePort,
		Country: cc[r["country"]],
		Shape:   sitrep.Shape{Kind: sitrep.ShapeCircle, Center: sitrep.LatLon{Lat: lat, Lon: lon}, RadiusM: radius},
		Source:  wpiSource, Approximate: true,
	}
	if l := r["locode"]; len(l) == 5 && l[:2] == s.Country {
		s.LOCODE = l
	}
	for _, a := range strings.Split(r["alternate_names"], ";") {
		if a = clean(a); a != "" && a != s.Name && !slices.Contains(s.Aliases, a) {
			s.Aliases = append(s.Aliases, a)
		}
	}
	sizeText := size
	if sizeText == "" {
		sizeText = "not given"
	}
	s.Notes = fmt.Sprintf("Circle of %g km around the WPI position (harbour size %s).", radius/1000, sizeText)
	return s, nil
}

// approved are the UN/LOCODE status codes of entries approved by a
// government, customs, facilitation, international or standards body.
var approved = []string{"AA", "AC", "AF", "AI", "AS"}

func unSite(r map[string]string, wpiCodes map[string]bool, wpi *geo.PointIndex) (sitrep.Site, bool, error) {
	code := r["locode"]
	if r["coord_source"] != "unlocode" || !slices.Contains(approved, r["status"]) || wpiCodes[code] {
		return sitrep.Site{}, false, nil
	}
	lat, lon, err := latLon(r["lat"], r["lon"])
	if err != nil {
		return sitrep.Site{}, false, err
	}
	p := geo.Point{Lat: lat, Lon: lon}
	dLat := unMinKm / 111.0
	box := geo.Box{MinLat: lat - dLat, MaxLat: lat + dLat, MinLon: lon - 1, MaxLon: lon + 1}
	if lon-1 < -180 {
		box.MinLon += 360
	}
	if lon+1 > 180 {
		box.MaxLon -= 360
	}
	close := false
	wpi.Search(box, func(_ uint32, q geo.Point) bool {
		close = geo.Distance(p, q) <= unMinKm*1000
		return !close
	})
	if close {
		return sitrep.Site{}, false, nil
	}
	name := clean(r["name"])
	s := sitrep.Site{
		ID: "locode-" + strings.ToLower(code), Name: name, Kind: sitrep.SitePort,
		Country: r["country"], LOCODE: code,
		Shape:  sitrep.Shape{Kind: sitrep.ShapeCircle, Center: sitrep.LatLon{Lat: lat, Lon: lon}, RadiusM: unRadiusM},
		Source: unSource, Approximate: true,
		Notes: fmt.Sprintf("Circle of %g km around the UN/LOCODE coordinates, which are given to the arc-minute; status %s. Not in the World Port Index; may be a small or inland port.",
			unRadiusM/1000.0, r["status"]),
	}
	if a := clean(r["name_ascii"]); a != "" && a != name {
		s.Aliases = []string{a}
	}
	return s, true, nil
}

func latLon(la, lo string) (float64, float64, error) {
	lat, err1 := strconv.ParseFloat(la, 64)
	lon, err2 := strconv.ParseFloat(lo, 64)
	if err1 != nil || err2 != nil || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180) {
		return 0, 0, fmt.Errorf("bad position %q, %q", la, lo)
	}
	return lat, lon, nil
}

// clean trims and collapses white space.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// readCSV reads a CSV file with a header line into maps by column name;
// a leading byte order mark is dropped.
func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseCSV(f, path)
}

func parseCSV(r io.Reader, name string) ([]map[string]string, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\ufeff")
	}
	var rows []map[string]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		m := make(map[string]string, len(head))
		for i, h := range head {
			m[h] = rec[i]
		}
		rows = append(rows, m)
	}
}

// countryCodes maps each WPI country name to the ISO 3166 alpha-2 code
// that most of its rows' LOCODEs start with (as gazetteer/internal/gen
// does); a few countries without any LOCODE are given by hand, the rest
// get no country.
func countryCodes(wpi []map[string]string) map[string]string {
	votes := map[string]map[string]int{}
	for _, r := range wpi {
		c := r["country"]
		if votes[c] == nil {
			votes[c] = map[string]int{}
		}
		if l := r["locode"]; len(l) == 5 {
			votes[c][l[:2]]++
		}
	}
	manual := map[string]string{"Gibraltar": "GI", "Johnson Atoll": "UM", "Midway Islands": "UM",
		"Norfolk Island": "NF", "Palau": "PW", "Wake Island": "UM"}
	out := map[string]string{}
	for c, v := range votes {
		best, n := "", 0
		for code, k := range v {
			if k > n || (k == n && code < best) {
				best, n = code, k
			}
		}
		if m, ok := manual[c]; ok {
			best = m
		}
		if best != "" {
			out[c] = best
		}
	}
	return out
}

// round5 rounds to 5 decimals (about 1 m), the precision of the inputs.
func round5(v float64) float64 { return math.Round(v*1e5) / 1e5 }
