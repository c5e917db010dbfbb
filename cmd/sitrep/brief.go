package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/reports"
	"github.com/sitrep-osint/sitrep/sqlite"
	"github.com/spf13/cobra"
)

// fusion puts the store's reports beside its AIS: its events, and the
// sites it keeps overlaid on the bundled catalogue.
func fusion(s *sqlite.Store) *reports.Fusion {
	return &reports.Fusion{Reports: s, Positions: s, Vessels: s, Events: s, Sites: newSiteLookup(s)}
}

// selectionFlags adds the flags that select a timeline, brief or export.
func selectionFlags(cmd *cobra.Command) func() (reports.Query, error) {
	var q reports.Query
	var area, from, to string
	var mmsi uint32
	cmd.Flags().StringVar(&q.SiteID, "site", "", "site ID: AIS events at the site and claims naming it")
	cmd.Flags().StringVar(&q.EntityID, "entity", "", "entity ID: claims about the entity")
	cmd.Flags().Uint32Var(&mmsi, "mmsi", 0, "vessel MMSI: its AIS events and claims naming it")
	cmd.Flags().Uint32Var(&q.IMO, "imo", 0, "vessel IMO number: claims naming it")
	cmd.Flags().StringVar(&area, "area", "", "box MIN_LAT,MIN_LON,MAX_LAT,MAX_LON: events in it and claims whose place (widened by its precision) meets it")
	cmd.Flags().StringVar(&from, "from", "", "start (RFC 3339, or YYYY-MM-DD in UTC)")
	cmd.Flags().StringVar(&to, "to", "", "end, exclusive (RFC 3339; a YYYY-MM-DD date includes that day)")
	return func() (reports.Query, error) {
		q.MMSI = sitrep.MMSI(mmsi)
		r, err := rangeFlags(from, to)
		if err != nil {
			return q, err
		}
		q.Range = r
		if area != "" {
			a, err := parseArea(area)
			if err != nil {
				return q, err
			}
			q.Area = &a
		}
		return q, nil
	}
}

// outputFlag adds --out and returns a function opening the output.
func outputFlag(cmd *cobra.Command) func() (io.Writer, func() error, error) {
	var out string
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to this file instead of standard output")
	return func() (io.Writer, func() error, error) {
		if out == "" || out == "-" {
			return cmd.OutOrStdout(), func() error { return nil }, nil
		}
		f, err := os.Create(out)
		if err != nil {
			return nil, nil, err
		}
		return f, f.Close, nil
	}
}

// writeSelection writes an export format of a selection.
func writeSelection(w io.Writer, format string, s *reports.Selection) error {
	switch format {
	case "geojson":
		return reports.WriteGeoJSON(w, s)
	case "kml":
		return reports.WriteKML(w, s)
	case "csv":
		return reports.WriteCSV(w, s)
	case "json":
		return writeJSON(w, s)
	}
	return sitrep.Errorf(sitrep.EINVALID, "unknown format %q", format)
}

func newBriefCmd() *cobra.Command {
	var format, title, now string
	cmd := &cobra.Command{
		Use:   "brief",
		Short: "Write a situation report (Markdown or HTML), or export its selection",
		Long: `Brief writes a situation report for a site, vessel, entity or area over a time
window: what happened, day by day, each claim with its source, grade (A-F/1-6)
and corroboration, each AIS event with the rule that produced it; then the
conflicting accounts side by side, the judgements with their ICD 203 terms,
and the numbered sources. It is a draft for an analyst to edit.

--format geojson, kml or csv exports the same selection instead, with entity
tracks derived from reports drawn as dashed lines.`,
		Example: `  sitrep brief --site tartus-naval-base --from 2025-01-20 --to 2025-02-14
  sitrep brief --area 34.8,35.8,35.5,36.1 --from 2025-02-10 --to 2025-02-10 --format html -o convoy.html
  sitrep brief --entity khmeimim-convoy-2025-02-10 --format geojson`,
		Args: cobra.NoArgs,
	}
	dataDir := dataDirFlag(cmd)
	sel := selectionFlags(cmd)
	output := outputFlag(cmd)
	cmd.Flags().StringVar(&format, "format", "md", "md, html, geojson, kml or csv")
	cmd.Flags().StringVar(&title, "title", "", "title (default: from the selection)")
	cmd.Flags().StringVar(&now, "now", "", "generation time to print (RFC 3339; default the current time), for reproducible documents")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		switch format {
		case "md", "markdown", "html", "geojson", "kml", "csv":
		default:
			return sitrep.Errorf(sitrep.EINVALID, "unknown format %q (use md, html, geojson, kml or csv)", format)
		}
		q, err := sel()
		if err != nil {
			return err
		}
		at := time.Now()
		if now != "" {
			if at, err = time.Parse(time.RFC3339, now); err != nil {
				return sitrep.Errorf(sitrep.EINVALID, "--now %q: not an RFC 3339 time", now)
			}
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		f := fusion(s)
		w, closeOut, err := output()
		if err != nil {
			return err
		}
		if format == "geojson" || format == "kml" || format == "csv" {
			sl, err := f.Select(ctx, q)
			if err != nil {
				closeOut()
				return err
			}
			if err := writeSelection(w, format, sl); err != nil {
				closeOut()
				return err
			}
			return closeOut()
		}
		if title == "" {
			title = q.Title()
		}
		b, err := f.Brief(ctx, q, title, at)
		if err != nil {
			closeOut()
			return err
		}
		if format == "html" {
			err = reports.WriteHTML(w, b)
		} else {
			err = reports.WriteMarkdown(w, b)
		}
		if err != nil {
			closeOut()
			return err
		}
		return closeOut()
	}
	return cmd
}

func newReportsTimelineCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "timeline",
		Short: "AIS events and report claims for a site, vessel, entity or area, in time order, with grades",
		Example: `  sitrep reports timeline --site tartus-naval-base --from 2025-01-20 --to 2025-02-01
  sitrep reports timeline --imo 9160994 --format json`,
		Args: cobra.NoArgs,
	}
	dataDir := dataDirFlag(cmd)
	format := formatFlag(cmd)
	sel := selectionFlags(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		q, err := sel()
		if err != nil {
			return err
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		items, err := fusion(s).Timeline(ctx, q)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(cmd.OutOrStdout(), items)
		}
		tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "START (UTC)\tEND (UTC)\tPRECISION\tGRADE\tSOURCE\tITEM\tSUMMARY")
		for _, it := range items {
			ref, prec := "", string(it.Precision)
			if it.Event != nil {
				ref, prec = it.Event.ID+" ("+it.Rule.Name+")", "observed"
			} else {
				ref = fmt.Sprintf("%s#%d", it.Report.ID, it.Claim+1)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", it.Start.UTC().Format("2006-01-02 15:04"), it.End.UTC().Format("2006-01-02 15:04"),
				prec, it.Grade, it.Source, ref, truncate(it.Summary, 70))
		}
		return tw.Flush()
	}
	return cmd
}

func newReportsCorroborateCmd() *cobra.Command {
	var claim int
	cmd := &cobra.Command{
		Use:   "corroborate ID",
		Short: "Show what supports and what contradicts a report's claim",
		Long: `Corroborate lists the AIS events and positions and the other reports that
match a claim in time and place (both widened by their precisions) and
subject, counts the independent origins among them (the claim's own origin,
and sources sharing an origin, count once), and shows contradicting counts and
times side by side.`,
		Example: "  sitrep reports corroborate maxar-tartus-2025-01-25\n  sitrep reports corroborate trt-convoy-turned-back --claim 3",
		Args:    cobra.ExactArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	format := formatFlag(cmd)
	cmd.Flags().IntVar(&claim, "claim", 0, "claim number (1-based; 0: every claim)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		r, err := s.Report(ctx, args[0])
		if err != nil {
			return err
		}
		idx := []int{claim - 1}
		if claim == 0 {
			idx = idx[:0]
			for i := range r.Claims {
				idx = append(idx, i)
			}
		}
		f := fusion(s)
		var cs []reports.Corroboration
		for _, i := range idx {
			c, err := f.Corroborate(ctx, r.ID, i)
			if err != nil {
				return err
			}
			cs = append(cs, c)
		}
		if *format == "json" {
			return writeJSON(cmd.OutOrStdout(), cs)
		}
		w := cmd.OutOrStdout()
		for _, c := range cs {
			fmt.Fprintf(w, "%s claim %d [%s, %s]: %s\n", c.ReportID, c.Claim+1, c.Grade, c.Source.ID, c.Text)
			fmt.Fprintf(w, "  corroboration: %d independent origins %v\n", c.Count(), c.Independent)
			for _, m := range c.Matches {
				ref := m.ReportID + "#" + strconv.Itoa(m.Claim+1)
				if m.Kind != "report" {
					ref = m.Kind + " MMSI " + m.MMSI.String()
					if m.EventID != "" {
						ref += " " + m.EventID + " (" + m.Rule + ")"
					}
				}
				note := ""
				if m.SameOrigin {
					note = "  [same origin: not counted]"
				}
				fmt.Fprintf(w, "    + [%s] %s %s: %s (%s)%s\n", m.Grade, formatMatchTime(m), ref, truncate(m.Summary, 70), m.Why, note)
			}
			for _, x := range c.Contradictions {
				fmt.Fprintf(w, "    ! %s: %s  vs  %s — %s#%d [%s, %s]\n", x.Field, x.This, x.That, x.Other.ReportID, x.Other.Claim+1, x.Other.Grade, x.Other.SourceID)
			}
			for _, n := range c.Notes {
				fmt.Fprintf(w, "    note: %s\n", n)
			}
		}
		return nil
	}
	return cmd
}

func formatMatchTime(m reports.Match) string {
	s := m.Start.UTC().Format("2006-01-02 15:04")
	if !m.End.Equal(m.Start) {
		s += "–" + m.End.UTC().Format("01-02 15:04")
	}
	return s
}
