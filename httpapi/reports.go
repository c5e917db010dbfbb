package httpapi

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/reports"
)

// reports answers GET /api/reports?source=&site=&entity=&mmsi=&from=&to=.
func (s *server) reports(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	p := q.page()
	f := sitrep.ReportFilter{SourceID: q.str("source"), SiteID: q.str("site"), EntityID: q.str("entity"), MMSI: q.mmsi("mmsi"), Range: q.timeRange()}
	if q.err != nil {
		return q.err
	}
	f.Limit = p.fetch()
	rs, err := s.store.Reports(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, cut(p, rs))
	return nil
}

// report answers GET /api/reports/{id}: the latest version.
func (s *server) report(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	rep, err := s.store.Report(r.Context(), id)
	if err != nil {
		return notFound(err, "report %q not found", clip(id))
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

// reportVersions answers GET /api/reports/{id}/versions, oldest first.
func (s *server) reportVersions(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	vs, err := s.store.ReportVersions(r.Context(), id)
	if err != nil {
		return notFound(err, "report %q not found", clip(id))
	}
	writeJSON(w, http.StatusOK, items(vs))
	return nil
}

// corroboration answers GET /api/reports/{id}/corroboration?claim=N.
func (s *server) corroboration(w http.ResponseWriter, r *http.Request) error {
	claim := 0
	if c := r.URL.Query().Get("claim"); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil || n < 0 {
			return sitrep.Errorf(sitrep.EINVALID, "claim %q: want a claim index from 0", clip(c))
		}
		claim = n
	}
	id := r.PathValue("id")
	c, err := s.fusion.Corroborate(r.Context(), id, claim)
	if err != nil {
		return notFound(err, "report %q not found", clip(id))
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

// change is who makes a write and why: the caller, and the body's why.
func change(r *http.Request, why string) sitrep.Change {
	return sitrep.Change{By: principal(r).User, Why: why}
}

// createReport answers POST /api/reports (analyst): stores version 1 and
// returns it with 201. ECONFLICT when the ID exists.
func (s *server) createReport(w http.ResponseWriter, r *http.Request) error {
	var rep sitrep.Report
	if err := decode(r, &rep); err != nil {
		return err
	}
	rep.Version = 0 // the server assigns versions
	out, err := s.store.CreateReport(r.Context(), rep, change(r, rep.Change.Why))
	if err != nil {
		return err
	}
	s.audit(r, "report.create", out.ID, fmt.Sprintf("v%d %s", out.Version, out.Title))
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// updateReport answers PUT /api/reports/{id} (analyst): the body's version
// is the version edited; a stale one gives 409 and stores nothing.
func (s *server) updateReport(w http.ResponseWriter, r *http.Request) error {
	var rep sitrep.Report
	if err := decode(r, &rep); err != nil {
		return err
	}
	if err := sameID("report", r.PathValue("id"), &rep.ID); err != nil {
		return err
	}
	if rep.Version < 1 {
		return sitrep.Errorf(sitrep.EINVALID, "version: required (the version the edit was made from)")
	}
	out, err := s.store.UpdateReport(r.Context(), rep, change(r, rep.Change.Why))
	if err != nil {
		return notFound(err, "report %q not found", clip(rep.ID))
	}
	s.audit(r, "report.update", out.ID, fmt.Sprintf("v%d %s", out.Version, out.Title))
	writeJSON(w, http.StatusOK, out)
	return nil
}

// sources answers GET /api/sources.
func (s *server) sources(w http.ResponseWriter, r *http.Request) error {
	srcs, err := s.store.Sources(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, items(srcs))
	return nil
}

// sourceBody is a source with its reliability history.
type sourceBody struct {
	sitrep.Source
	History []sitrep.ReliabilityChange `json:"history"`
}

// source answers GET /api/sources/{id}.
func (s *server) source(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	src, err := s.store.Source(r.Context(), id)
	if err != nil {
		return notFound(err, "source %q not found", clip(id))
	}
	h, err := s.store.ReliabilityHistory(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sourceBody{Source: src, History: items(h).Items})
	return nil
}

// sourceWrite is the body of source writes: a Source and, optionally, why
// (recorded in the reliability history when the grade changes).
type sourceWrite struct {
	sitrep.Source
	Why string `json:"why,omitempty"`
}

// createSource answers POST /api/sources (analyst): 201; ECONFLICT when
// the ID exists.
func (s *server) createSource(w http.ResponseWriter, r *http.Request) error {
	var b sourceWrite
	if err := decode(r, &b); err != nil {
		return err
	}
	if _, err := s.store.Source(r.Context(), b.ID); err == nil {
		return sitrep.Errorf(sitrep.ECONFLICT, "source %q exists (PUT /api/sources/%s updates it)", clip(b.ID), clip(b.ID))
	}
	return s.writeSource(w, r, b, "source.create", http.StatusCreated)
}

// putSource answers PUT /api/sources/{id} (analyst).
func (s *server) putSource(w http.ResponseWriter, r *http.Request) error {
	var b sourceWrite
	if err := decode(r, &b); err != nil {
		return err
	}
	if err := sameID("source", r.PathValue("id"), &b.ID); err != nil {
		return err
	}
	return s.writeSource(w, r, b, "source.update", http.StatusOK)
}

// writeSource stores b, audits it and answers with status.
func (s *server) writeSource(w http.ResponseWriter, r *http.Request, b sourceWrite, action string, status int) error {
	if err := s.store.PutSource(r.Context(), b.Source, change(r, b.Why)); err != nil {
		return err
	}
	s.audit(r, action, b.ID, fmt.Sprintf("%s, reliability %s", b.Name, b.Reliability))
	writeJSON(w, status, b.Source)
	return nil
}

// entities answers GET /api/entities.
func (s *server) entities(w http.ResponseWriter, r *http.Request) error {
	es, err := s.store.Entities(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, items(es))
	return nil
}

// entityBody is an entity with its track derived from reports.
type entityBody struct {
	sitrep.Entity
	Track []sitrep.TrackPoint `json:"track"`
}

// entity answers GET /api/entities/{id}, with the track the reports give
// it.
func (s *server) entity(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	e, err := s.store.Entity(r.Context(), id)
	if err != nil {
		return notFound(err, "entity %q not found", clip(id))
	}
	track, err := s.fusion.EntityTrack(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, entityBody{Entity: e, Track: items(track).Items})
	return nil
}

// putEntity answers PUT /api/entities/{id} (analyst): creates or replaces.
func (s *server) putEntity(w http.ResponseWriter, r *http.Request) error {
	var e sitrep.Entity
	if err := decode(r, &e); err != nil {
		return err
	}
	if err := sameID("entity", r.PathValue("id"), &e.ID); err != nil {
		return err
	}
	if err := s.store.PutEntity(r.Context(), e); err != nil {
		return err
	}
	s.audit(r, "entity.put", e.ID, e.Name)
	writeJSON(w, http.StatusOK, e)
	return nil
}

// fusionQuery reads site, mmsi, imo, entity, bbox, from and to.
func (q *query) fusionQuery() reports.Query {
	out := reports.Query{SiteID: q.str("site"), EntityID: q.str("entity"), MMSI: q.mmsi("mmsi"), Area: q.bbox(), Range: q.timeRange()}
	if imo := q.v.Get("imo"); imo != "" {
		n, err := strconv.ParseUint(imo, 10, 32)
		if err != nil || n == 0 {
			q.set(sitrep.Errorf(sitrep.EINVALID, "imo %q: want a positive number", clip(imo)))
		}
		out.IMO = uint32(n)
	}
	return out
}

// timelineItem is one entry of GET /api/timeline, in the contract's shape.
type timelineItem struct {
	Time      time.Time            `json:"time"`
	End       time.Time            `json:"end"`
	Kind      string               `json:"kind"`
	Event     *sitrep.Event        `json:"event,omitempty"`
	Report    *sitrep.Report       `json:"report,omitempty"`
	Claim     int                  `json:"claim"`
	Grade     string               `json:"grade"`
	Source    string               `json:"source"`
	Precision sitrep.TimePrecision `json:"precision,omitempty"`
	Summary   string               `json:"summary"`
	Lat       *float64             `json:"lat,omitempty"`
	Lon       *float64             `json:"lon,omitempty"`
	// Simulated marks an event resting on simulated fixes or a claim of
	// a simulated report.
	Simulated bool `json:"simulated,omitempty"`
}

// timeline answers GET /api/timeline: AIS events and report claims in
// time order, with grades (reports.Fusion.Timeline).
func (s *server) timeline(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	fq := q.fusionQuery()
	if q.err != nil {
		return q.err
	}
	its, err := s.fusion.Timeline(r.Context(), fq)
	if err != nil {
		return err
	}
	out := make([]timelineItem, len(its))
	for i, it := range its {
		out[i] = timelineItem{Time: it.Start, End: it.End, Kind: it.Kind, Event: it.Event, Report: it.Report, Claim: it.Claim,
			Grade: it.Grade, Source: it.Source, Precision: it.Precision, Summary: it.Summary, Lat: it.Lat, Lon: it.Lon, Simulated: it.Simulated}
	}
	writeJSON(w, http.StatusOK, items(out))
	return nil
}

// briefTypes are the content types of the brief formats.
var briefTypes = map[string]string{
	"md":      "text/markdown; charset=utf-8",
	"html":    "text/html; charset=utf-8",
	"geojson": "application/geo+json",
	"kml":     "application/vnd.google-earth.kml+xml",
	"csv":     "text/csv; charset=utf-8",
}

// brief answers GET /api/brief?format=md|html|geojson|kml|csv: a
// situation report (opens in the browser), or its selection as an export
// file (downloads).
func (s *server) brief(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	format := q.v.Get("format")
	if format == "" {
		format = "md"
	}
	ctype, ok := briefTypes[format]
	if !ok {
		return sitrep.Errorf(sitrep.EINVALID, "format %q: use md, html, geojson, kml or csv", clip(format))
	}
	fq := q.fusionQuery()
	if q.err != nil {
		return q.err
	}
	ctx := r.Context()
	var write func(io.Writer) error
	disposition := "attachment"
	switch format {
	case "geojson", "kml", "csv":
		sel, err := s.fusion.Select(ctx, fq)
		if err != nil {
			return err
		}
		write = map[string]func(io.Writer) error{
			"geojson": func(w io.Writer) error { return reports.WriteGeoJSON(w, sel) },
			"kml":     func(w io.Writer) error { return reports.WriteKML(w, sel) },
			"csv":     func(w io.Writer) error { return reports.WriteCSV(w, sel) },
		}[format]
	default:
		b, err := s.fusion.Brief(ctx, fq, fq.Title(), s.now())
		if err != nil {
			return err
		}
		write = func(w io.Writer) error { return reports.WriteMarkdown(w, b) }
		if format == "html" {
			write = func(w io.Writer) error { return reports.WriteHTML(w, b) }
		}
		disposition = "inline"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`%s; filename="sitrep-brief.%s"`, disposition, format))
	if err := write(w); err != nil {
		s.log.ErrorContext(ctx, "brief failed", "format", format, "err", err)
	}
	return nil
}
