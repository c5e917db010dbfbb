package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep/csvimport"
	"github.com/sitrep-osint/sitrep/ingest"
	"github.com/sitrep-osint/sitrep/sqlite"
	"github.com/spf13/cobra"
)

func newImportCmd() *cobra.Command {
	var columns, timeFormat string
	var showErrors bool
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Import historical positions from CSV downloads or timestamped NMEA captures",
		Long: `Import reads position CSV files of the kinds analysts download — Danish
Maritime Authority, NOAA MarineCadastre, or any file with an id, time,
latitude and longitude column — and NMEA captures with timestamps (tag
blocks, trailers or $PGHP headers), and stores them as replay does.

A file whose first line starts with '!', '$' or '\' is read as NMEA; any other
as CSV, its layout recognised from the header. Bad rows are reported with
their line and column (--errors) and counted; they never stop the import.`,
		Example: `  sitrep import aisdk-2025-02-10.csv
  sitrep import --columns mmsi=ship_id,time=ts,lat=y,lon=x --time-format unix export.csv
  sitrep import capture-with-tagblocks.nmea`,
		Args: cobra.MinimumNArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	detectFlag := cmd.Flags().Bool("detect", true, "detect events (visits, transits, gaps, ...) with the default parameters and the bundled and stored sites")
	received := receivedFlag(cmd)
	cmd.Flags().StringVar(&columns, "columns", "", "CSV column mapping FIELD=HEADER,... (fields: mmsi,time,lat,lon,sog,cog,heading,nav_status,name,callsign,imo,ship_type,length,width,draught,destination,eta,class)")
	cmd.Flags().StringVar(&timeFormat, "time-format", "", "CSV time format: a Go layout, unix, unixms or rfc3339 (default: by layout)")
	cmd.Flags().BoolVar(&showErrors, "errors", false, "print each rejected row with its line and column to stderr")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		cols, err := parseColumns(columns)
		if err != nil {
			return err
		}
		ctx := cmd.Context()
		if ctx == nil {
			ctx = context.Background()
		}
		start := time.Now()
		store, err := sqlite.Open(ctx, dataDir(), sqlite.Options{})
		if err != nil {
			return err
		}
		defer store.Close()
		p, err := newPipeline(ctx, store, pipelineOptions{detect: *detectFlag})
		if err != nil {
			return err
		}
		finished := false
		defer func() { // before store.Close: stop the writer on an early return
			if !finished {
				p.stop()
			}
		}()
		errw := cmd.ErrOrStderr()
		var rows, rejected int64
		for _, name := range args {
			stage := ingest.New(ingest.Config{Feed: name, ShareSources: true}, p.sink())
			recv, err := received(name)
			if err != nil {
				return err
			}
			r, _, closeFn, err := openInput(name, cmd.InOrStdin())
			if err != nil {
				return err
			}
			br := bufio.NewReaderSize(r, 64<<10)
			first, _ := br.Peek(1)
			if len(first) == 1 && strings.ContainsRune("!$\\", rune(first[0])) {
				_, _, err = p.nmeaStream(name, br, recv, nil)
			} else {
				var n, rej int64
				n, rej, err = importCSV(p, stage, name, br, csvimport.Config{Columns: cols, TimeFormat: timeFormat, Feed: name}, showErrors, errw)
				rows, rejected = rows+n, rejected+rej
			}
			closeFn()
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		finished = true
		if err := p.finish(); err != nil {
			return err
		}
		fmt.Fprintf(errw, "sitrep import: %d CSV rows (%d rejected), %d NMEA lines rejected; stored %d positions of %d vessels, %d identity changes in %s\n",
			rows, rejected, p.rejected, p.positions, p.state.Len(), p.changesN, time.Since(start).Round(time.Millisecond))
		return nil
	}
	return cmd
}

// importCSV feeds one CSV file through the pipeline's track state and store.
func importCSV(p *pipeline, stage *ingest.Stage, name string, r io.Reader, cfg csvimport.Config, showErrors bool, errw io.Writer) (rows, rejected int64, err error) {
	cr, err := csvimport.NewReader(r, cfg)
	if err != nil {
		return 0, 0, err
	}
	for {
		rec, err := cr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *csvimport.RowError
		if errors.As(err, &re) {
			rejected++
			if showErrors {
				fmt.Fprintf(errw, "%s:%v\n", name, re)
			}
			continue
		}
		if err != nil {
			return rows, rejected, err
		}
		rows++
		if rec.Identity.Fields != 0 {
			p.identity(rec.Identity)
		}
		stage.HandlePosition(rec.Position) // plausibility, then p.position
		if err := p.failure(); err != nil {
			return rows, rejected, err
		}
	}
	return rows, rejected, nil
}

// parseColumns parses "field=header,field=header".
func parseColumns(s string) (map[string]string, error) {
	if s == "" {
		return nil, nil
	}
	m := map[string]string{}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" || strings.TrimSpace(v) == "" {
			return nil, fmt.Errorf("--columns: %q is not FIELD=HEADER", kv)
		}
		m[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return m, nil
}
