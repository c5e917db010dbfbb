// Package httpapi is sitrep's HTTP JSON API: vessels, tracks, sites,
// events, reports and their fusion, the live map state and its
// Server-Sent Events stream, users and tokens, feeds, an OpenAPI document,
// Prometheus metrics and a health check, and the embedded web UI. The
// contract is docs/api.md; the OpenAPI document (openapi.json, served at
// /api/openapi.json) lists every route.
//
// New builds an http.Handler from injected parts (store, live state, hub,
// authenticator, feeds, registry, logger, clock); it starts no goroutine
// of its own and holds no package-level state.
package httpapi

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/auth"
	"github.com/sitrep-osint/sitrep/feed"
	"github.com/sitrep-osint/sitrep/live"
	"github.com/sitrep-osint/sitrep/reports"
	"github.com/sitrep-osint/sitrep/sites"
)

// MaxBody is the largest request body accepted (413 above it).
const MaxBody = 1 << 20

// LiveState is the live vessel state the map reads (live.State has these
// methods). It must be safe for concurrent use.
type LiveState interface {
	InBox(a sitrep.Area, limit int) (vs []live.Vessel, total int)
	Vessel(m sitrep.MMSI) (sitrep.Vessel, bool)
}

// Hub fans live messages out to stream subscribers (live.Hub has this
// method).
type Hub interface {
	Subscribe(f live.Filter) *live.Subscription
}

// Feeds manages the live feeds (feed.Manager has these methods).
type Feeds interface {
	Start(ctx context.Context, c feed.Config) error
	Stop(name string) error
	Statuses() []feed.Status
}

// Config holds what New wires together. Store, Auth and Registry are
// required; Live, Hub and Feeds may be nil (their endpoints then answer
// with empty results or 404), and so may the others.
type Config struct {
	// Store keeps everything, users and the audit log included.
	Store sitrep.Store
	// Live is the in-memory live state (/api/live, site summaries).
	Live LiveState
	// Hub feeds /api/stream.
	Hub Hub
	// Auth authenticates requests and keeps users, tokens and the audit
	// log. New sets its Deny hook to write the API's JSON error body.
	Auth *auth.Authenticator
	// Feeds lists and manages the live feeds (/api/feeds).
	Feeds Feeds
	// Catalogue is the bundled site catalogue that stored sites overlay,
	// sorted by ID as sites.Catalogue returns it; New keeps it and never
	// modifies it. Nil loads sites.Catalogue() once.
	Catalogue []sitrep.Site
	// Registry receives the API's metrics and is served at /metrics.
	Registry *prometheus.Registry
	Logger   *slog.Logger
	// Now is the clock (default time.Now).
	Now     func() time.Time
	Version string
	// TileURL is an optional online tile layer URL template for the UI
	// ("https://{s}.tile.example.org/{z}/{x}/{y}.png"); its host is
	// allowed as an image source in the Content-Security-Policy.
	TileURL string
	// UI is the built web UI served at / (index.html at its root); nil
	// serves a page saying how to build it.
	UI fs.FS
	// PingInterval is the stream's keep-alive period (default 15 s).
	PingInterval time.Duration
}

// server holds the wired parts; its methods are the handlers.
type server struct {
	cfg     Config
	store   sitrep.Store
	auth    *auth.Authenticator
	log     *slog.Logger
	now     func() time.Time
	cat     []sitrep.Site // bundled catalogue, read-only, sorted by ID
	fusion  *reports.Fusion
	metrics *metrics
	csp     string
	ping    time.Duration
	bufs    bufferPool // map response buffers
	mux     *http.ServeMux
	routes  []string // registered patterns, for the OpenAPI check
}

