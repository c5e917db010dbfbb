// Package export writes vessel tracks in the formats analysts load into
// other tools: GeoJSON (a LineString feature for the track and a Point
// feature per fix), CSV, KML and GPX. Every format carries the vessel's
// identity and, per fix, time, position, speed, course and heading where
// available; the fixes' plausibility flags are kept (GeoJSON, CSV) so that
// a flagged jump is visible, not silently drawn.
package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/sitrep-osint/sitrep"
)

// Format is an export format.
type Format string

// The export formats.
const (
	GeoJSON Format = "geojson"
	CSV     Format = "csv"
	KML     Format = "kml"
	GPX     Format = "gpx"
)

// Formats lists the formats, for help texts.
var Formats = []Format{GeoJSON, CSV, KML, GPX}

// ParseFormat returns the format named s (case-insensitive), or an error
// listing the valid names.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if strings.EqualFold(s, string(f)) {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", sitrep.Errorf(sitrep.EINVALID, "unknown format %q (use %s)", s, strings.Join(names, ", "))
}

// Track is what an export describes: a vessel and its fixes in time order.
type Track struct {
	Vessel    sitrep.Vessel
	Positions []sitrep.Position
	// Note is written into the file's metadata, e.g. "SIMULATED data" or
	// the source of the data.
	Note string
}

// SimulatedNote is the note Write adds to a track with simulated positions.
const SimulatedNote = "Contains SIMULATED positions (received from a sitrep-simulated station): not for use as evidence"

// Write writes t in format f. When any position was received from a
// simulated station or feed (sitrep.Provenance.Simulated), the file says
// so: SimulatedNote goes before t.Note.
func Write(w io.Writer, f Format, t Track) error {
	for i := range t.Positions {
		if sitrep.AnySimulated(t.Positions[i].Sources) {
			if t.Note == "" {
				t.Note = SimulatedNote
			} else {
				t.Note = SimulatedNote + ". " + t.Note
			}
			break
		}
	}
	switch f {
	case GeoJSON:
		return writeGeoJSON(w, t)
	case CSV:
		return writeCSV(w, t)
	case KML:
		return writeKML(w, t)
	case GPX:
		return writeGPX(w, t)
	}
	return fmt.Errorf("export: unknown format %q", f)
}

// title names the vessel for headers: "SPARTA (MMSI 273000001)".
func title(v sitrep.Vessel) string {
	if v.Name != "" {
		return fmt.Sprintf("%s (MMSI %s)", v.Name, v.MMSI)
	}
	return "MMSI " + v.MMSI.String()
}
