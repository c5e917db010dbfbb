package httpapi

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/export"
	"github.com/sitrep-osint/sitrep/live"
)

// MaxTrackPositions caps the positions of one track request; a longer
// track must be asked for in shorter ranges.
const MaxTrackPositions = 200_000

// errTrackTooLong stops a track walk at MaxTrackPositions.
var errTrackTooLong = errors.New("track too long")

// pathMMSI reads the {mmsi} path value.
func pathMMSI(r *http.Request) (sitrep.MMSI, error) {
	m, err := sitrep.ParseMMSI(r.PathValue("mmsi"))
	if err != nil {
		return 0, sitrep.Errorf(sitrep.EINVALID, "path: %s", sitrep.ErrorMessage(err))
	}
	return m, nil
}

// vessels answers GET /api/vessels?q=: search by the start of name, call
// sign, MMSI or IMO.
func (s *server) vessels(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	p, text := q.page(), q.str("q")
	if q.err != nil {
		return q.err
	}
	vs, err := s.store.Vessels(r.Context(), text, p.fetch())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, cut(p, vs))
	return nil
}

// vessel answers GET /api/vessels/{mmsi}: the stored vessel, with the live
// state's last position when that is newer than the store's.
func (s *server) vessel(w http.ResponseWriter, r *http.Request) error {
	m, err := pathMMSI(r)
	if err != nil {
		return err
	}
	v, err := s.store.Vessel(r.Context(), m)
	if s.cfg.Live != nil {
		if lv, ok := s.cfg.Live.Vessel(m); ok {
			if err != nil {
				v, err = lv, nil
			} else {
				v = mergeLive(v, lv)
			}
		}
	}
	if err != nil {
		return notFound(err, "vessel %s not found", m)
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

// mergeLive returns the stored vessel st brought up to date with the live
// state's lv, which may know less (a vessel the live state heard only
// since the server started, or whose live entry has no fix yet): the
// earlier first sighting, the later last one, the newer last position, and
// the live identity and voyage when the live state heard them later than
// the store's record and actually holds them.
func mergeLive(st, lv sitrep.Vessel) sitrep.Vessel {
	out := st
	if !lv.FirstSeen.IsZero() && (out.FirstSeen.IsZero() || lv.FirstSeen.Before(out.FirstSeen)) {
		out.FirstSeen = lv.FirstSeen
	}
	if lv.LastSeen.After(out.LastSeen) {
		out.LastSeen = lv.LastSeen
		if lv.Name != "" || lv.IMO != 0 || lv.Callsign != "" || lv.ShipType != 0 {
			out.Identity = lv.Identity
		}
		if lv.Destination != "" {
			out.Voyage = lv.Voyage
		}
	}
	if lv.LastPosition != nil && (out.LastPosition == nil || lv.LastPosition.Time.After(out.LastPosition.Time)) {
		out.LastPosition = lv.LastPosition
	}
	return out
}

// notFound gives a not-found error a message naming what is missing.
func notFound(err error, format string, args ...any) error {
	if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
		return &sitrep.Error{Code: sitrep.ENOTFOUND, Message: fmt.Sprintf(format, args...), Err: err}
	}
	return err
}

// vesselHistory answers GET /api/vessels/{mmsi}/history.
func (s *server) vesselHistory(w http.ResponseWriter, r *http.Request) error {
	m, err := pathMMSI(r)
	if err != nil {
		return err
	}
	if _, err := s.store.Vessel(r.Context(), m); err != nil {
		return notFound(err, "vessel %s not found", m)
	}
	h, err := s.store.IdentityHistory(r.Context(), m)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, items(h))
	return nil
}

// contentTypes of the track export formats.
var trackTypes = map[export.Format]string{
	export.GeoJSON: "application/geo+json",
	export.CSV:     "text/csv; charset=utf-8",
	export.KML:     "application/vnd.google-earth.kml+xml",
	export.GPX:     "application/gpx+xml",
}

// vesselTrack answers GET /api/vessels/{mmsi}/track?from=&to=&format=.
func (s *server) vesselTrack(w http.ResponseWriter, r *http.Request) error {
	m, err := pathMMSI(r)
	if err != nil {
		return err
	}
	q := newQuery(r)
	rng := q.timeRange()
	if q.err != nil {
		return q.err
	}
	format := export.Format("")
	if f := q.v.Get("format"); f != "" && f != "json" {
		if format, err = export.ParseFormat(f); err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "format: %s (or json)", sitrep.ErrorMessage(err))
		}
	}
	ctx := r.Context()
	v, err := s.store.Vessel(ctx, m)
	if err != nil {
		return notFound(err, "vessel %s not found", m)
	}
	ps := []sitrep.Position{}
	err = s.store.TrackFunc(ctx, m, rng, func(p *sitrep.Position) error {
		if len(ps) == MaxTrackPositions {
			return errTrackTooLong
		}
		c := *p
		c.Sources = append([]sitrep.Provenance(nil), p.Sources...)
		ps = append(ps, c)
		return nil
	})
	if errors.Is(err, errTrackTooLong) {
		err = sitrep.Errorf(sitrep.EINVALID, "the track has more than %d positions in this range: narrow from/to", MaxTrackPositions)
	}
	if err != nil {
		return err
	}
	if format == "" {
		writeJSON(w, http.StatusOK, items(ps))
		return nil
	}
	t := export.Track{Vessel: v, Positions: ps}
	if len(ps) > 0 && live.Simulated(ps[len(ps)-1].Sources) {
		t.Note = "SIMULATED data"
	}
	w.Header().Set("Content-Type", trackTypes[format])
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="track-%s.%s"`, m, format))
	if err := export.Write(w, format, t); err != nil {
		// The status is sent; the truncated file and the log say it failed.
		s.log.ErrorContext(ctx, "track export failed", "mmsi", m, "format", format, "err", err)
	}
	return nil
}
