package httpapi

import (
	"net/http"

	"github.com/sitrep-osint/sitrep"
)

// events answers GET /api/events?kind=&mmsi=&site=&bbox=&from=&to=: events
// ordered by start then ID, paged.
func (s *server) events(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := parsePage(q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var f sitrep.EventFilter
	if f.Kinds, err = parseEventKinds(q.Get("kind")); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.MMSI, err = parseMMSI("mmsi", q.Get("mmsi")); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.SiteID, err = param(q, "site"); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.Area, err = ParseBBox(q.Get("bbox")); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.Range, err = ParseRange(q.Get("from"), q.Get("to")); err != nil {
		s.writeError(w, r, err)
		return
	}
	f.Limit = p.fetch()
	es, err := s.store.Events(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, cut(p, es))
}

// event answers GET /api/events/{id}.
func (s *server) event(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e, err := s.store.Event(r.Context(), id)
	if err != nil {
		s.writeError(w, r, notFound(err, "event %q not found", clip(id)))
		return
	}
	writeJSON(w, http.StatusOK, e)
}
