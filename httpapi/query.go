package httpapi

import (
	"net/http"
	"net/url"

	"github.com/sitrep-osint/sitrep"
)

// query reads a request's query parameters with the parsers of params.go,
// keeping the first error: a handler reads what it needs, then checks err
// once.
type query struct {
	v   url.Values
	err error
}

func newQuery(r *http.Request) *query { return &query{v: r.URL.Query()} }

// set records err when it is the first.
func (q *query) set(err error) {
	if q.err == nil {
		q.err = err
	}
}

// str returns a parameter (trimmed, at most maxParam bytes).
func (q *query) str(name string) string {
	v, err := param(q.v, name)
	q.set(err)
	return v
}

// mmsi returns an optional MMSI parameter (0 when absent).
func (q *query) mmsi(name string) sitrep.MMSI {
	m, err := parseMMSI(name, q.v.Get(name))
	q.set(err)
	return m
}

// bbox returns the bbox parameter (nil when absent).
func (q *query) bbox() *sitrep.Area {
	a, err := ParseBBox(q.str("bbox"))
	q.set(err)
	return a
}

// timeRange returns from and to as a range.
func (q *query) timeRange() sitrep.TimeRange {
	r, err := ParseRange(q.v.Get("from"), q.v.Get("to"))
	q.set(err)
	return r
}

// eventKinds returns a comma-separated list of event kinds.
func (q *query) eventKinds(name string) []sitrep.EventKind {
	ks, err := parseEventKinds(q.v.Get(name))
	q.set(err)
	return ks
}

// page returns limit and cursor.
func (q *query) page() page {
	var p page
	var err error
	if p.limit, err = ParseLimit(q.v.Get("limit"), DefaultLimit, MaxLimit); err != nil {
		q.set(err)
	}
	if p.offset, err = ParseCursor(q.v.Get("cursor")); err != nil {
		q.set(err)
	}
	return p
}

// handlerFunc is a handler that returns its error instead of writing it;
// the adapter writes the error body. A handler that has started its
// answer logs later failures and returns nil.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// adapt turns h into an http.Handler writing h's error.
func (s *server) adapt(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}
