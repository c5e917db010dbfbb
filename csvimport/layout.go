package csvimport

import (
	"fmt"
	"strings"
)

// Layout is a recognised CSV layout.
type Layout int

// The layouts Reader recognises.
const (
	Generic        Layout = iota // columns found by common names or Config.Columns
	DMA                          // Danish Maritime Authority AIS download
	MarineCadastre               // NOAA MarineCadastre AIS download (2015 onwards)
)

// String names the layout.
func (l Layout) String() string {
	switch l {
	case DMA:
		return "dma"
	case MarineCadastre:
		return "marinecadastre"
	}
	return "generic"
}

// Fields a row can map to. Config.Columns keys use these names.
const (
	colMMSI        = "mmsi"
	colTime        = "time"
	colLat         = "lat"
	colLon         = "lon"
	colSOG         = "sog"
	colCOG         = "cog"
	colHeading     = "heading"
	colNavStatus   = "nav_status"
	colName        = "name"
	colCallsign    = "callsign"
	colIMO         = "imo"
	colShipType    = "ship_type"
	colLength      = "length"
	colWidth       = "width"
	colDraught     = "draught"
	colDestination = "destination"
	colETA         = "eta"
	colClass       = "class"
)

// knownFields lists the Config.Columns keys, for error messages.
var knownFields = []string{colMMSI, colTime, colLat, colLon, colSOG, colCOG, colHeading, colNavStatus,
	colName, colCallsign, colIMO, colShipType, colLength, colWidth, colDraught, colDestination, colETA, colClass}

// headerNames maps a field to the header names that mean it, per layout.
var headerNames = map[Layout]map[string][]string{
	DMA: {
		colTime: {"# timestamp", "timestamp"}, colClass: {"type of mobile"}, colMMSI: {"mmsi"},
		colLat: {"latitude"}, colLon: {"longitude"}, colNavStatus: {"navigational status"},
		colSOG: {"sog"}, colCOG: {"cog"}, colHeading: {"heading"}, colIMO: {"imo"},
		colCallsign: {"callsign"}, colName: {"name"}, colShipType: {"ship type"},
		colWidth: {"width"}, colLength: {"length"}, colDraught: {"draught"},
		colDestination: {"destination"}, colETA: {"eta"},
	},
	MarineCadastre: {
		colMMSI: {"mmsi"}, colTime: {"basedatetime"}, colLat: {"lat"}, colLon: {"lon"},
		colSOG: {"sog"}, colCOG: {"cog"}, colHeading: {"heading"}, colName: {"vesselname"},
		colIMO: {"imo"}, colCallsign: {"callsign"}, colShipType: {"vesseltype"},
		colNavStatus: {"status"}, colLength: {"length"}, colWidth: {"width"}, colDraught: {"draft"},
		colClass: {"transceiverclass"},
	},
	Generic: {
		colMMSI: {"mmsi", "id", "ship_id", "vessel_id", "userid"},
		colTime: {"time", "timestamp", "datetime", "date_time", "basedatetime", "ts", "t"},
		colLat:  {"lat", "latitude", "y"}, colLon: {"lon", "lng", "long", "longitude", "x"},
		colSOG: {"sog", "speed"}, colCOG: {"cog", "course"}, colHeading: {"heading", "hdg"},
		colName: {"name", "vesselname", "shipname"}, colCallsign: {"callsign", "call_sign"},
		colIMO: {"imo"}, colShipType: {"ship_type", "shiptype", "vesseltype"},
		colDestination: {"destination"}, colNavStatus: {"nav_status", "status"},
	},
}

// detect picks the layout from the header and maps fields to column
// indexes. Explicit columns (field -> header name) override and force the
// generic layout.
func detect(header []string, explicit map[string]string) (Layout, map[string]int, error) {
	norm := make([]string, len(header))
	for i, h := range header {
		norm[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	}
	find := func(names []string) int {
		for _, n := range names {
			for i, h := range norm {
				if h == n {
					return i
				}
			}
		}
		return -1
	}
	layout := Generic
	switch {
	case len(explicit) > 0:
	case find([]string{"# timestamp"}) >= 0 && find([]string{"type of mobile"}) >= 0:
		layout = DMA
	case find([]string{"basedatetime"}) >= 0 && find([]string{"mmsi"}) >= 0:
		layout = MarineCadastre
	}
	cols := map[string]int{}
	for field, names := range headerNames[layout] {
		if i := find(names); i >= 0 {
			cols[field] = i
		}
	}
	for field, name := range explicit {
		if !contains(knownFields, field) {
			return layout, nil, fmt.Errorf("unknown field %q in column mapping (fields: %s)", field, strings.Join(knownFields, ", "))
		}
		i := find([]string{strings.ToLower(strings.TrimSpace(name))})
		if i < 0 {
			return layout, nil, fmt.Errorf("column mapping %s=%s: no column %q in the header %q", field, name, name, strings.Join(header, ","))
		}
		cols[field] = i
	}
	var missing []string
	for _, f := range []string{colMMSI, colTime, colLat, colLon} {
		if _, ok := cols[f]; !ok {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return layout, nil, fmt.Errorf("header %q lacks the %s column(s); name them with a column mapping such as mmsi=ID,time=TS,lat=Y,lon=X",
			strings.Join(header, ","), strings.Join(missing, ", "))
	}
	return layout, cols, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
