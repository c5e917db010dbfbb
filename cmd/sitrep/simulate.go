package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep/sim"
	"github.com/spf13/cobra"
)

// simulateOptions are the flags of sitrep simulate.
type simulateOptions struct {
	vessels  int
	duration time.Duration
	start    string
	seed     int64
	out      string
	area     string
	classB   float64
	gaps     float64
	station  string
	scenario string
}

func newSimulateCmd() *cobra.Command {
	var opts simulateOptions
	cmd := &cobra.Command{
		Use:   "simulate",
		Short: "Write a SIMULATED AIS capture (invented vessels, for tests and demos)",
		Long: `Write a capture of SIMULATED AIS traffic: NMEA 0183 !AIVDM sentences with
NMEA 4.10 tag blocks, in time order. The data is simulated: the vessels,
their MMSIs, names, call signs and IMO numbers are invented (and may
coincide with real ones by chance), and none of it was ever received from
a real ship. Every line carries the tag-block station "` + sim.DefaultStation + `"
unless --station says otherwise.

The vessels sail hand-drawn approximate shipping lanes of the
Mediterranean, Black Sea, Atlantic Europe, North Sea and Baltic; fishing
boats, tugs and pleasure craft loiter. Position reports follow the ITU-R
M.1371 reporting intervals (Class A types 1 and 3, Class B type 18, a few
type 27), static data (types 5 and 24) comes every 6 minutes.

With --scenario FILE it writes a scenario instead: a versioned YAML file
(see docs/scenario.md; scenario/tartus/scenario.yaml is the example) that
names the story's vessels and their plans (berths, routes, speeds, the
transponder switched off, destination changes), a receiver model (coastal
coverage and sparse satellite reception at sea) and background traffic.
The scenario's vessels carry the identities it gives them; their tracks
are SIMULATED. The tag-block station is the scenario's
("sitrep-simulated-..."); --vessels, --duration, --start, --area,
--class-b, --gaps and --station do not apply.

The same flags and --seed give the same bytes. The capture goes to
standard output or --out; a summary (sentences, messages by type, vessels,
and for a scenario its time span) goes to standard error.`,
		Example: `  sitrep simulate --vessels 200 --duration 2h --start 2025-01-25T00:00:00Z --seed 1 --out sim.nmea
  sitrep simulate --vessels 50 --duration 10m --area baltic | sitrep decode --quiet
  sitrep simulate --scenario scenario/tartus/scenario.yaml --out tartus.nmea`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.scenario != "" {
				for _, name := range []string{"vessels", "duration", "start", "area", "class-b", "gaps", "station"} {
					if cmd.Flags().Changed(name) {
						return fmt.Errorf("--%s does not apply with --scenario (the scenario file says it)", name)
					}
				}
				return runScenario(cmd.OutOrStdout(), cmd.ErrOrStderr(), opts.out, opts.scenario, opts.seed)
			}
			cfg, err := opts.config()
			if err != nil {
				return err
			}
			return runSimulate(cmd.OutOrStdout(), cmd.ErrOrStderr(), opts.out, cfg)
		},
	}
	f := cmd.Flags()
	f.IntVarP(&opts.vessels, "vessels", "n", 100, "number of simulated vessels")
	f.DurationVarP(&opts.duration, "duration", "d", time.Hour, "length of the capture")
	f.StringVar(&opts.start, "start", "2025-01-25T00:00:00Z", "time of the first instant, RFC 3339")
	f.Int64Var(&opts.seed, "seed", 1, "random seed; the same seed gives the same capture")
	f.StringVarP(&opts.out, "out", "o", "", "write the capture to this file instead of standard output")
	f.StringVar(&opts.area, "area", "all", "restrict traffic to "+strings.Join(sim.AreaNames(), ", ")+", or minlat,minlon,maxlat,maxlon")
	f.Float64Var(&opts.classB, "class-b", 0.2, "share of vessels with Class B transponders, 0..1")
	f.Float64Var(&opts.gaps, "gaps", 2, "mean reception gaps (5-60 min) per vessel per day; 0 for none")
	f.StringVar(&opts.station, "station", sim.DefaultStation, "tag-block station (s:) of every line")
	f.StringVar(&opts.scenario, "scenario", "", "write the scenario in this YAML file (see docs/scenario.md) instead of random traffic")
	return cmd
}

