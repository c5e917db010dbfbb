package httpapi

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
	"github.com/sitrep-osint/sitrep/live"
	"github.com/sitrep-osint/sitrep/sites"
)

// siteLookup finds a site among the stored ones, then the catalogue's
// (reports.Sites).
type siteLookup struct{ s *server }

// Site returns the effective site with id; ENOTFOUND when there is none.
func (l siteLookup) Site(ctx context.Context, id string) (sitrep.Site, error) {
	st, err := l.s.store.Site(ctx, id)
	if sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		return st, err
	}
	cat := l.s.cat
	if i, ok := slices.BinarySearchFunc(cat, id, func(s sitrep.Site, id string) int { return strings.Compare(s.ID, id) }); ok {
		return sites.Clone(cat[i]), nil
	}
	return sitrep.Site{}, notFound(err, "site %q not found", clip(id))
}

// effective returns the effective sites matching f (the catalogue overlaid
// by the stored sites, sorted by ID), at most max (<= 0: all). The sites
// are shared with the catalogue: callers must not modify them.
func (s *server) effective(ctx context.Context, f sitrep.SiteFilter, max int) ([]sitrep.Site, error) {
	stored, err := s.store.Sites(ctx, sitrep.SiteFilter{})
	if err != nil {
		return nil, err
	}
	out := []sitrep.Site{}
	for _, site := range sites.Overlay(s.cat, stored) {
		if f.Match(site) {
			out = append(out, site)
			if max > 0 && len(out) == max {
				break
			}
		}
	}
	return out, nil
}

// siteFilter reads q, kind and bbox.
func (q *query) siteFilter() sitrep.SiteFilter {
	f := sitrep.SiteFilter{Text: q.str("q"), Area: q.bbox()}
	if k := q.v.Get("kind"); k != "" {
		var err error
		if f.Kind, err = sitrep.ParseSiteKind(k); err != nil {
			q.set(sitrep.Errorf(sitrep.EINVALID, "kind: %s", sitrep.ErrorMessage(err)))
		}
	}
	return f
}

// sites answers GET /api/sites.
func (s *server) sites(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f, p := q.siteFilter(), q.page()
	if q.err != nil {
		return q.err
	}
	list, err := s.effective(r.Context(), f, p.fetch())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, cut(p, list))
	return nil
}

// sitesGeoJSON answers GET /api/sites.geojson: the map layer.
func (s *server) sitesGeoJSON(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := q.siteFilter()
	if q.err != nil {
		return q.err
	}
	list, err := s.effective(r.Context(), f, 0)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/geo+json")
	if err := sites.WriteGeoJSON(w, list); err != nil {
		s.log.ErrorContext(r.Context(), "sites GeoJSON failed", "err", err)
	}
	return nil
}

// site answers GET /api/sites/{id}.
func (s *server) site(w http.ResponseWriter, r *http.Request) error {
	site, err := siteLookup{s}.Site(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, site)
	return nil
}

// siteSummary is the body of GET /api/sites/{id}/summary.
type siteSummary struct {
	Site    sitrep.Site     `json:"site"`
	Inside  []live.Vessel   `json:"inside"`
	Counts  map[string]int  `json:"counts"`
	Visits  []sitrep.Event  `json:"visits"`
	Events  []sitrep.Event  `json:"events"`
	Reports []sitrep.Report `json:"reports"`
}

// maxSummaryEvents caps the events a site summary reads.
const maxSummaryEvents = 10_000

// siteSummary answers GET /api/sites/{id}/summary?from=&to=: the vessels
// inside now, the events at the site in the range (counted by kind; the
// visits apart) and the reports naming it.
func (s *server) siteSummary(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	site, err := siteLookup{s}.Site(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	q := newQuery(r)
	rng := q.timeRange()
	if q.err != nil {
		return q.err
	}
	out := siteSummary{Site: site, Inside: []live.Vessel{}, Counts: map[string]int{}, Visits: []sitrep.Event{}}
	if s.cfg.Live != nil && site.Shape.Kind != sitrep.ShapeLine {
		shape := sites.GeoShape(site.Shape)
		vs, _ := s.cfg.Live.InBox(site.Bounds(), MaxMapLimit)
		for _, v := range vs {
			if shape.Contains(geo.Point{Lat: v.Lat, Lon: v.Lon}) {
				out.Inside = append(out.Inside, v)
			}
		}
	}
	if out.Events, err = s.store.Events(ctx, sitrep.EventFilter{SiteID: site.ID, Range: rng, Limit: maxSummaryEvents}); err != nil {
		return err
	}
	out.Events = items(out.Events).Items
	for _, e := range out.Events {
		out.Counts[string(e.Kind)]++
		if e.Kind == sitrep.EventVisit {
			out.Visits = append(out.Visits, e)
		}
	}
	if out.Reports, err = s.store.Reports(ctx, sitrep.ReportFilter{SiteID: site.ID, Range: rng, Limit: MaxLimit}); err != nil {
		return err
	}
	out.Reports = items(out.Reports).Items
	writeJSON(w, http.StatusOK, out)
	return nil
}

// createSite answers POST /api/sites (analyst): 201 with the site;
// ECONFLICT when a site with its ID exists (stored or in the catalogue —
// PUT replaces a catalogue site).
func (s *server) createSite(w http.ResponseWriter, r *http.Request) error {
	var site sitrep.Site
	if err := decode(r, &site); err != nil {
		return err
	}
	if err := site.Validate(); err != nil {
		return err
	}
	ctx := r.Context()
	switch _, err := (siteLookup{s}).Site(ctx, site.ID); {
	case err == nil:
		return sitrep.Errorf(sitrep.ECONFLICT, "site %q exists (PUT /api/sites/%s replaces it)", site.ID, site.ID)
	case sitrep.ErrorCode(err) != sitrep.ENOTFOUND:
		return err
	}
	if err := s.store.PutSite(ctx, site); err != nil {
		return err
	}
	s.audit(r, "site.create", site.ID, site.Name)
	writeJSON(w, http.StatusCreated, site)
	return nil
}

// putSite answers PUT /api/sites/{id} (analyst): stores the site, which
// may replace a catalogue site of that ID. The body's id, when given, must
// equal the path's.
func (s *server) putSite(w http.ResponseWriter, r *http.Request) error {
	var site sitrep.Site
	if err := decode(r, &site); err != nil {
		return err
	}
	if err := sameID("site", r.PathValue("id"), &site.ID); err != nil {
		return err
	}
	if err := site.Validate(); err != nil {
		return err
	}
	if err := s.store.PutSite(r.Context(), site); err != nil {
		return err
	}
	s.audit(r, "site.update", site.ID, site.Name)
	writeJSON(w, http.StatusOK, site)
	return nil
}

// deleteSite answers DELETE /api/sites/{id} (analyst): removes a stored
// site (a catalogue site of the same ID shows again); 204.
func (s *server) deleteSite(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := s.store.DeleteSite(r.Context(), id); err != nil {
		return notFound(err, "no stored site %q (catalogue sites cannot be deleted)", clip(id))
	}
	s.audit(r, "site.delete", id, "")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// sameID fills an empty body ID from the path, and refuses a different one.
func sameID(what, path string, body *string) error {
	if *body == "" {
		*body = path
		return nil
	}
	if *body != path {
		return sitrep.Errorf(sitrep.EINVALID, "%s id %q in the body differs from %q in the path", what, clip(*body), clip(path))
	}
	return nil
}