// New returns the API handler.
//
// Errors: EINVALID when Store, Auth or Registry is missing or TileURL is
// not an absolute http(s) URL; the registry's error when the metrics are
// already registered on it; the catalogue's error when it cannot load.
func New(cfg Config) (http.Handler, error) {
	if cfg.Store == nil || cfg.Auth == nil || cfg.Registry == nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "httpapi.New: Store, Auth and Registry are required")
	}
	s := &server{cfg: cfg, store: cfg.Store, auth: cfg.Auth, log: logger(cfg.Logger), now: cfg.Now, ping: cfg.PingInterval}
	if s.now == nil {
		s.now = time.Now
	}
	if s.ping <= 0 {
		s.ping = 15 * time.Second
	}
	var err error
	if s.csp, err = contentSecurityPolicy(cfg.TileURL); err != nil {
		return nil, err
	}
	s.cat = cfg.Catalogue
	if s.cat == nil {
		if s.cat, err = sites.Catalogue(); err != nil {
			return nil, err
		}
	}
	s.fusion = &reports.Fusion{Reports: s.store, Positions: s.store, Vessels: s.store, Events: s.store, Sites: siteLookup{s}}
	if s.metrics, err = newMetrics(cfg.Registry); err != nil {
		return nil, err
	}
	cfg.Auth.Deny = s.writeError
	s.mux = http.NewServeMux()
	s.register()
	return s, nil
}

// ServeHTTP applies what every response needs (security headers, body
// limit, metrics by route pattern) around the mux.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	h := w.Header()
	h.Set("Content-Security-Policy", s.csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	}
	rec := &recorder{ResponseWriter: w}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.ErrorContext(r.Context(), "handler panic", "method", r.Method, "path", r.URL.Path, "panic", v)
			if rec.status == 0 {
				s.writeError(rec, r, errors.New("panic"))
			}
		}
		d := time.Since(start)
		s.metrics.observe(r, rec.status, d)
		// The path only: query strings may carry search text.
		s.log.DebugContext(r.Context(), "request", "method", r.Method, "path", r.URL.Path, "route", r.Pattern,
			"status", rec.status, "duration", d, "remote", r.RemoteAddr)
	}()
	s.mux.ServeHTTP(rec, r)
}

// handle registers a route; need is the role the route requires (reads:
// viewer, which anonymous callers have when anonymous reading is on).
func (s *server) handle(pattern string, need sitrep.Role, h handlerFunc) {
	s.routes = append(s.routes, pattern)
	s.mux.Handle(pattern, s.auth.Require(need, s.adapt(h)))
}

// open registers a route that needs no authentication.
func (s *server) open(pattern string, h handlerFunc) {
	s.routes = append(s.routes, pattern)
	s.mux.Handle(pattern, s.adapt(h))
}

