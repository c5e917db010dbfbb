package httpapi

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/reports"
)

// reports answers GET /api/reports?source=&site=&entity=&mmsi=&from=&to=.
func (s *server) reports(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := parsePage(q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var f sitrep.ReportFilter
	for _, x := range []struct {
		name string
		to   *string
	}{{"source", &f.SourceID}, {"site", &f.SiteID}, {"entity", &f.EntityID}} {
		if *x.to, err = param(q, x.name); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	if f.MMSI, err = parseMMSI("mmsi", q.Get("mmsi")); err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.Range, err = ParseRange(q.Get("from"), q.Get("to")); err != nil {
		s.writeError(w, r, err)
		return
	}
	f.Limit = p.fetch()
	rs, err := s.store.Reports(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, cut(p, rs))
}

// report answers GET /api/reports/{id}: the latest version.
func (s *server) report(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	rep, err := s.store.Report(r.Context(), id)
	if err != nil {
		s.writeError(w, r, notFound(err, "report %q not found", clip(id)))
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// reportVersions answers GET /api/reports/{id}/versions, oldest first.
func (s *server) reportVersions(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	vs, err := s.store.ReportVersions(r.Context(), id)
	if err != nil {
		s.writeError(w, r, notFound(err, "report %q not found", clip(id)))
		return
	}
	writeJSON(w, http.StatusOK, list[sitrep.Report]{Items: vs})
}

// corroboration answers GET /api/reports/{id}/corroboration?claim=N.
func (s *server) corroboration(w http.ResponseWriter, r *http.Request) {
	claim := 0
	if c := r.URL.Query().Get("claim"); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil || n < 0 {
			s.writeError(w, r, sitrep.Errorf(sitrep.EINVALID, "claim %q: want a claim index from 0", clip(c)))
			return
		}
		claim = n
	}
	id := r.PathValue("id")
	c, err := s.fusion.Corroborate(r.Context(), id, claim)
	if err != nil {
		s.writeError(w, r, notFound(err, "report %q not found", clip(id)))
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// change is who makes a write and why: the caller, and the body's why.
func change(r *http.Request, why string) sitrep.Change {
	return sitrep.Change{By: principal(r).User, Why: why}
}

// createReport answers POST /api/reports (analyst): stores version 1 and
// returns it with 201. ECONFLICT when the ID exists.
func (s *server) createReport(w http.ResponseWriter, r *http.Request) {
	var rep sitrep.Report
	if err := decode(r, &rep); err != nil {
		s.writeError(w, r, err)
		return
	}
	rep.Version = 0 // the server assigns versions
	out, err := s.store.CreateReport(r.Context(), rep, change(r, rep.Change.Why))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.audit(r, "report.create", out.ID, fmt.Sprintf("v%d %s", out.Version, out.Title))
	writeJSON(w, http.StatusCreated, out)
}

// updateReport answers PUT /api/reports/{id} (analyst): the body's version
// is the version edited; a stale one gives 409 and stores nothing.
func (s *server) updateReport(w http.ResponseWriter, r *http.Request) {
	var rep sitrep.Report
	if err := decode(r, &rep); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := sameID("report", r.PathValue("id"), &rep.ID); err != nil {
		s.writeError(w, r, err)
		return
	}
	if rep.Version < 1 {
		s.writeError(w, r, sitrep.Errorf(sitrep.EINVALID, "version: required (the version the edit was made from)"))
		return
	}
	out, err := s.store.UpdateReport(r.Context(), rep, change(r, rep.Change.Why))
	if err != nil {
		s.writeError(w, r, notFound(err, "report %q not found", clip(rep.ID)))
		return
	}
	s.audit(r, "report.update", out.ID, fmt.Sprintf("v%d %s", out.Version, out.Title))
	writeJSON(w, http.StatusOK, out)
}

// sources answers GET /api/sources.
func (s *server) sources(w http.ResponseWriter, r *http.Request) {
	srcs, err := s.store.Sources(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if srcs == nil {
		srcs = []sitrep.Source{}
	}
	writeJSON(w, http.StatusOK, list[sitrep.Source]{Items: srcs})
}

// sourceBody is a source with its reliability history.
type sourceBody struct {
	sitrep.Source
	History []sitrep.ReliabilityChange `json:"history"`
}

// source answers GET /api/sources/{id}.
func (s *server) source(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	src, err := s.store.Source(r.Context(), id)
	if err != nil {
		s.writeError(w, r, notFound(err, "source %q not found", clip(id)))
		return
	}
	h, err := s.store.ReliabilityHistory(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if h == nil {
		h = []sitrep.ReliabilityChange{}
	}
	writeJSON(w, http.StatusOK, sourceBody{Source: src, History: h})
}

// sourceWrite is the body of source writes: a Source and, optionally, why
// (recorded in the reliability history when the grade changes).
type sourceWrite struct {
	sitrep.Source
	Why string `json:"why,omitempty"`
}

// createSource answers POST /api/sources (analyst): 201; ECONFLICT when
// the ID exists.
func (s *server) createSource(w http.ResponseWriter, r *http.Request) {
	var b sourceWrite
	if err := decode(r, &b); err != nil {
		s.writeError(w, r, err)
		return
	}
	if _, err := s.store.Source(r.Context(), b.ID); err == nil {
		s.writeError(w, r, sitrep.Errorf(sitrep.ECONFLICT, "source %q exists (PUT /api/sources/%s updates it)", clip(b.ID), clip(b.ID)))
		return
	}
	s.putSourceBody(w, r, b, "source.create", http.StatusCreated)
}

// putSource answers PUT /api/sources/{id} (analyst).
func (s *server) putSource(w http.ResponseWriter, r *http.Request) {
	var b sourceWrite
	if err := decode(r, &b); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := sameID("source", r.PathValue("id"), &b.ID); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.putSourceBody(w, r, b, "source.update", http.StatusOK)
}

func (s *server) putSourceBody(w http.ResponseWriter, r *http.Request, b sourceWrite, action string, status int) {
	if err := s.store.PutSource(r.Context(), b.Source, change(r, b.Why)); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.audit(r, action, b.ID, fmt.Sprintf("%s, reliability %s", b.Name, b.Reliability))
	writeJSON(w, status, b.Source)
}

// entities answers GET /api/entities.
func (s *server) entities(w http.ResponseWriter, r *http.Request) {
	es, err := s.store.Entities(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if es == nil {
		es = []sitrep.Entity{}
	}
	writeJSON(w, http.StatusOK, list[sitrep.Entity]{Items: es})
}

// entityBody is an entity with its track derived from reports.
type entityBody struct {
	sitrep.Entity
	Track []sitrep.TrackPoint `json:"track"`
}

// entity answers GET /api/entities/{id}, with the track the reports give
// it.
func (s *server) entity(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e, err := s.store.Entity(r.Context(), id)
	if err != nil {
		s.writeError(w, r, notFound(err, "entity %q not found", clip(id)))
		return
	}
	track, err := s.fusion.EntityTrack(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if track == nil {
		track = []sitrep.TrackPoint{}
	}
	writeJSON(w, http.StatusOK, entityBody{Entity: e, Track: track})
}

// putEntity answers PUT /api/entities/{id} (analyst): creates or replaces.
func (s *server) putEntity(w http.ResponseWriter, r *http.Request) {
	var e sitrep.Entity
	if err := decode(r, &e); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := sameID("entity", r.PathValue("id"), &e.ID); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.store.PutEntity(r.Context(), e); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.audit(r, "entity.put", e.ID, e.Name)
	writeJSON(w, http.StatusOK, e)
}

// fusionQuery reads site, mmsi, imo, entity, bbox, from and to.
func fusionQuery(r *http.Request) (reports.Query, error) {
	q := r.URL.Query()
	var out reports.Query
	var err error
	if out.SiteID, err = param(q, "site"); err != nil {
		return out, err
	}
	if out.EntityID, err = param(q, "entity"); err != nil {
		return out, err
	}
	if out.MMSI, err = parseMMSI("mmsi", q.Get("mmsi")); err != nil {
		return out, err
	}
	if imo := q.Get("imo"); imo != "" {
		n, err := strconv.ParseUint(imo, 10, 32)
		if err != nil || n == 0 {
			return out, sitrep.Errorf(sitrep.EINVALID, "imo %q: want a positive number", clip(imo))
		}
		out.IMO = uint32(n)
	}
	if out.Area, err = ParseBBox(q.Get("bbox")); err != nil {
		return out, err
	}
	out.Range, err = ParseRange(q.Get("from"), q.Get("to"))
	return out, err
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
}

// timeline answers GET /api/timeline: AIS events and report claims in
// time order, with grades (reports.Fusion.Timeline).
func (s *server) timeline(w http.ResponseWriter, r *http.Request) {
	q, err := fusionQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	items, err := s.fusion.Timeline(r.Context(), q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]timelineItem, len(items))
	for i, it := range items {
		out[i] = timelineItem{Time: it.Start, End: it.End, Kind: it.Kind, Event: it.Event, Report: it.Report, Claim: it.Claim,
			Grade: it.Grade, Source: it.Source, Precision: it.Precision, Summary: it.Summary, Lat: it.Lat, Lon: it.Lon}
	}
	writeJSON(w, http.StatusOK, list[timelineItem]{Items: out})
}

// brief answers GET /api/brief?format=md|html|geojson|kml|csv: a
// situation report, or its selection as an export file.
func (s *server) brief(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "md"
	}
	types := map[string]string{
		"md":      "text/markdown; charset=utf-8",
		"html":    "text/html; charset=utf-8",
		"geojson": "application/geo+json",
		"kml":     "application/vnd.google-earth.kml+xml",
		"csv":     "text/csv; charset=utf-8",
	}
	ctype, ok := types[format]
	if !ok {
		s.writeError(w, r, sitrep.Errorf(sitrep.EINVALID, "format %q: use md, html, geojson, kml or csv", clip(format)))
		return
	}
	q, err := fusionQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ctx := r.Context()
	var write func(w http.ResponseWriter) error
	switch format {
	case "geojson", "kml", "csv":
		sel, err := s.fusion.Select(ctx, q)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		write = func(w http.ResponseWriter) error {
			switch format {
			case "geojson":
				return reports.WriteGeoJSON(w, sel)
			case "kml":
				return reports.WriteKML(w, sel)
			}
			return reports.WriteCSV(w, sel)
		}
	default:
		b, err := s.fusion.Brief(ctx, q, briefTitle(q), s.now())
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		write = func(w http.ResponseWriter) error {
			if format == "html" {
				return reports.WriteHTML(w, b)
			}
			return reports.WriteMarkdown(w, b)
		}
	}
	// A report opens in the browser; an export downloads.
	disposition := "attachment"
	if format == "md" || format == "html" {
		disposition = "inline"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`%s; filename="sitrep-brief.%s"`, disposition, format))
	if err := write(w); err != nil {
		s.log.ErrorContext(ctx, "brief failed", "format", format, "err", err)
	}
}

// briefTitle names a brief after its selection.
func briefTitle(q reports.Query) string {
	what := "all reports"
	switch {
	case q.SiteID != "":
		what = q.SiteID
	case q.EntityID != "":
		what = q.EntityID
	case q.MMSI != 0:
		what = "MMSI " + q.MMSI.String()
	case q.IMO != 0:
		what = fmt.Sprintf("IMO %d", q.IMO)
	case q.Area != nil:
		what = fmt.Sprintf("area %.2f,%.2f–%.2f,%.2f", q.Area.MinLon, q.Area.MinLat, q.Area.MaxLon, q.Area.MaxLat)
	}
	if !q.Range.From.IsZero() && !q.Range.To.IsZero() {
		what += ", " + q.Range.From.UTC().Format("2 Jan 2006") + " – " + q.Range.To.Add(-time.Nanosecond).UTC().Format("2 Jan 2006")
	}
	return "Situation report: " + what
}
