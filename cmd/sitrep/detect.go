package main

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/detect"
	"github.com/sitrep-osint/sitrep/gazetteer"
	"github.com/spf13/cobra"
)

// detectOptions is what `sitrep detect` takes from the rest of the
// program. Wiring sets the fields; the command has no other source of
// sites or ports.
type detectOptions struct {
	// siteIndex returns the sites to detect against, given the open store
	// (whose stored sites overlay the bundled catalogue).
	siteIndex func(ctx context.Context, store sitrep.Store) (detect.SiteIndex, error)
	// resolve maps declared destination text to a port; nil resolves
	// nothing.
	resolve func(raw string) *sitrep.PortRef
	// slice is how much time one PositionsIn call reads.
	slice time.Duration
}

// defaultDetectOptions returns the options of the sitrep binary. Sites:
// the bundled catalogue overlaid by the store's (detectionSites); ports:
// the embedded gazetteer, as replay resolves them.
func defaultDetectOptions() detectOptions {
	return detectOptions{
		siteIndex: storeSites,
		resolve:   gazetteerResolve(),
		slice:     6 * time.Hour,
	}
}

// gazetteerResolve resolves destinations with the embedded gazetteer, as
// replay does; nil when it cannot load.
func gazetteerResolve() func(string) *sitrep.PortRef {
	g, err := gazetteer.Default()
	if err != nil {
		return nil
	}
	return func(raw string) *sitrep.PortRef {
		r := g.Resolve(raw)
		if r.Port == nil {
			return nil
		}
		return &sitrep.PortRef{LOCODE: r.Port.LOCODE, Name: r.Port.Name, Country: r.Port.Country, Lat: r.Port.Lat, Lon: r.Port.Lon}
	}
}

// backgroundResolve is gazetteerResolve, loaded on a goroutine of its own
// (it takes a tenth of a second) while a replay starts; the first
// resolution waits for it.
func backgroundResolve() func(string) *sitrep.PortRef {
	loaded := make(chan func(string) *sitrep.PortRef, 1)
	go func() { loaded <- gazetteerResolve() }()
	get := sync.OnceValue(func() func(string) *sitrep.PortRef { return <-loaded })
	return func(raw string) *sitrep.PortRef {
		if r := get(); r != nil {
			return r(raw)
		}
		return nil
	}
}

func newDetectCmd(opts detectOptions) *cobra.Command {
	var (
		from, to string
		params   []string
		dryRun   bool
	)
	cmd := &cobra.Command{
		Use:   "detect --from TIME --to TIME [--param name=value]...",
		Short: "Re-run detection over stored positions and replace the events of a time range",
		Long: `Re-run detection over the positions stored between --from and --to, with
the given parameters, and replace the stored events of that range with the
result (events whose span meets the range are deleted first). Use it after
changing a parameter: for the same parameters it yields the events that
live detection did.

Positions are read in time order; identity and destination changes come
from the stored identity history. Events are cut at the range: a visit
that began before --from starts "unknown" with bounds, one still going at
--to is stored open.

Parameters (see docs/detection.md for units and defaults):
  ` + strings.Join(detect.ParamNames(), "\n  "),
		Example: `  sitrep detect --from 2025-01-20 --to 2025-02-15
  sitrep detect --from 2025-01-20 --to 2025-02-15 --param min_dwell_min=120 --param hysteresis_m=500
  sitrep detect --from 2025-01-20 --to 2025-02-15 --dry-run`,
		Args: cobra.NoArgs,
	}
	dataDir := dataDirFlag(cmd)
	fl := cmd.Flags()
	fl.StringVar(&from, "from", "", "start of the range (RFC 3339 or YYYY-MM-DD, inclusive; required)")
	fl.StringVar(&to, "to", "", "end of the range (RFC 3339 or YYYY-MM-DD, exclusive; required)")
	fl.StringArrayVar(&params, "param", nil, "set a detection parameter, name=value (repeatable)")
	fl.BoolVar(&dryRun, "dry-run", false, "detect and count, but store nothing")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		var r sitrep.TimeRange
		var err error
		if r.From, err = parseTimeFlag("from", from); err != nil {
			return err
		}
		if r.To, err = parseTimeFlag("to", to); err != nil {
			return err
		}
		if r.From.IsZero() || r.To.IsZero() || !r.From.Before(r.To) {
			return sitrep.Errorf(sitrep.EINVALID, "--from and --to are required, --from before --to")
		}
		p, err := parseParams(params)
		if err != nil {
			return err
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		idx, err := opts.siteIndex(ctx, s)
		if err != nil {
			return err
		}
		es, err := redetect(ctx, s, r, detect.Config{Params: p, Sites: idx}, opts)
		if err != nil {
			return err
		}
		w := cmd.OutOrStdout()
		if !dryRun {
			n, err := s.DeleteEvents(ctx, sitrep.EventFilter{Range: r})
			if err != nil {
				return err
			}
			if err := s.PutEvents(ctx, es); err != nil {
				return err
			}
			fmt.Fprintf(w, "replaced %d events with %d in %s to %s\n", n, len(es), timeText(r.From), timeText(r.To))
		} else {
			fmt.Fprintf(w, "detected %d events in %s to %s (dry run, nothing stored)\n", len(es), timeText(r.From), timeText(r.To))
		}
		counts := map[sitrep.EventKind]int{}
		for _, e := range es {
			counts[e.Kind]++
		}
		for _, k := range sitrep.EventKinds {
			if counts[k] > 0 {
				fmt.Fprintf(w, "  %6d %s\n", counts[k], k)
			}
		}
		return nil
	}
	return cmd
}