// config turns the flags into a sim.Config.
func (o *simulateOptions) config() (sim.Config, error) {
	start, err := time.Parse(time.RFC3339, o.start)
	if err != nil {
		return sim.Config{}, fmt.Errorf("--start: %w", err)
	}
	area, err := sim.ParseArea(o.area)
	if err != nil {
		return sim.Config{}, fmt.Errorf("--area: %w", err)
	}
	return sim.Config{
		Vessels: o.vessels, Start: start.UTC(), Duration: o.duration, Seed: o.seed, Area: area,
		ClassBShare: o.classB, Station: o.station, GapsPerDay: o.gaps,
	}, nil
}

// runSimulate writes the capture of cfg to stdout, or to the file out when
// it is not empty, and the summary to errw.
func runSimulate(stdout, errw io.Writer, out string, cfg sim.Config) (err error) {
	g, err := sim.New(cfg)
	if err != nil {
		return err
	}
	return writeCapture(stdout, out, func(w io.Writer) error {
		began := time.Now()
		if _, err := g.WriteTo(w); err != nil {
			return fmt.Errorf("simulate: %w", err)
		}
		writeSimSummary(errw, g.Stats(), time.Since(began))
		return nil
	})
}

// runScenario writes the scenario in the file path with seed, like
// runSimulate, and adds its time span to the summary.
func runScenario(stdout, errw io.Writer, out, path string, seed int64) error {
	sc, err := sim.LoadScenario(path)
	if err != nil {
		return err
	}
	return writeCapture(stdout, out, func(w io.Writer) error {
		began := time.Now()
		st, err := sc.Write(w, seed)
		if err != nil {
			return fmt.Errorf("simulate: %w", err)
		}
		fmt.Fprintf(errw, "sitrep simulate: scenario %s version %d (%s): %d story vessels, %d background vessels\n",
			sc.Name, sc.Version, sc.Title, len(sc.Vessels), st.Vessels-len(sc.Vessels))
		writeSimSummary(errw, st, time.Since(began))
		fmt.Fprintf(errw, "  time span: %s to %s (scenario %s to %s); %d background reports not heard by the receiver model\n",
			st.First.Format(time.RFC3339), st.Last.Format(time.RFC3339),
			sc.Start.Format(time.RFC3339), sc.End.Format(time.RFC3339), st.Thinned)
		return nil
	})
}

// writeCapture runs write on stdout, or on a buffered file out when it is
// not empty.
func writeCapture(stdout io.Writer, out string, write func(w io.Writer) error) (err error) {
	w := stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
		bw := bufio.NewWriterSize(f, 256<<10)
		defer func() {
			if ferr := bw.Flush(); err == nil {
				err = ferr
			}
		}()
		w = bw
	}
	return write(w)
}

// writeSimSummary prints the counts of a finished simulation.
func writeSimSummary(w io.Writer, st sim.Stats, took time.Duration) {
	fmt.Fprintf(w, "sitrep simulate: SIMULATED data: %d sentences, %d messages, %d vessels (%d Class A, %d Class B), %d reports lost in reception gaps, %.1fs\n",
		st.Sentences, st.Messages, st.Vessels, st.Vessels-st.ClassB, st.ClassB, st.Lost, took.Seconds())
	var b strings.Builder
	for typ, n := range st.ByType {
		if n > 0 {
			fmt.Fprintf(&b, " %d:%d", typ, n)
		}
	}
	fmt.Fprintf(w, "  by type:%s\n", b.String())
}
