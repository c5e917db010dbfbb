package httpapi

import (
	"net/http"

	"github.com/sitrep-osint/sitrep"
)

// events answers GET /api/events?kind=&mmsi=&site=&bbox=&from=&to=: events
// ordered by start then ID, paged.
func (s *server) events(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	p := q.page()
	f := sitrep.EventFilter{Kinds: q.eventKinds("kind"), MMSI: q.mmsi("mmsi"), SiteID: q.str("site"), Area: q.bbox(), Range: q.timeRange()}
	if q.err != nil {
		return q.err
	}
	f.Limit = p.fetch()
	es, err := s.store.Events(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, cut(p, es))
	return nil
}

// event answers GET /api/events/{id}.
func (s *server) event(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	e, err := s.store.Event(r.Context(), id)
	if err != nil {
		return notFound(err, "event %q not found", clip(id))
	}
	writeJSON(w, http.StatusOK, e)
	return nil
}
