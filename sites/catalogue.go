package sites

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"

	"github.com/sitrep-osint/sitrep"
)

// catalogue.geojson.gz is derived from the shared NGA World Port Index and
// UN/LOCODE files and the hand-drawn sites of internal/gen/curated.go (see
// internal/gen and ATTRIBUTION.md).
//go:generate go run ./internal/gen -data ../../shared/data -o catalogue.geojson.gz

//go:embed catalogue.geojson.gz
var catalogueGz []byte

// parsedCatalogue parses the embedded catalogue once; its result is never
// modified (Catalogue hands out copies).
var parsedCatalogue = sync.OnceValues(func() ([]sitrep.Site, error) {
	zr, err := gzip.NewReader(bytes.NewReader(catalogueGz))
	if err != nil {
		return nil, fmt.Errorf("sites: embedded catalogue: %w", err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("sites: embedded catalogue: %w", err)
	}
	s, err := ReadGeoJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("sites: embedded catalogue: %w", err)
	}
	return s, nil
})

// Catalogue returns the bundled sites, sorted by ID: every port of the NGA
// World Port Index ("wpi-<number>", a circle whose radius follows the
// harbour size), approved UN/LOCODE ports that the WPI lacks
// ("locode-<code>"), the straits and canals that matter for naval
// logistics (a band polygon "strait-gibraltar" and a gate line
// "strait-gibraltar-gate" each), and the sites of the Tartus story. See
// docs/sites.md for the sources and radii.
//
// The embedded data is parsed on the first call; each call returns a deep
// copy that the caller may modify. An error means the embedded data is
// corrupt (a build problem), never the caller's input.
func Catalogue() ([]sitrep.Site, error) {
	all, err := parsedCatalogue()
	if err != nil {
		return nil, err
	}
	out := make([]sitrep.Site, len(all))
	for i, s := range all {
		out[i] = Clone(s)
	}
	return out, nil
}

// Clone returns a deep copy of s: no slice or map is shared with s.
func Clone(s sitrep.Site) sitrep.Site {
	s.Aliases = slices.Clone(s.Aliases)
	s.Params = maps.Clone(s.Params)
	s.Shape.Line = slices.Clone(s.Shape.Line)
	if s.Shape.Rings != nil {
		rings := make([][]sitrep.LatLon, len(s.Shape.Rings))
		for i, r := range s.Shape.Rings {
			rings[i] = slices.Clone(r)
		}
		s.Shape.Rings = rings
	}
	return s
}
