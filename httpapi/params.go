package httpapi

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// Paging limits of list endpoints.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
	// maxParam bounds the length of any one query parameter value.
	maxParam = 1024
)

// param returns the query parameter name, or an EINVALID error when it is
// longer than maxParam bytes.
func param(q url.Values, name string) (string, error) {
	v := strings.TrimSpace(q.Get(name))
	if len(v) > maxParam {
		return "", sitrep.Errorf(sitrep.EINVALID, "%s: longer than %d bytes", name, maxParam)
	}
	return v, nil
}

// ParseBBox parses the bbox parameter, "minLon,minLat,maxLon,maxLat" in
// degrees. minLon > maxLon is a box across the antimeridian. An empty s
// gives nil (no box).
//
// Errors: EINVALID naming the parameter and the fault (not four numbers, a
// coordinate out of range, minLat above maxLat).
func ParseBBox(s string) (*sitrep.Area, error) {
	if s == "" {
		return nil, nil
	}
	bad := func(why string) (*sitrep.Area, error) {
		return nil, sitrep.Errorf(sitrep.EINVALID, "bbox %q: %s (want minLon,minLat,maxLon,maxLat in degrees)", clip(s), why)
	}
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return bad("four numbers needed")
	}
	var v [4]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return bad(fmt.Sprintf("%q is not a number", clip(p)))
		}
		v[i] = x
	}
	a := sitrep.Area{MinLon: v[0], MinLat: v[1], MaxLon: v[2], MaxLat: v[3]}
	for _, lon := range []float64{a.MinLon, a.MaxLon} {
		if !(lon >= -180 && lon <= 180) {
			return bad("longitude out of -180..180")
		}
	}
	for _, lat := range []float64{a.MinLat, a.MaxLat} {
		if !(lat >= -90 && lat <= 90) {
			return bad("latitude out of -90..90")
		}
	}
	if a.MinLat > a.MaxLat {
		return bad("minLat above maxLat")
	}
	return &a, nil
}

// ParseTime parses a time parameter: RFC 3339 or a YYYY-MM-DD date (UTC
// midnight). When endOfDay is set, a date means the end of that day (the
// next midnight), for exclusive "to" bounds. An empty s gives the zero time.
//
// Errors: EINVALID naming the parameter.
func ParseTime(name, s string, endOfDay bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		if endOfDay {
			t = t.AddDate(0, 0, 1)
		}
		return t, nil
	}
	return time.Time{}, sitrep.Errorf(sitrep.EINVALID, "%s %q: not an RFC 3339 time or a YYYY-MM-DD date", name, clip(s))
}

// ParseRange parses from and to into a half-open range; a date as to
// includes that day.
//
// Errors: EINVALID naming the parameter, or when to is not after from.
func ParseRange(from, to string) (sitrep.TimeRange, error) {
	var r sitrep.TimeRange
	var err error
	if r.From, err = ParseTime("from", from, false); err != nil {
		return r, err
	}
	if r.To, err = ParseTime("to", to, true); err != nil {
		return r, err
	}
	if !r.From.IsZero() && !r.To.IsZero() && !r.To.After(r.From) {
		return r, sitrep.Errorf(sitrep.EINVALID, "to must be after from")
	}
	return r, nil
}

// ParseLimit parses the limit parameter: DefaultLimit when empty, at most
// max.
//
// Errors: EINVALID when s is not a positive integer; a limit above max is
// capped, not refused.
func ParseLimit(s string, def, max int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, sitrep.Errorf(sitrep.EINVALID, "limit %q: want a positive integer (at most %d)", clip(s), max)
	}
	return min(n, max), nil
}

// ParseDuration parses a window such as "6h" or "90m" between 1 s and max.
//
// Errors: EINVALID naming the parameter.
func ParseDuration(name, s string, def, max time.Duration) (time.Duration, error) {
	if s == "" {
		return def, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < time.Second || d > max {
		return 0, sitrep.Errorf(sitrep.EINVALID, "%s %q: want a duration from 1s to %s such as 6h or 90m", name, clip(s), max)
	}
	return d, nil
}

// parseMMSI parses an optional mmsi parameter (0 when empty).
func parseMMSI(name, s string) (sitrep.MMSI, error) {
	if s == "" {
		return 0, nil
	}
	m, err := sitrep.ParseMMSI(s)
	if err != nil {
		return 0, sitrep.Errorf(sitrep.EINVALID, "%s: %s", name, sitrep.ErrorMessage(err))
	}
	return m, nil
}

// parseEventKinds parses a comma-separated list of event kinds.
func parseEventKinds(s string) ([]sitrep.EventKind, error) {
	if s == "" {
		return nil, nil
	}
	var out []sitrep.EventKind
	for p := range strings.SplitSeq(s, ",") {
		k := sitrep.EventKind(strings.TrimSpace(p))
		if !k.Valid() {
			return nil, sitrep.Errorf(sitrep.EINVALID, "kind %q: not an event kind (%v)", clip(string(k)), sitrep.EventKinds)
		}
		out = append(out, k)
	}
	return out, nil
}

// A cursor is the opaque position of the next page: the offset into the
// ordered result, base64url-encoded. Stores return results in a stable
// order, so an offset names the same place while nothing is added before it.
const cursorPrefix = "o:"

// ParseCursor decodes a cursor into an offset (0 when empty).
//
// Errors: EINVALID when s is not a cursor this server made.
func ParseCursor(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil && strings.HasPrefix(string(b), cursorPrefix) {
		if n, err := strconv.Atoi(string(b[len(cursorPrefix):])); err == nil && n >= 0 && n <= 1<<30 {
			return n, nil
		}
	}
	return 0, sitrep.Errorf(sitrep.EINVALID, "cursor %q: not a cursor from this API (pass the \"next\" value of the previous page)", clip(s))
}

// makeCursor encodes an offset.
func makeCursor(off int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(off)))
}

// page is the paging state of a list request.
type page struct {
	limit, offset int
}

// fetch is how many items to ask a store for: the page, what precedes it
// and one more to know whether there is a next page.
func (p page) fetch() int { return p.offset + p.limit + 1 }

// list is the contract's list body.
type list[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next"`
}

// items returns an unpaged list of all (never null).
func items[T any](all []T) list[T] {
	if all == nil {
		all = []T{}
	}
	return list[T]{Items: all}
}

// cut returns the page of all (which holds the results from the start)
// with the cursor of the next page, or "" when there is none.
func cut[T any](p page, all []T) list[T] {
	if p.offset >= len(all) {
		return list[T]{Items: []T{}}
	}
	all = all[p.offset:]
	if len(all) > p.limit {
		return list[T]{Items: all[:p.limit], Next: makeCursor(p.offset + p.limit)}
	}
	return list[T]{Items: all}
}

// clip shortens s for error messages.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
