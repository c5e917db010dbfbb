package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/spf13/cobra"
)

func newEventsCmd() *cobra.Command {
	var (
		site, vessel, from, to, area string
		kinds                        []string
		explain, summary             bool
		limit                        int
	)
	cmd := &cobra.Command{
		Use:   "events",
		Short: "List detected events: arrivals, visits, transits, gaps, encounters, ...",
		Long: `List the events detection stored (live during replay, or by sitrep detect),
filtered by site, vessel, kind, area and time, ordered by start.

Every event is explainable: --explain prints the rule that fired, the
parameter values it ran with and the fixes it rests on (time, position,
speed, receivers). Times are UTC. An event whose start or end was not
observed (a reception gap across a site boundary) shows its bounds.

--summary with --site counts the site's events by kind over the range and
lists the vessels inside at its end (an open visit, or an arrival without
a later departure).

Kinds: ` + kindList() + `.`,
		Example: `  sitrep events --site tartus-naval-base --from 2025-01-20 --to 2025-02-01
  sitrep events --vessel 273297850 --kind transit --kind gap --explain
  sitrep events --area 35.5,-6.5,36.5,-5 --format json
  sitrep events --site tartus-naval-base --summary --from 2025-01-25`,
		Args: cobra.NoArgs,
	}
	dataDir := dataDirFlag(cmd)
	format := formatFlag(cmd)
	fl := cmd.Flags()
	fl.StringVar(&site, "site", "", "only events at this site ID")
	fl.StringVar(&vessel, "vessel", "", "only events of this MMSI (either vessel of an encounter)")
	fl.StringArrayVar(&kinds, "kind", nil, "only events of this kind (repeat, or comma-separate, for several)")
	fl.StringVar(&from, "from", "", "events ending at or after this time (RFC 3339 or YYYY-MM-DD)")
	fl.StringVar(&to, "to", "", "events starting before this time (RFC 3339 or YYYY-MM-DD)")
	fl.StringVar(&area, "area", "", "only events located in minlat,minlon,maxlat,maxlon")
	fl.BoolVar(&explain, "explain", false, "print each event's rule, parameters and evidence fixes")
	fl.BoolVar(&summary, "summary", false, "with --site: counts by kind and vessels inside at the end of the range")
	fl.IntVar(&limit, "limit", 0, "at most this many events (0: all)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		f, err := eventFilter(site, vessel, kinds, from, to, area)
		if err != nil {
			return err
		}
		f.Limit = limit
		if summary && site == "" {
			return sitrep.Errorf(sitrep.EINVALID, "--summary needs --site")
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		es, err := s.Events(ctx, f)
		if err != nil {
			return err
		}
		w := cmd.OutOrStdout()
		if summary {
			sum := summarise(site, f.Range, es)
			if *format == "json" {
				return writeJSON(w, sum)
			}
			return sum.write(w)
		}
		if *format == "json" {
			return writeJSON(w, es)
		}
		if explain {
			for i := range es {
				writeExplained(w, &es[i])
			}
			return nil
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "START\tEND\tKIND\tVESSEL\tSITE\tSUMMARY")
		for _, e := range es {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", startText(&e), endText(&e), e.Kind, e.MMSI, e.SiteID, e.Summary)
		}
		return tw.Flush()
	}
	return cmd
}

func kindList() string {
	names := make([]string, len(sitrep.EventKinds))
	for i, k := range sitrep.EventKinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// eventFilter builds a filter from the flags.
func eventFilter(site, vessel string, kinds []string, from, to, area string) (sitrep.EventFilter, error) {
	f := sitrep.EventFilter{SiteID: site}
	var err error
	if vessel != "" {
		if f.MMSI, err = sitrep.ParseMMSI(vessel); err != nil {
			return f, err
		}
	}
	for _, k := range kinds {
		for p := range strings.SplitSeq(k, ",") {
			kind := sitrep.EventKind(strings.TrimSpace(p))
			if !kind.Valid() {
				return f, sitrep.Errorf(sitrep.EINVALID, "--kind %q: want one of %s", p, kindList())
			}
			f.Kinds = append(f.Kinds, kind)
		}
	}
	if f.Range.From, err = parseTimeFlag("from", from); err != nil {
		return f, err
	}
	if f.Range.To, err = parseTimeFlag("to", to); err != nil {
		return f, err
	}
	if area != "" {
		a, err := parseArea(area)
		if err != nil {
			return f, err
		}
		f.Area = &a
	}
	return f, nil
}

// parseArea parses "minlat,minlon,maxlat,maxlon".
func parseArea(s string) (sitrep.Area, error) {
	parts := strings.Split(s, ",")
	bad := func(why string) (sitrep.Area, error) {
		return sitrep.Area{}, sitrep.Errorf(sitrep.EINVALID, "--area %q: %s (want minlat,minlon,maxlat,maxlon in degrees)", s, why)
	}
	if len(parts) != 4 {
		return bad("four numbers needed")
	}
	var v [4]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return bad(fmt.Sprintf("%q is not a number", p))
		}
		v[i] = x
	}
	a := sitrep.Area{MinLat: v[0], MinLon: v[1], MaxLat: v[2], MaxLon: v[3]}
	if !sitrep.ValidCoordinates(a.MinLat, a.MinLon) || !sitrep.ValidCoordinates(a.MaxLat, a.MaxLon) {
		return bad("out of range")
	}
	if a.MinLat > a.MaxLat {
		return bad("minlat above maxlat")
	}
	return a, nil
}

func startText(e *sitrep.Event) string {
	s := timeText(e.Start)
	if e.StartBounds != nil {
		s = "~" + s
	}
	return s
}

