package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/reports"
	"github.com/spf13/cobra"
)

func newReportsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "reports",
		Short: "Load, list, show and export analysts' graded reports",
		Long: `Reports are analysts' records of what a source said: claims (what, who,
where, when, how many) graded with the Admiralty scale (source reliability A-F,
information credibility 1-6) and, for judgements, ICD 203 likelihood terms.
They are written as YAML or JSON files (see docs/reports.md) and loaded into
the data directory, where every edit is kept as a version.`,
		Example: `  sitrep reports load scenario/tartus/reports/*.yaml
  sitrep reports list --site tartus-naval-base --from 2025-01-20 --to 2025-02-15
  sitrep reports show trt-convoy-turned-back
  sitrep reports sources`,
	}
	cmd.AddCommand(newReportsLoadCmd(), newReportsListCmd(), newReportsShowCmd(), newReportsSourcesCmd(), newReportsExportCmd(),
		newReportsTimelineCmd(), newReportsCorroborateCmd())
	return cmd
}

func newReportsLoadCmd() *cobra.Command {
	var by, why string
	cmd := &cobra.Command{
		Use:   "load FILE...",
		Short: "Validate report files and store their sources, entities and reports",
		Long: `Load validates every file and stores what is valid: sources first, then
entities, then reports. Each problem is printed as FILE:LINE: FIELD: PROBLEM; a
bad report does not keep the good ones out. A report already stored is left
alone when the file says the same; to edit it, the file must name the version
it edits (base_version: N), so that no edit is silently overwritten.
The command fails (exit status 1) when any item was refused.`,
		Example: `  sitrep reports load scenario/tartus/reports/*.yaml
  sitrep reports load --by ana --why "second source" convoy.yaml`,
		Args: cobra.MinimumNArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	cmd.Flags().StringVar(&by, "by", "", "who makes the change (recorded with each new version and grade)")
	cmd.Flags().StringVar(&why, "why", "", "why (recorded with each new version and grade)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		var files []*reports.File
		var problems []error
		for _, name := range args {
			data, err := readBounded(name, reports.MaxFileSize)
			if err != nil {
				problems = append(problems, err)
				continue
			}
			f, errs := reports.Parse(name, data)
			files = append(files, f)
			problems = append(problems, errs...)
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		outs, errs := reports.Load(ctx, s, files, sitrep.Change{By: by, Why: why})
		problems = append(problems, errs...)
		counts := map[string]int{}
		for _, o := range outs {
			fmt.Fprintln(cmd.OutOrStdout(), o)
			counts[o.Kind+" "+string(o.Action)]++
		}
		for _, p := range problems {
			fmt.Fprintln(cmd.ErrOrStderr(), p)
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "%d sources, %d entities, %d reports stored (%d unchanged); %d problems\n",
			counts["source created"]+counts["source updated"], counts["entity created"]+counts["entity updated"],
			counts["report created"]+counts["report updated"], counts["report unchanged"], len(problems))
		if len(problems) > 0 {
			return sitrep.Errorf(sitrep.EINVALID, "%d problems in report files (listed above)", len(problems))
		}
		return nil
	}
	return cmd
}

// readBounded reads a file of at most limit bytes.
func readBounded(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: larger than the limit of %d bytes", name, limit)
	}
	return data, nil
}

// reportFilterFlags adds the flags that select reports and returns a
// function building the filter.
func reportFilterFlags(cmd *cobra.Command) func() (sitrep.ReportFilter, error) {
	var f sitrep.ReportFilter
	var from, to string
	var mmsi uint32
	cmd.Flags().StringVar(&f.SourceID, "source", "", "only reports from this source ID")
	cmd.Flags().StringVar(&f.SiteID, "site", "", "only reports with a claim at this site ID")
	cmd.Flags().StringVar(&f.EntityID, "entity", "", "only reports with a claim about this entity ID")
	cmd.Flags().Uint32Var(&mmsi, "mmsi", 0, "only reports naming this MMSI")
	cmd.Flags().Uint32Var(&f.IMO, "imo", 0, "only reports naming this IMO number")
	cmd.Flags().StringVar(&from, "from", "", "only claims from this time (RFC 3339, or YYYY-MM-DD in UTC)")
	cmd.Flags().StringVar(&to, "to", "", "only claims before this time (RFC 3339; a YYYY-MM-DD date includes that day)")
	cmd.Flags().IntVar(&f.Limit, "limit", 0, "at most this many reports (0: all)")
	return func() (sitrep.ReportFilter, error) {
		f.MMSI = sitrep.MMSI(mmsi)
		r, err := rangeFlags(from, to)
		f.Range = r
		return f, err
	}
}

// rangeFlags parses --from and --to; a date alone as --to includes that
// day.
func rangeFlags(from, to string) (sitrep.TimeRange, error) {
	var r sitrep.TimeRange
	var err error
	if r.From, err = parseTimeFlag("from", from); err != nil {
		return r, err
	}
	if r.To, err = parseTimeFlag("to", to); err != nil {
		return r, err
	}
	if len(strings.TrimSpace(to)) == len("2006-01-02") {
		r.To = r.To.AddDate(0, 0, 1)
	}
	if !r.From.IsZero() && !r.To.IsZero() && !r.To.After(r.From) {
		return r, sitrep.Errorf(sitrep.EINVALID, "--to must be after --from")
	}
	return r, nil
}

// sourceMap returns the store's sources by ID.
func sourceMap(ctx context.Context, s sitrep.ReportStore) (map[string]sitrep.Source, error) {
	srcs, err := s.Sources(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]sitrep.Source, len(srcs))
	for _, src := range srcs {
		m[src.ID] = src
	}
	return m, nil
}

func newReportsListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List reports (latest versions) with their grades",
		Example: `  sitrep reports list
  sitrep reports list --source trt --format json
  sitrep reports list --site tartus-naval-base --from 2025-01-24 --to 2025-01-30`,
		Args: cobra.NoArgs,
	}
	dataDir := dataDirFlag(cmd)
	format := formatFlag(cmd)
	filter := reportFilterFlags(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		f, err := filter()
		if err != nil {
			return err
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		rs, err := s.Reports(ctx, f)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(cmd.OutOrStdout(), rs)
		}
		srcs, err := sourceMap(ctx, s)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tVER\tGRADE\tSOURCE\tWHEN (UTC)\tWHAT\tTITLE")
		for _, r := range rs {
			from, to := r.Span()
			when := from.UTC().Format("2006-01-02 15:04")
			if !to.Equal(from) {
				when += " – " + to.UTC().Format("2006-01-02 15:04")
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Version, reports.Grade(r, srcs[r.SourceID]), r.SourceID,
				when, claimKinds(r), truncate(r.Title, 60))
		}
		return tw.Flush()
	}
	return cmd
}

// claimKinds lists a report's claim kinds without repeats.
func claimKinds(r sitrep.Report) string {
	var ks []string
	seen := map[sitrep.ClaimKind]bool{}
	for _, c := range r.Claims {
		if !seen[c.What] {
			seen[c.What] = true
			ks = append(ks, string(c.What))
		}
	}
	return strings.Join(ks, ",")
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func newReportsShowCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Show a report: its source and grade, claims, evidence and every version",
		Example: "  sitrep reports show trt-convoy-turned-back",
		Args:    cobra.ExactArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	format := formatFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		vs, err := s.ReportVersions(ctx, args[0])
		if err != nil {
			return err
		}
		r := vs[len(vs)-1]
		src, err := s.Source(ctx, r.SourceID)
		if err != nil && sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
			return err
		}
		if *format == "json" {
			return writeJSON(cmd.OutOrStdout(), struct {
				Report   sitrep.Report   `json:"report"`
				Source   sitrep.Source   `json:"source"`
				Grade    string          `json:"grade"`
				Versions []sitrep.Report `json:"versions"`
			}{r, src, reports.Grade(r, src), vs})
		}
		writeReport(cmd.OutOrStdout(), r, src, vs)
		return nil
	}
	return cmd
}

// writeReport prints a report for people.
func writeReport(w io.Writer, r sitrep.Report, src sitrep.Source, vs []sitrep.Report) {
	fmt.Fprintf(w, "%s (version %d)\n  %s\n", r.ID, r.Version, r.Title)
	if r.Simulated {
		fmt.Fprintln(w, "  SIMULATED")
	}
	fmt.Fprintf(w, "  grade        %s (%s)\n", reports.Grade(r, src), reports.GradeMeaning(r, src))
	fmt.Fprintf(w, "  source       %s: %s (%s", r.SourceID, src.Name, src.Kind)
	if src.Reliability != "" {
		fmt.Fprintf(w, ", default reliability %s", src.Reliability)
	}
	fmt.Fprintln(w, ")")
	if p := r.Published.UTC(); !p.IsZero() {
		layout := "2006-01-02 15:04Z"
		if p.Hour() == 0 && p.Minute() == 0 {
			layout = "2006-01-02"
		}
		fmt.Fprintf(w, "  published    %s\n", p.Format(layout))
	}
	for i, c := range r.Claims {
		fmt.Fprintf(w, "  claim %d      %s: %s\n", i+1, c.What, c.Text)
		row := func(k, v string) {
			if v != "" {
				fmt.Fprintf(w, "    %-10s %s\n", k, v)
			}
		}
		row("when", reports.FormatWhen(c.When))
		if !c.Where.IsZero() {
			row("where", reports.FormatPlace(c.Where))
		}
		row("about", reports.FormatSubjects(c))
		row("actors", strings.Join(c.Actors, ", "))
		if c.Count != nil {
			row("count", c.Count.String())
		}
		if c.Likelihood != "" {
			row("likelihood", c.Likelihood.Describe())
			conf := string(c.Confidence)
			if conf == "" {
				conf = "not stated by the source"
			}
			row("confidence", conf)
		}
	}
	for _, e := range r.Evidence {
		fmt.Fprintf(w, "  evidence     %s", e.URL)
		if e.Note != "" {
			fmt.Fprintf(w, " (%s)", e.Note)
		}
		if e.Archive != "" {
			fmt.Fprintf(w, "\n               archived %s", e.Archive)
		}
		if e.SHA256 != "" {
			fmt.Fprintf(w, "\n               sha256 %s", e.SHA256)
		}
		fmt.Fprintln(w)
	}
	if r.Notes != "" {
		fmt.Fprintf(w, "  notes        %s\n", r.Notes)
	}
	fmt.Fprintln(w, "  versions:")
	for _, v := range vs {
		fmt.Fprintf(w, "    %d  %s  grade %s", v.Version, v.Edited.UTC().Format(time.RFC3339), reports.Grade(v, src))
		if v.Change.By != "" {
			fmt.Fprintf(w, "  by %s", v.Change.By)
		}
		if v.Change.Why != "" {
			fmt.Fprintf(w, ": %s", v.Change.Why)
		}
		fmt.Fprintln(w)
	}
}

func newReportsSourcesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "sources [ID]",
		Short:   "List sources with their reliability, or show one source's grade history",
		Example: "  sitrep reports sources\n  sitrep reports sources trt",
		Args:    cobra.MaximumNArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	format := formatFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		w := cmd.OutOrStdout()
		if len(args) == 1 {
			src, err := s.Source(ctx, args[0])
			if err != nil {
				return err
			}
			hist, err := s.ReliabilityHistory(ctx, args[0])
			if err != nil {
				return err
			}
			if *format == "json" {
				return writeJSON(w, struct {
					Source  sitrep.Source              `json:"source"`
					History []sitrep.ReliabilityChange `json:"history"`
				}{src, hist})
			}
			fmt.Fprintf(w, "%s: %s (%s), reliability %s (%s)\n", src.ID, src.Name, src.Kind, src.Reliability, src.Reliability.Meaning())
			if src.URL != "" {
				fmt.Fprintf(w, "  url     %s\n", src.URL)
			}
			if src.Origin != "" {
				fmt.Fprintf(w, "  origin  %s\n", src.Origin)
			}
			if src.Notes != "" {
				fmt.Fprintf(w, "  notes   %s\n", src.Notes)
			}
			for _, h := range hist {
				from := string(h.From)
				if from == "" {
					from = "new"
				}
				fmt.Fprintf(w, "  %s  %s -> %s", h.At.UTC().Format(time.RFC3339), from, h.To)
				if h.By != "" {
					fmt.Fprintf(w, "  by %s", h.By)
				}
				if h.Why != "" {
					fmt.Fprintf(w, ": %s", h.Why)
				}
				fmt.Fprintln(w)
			}
			return nil
		}
		srcs, err := s.Sources(ctx)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(w, srcs)
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tREL\tKIND\tNAME")
		for _, src := range srcs {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", src.ID, src.Reliability, src.Kind, src.Name)
		}
		return tw.Flush()
	}
	return cmd
}

func newReportsExportCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the reports (and AIS events) of a selection as JSON, GeoJSON, KML or CSV",
		Long: `Export writes the timeline of a selection (report claims and AIS events) and
the tracks of the entities its claims name. GeoJSON: claims as points or
polygons with source, grade and precisions; AIS events with their rules;
entity tracks as LineStrings marked "derived from reports, not AIS" and
"line": "dashed". JSON: the whole selection, with the reports.`,
		Example: `  sitrep reports export --entity khmeimim-convoy-2025-02-10 --format geojson -o convoy.geojson
  sitrep reports export --site tartus-naval-base --from 2025-01-20 --to 2025-02-01 --format csv`,
		Args: cobra.NoArgs,
	}
	dataDir := dataDirFlag(cmd)
	sel := selectionFlags(cmd)
	output := outputFlag(cmd)
	cmd.Flags().StringVar(&format, "format", "json", "json, geojson, kml or csv")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		switch format {
		case "json", "geojson", "kml", "csv":
		default:
			return sitrep.Errorf(sitrep.EINVALID, "unknown format %q (use json, geojson, kml or csv)", format)
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
		sl, err := fusion(s).Select(ctx, q)
		if err != nil {
			return err
		}
		w, closeOut, err := output()
		if err != nil {
			return err
		}
		if err := writeSelection(w, format, sl); err != nil {
			closeOut()
			return err
		}
		return closeOut()
	}
	return cmd
}
