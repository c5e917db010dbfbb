package csvimport

import (
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ingest"
)

// record converts one row.
func (r *Reader) record(fields []string) (Record, error) {
	rec := Record{Line: r.line}
	if len(fields) < 2 {
		return rec, &RowError{Line: r.line, Err: ErrFieldCount}
	}
	p := &rec.Position

	v, col := r.cell(fields, colMMSI)
	if v == "" {
		return rec, &RowError{Line: r.line, Column: col, Err: ErrMissing}
	}
	mmsi, err := sitrep.ParseMMSI(v)
	if err != nil {
		return rec, r.bad(colMMSI, col, v, "not an MMSI of 1 to 9 digits")
	}
	p.MMSI = mmsi

	v, col = r.cell(fields, colTime)
	if v == "" {
		return rec, &RowError{Line: r.line, Column: col, Err: ErrMissing}
	}
	t, err := r.parseTime(v)
	if err != nil {
		return rec, r.bad(colTime, col, v, err.Error())
	}
	p.Time, p.TimeSource = t, sitrep.TimeSourceFileColumn
	p.Sources = []sitrep.Provenance{{Feed: r.cfg.Feed}}

	lat, err := r.number(fields, colLat, -90, 90)
	if err != nil {
		return rec, err
	}
	lon, err := r.number(fields, colLon, -180, 180)
	if err != nil {
		return rec, err
	}
	if lat == nil || lon == nil {
		_, col := r.cell(fields, colLat)
		return rec, &RowError{Line: r.line, Column: col, Err: ErrMissing}
	}
	p.Lat, p.Lon = *lat, *lon

	if sog, err := r.number(fields, colSOG, 0, 102.2); err != nil {
		return rec, err
	} else if sog != nil {
		p.SetSOG(float32(*sog))
	}
	if cog, err := r.number(fields, colCOG, -360, 359.99); err != nil {
		return rec, err
	} else if cog != nil {
		c := *cog
		if c < 0 {
			c += 360
		}
		p.SetCOG(float32(c))
	}
	if hd, err := r.number(fields, colHeading, 0, 359); err != nil {
		return rec, err
	} else if hd != nil {
		p.SetHeading(uint16(*hd))
	}
	if err := r.navStatus(fields, p); err != nil {
		return rec, err
	}
	p.Class = r.class(fields)
	if err := r.identity(fields, &rec); err != nil {
		return rec, err
	}
	return rec, nil
}

// number parses an optional numeric field. Values outside [lo, hi] that are
// AIS "not available" codes (heading 511, COG 360, SOG 102.3, lat 91,
// lon 181) are absent; other values outside the range are errors.
func (r *Reader) number(fields []string, field string, lo, hi float64) (*float64, error) {
	v, col := r.cell(fields, field)
	if v == "" || strings.EqualFold(v, "unknown") || strings.EqualFold(v, "undefined") || strings.EqualFold(v, "nan") {
		return nil, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return nil, r.bad(field, col, v, "not a number")
	}
	if f < lo || f > hi {
		switch {
		case field == colHeading && f == 511, field == colCOG && f >= 360 && f <= 409.5,
			field == colSOG && f >= 102.3, field == colLat && f == 91, field == colLon && f == 181:
			return nil, nil
		}
		return nil, r.bad(field, col, v, "out of range")
	}
	return &f, nil
}

// navStatus reads a numeric (MarineCadastre) or textual (DMA) status.
func (r *Reader) navStatus(fields []string, p *sitrep.Position) error {
	v, col := r.cell(fields, colNavStatus)
	if v == "" {
		return nil
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 || n > 15 {
			return r.bad(colNavStatus, col, v, "not a status 0..15")
		}
		if n != 15 {
			p.SetNavStatus(sitrep.NavStatus(n))
		}
		return nil
	}
	if s, ok := navStatusText[strings.ToLower(v)]; ok {
		p.SetNavStatus(s)
	}
	return nil // unrecognised text ("Unknown value") is absent, not an error
}

// navStatusText maps DMA's status texts; read-only.
var navStatusText = map[string]sitrep.NavStatus{
	"under way using engine": sitrep.NavUnderWayEngine, "at anchor": sitrep.NavAtAnchor,
	"not under command": sitrep.NavNotUnderCommand, "restricted maneuverability": sitrep.NavRestricted,
	"restricted manoeuvrability": sitrep.NavRestricted, "constrained by her draught": sitrep.NavConstrainedByDraught,
	"moored": sitrep.NavMoored, "aground": sitrep.NavAground, "engaged in fishing": sitrep.NavFishing,
	"under way sailing": sitrep.NavUnderWaySailing, "ais-sart": sitrep.NavSARTActive,
}

// class reads the transponder class ("Class A", "A", "B", "Base Station").
func (r *Reader) class(fields []string) sitrep.VesselClass {
	v, _ := r.cell(fields, colClass)
	switch strings.ToLower(v) {
	case "class a", "a":
		return sitrep.ClassA
	case "class b", "b":
		return sitrep.ClassB
	case "base station":
		return sitrep.ClassBaseStation
	case "aton":
		return sitrep.ClassAtoN
	case "sar airborne":
		return sitrep.ClassSARAircraft
	}
	return sitrep.ClassUnknown
}