func endText(e *sitrep.Event) string {
	if e.Open() {
		return "(open)"
	}
	s := timeText(e.End)
	if e.EndBounds != nil {
		s = "~" + s
	}
	return s
}

// writeExplained prints one event with its rule, parameters, attributes
// and evidence.
func writeExplained(w io.Writer, e *sitrep.Event) {
	fmt.Fprintf(w, "%s  %s\n", e.Kind, e.Summary)
	fmt.Fprintf(w, "  id        %s\n", e.ID)
	fmt.Fprintf(w, "  vessel    %s", e.MMSI)
	if e.Other != 0 {
		fmt.Fprintf(w, " and %s", e.Other)
	}
	fmt.Fprintln(w)
	if e.SiteID != "" {
		fmt.Fprintf(w, "  site      %s\n", e.SiteID)
	}
	fmt.Fprintf(w, "  start     %s", timeText(e.Start))
	if b := e.StartBounds; b != nil {
		fmt.Fprint(w, boundsNote(b))
	}
	fmt.Fprintf(w, "\n  end       %s", endText(e))
	if b := e.EndBounds; b != nil {
		fmt.Fprint(w, boundsNote(b))
	}
	fmt.Fprintf(w, "\n  where     %.5f, %.5f\n", e.Lat, e.Lon)
	fmt.Fprintf(w, "  rule      %s", e.Rule.Name)
	names := make([]string, 0, len(e.Rule.Params))
	for n := range e.Rule.Params {
		names = append(names, n)
	}
	slices.Sort(names)
	for i, n := range names {
		sep := " "
		if i > 0 {
			sep = ", "
		}
		fmt.Fprintf(w, "%s%s=%s", sep, n, strconv.FormatFloat(e.Rule.Params[n], 'f', -1, 64))
	}
	fmt.Fprintln(w)
	keys := make([]string, 0, len(e.Attrs))
	for k := range e.Attrs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(keys) > 0 {
		fmt.Fprintln(w, "  attributes:")
	}
	for _, k := range keys {
		fmt.Fprintf(w, "    %-17s %s\n", k, e.Attrs[k])
	}
	fmt.Fprintln(w, "  evidence:")
	for _, f := range e.Evidence {
		fmt.Fprintf(w, "    %-14s %s  %s  %.5f, %.5f", f.Role, f.MMSI, timeText(f.Time), f.Lat, f.Lon)
		if f.SOG != nil {
			fmt.Fprintf(w, "  %.1f kn", *f.SOG)
		}
		for _, s := range f.Sources {
			fmt.Fprintf(w, "  [%s", s.Feed)
			if s.Station != "" {
				fmt.Fprintf(w, " via %s", s.Station)
			}
			fmt.Fprint(w, "]")
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
}

// boundsNote says why a time is not observed.
func boundsNote(b *sitrep.TimeRange) string {
	if b.From.IsZero() {
		return " (not observed: first heard at " + timeText(b.To) + ")"
	}
	return " (not observed: between " + timeText(b.From) + " and " + timeText(b.To) + ")"
}

func boundText(t time.Time) string {
	if t.IsZero() {
		return "(before first heard)"
	}
	return timeText(t)
}

// siteSummary is what `sitrep events --site X --summary` prints.
type siteSummary struct {
	Site   string           `json:"site"`
	Range  sitrep.TimeRange `json:"range"`
	Counts map[string]int   `json:"counts"`
	Inside []sitrep.MMSI    `json:"inside"`
}

// summarise counts es by kind and finds the vessels inside the site at the
// end of the range: an open visit, or an arrival later than the vessel's
// latest departure.
func summarise(site string, r sitrep.TimeRange, es []sitrep.Event) siteSummary {
	sum := siteSummary{Site: site, Range: r, Counts: map[string]int{}, Inside: []sitrep.MMSI{}}
	lastArr := map[sitrep.MMSI]time.Time{}
	lastDep := map[sitrep.MMSI]time.Time{}
	open := map[sitrep.MMSI]bool{}
	for _, e := range es {
		sum.Counts[string(e.Kind)]++
		switch e.Kind {
		case sitrep.EventArrival:
			lastArr[e.MMSI] = e.Start
		case sitrep.EventDeparture:
			lastDep[e.MMSI] = e.Start
		case sitrep.EventVisit:
			if e.Open() {
				open[e.MMSI] = true
			}
		}
	}
	for m, t := range lastArr {
		if t.After(lastDep[m]) {
			open[m] = true
		}
	}
	for m := range open {
		sum.Inside = append(sum.Inside, m)
	}
	slices.Sort(sum.Inside)
	return sum
}

func (s siteSummary) write(w io.Writer) error {
	when := "all time"
	if !s.Range.From.IsZero() || !s.Range.To.IsZero() {
		when = boundText(s.Range.From) + " to " + timeText(s.Range.To)
		if s.Range.To.IsZero() {
			when = timeText(s.Range.From) + " onwards"
		}
	}
	fmt.Fprintf(w, "%s, %s:\n", s.Site, when)
	for _, k := range sitrep.EventKinds {
		if n := s.Counts[string(k)]; n > 0 {
			fmt.Fprintf(w, "  %4d %s\n", n, k)
		}
	}
	fmt.Fprintf(w, "  vessels inside at the end: %d", len(s.Inside))
	for i, m := range s.Inside {
		sep := " "
		if i > 0 {
			sep = ", "
		}
		fmt.Fprintf(w, "%s%s", sep, m)
	}
	_, err := fmt.Fprintln(w)
	return err
}
