package httpapi

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/live"
)

// Limits of the map endpoints (/api/live, /api/snapshot): a map wants
// more than a list page.
const (
	DefaultMapLimit = 5_000
	MaxMapLimit     = 50_000
	// MaxSnapshotWindow bounds /api/snapshot's window.
	MaxSnapshotWindow = 7 * 24 * time.Hour
	// snapshotChunkPositions caps the positions read per slice of a
	// snapshot's window.
	snapshotChunkPositions = 100_000
)

// world is the box of the whole Earth, for requests without bbox.
var world = sitrep.Area{MinLat: -90, MinLon: -180, MaxLat: 90, MaxLon: 180}

// mapBody is the body of /api/live and /api/snapshot.
type mapBody struct {
	Items     []live.Vessel `json:"items"`
	Total     int           `json:"total"`
	Truncated bool          `json:"truncated"`
}

// mapArea returns the bbox (the whole Earth when absent) and the map limit.
func (q *query) mapArea() (sitrep.Area, int) {
	a := q.bbox()
	limit, err := ParseLimit(q.v.Get("limit"), DefaultMapLimit, MaxMapLimit)
	q.set(err)
	if a == nil {
		return world, limit
	}
	return *a, limit
}

// live answers GET /api/live: the vessels whose latest position is in the
// box now, from the in-memory state.
func (s *server) live(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	a, limit := q.mapArea()
	if q.err != nil {
		return q.err
	}
	body := mapBody{Items: []live.Vessel{}}
	if s.cfg.Live != nil {
		vs, total := s.cfg.Live.InBox(a, limit)
		if vs != nil {
			body.Items = vs
		}
		body.Total, body.Truncated = total, total > len(vs)
	}
	s.bufs.writeMapBody(w, &body)
	return nil
}

// snapshot answers GET /api/snapshot: each vessel's last stored position
// in [t-window, t] inside the box, in the live shape, with the vessel's
// current identity.
func (s *server) snapshot(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	a, limit := q.mapArea()
	t, err := ParseTime("t", q.v.Get("t"), false)
	q.set(err)
	window, err := ParseDuration("window", q.v.Get("window"), 6*time.Hour, MaxSnapshotWindow)
	q.set(err)
	if q.err != nil {
		return q.err
	}
	if t.IsZero() {
		return sitrep.Errorf(sitrep.EINVALID, "t: required (RFC 3339 time of the snapshot)")
	}
	body, err := s.snapshotAt(r, a, t, window, limit)
	if err != nil {
		return err
	}
	s.bufs.writeMapBody(w, &body)
	return nil
}

// snapshotAt reads the positions of the window in one query when they
// fit under snapshotChunkPositions; otherwise it reads the window again in
// slices from t backwards, so that each vessel's newest position is found
// first and a busy window is cut at its old end (a slice that hits the cap
// marks the result truncated).
func (s *server) snapshotAt(r *http.Request, a sitrep.Area, t time.Time, window time.Duration, limit int) (mapBody, error) {
	ctx := r.Context()
	// The snapshot includes positions at t itself: ranges are half-open.
	end := t.Add(time.Nanosecond)
	start := t.Add(-window)
	body := mapBody{Items: []live.Vessel{}}
	var latest map[sitrep.MMSI]sitrep.Position
	for _, slices := range []int{1, 6} {
		step := max(window/time.Duration(slices), time.Second)
		latest = map[sitrep.MMSI]sitrep.Position{}
		full := false
		for to := end; to.After(start); to = to.Add(-step) {
			from := to.Add(-step)
			if from.Before(start) || slices == 1 {
				from = start
			}
			ps, err := s.store.PositionsIn(ctx, a, sitrep.TimeRange{From: from, To: to}, snapshotChunkPositions)
			if err != nil {
				return body, err
			}
			full = full || len(ps) == snapshotChunkPositions
			// ps is ordered by time: within the slice the last one wins; a
			// vessel placed by a newer slice keeps that place.
			inSlice := map[sitrep.MMSI]int{}
			for i := range ps {
				if _, placed := latest[ps[i].MMSI]; !placed {
					inSlice[ps[i].MMSI] = i
				}
			}
			for m, i := range inSlice {
				latest[m] = ps[i]
			}
		}
		if !full {
			break
		}
		body.Truncated = slices > 1
	}
	mmsis := make([]sitrep.MMSI, 0, len(latest))
	for m := range latest {
		mmsis = append(mmsis, m)
	}
	slices.Sort(mmsis)
	body.Total = len(mmsis)
	if len(mmsis) > limit {
		mmsis, body.Truncated = mmsis[:limit], true
	}
	body.Items = make([]live.Vessel, 0, len(mmsis))
	for _, m := range mmsis {
		p := latest[m]
		id, err := s.identity(ctx, m)
		if err != nil {
			return body, err
		}
		body.Items = append(body.Items, live.FromPosition(&p, id))
	}
	return body, nil
}

// identity returns what is known now of a vessel's identity: from the
// live state (in memory) when it has the vessel, else from the store; nil
// when neither knows it.
func (s *server) identity(ctx context.Context, m sitrep.MMSI) (*sitrep.Identity, error) {
	if s.cfg.Live != nil {
		if v, ok := s.cfg.Live.Vessel(m); ok {
			return &v.Identity, nil
		}
	}
	v, err := s.store.Vessel(ctx, m)
	switch {
	case err == nil:
		return &v.Identity, nil
	case sitrep.ErrorCode(err) == sitrep.ENOTFOUND:
		return nil, nil
	}
	return nil, err
}
