package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/auth"
	"github.com/sitrep-osint/sitrep/feed"
	"github.com/sitrep-osint/sitrep/httpapi"
	"github.com/sitrep-osint/sitrep/ingest"
	"github.com/sitrep-osint/sitrep/live"
	"github.com/sitrep-osint/sitrep/sqlite"
	"github.com/sitrep-osint/sitrep/track"
	"github.com/sitrep-osint/sitrep/web"
	"github.com/spf13/cobra"
)

func newServeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve [--feed SPEC]...",
		Short: "Run the live pipeline, the HTTP API and the web UI in one process",
		Long: `Serve reads live AIS feeds (TCP, UDP, a capture file replayed at a speed,
standard input), ingests them into the store in the data directory, keeps
the live state of every vessel in memory, detects events, and serves the
HTTP API, the live stream (Server-Sent Events), /metrics and the web UI.

Settings come from flags, then environment variables (SITREP_LISTEN,
SITREP_DATA, SITREP_FEEDS separated by ';', SITREP_ANONYMOUS_READ,
SITREP_SECURE_COOKIES, SITREP_DETECT, SITREP_TILE_URL), then the YAML file
given by --config (or SITREP_CONFIG), then the defaults. See docs/serve.md.

SIGINT or SIGTERM stops the feeds, stores everything ingested, and exits 0.`,
		Example: `  sitrep serve --feed 'tcp:153.44.253.27:5631?name=norway'
  sitrep serve --feed 'file:testdata/ais/amsa-tag-block.nmea?speed=60&loop=1'
  sitrep simulate --vessels 500 --duration 6h | sitrep serve --feed 'stdin?name=sitrep-simulated&speed=10'`,
		Args: cobra.NoArgs,
	}
	fl := cmd.Flags()
	fl.String("listen", defaultListen, "address to serve HTTP on (a non-loopback address is served, with a warning)")
	dataDir := dataDirFlag(cmd)
	feeds := fl.StringArray("feed", nil, "a feed to read, as KIND[:TARGET][?KEY=VALUE&...] (repeatable; see docs/feeds.md)")
	fl.String("config", "", "YAML configuration file (default $SITREP_CONFIG)")
	fl.Bool("anonymous-read", true, "let visitors read without signing in (as viewer)")
	fl.Bool("secure-cookies", false, "mark the session cookie Secure (behind HTTPS)")
	fl.Bool("detect", true, "detect events (visits, transits, gaps, ...) on the live positions")
	fl.String("tile-url", "", "optional online map tile URL template for the UI (https://.../{z}/{x}/{y}.png); default offline basemap only")
	logLevel := fl.String("log-level", "info", "log level: debug, info, warn or error")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		cfg, err := resolveServeConfig(fl, os.Getenv, *feeds, dataDir)
		if err != nil {
			return err
		}
		var level slog.Level
		if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "--log-level %q: want debug, info, warn or error", *logLevel)
		}
		log := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: level}))
		ctx := cmd.Context()
		if ctx == nil {
			ctx = context.Background()
		}
		ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
		defer stop()
		return runServe(ctx, cfg, serveDeps{log: log, now: time.Now, stdin: cmd.InOrStdin()})
	}
	return cmd
}

// serveDeps are the injected parts of runServe.
type serveDeps struct {
	log *slog.Logger
	now func() time.Time
	// stdin is what a stdin feed reads.
	stdin interface{ Read([]byte) (int, error) }
	// ready, when set, is called with the address served once the server
	// listens and the feeds have started.
	ready func(addr string, s *server)
	// tick is how often detection is told the time and changed vessels are
	// stored (default serveTick).
	tick time.Duration
}

// serveTick is the default of serveDeps.tick.
const serveTick = 5 * time.Second

// shutdownTimeout bounds how long in-flight HTTP requests may take to
// finish at shutdown.
const shutdownTimeout = 10 * time.Second

// server is a running sitrep serve, for tests.
type server struct {
	store *sqlite.Store
	state *live.State
	hub   *live.Hub
	feeds *feed.Manager
	reg   *prometheus.Registry
	p     *pipeline
	li    *liveIngest
}

