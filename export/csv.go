package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"
)

// writeCSV writes one row per fix with a header; absent values are empty.
// The note, when set, is written as a first comment line ("# ...").
func writeCSV(w io.Writer, t Track) error {
	if t.Note != "" {
		if _, err := io.WriteString(w, "# "+t.Note+"\n"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"mmsi", "name", "time", "lat", "lon", "sog", "cog", "heading", "nav_status", "flags"})
	for _, p := range t.Positions {
		row := []string{p.MMSI.String(), t.Vessel.Name, p.Time.UTC().Format(time.RFC3339Nano),
			strconv.FormatFloat(p.Lat, 'f', -1, 64), strconv.FormatFloat(p.Lon, 'f', -1, 64), "", "", "", "", p.Flags.String()}
		if v, ok := p.SpeedOverGround(); ok {
			row[5] = strconv.FormatFloat(float64(v), 'f', -1, 32)
		}
		if v, ok := p.CourseOverGround(); ok {
			row[6] = strconv.FormatFloat(float64(v), 'f', -1, 32)
		}
		if v, ok := p.TrueHeading(); ok {
			row[7] = strconv.Itoa(int(v))
		}
		if v, ok := p.NavigationStatus(); ok {
			row[8] = v.String()
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}
