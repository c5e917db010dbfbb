package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/export"
	"github.com/sitrep-osint/sitrep/sqlite"
	"github.com/spf13/cobra"
)

// openStore opens the store in the data directory for a query command.
func openStore(cmd *cobra.Command, dir string) (context.Context, *sqlite.Store, error) {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	s, err := sqlite.Open(ctx, dir, sqlite.Options{})
	return ctx, s, err
}

// formatFlag adds --format table|json.
func formatFlag(cmd *cobra.Command) *string {
	f := cmd.Flags().String("format", "table", "output format: table or json")
	return f
}

func checkFormat(f string) error {
	if f != "table" && f != "json" {
		return sitrep.Errorf(sitrep.EINVALID, "unknown format %q (use table or json)", f)
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func newVesselsCmd() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "vessels [search TEXT]",
		Short: "List vessels, or search them by name, MMSI, IMO or call sign",
		Long: `List the vessels in the store, or those whose name, call sign, MMSI or IMO
starts with TEXT (case-insensitive).`,
		Example: `  sitrep vessels
  sitrep vessels search spar
  sitrep vessels search 2730 --format json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 || (len(args) == 2 && args[0] == "search") {
				return nil
			}
			return fmt.Errorf("usage: sitrep vessels [search TEXT]")
		},
	}
	dataDir := dataDirFlag(cmd)
	format := formatFlag(cmd)
	cmd.Flags().IntVar(&limit, "limit", 100, "at most this many vessels (0: all)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		text := ""
		if len(args) == 2 {
			text = args[1]
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		vs, err := s.Vessels(ctx, text, limit)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(cmd.OutOrStdout(), vs)
		}
		tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "MMSI\tNAME\tCALLSIGN\tIMO\tFLAG\tTYPE\tDESTINATION\tLAST SEEN")
		for _, v := range vs {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", v.MMSI, v.Name, v.Callsign, imoText(v.IMO), v.Flag,
				shipTypeText(v.ShipType), v.Destination, timeText(v.LastSeen))
		}
		return tw.Flush()
	}
	return cmd
}

func imoText(n uint32) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}

func shipTypeText(t sitrep.ShipType) string {
	if t == 0 {
		return ""
	}
	return t.String()
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05Z")
}

func newVesselCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "vessel MMSI",
		Short:   "Show a vessel: identity, history of changes, last position, declared destination",
		Example: "  sitrep vessel 273297850",
		Args:    cobra.ExactArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	format := formatFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		mmsi, err := sitrep.ParseMMSI(args[0])
		if err != nil {
			return err
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		v, err := s.Vessel(ctx, mmsi)
		if err != nil {
			return err
		}
		hist, err := s.IdentityHistory(ctx, mmsi)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(cmd.OutOrStdout(), struct {
				Vessel  sitrep.Vessel           `json:"vessel"`
				History []sitrep.IdentityChange `json:"history"`
			}{v, hist})
		}
		w := cmd.OutOrStdout()
		fmt.Fprintf(w, "MMSI %s", v.MMSI)
		if c, ok := v.MMSI.Flag(); ok {
			fmt.Fprintf(w, " (%s, %s)", c.Name, v.MMSI.Kind())
		}
		fmt.Fprintln(w)
		row := func(k, val string) {
			if val != "" {
				fmt.Fprintf(w, "  %-12s %s\n", k, val)
			}
		}
		row("name", v.Name)
		row("call sign", v.Callsign)
		row("IMO", imoText(v.IMO))
		row("type", shipTypeText(v.ShipType))
		if v.Length > 0 || v.Beam > 0 {
			row("size", fmt.Sprintf("%d m x %d m", v.Length, v.Beam))
		}
		dest := v.Destination
		if v.DestinationPort != nil {
			dest += fmt.Sprintf(" -> %s (%s, %s)", v.DestinationPort.Name, v.DestinationPort.LOCODE, v.DestinationPort.Country)
		} else if dest != "" {
			dest += " (unresolved)"
		}
		row("destination", dest)
		if !v.ETA.IsZero() {
			row("ETA", timeText(v.ETA))
		}
		if v.Draught > 0 {
			row("draught", fmt.Sprintf("%.1f m", v.Draught))
		}
		if p := v.LastPosition; p != nil {
			s := fmt.Sprintf("%.5f, %.5f at %s", p.Lat, p.Lon, timeText(p.Time))
			if sog, ok := p.SpeedOverGround(); ok {
				s += fmt.Sprintf(", %.1f kn", sog)
			}
			if cog, ok := p.CourseOverGround(); ok {
				s += fmt.Sprintf(", course %.1f", cog)
			}
			row("position", s)
		}
		row("first seen", timeText(v.FirstSeen))
		row("last seen", timeText(v.LastSeen))
		if len(hist) > 0 {
			fmt.Fprintln(w, "  changes:")
			for _, c := range hist {
				fmt.Fprintf(w, "    %s  %-11s %q -> %q (until %s)\n", timeText(c.FirstSeen), c.Field, c.Old, c.New, timeText(c.LastSeen))
			}
		}
		return nil
	}
	return cmd
}

func newTrackCmd() *cobra.Command {
	var from, to, format string
	cmd := &cobra.Command{
		Use:   "track MMSI",
		Short: "Export a vessel's track as GeoJSON, CSV, KML or GPX",
		Example: `  sitrep track 273297850 --from 2025-01-25 --to 2025-02-15 --format geojson > sparta.geojson
  sitrep track 273297850 --format gpx > sparta.gpx`,
		Args: cobra.ExactArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	cmd.Flags().StringVar(&from, "from", "", "start time (RFC 3339 or YYYY-MM-DD, inclusive)")
	cmd.Flags().StringVar(&to, "to", "", "end time (RFC 3339 or YYYY-MM-DD, exclusive)")
	cmd.Flags().StringVar(&format, "format", "geojson", "geojson, csv, kml or gpx")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		f, err := export.ParseFormat(format)
		if err != nil {
			return err
		}
		mmsi, err := sitrep.ParseMMSI(args[0])
		if err != nil {
			return err
		}
		var r sitrep.TimeRange
		if r.From, err = parseTimeFlag("from", from); err != nil {
			return err
		}
		if r.To, err = parseTimeFlag("to", to); err != nil {
			return err
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		v, err := s.Vessel(ctx, mmsi)
		if err != nil && sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
			return err
		}
		v.MMSI = mmsi
		ps, err := s.Track(ctx, mmsi, r)
		if err != nil {
			return err
		}
		return export.Write(cmd.OutOrStdout(), f, export.Track{Vessel: v, Positions: ps})
	}
	return cmd
}

// parseTimeFlag parses an RFC 3339 time or a date (midnight UTC); empty is
// the zero time.
func parseTimeFlag(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t, nil
	}
	return time.Time{}, sitrep.Errorf(sitrep.EINVALID, "--%s %q: not an RFC 3339 time or a YYYY-MM-DD date", name, strings.TrimSpace(v))
}