// runServe runs sitrep serve until ctx ends, then shuts down: the HTTP
// server stops taking requests (streams end), the feeds stop, what they
// delivered is ingested, detection emits the events still open, everything
// is stored, and the store is closed. It returns nil after a clean
// shutdown, else the first error (a store that cannot be opened, a feed
// that cannot start, an address that cannot be bound, a failed flush).
func runServe(ctx context.Context, cfg serveConfig, d serveDeps) (err error) {
	log, now := d.log, d.now
	if d.tick <= 0 {
		d.tick = serveTick
	}
	start := now()
	store, err := sqlite.Open(ctx, cfg.Data, sqlite.Options{})
	if err != nil {
		return err
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	// Store writes outlive ctx: at shutdown what is queued is still stored.
	wctx := context.WithoutCancel(ctx)

	st, err := track.New(track.Config{Resolve: gazetteerResolve()})
	if err != nil {
		return err
	}
	warmed, err := warmState(ctx, store, st)
	if err != nil {
		return fmt.Errorf("loading the stored vessels: %w", err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	state := live.NewState(st)
	hub := live.NewHub(0, reg, live.WithClock(now))
	met := newPipelineMetrics(reg)
	p, err := newPipeline(wctx, store, pipelineOptions{detect: cfg.Detect,
		live: &liveOutput{track: st, state: state, hub: hub, now: now, log: log, met: met, tick: d.tick}})
	if err != nil {
		return err
	}
	li := newLiveIngest(p, met, log)
	// finish drains and stores; it runs once, on every path from here.
	finished := false
	finish := func() error {
		if finished {
			return nil
		}
		finished = true
		li.close()
		return p.finish()
	}
	defer func() {
		if ferr := finish(); ferr != nil && err == nil {
			err = ferr
		}
	}()

	fopts := feed.Options{Clock: now, Logger: log, Registerer: reg}
	if d.stdin != nil {
		fopts.Stdin = d.stdin
	}
	feeds := feed.NewManager(li.Line, fopts)
	defer feeds.Close()
	feedCtx, stopFeeds := context.WithCancel(wctx)
	defer stopFeeds()
	for _, c := range cfg.Feeds {
		if err := feeds.Start(feedCtx, c); err != nil {
			return fmt.Errorf("feed %s: %w", c.Name, err)
		}
		log.Info("feed started", "feed", c.Name, "kind", c.Kind, "spec", c.Spec())
	}

	authn := &auth.Authenticator{Store: store, Now: now, Logger: log, AnonymousRead: cfg.AnonymousRead, SecureCookies: cfg.SecureCookies}
	ui, built := web.FS()
	if !built {
		ui = nil
		log.Warn("the web UI is not built into this binary (make web); / says how to build it")
	}
	h, err := httpapi.New(httpapi.Config{Store: store, Live: state, Hub: hub, Auth: authn, Feeds: feedsWithRejects{feeds, li},
		Registry: reg, Logger: log, Now: now, Version: versionString(), TileURL: cfg.TileURL, UI: ui})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "--listen %s: %v", cfg.Listen, err)
	}
	addr := ln.Addr().String()
	if !loopback(ln.Addr()) {
		log.Warn("serving on a non-loopback address: anyone who can reach it can use the API; put it behind HTTPS and review --anonymous-read",
			"listen", addr, "anonymous_read", cfg.AnonymousRead)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("sitrep serve listening", "url", "http://"+addr+"/", "data", cfg.Data, "feeds", len(cfg.Feeds),
		"detect", cfg.Detect, "anonymous_read", cfg.AnonymousRead, "vessels_loaded", warmed,
		"startup", now().Sub(start).Round(time.Millisecond))
	if d.ready != nil {
		d.ready(addr, &server{store: store, state: state, hub: hub, feeds: feeds, reg: reg, p: p, li: li})
	}

	var serveErr error
	select {
	case <-ctx.Done():
		log.Info("shutting down", "cause", context.Cause(ctx))
	case serveErr = <-served:
		log.Error("HTTP server failed", "err", serveErr)
	}
	// Streams end first (they never go idle), then in-flight requests get
	// shutdownTimeout to finish.
	hub.Close()
	sctx, cancel := context.WithTimeout(wctx, shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("HTTP shutdown", "err", err)
	}
	stopFeeds()
	if err := feeds.Close(); err != nil {
		log.Warn("closing feeds", "err", err)
	}
	if err := finish(); err != nil {
		log.Error("storing what was ingested", "err", err)
		return err
	}
	log.Info("stopped", "positions_stored", p.positions, "events_stored", len(p.eventIDs),
		"rejected_lines", li.rejected.Load(), "undecodable", p.decodeErrs, "vessels", st.Len())
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return nil
}

// loopback reports whether a is a loopback address.
func loopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}

// warmState loads the stored vessels into st so that the map is not empty
// after a restart: each vessel's identity, voyage and last position. It
// returns how many it loaded.
func warmState(ctx context.Context, store sitrep.VesselStore, st *track.State) (int, error) {
	vs, err := store.Vessels(ctx, "", 0)
	if err != nil {
		return 0, err
	}
	for i := range vs {
		v := &vs[i]
		u := ingest.IdentityUpdate{Time: v.LastSeen, Identity: v.Identity, Voyage: v.Voyage}
		for _, f := range []struct {
			set bool
			f   ingest.IdentityFields
		}{{v.Name != "", ingest.HasName}, {v.Callsign != "", ingest.HasCallsign}, {v.IMO != 0, ingest.HasIMO},
			{v.ShipType != 0, ingest.HasShipType}, {v.Length != 0 || v.Beam != 0, ingest.HasDimensions},
			{v.Destination != "", ingest.HasDestination}, {!v.ETA.IsZero(), ingest.HasETA}, {v.Draught != 0, ingest.HasDraught}} {
			if f.set {
				u.Fields |= f.f
			}
		}
		if u.Fields != 0 {
			st.Apply(u) // the changes it reports are stored already
		}
		if v.LastPosition != nil {
			st.Observe(*v.LastPosition)
		}
	}
	return len(vs), nil
}