// register lists every route.
func (s *server) register() {
	const v, a, adm = sitrep.RoleViewer, sitrep.RoleAnalyst, sitrep.RoleAdmin
	// Service.
	s.open("GET /healthz", s.healthz)
	s.open("GET /metrics", s.metricsHandler())
	s.open("GET /api/openapi.json", s.openapi)
	s.open("GET /api/config", s.config)
	s.open("/api/", s.noRoute)
	s.open("/", s.ui())
	// Auth.
	s.open("POST /api/login", s.login)
	s.handle("POST /api/logout", sitrep.RoleViewer, s.logout)
	s.open("GET /api/me", s.me)
	// Live.
	s.handle("GET /api/live", v, s.live)
	s.handle("GET /api/snapshot", v, s.snapshot)
	s.handle("GET /api/stream", v, s.stream)
	// Vessels.
	s.handle("GET /api/vessels", v, s.vessels)
	s.handle("GET /api/vessels/{mmsi}", v, s.vessel)
	s.handle("GET /api/vessels/{mmsi}/history", v, s.vesselHistory)
	s.handle("GET /api/vessels/{mmsi}/track", v, s.vesselTrack)
	// Sites.
	s.handle("GET /api/sites", v, s.sites)
	s.handle("GET /api/sites.geojson", v, s.sitesGeoJSON)
	s.handle("GET /api/sites/{id}", v, s.site)
	s.handle("GET /api/sites/{id}/summary", v, s.siteSummary)
	s.handle("POST /api/sites", a, s.createSite)
	s.handle("PUT /api/sites/{id}", a, s.putSite)
	s.handle("DELETE /api/sites/{id}", a, s.deleteSite)
	// Events.
	s.handle("GET /api/events", v, s.events)
	s.handle("GET /api/events/{id}", v, s.event)
	// Reports, sources, entities, fusion.
	s.handle("GET /api/reports", v, s.reports)
	s.handle("GET /api/reports/{id}", v, s.report)
	s.handle("GET /api/reports/{id}/versions", v, s.reportVersions)
	s.handle("GET /api/reports/{id}/corroboration", v, s.corroboration)
	s.handle("POST /api/reports", a, s.createReport)
	s.handle("PUT /api/reports/{id}", a, s.updateReport)
	s.handle("GET /api/sources", v, s.sources)
	s.handle("GET /api/sources/{id}", v, s.source)
	s.handle("POST /api/sources", a, s.createSource)
	s.handle("PUT /api/sources/{id}", a, s.putSource)
	s.handle("GET /api/entities", v, s.entities)
	s.handle("GET /api/entities/{id}", v, s.entity)
	s.handle("PUT /api/entities/{id}", a, s.putEntity)
	s.handle("GET /api/timeline", v, s.timeline)
	s.handle("GET /api/brief", v, s.brief)
	// Feeds.
	s.handle("GET /api/feeds", v, s.feeds)
	s.handle("POST /api/feeds", adm, s.addFeed)
	s.handle("DELETE /api/feeds/{name}", adm, s.deleteFeed)
	// Administration.
	s.handle("GET /api/users", adm, s.users)
	s.handle("POST /api/users", adm, s.createUser)
	s.handle("PUT /api/users/{name}", adm, s.putUser)
	s.handle("GET /api/tokens", adm, s.tokens)
	s.handle("POST /api/tokens", adm, s.createToken)
	s.handle("DELETE /api/tokens/{id}", adm, s.deleteToken)
	s.handle("GET /api/audit", adm, s.auditLog)
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

// noRoute answers API paths that match no route.
func (s *server) noRoute(w http.ResponseWriter, r *http.Request) error {
	return notFoundPath(r)
}

func notFoundPath(r *http.Request) error {
	return sitrep.Errorf(sitrep.ENOTFOUND, "no endpoint %s %s", r.Method, clip(r.URL.Path))
}

// uiConfig is what the UI needs to know about the server.
type uiConfig struct {
	Version       string `json:"version"`
	TileURL       string `json:"tile_url"`
	AnonymousRead bool   `json:"anonymous_read"`
}

func (s *server) config(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, uiConfig{Version: s.cfg.Version, TileURL: s.cfg.TileURL, AnonymousRead: s.auth.AnonymousRead})
	return nil
}

// contentSecurityPolicy allows the UI's own scripts, styles (inline too:
// Leaflet sets style attributes), images (data: URLs for markers) and,
// when configured, the tile server's images.
//
// Errors: EINVALID when tileURL is set but not an absolute http(s) URL.
func contentSecurityPolicy(tileURL string) (string, error) {
	img := "'self' data:"
	if tileURL != "" {
		// Not url.Parse: tile templates carry {s} in the host.
		scheme, rest, ok := strings.Cut(tileURL, "://")
		host, _, _ := strings.Cut(rest, "/")
		if !ok || (scheme != "http" && scheme != "https") || host == "" {
			return "", sitrep.Errorf(sitrep.EINVALID, "tile URL %q: want an absolute http or https URL", clip(tileURL))
		}
		if h, ok := strings.CutPrefix(host, "{s}."); ok {
			host = "*." + h
		}
		if strings.ContainsAny(host, "{}; '\"@,\\") {
			return "", sitrep.Errorf(sitrep.EINVALID, "tile URL %q: only a leading {s}. placeholder may appear in the host", clip(tileURL))
		}
		img += " " + scheme + "://" + host
	}
	return "default-src 'self'; img-src " + img + "; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'", nil
}

// decode reads a JSON body into v.
//
// Errors: EINVALID saying what is wrong with the body and where; a body
// over MaxBody gives the http.MaxBytesError that writeError maps to 413.
func decode(r *http.Request, v any) error {
	dec := jsonDecoder(r.Body)
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return sitrep.Errorf(sitrep.EINVALID, "request body: %s", jsonError(err))
	}
	if dec.More() {
		return sitrep.Errorf(sitrep.EINVALID, "request body: more than one JSON value")
	}
	return nil
}