// shipTypeText maps DMA's ship type texts to a representative M.1371 code;
// read-only.
var shipTypeText = map[string]sitrep.ShipType{
	"wig": 20, "fishing": 30, "towing": 31, "towing long/wide": 32, "dredging": 33, "diving": 34,
	"military": 35, "sailing": 36, "pleasure": 37, "hsc": 40, "pilot": 50, "sar": 51, "tug": 52,
	"port tender": 53, "anti-pollution": 54, "law enforcement": 55, "medical": 58,
	"not party to conflict": 59, "passenger": 60, "cargo": 70, "tanker": 80, "other": 90,
}

// identity fills rec.Identity from the identity columns present.
func (r *Reader) identity(fields []string, rec *Record) error {
	u := &rec.Identity
	u.Time = rec.Position.Time
	u.Identity.MMSI = rec.Position.MMSI
	u.Identity.Class = rec.Position.Class
	u.Source = rec.Position.Sources[0]
	if c, ok := rec.Position.MMSI.Flag(); ok {
		u.Identity.Flag = c.Code
	}
	if v, _ := r.cell(fields, colName); v != "" && !strings.EqualFold(v, "unknown") {
		u.Identity.Name, u.Fields = strings.ToUpper(v), u.Fields|ingest.HasName
	}
	if v, _ := r.cell(fields, colCallsign); v != "" && !strings.EqualFold(v, "unknown") {
		u.Identity.Callsign, u.Fields = strings.ToUpper(v), u.Fields|ingest.HasCallsign
	}
	if v, col := r.cell(fields, colIMO); v != "" && !strings.EqualFold(v, "unknown") {
		n, err := strconv.ParseUint(strings.TrimPrefix(strings.ToUpper(v), "IMO"), 10, 32)
		if err != nil {
			return r.bad(colIMO, col, v, "not an IMO number")
		}
		if n != 0 {
			u.Identity.IMO, u.Fields = uint32(n), u.Fields|ingest.HasIMO
		}
	}
	if v, col := r.cell(fields, colShipType); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			if n < 0 || n > 255 {
				return r.bad(colShipType, col, v, "not a ship type 0..255")
			}
			if n != 0 {
				u.Identity.ShipType, u.Fields = sitrep.ShipType(n), u.Fields|ingest.HasShipType
			}
		} else if st, ok := shipTypeText[strings.ToLower(v)]; ok {
			u.Identity.ShipType, u.Fields = st, u.Fields|ingest.HasShipType
		}
	}
	length, err := r.number(fields, colLength, 0, 1000)
	if err != nil {
		return err
	}
	width, err := r.number(fields, colWidth, 0, 200)
	if err != nil {
		return err
	}
	if (length != nil && *length > 0) || (width != nil && *width > 0) {
		if length != nil {
			u.Identity.Length = uint16(*length + 0.5)
		}
		if width != nil {
			u.Identity.Beam = uint16(*width + 0.5)
		}
		u.Fields |= ingest.HasDimensions
	}
	if d, err := r.number(fields, colDraught, 0, 30); err != nil {
		return err
	} else if d != nil && *d > 0 {
		u.Voyage.Draught, u.Fields = float32(*d), u.Fields|ingest.HasDraught
	}
	if v, _ := r.cell(fields, colDestination); v != "" && !strings.EqualFold(v, "unknown") {
		u.Voyage.Destination, u.Fields = strings.ToUpper(v), u.Fields|ingest.HasDestination
	}
	if v, col := r.cell(fields, colETA); v != "" && !strings.EqualFold(v, "unknown") {
		eta, err := time.ParseInLocation("02/01/2006 15:04:05", v, r.cfg.Location)
		if err != nil {
			return r.bad(colETA, col, v, "not a dd/mm/yyyy hh:mm:ss time")
		}
		u.Voyage.ETA, u.Fields = eta.UTC(), u.Fields|ingest.HasETA
	}
	return nil
}

// parseTime parses a time cell per the configured or layout format.
func (r *Reader) parseTime(v string) (time.Time, error) {
	switch f := r.cfg.TimeFormat; {
	case f == "unix" || f == "unixms":
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return time.Time{}, errNotTime(f)
		}
		if f == "unix" {
			return time.Unix(n, 0).UTC(), nil
		}
		return time.UnixMilli(n).UTC(), nil
	case f == "rfc3339":
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return time.Time{}, errNotTime(f)
		}
		return t.UTC(), nil
	case f != "":
		t, err := time.ParseInLocation(f, v, r.cfg.Location)
		if err != nil {
			return time.Time{}, errNotTime(f)
		}
		return t.UTC(), nil
	}
	switch r.layout {
	case DMA:
		t, err := time.ParseInLocation("02/01/2006 15:04:05", v, r.cfg.Location)
		if err != nil {
			return time.Time{}, errNotTime("dd/mm/yyyy hh:mm:ss")
		}
		return t.UTC(), nil
	case MarineCadastre:
		t, err := time.ParseInLocation("2006-01-02T15:04:05", v, r.cfg.Location)
		if err != nil {
			return time.Time{}, errNotTime("yyyy-mm-ddThh:mm:ss")
		}
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t.UTC(), nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04:05.999999999"} {
		if t, err := time.ParseInLocation(layout, v, r.cfg.Location); err == nil {
			return t.UTC(), nil
		}
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n > 1e11 || n < -1e11 {
			return time.UnixMilli(n).UTC(), nil
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Time{}, errNotTime("RFC 3339, yyyy-mm-dd hh:mm:ss or Unix time")
}

type timeFormatError string

func (e timeFormatError) Error() string { return "not a time in the format " + string(e) }

func errNotTime(format string) error { return timeFormatError(format) }