// parseParams applies name=value settings to the default parameters.
func parseParams(settings []string) (detect.Params, error) {
	p := detect.DefaultParams()
	for _, s := range settings {
		name, val, ok := strings.Cut(s, "=")
		if !ok {
			return p, sitrep.Errorf(sitrep.EINVALID, "--param %q: want name=value", s)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil {
			return p, sitrep.Errorf(sitrep.EINVALID, "--param %s: %q is not a number", name, val)
		}
		if err := p.Set(strings.TrimSpace(name), v); err != nil {
			return p, err
		}
	}
	return p, p.Validate()
}

// redetect runs detection over the positions and identity history stored
// in r and returns the final version of every event, ordered by Start then
// ID.
func redetect(ctx context.Context, s sitrep.Store, r sitrep.TimeRange, cfg detect.Config, opts detectOptions) ([]sitrep.Event, error) {
	byID := map[string]int{}
	var es []sitrep.Event
	cfg.Sink = func(e sitrep.Event) {
		if i, ok := byID[e.ID]; ok {
			es[i] = e
			return
		}
		byID[e.ID] = len(es)
		es = append(es, e)
	}
	d, err := detect.New(cfg)
	if err != nil {
		return nil, err
	}
	ids, err := identityFeed(ctx, s, r, opts.resolve)
	if err != nil {
		return nil, err
	}
	world := sitrep.Area{MinLat: -90, MinLon: -180, MaxLat: 90, MaxLon: 180}
	slice := opts.slice
	if slice <= 0 {
		slice = 6 * time.Hour
	}
	next := 0
	for t := r.From; t.Before(r.To); t = t.Add(slice) {
		end := t.Add(slice)
		if end.After(r.To) {
			end = r.To
		}
		ps, err := s.PositionsIn(ctx, world, sitrep.TimeRange{From: t, To: end}, 0)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			// Identity before positions of a later time; at the same
			// time, positions first (as a position and a static
			// message of one second mostly arrive).
			for next < len(ids) && ids[next].at.Before(p.Time) {
				d.Identity(ids[next].v, ids[next].changes)
				next++
			}
			d.Position(p)
		}
	}
	for ; next < len(ids); next++ {
		d.Identity(ids[next].v, ids[next].changes)
	}
	d.Flush()
	if err := d.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(es, func(a, b sitrep.Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return es, nil
}

// identityStep is one Identity call of a re-detection.
type identityStep struct {
	at      time.Time
	v       sitrep.Vessel
	changes []sitrep.IdentityChange
}

// identityFeed rebuilds, from the stored vessels and identity history, the
// Identity calls of live detection over r: first each vessel's identity
// and declared destination as at r.From, then each change in r. The stored
// vessel gives the current identity; the destination before the first
// change in r is that change's old value (or the last change before r's).
func identityFeed(ctx context.Context, s sitrep.Store, r sitrep.TimeRange, resolve func(string) *sitrep.PortRef) ([]identityStep, error) {
	vs, err := s.Vessels(ctx, "", 0)
	if err != nil {
		return nil, err
	}
	res := func(raw string) *sitrep.PortRef {
		if resolve == nil || raw == "" {
			return nil
		}
		return resolve(raw)
	}
	var steps []identityStep
	for _, v := range vs {
		hist, err := s.IdentityHistory(ctx, v.MMSI)
		if err != nil {
			return nil, err
		}
		v.LastPosition = nil
		dest := v.Destination
		var in []sitrep.IdentityChange
		for _, c := range hist {
			if c.Field == sitrep.FieldDestination && c.FirstSeen.Before(r.From) {
				dest = c.New
			}
			if r.Contains(c.FirstSeen) {
				in = append(in, c)
			}
		}
		for _, c := range in {
			if c.Field == sitrep.FieldDestination {
				dest = c.Old
				break
			}
		}
		first := v
		first.Destination, first.DestinationPort = dest, res(dest)
		first.LastSeen = r.From
		steps = append(steps, identityStep{at: r.From, v: first})
		// One step per change time, with the destination as it became.
		for i := 0; i < len(in); {
			j := i
			at := in[i].FirstSeen
			for j < len(in) && in[j].FirstSeen.Equal(at) {
				if in[j].Field == sitrep.FieldDestination {
					dest = in[j].New
				}
				j++
			}
			cur := v
			cur.Destination, cur.DestinationPort = dest, res(dest)
			cur.LastSeen = at
			steps = append(steps, identityStep{at: at, v: cur, changes: in[i:j]})
			i = j
		}
	}
	slices.SortStableFunc(steps, func(a, b identityStep) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return int(a.v.MMSI) - int(b.v.MMSI)
	})
	return steps, nil
}
