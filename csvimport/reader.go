package csvimport

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/ingest"
)

// Config tunes a Reader. The zero Config detects everything.
type Config struct {
	// Columns maps fields (mmsi, time, lat, lon, sog, cog, heading,
	// nav_status, name, callsign, imo, ship_type, length, width, draught,
	// destination, eta, class) to header names, for files whose header the
	// generic layout does not recognise.
	Columns map[string]string
	// TimeFormat is a Go time layout, or "unix", "unixms", "rfc3339".
	// Empty: the layout's own format (see the package doc).
	TimeFormat string
	// Location is the time zone of times without one. Default UTC.
	Location *time.Location
	// Feed names the file in provenance.
	Feed string
	// MaxLineBytes bounds a line; longer lines are rejected. Default 64 KiB.
	MaxLineBytes int
}

// Record is one row: a position, and identity data when the row has any.
type Record struct {
	Line     int
	Position sitrep.Position
	Identity ingest.IdentityUpdate // Identity.Fields == 0 when the row has none
}

// RowError reports a rejected row: its line, the column (header name, or
// empty for the whole line) and why.
type RowError struct {
	Line   int
	Column string
	Err    error
}

func (e *RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("line %d, column %q: %v", e.Line, e.Column, e.Err)
}

// Unwrap returns the cause.
func (e *RowError) Unwrap() error { return e.Err }

// Sentinel causes of a RowError.
var (
	ErrLineTooLong = errors.New("line too long")
	ErrFieldCount  = errors.New("too few fields")
	ErrValue       = errors.New("invalid value")
	ErrMissing     = errors.New("required value missing")
)

// Stats counts what a Reader has read.
type Stats struct {
	Lines    int64 // lines read, header included
	Records  int64 // rows returned
	Rejected int64 // rows rejected with a *RowError
	Blank    int64 // empty lines
}

// Reader reads records from a position CSV file.
type Reader struct {
	br     *bufio.Reader
	cfg    Config
	layout Layout
	header []string
	cols   map[string]int
	line   int
	stats  Stats
	skip   bool // inside a too-long line
}

// NewReader reads the header line and detects the layout. It returns an
// error naming the missing columns when it cannot find an id, a time, a
// latitude and a longitude column.
func NewReader(r io.Reader, cfg Config) (*Reader, error) {
	if cfg.MaxLineBytes <= 0 {
		cfg.MaxLineBytes = 64 << 10
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	rd := &Reader{br: bufio.NewReaderSize(r, 64<<10), cfg: cfg}
	for {
		line, err := rd.readLine()
		if err != nil {
			if err == io.EOF {
				return nil, errors.New("empty file: no header line")
			}
			var re *RowError
			if errors.As(err, &re) {
				return nil, fmt.Errorf("header: %w", err)
			}
			return nil, err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		fields, err := splitCSV(line)
		if err != nil {
			return nil, fmt.Errorf("line %d (header): %w", rd.line, err)
		}
		rd.layout, rd.cols, err = detect(fields, cfg.Columns)
		if err != nil {
			return nil, fmt.Errorf("line %d (header): %w", rd.line, err)
		}
		rd.header = fields
		return rd, nil
	}
}

// Layout returns the detected layout.
func (r *Reader) Layout() Layout { return r.layout }

// Stats returns the counters so far.
func (r *Reader) Stats() Stats { return r.stats }

// Next returns the next record; a *RowError for a rejected row (call Next
// again: the import goes on); io.EOF at the end; other errors from the
// underlying reader as they are.
func (r *Reader) Next() (Record, error) {
	for {
		line, err := r.readLine()
		if err != nil {
			var re *RowError
			if errors.As(err, &re) {
				r.stats.Rejected++
			}
			return Record{}, err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			r.stats.Blank++
			continue
		}
		fields, err := splitCSV(line)
		if err != nil {
			r.stats.Rejected++
			return Record{}, &RowError{Line: r.line, Err: fmt.Errorf("%w: %v", ErrValue, err)}
		}
		rec, err := r.record(fields)
		if err != nil {
			r.stats.Rejected++
			return Record{}, err
		}
		r.stats.Records++
		return rec, nil
	}
}

// readLine returns the next line without its end, rejecting (and skipping
// to the next newline) lines longer than the limit.
func (r *Reader) readLine() ([]byte, error) {
	for {
		line, err := r.br.ReadSlice('\n')
		switch {
		case err == bufio.ErrBufferFull || (err == nil && len(line) > r.cfg.MaxLineBytes):
			if !r.skip {
				r.line++
				r.stats.Lines++
			}
			if err == nil {
				r.skip = false
				return nil, &RowError{Line: r.line, Err: ErrLineTooLong}
			}
			if !r.skip {
				r.skip = true
				return nil, &RowError{Line: r.line, Err: ErrLineTooLong}
			}
			continue
		case r.skip:
			r.skip = false
			if err != nil {
				return nil, err
			}
			continue
		case err == io.EOF && len(line) > 0:
			// A last line without a newline.
		case err != nil:
			return nil, err
		}
		r.line++
		r.stats.Lines++
		return bytes.TrimRight(line, "\r\n"), nil
	}
}

// splitCSV splits one line into fields with encoding/csv's quoting rules
// (quoted fields may hold commas; a field spanning lines is not supported).
func splitCSV(line []byte) ([]string, error) {
	cr := csv.NewReader(bytes.NewReader(line))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	f, err := cr.Read()
	if err != nil {
		return nil, err
	}
	return f, nil
}

// cell returns the trimmed value of a field, "" when absent.
func (r *Reader) cell(fields []string, field string) (string, string) {
	i, ok := r.cols[field]
	if !ok || i >= len(fields) {
		return "", ""
	}
	return strings.TrimSpace(fields[i]), r.header[i]
}

func (r *Reader) bad(field, col, val string, why string) error {
	return &RowError{Line: r.line, Column: col, Err: fmt.Errorf("%w: %s %q: %s", ErrValue, field, val, why)}
}
