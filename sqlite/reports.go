package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// CreateReport stores r as version 1; see sitrep.ReportStore.
//
// Errors: EINVALID when r is invalid or r.Version is not 0; ENOTFOUND
// when its source does not exist; ECONFLICT when the report exists;
// EINTERNAL for a database error.
func (s *Store) CreateReport(ctx context.Context, r sitrep.Report, ch sitrep.Change) (sitrep.Report, error) {
	const op = "sqlite.CreateReport"
	if r.Version != 0 {
		return sitrep.Report{}, &sitrep.Error{Code: sitrep.EINVALID, Op: op,
			Message: fmt.Sprintf("report %s: a new report has version 0, not %d (to edit one, use its current version)", r.ID, r.Version)}
	}
	return s.putReport(ctx, op, r, ch, 0)
}

// UpdateReport stores r as a new version; r.Version must be the latest
// stored version. See sitrep.ReportStore.
//
// Errors: ECONFLICT when r.Version is not the latest version; ENOTFOUND
// when there is no such report or source; EINVALID when r is invalid;
// EINTERNAL for a database error.
func (s *Store) UpdateReport(ctx context.Context, r sitrep.Report, ch sitrep.Change) (sitrep.Report, error) {
	const op = "sqlite.UpdateReport"
	if r.Version < 1 {
		return sitrep.Report{}, &sitrep.Error{Code: sitrep.EINVALID, Op: op,
			Message: fmt.Sprintf("report %s: an edit names the version it edits (>= 1), not %d", r.ID, r.Version)}
	}
	return s.putReport(ctx, op, r, ch, r.Version)
}

// putReport stores r as version base+1 when the latest stored version is
// base (0: none).
func (s *Store) putReport(ctx context.Context, op string, r sitrep.Report, ch sitrep.Change, base int) (sitrep.Report, error) {
	r.Version = base + 1
	if err := r.Validate(); err != nil {
		return sitrep.Report{}, &sitrep.Error{Op: op, Err: err}
	}
	r.Edited = s.now().UTC().Truncate(time.Millisecond)
	r.Change = ch
	doc, err := json.Marshal(r)
	if err != nil {
		return sitrep.Report{}, wrap(op, err)
	}
	from, to := widenedSpan(r)
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM report_sources WHERE id = ?", r.SourceID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return sitrep.Errorf(sitrep.ENOTFOUND, "report %s: no source %q (load or add the source first)", r.ID, r.SourceID)
		}
		var cur int
		err := tx.QueryRowContext(ctx, "SELECT version FROM reports WHERE id = ?", r.ID).Scan(&cur)
		switch {
		case errors.Is(err, sql.ErrNoRows) && base > 0:
			return sitrep.Errorf(sitrep.ENOTFOUND, "no report %s", r.ID)
		case err != nil && !errors.Is(err, sql.ErrNoRows):
			return err
		case err == nil && base == 0:
			return sitrep.Errorf(sitrep.ECONFLICT, "report %s already exists at version %d", r.ID, cur)
		case err == nil && cur != base:
			return sitrep.Errorf(sitrep.ECONFLICT, "report %s: edit of version %d, but the latest is version %d (reload it and edit that)", r.ID, base, cur)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO report_versions (id, version, edited, doc) VALUES (?, ?, ?, ?)",
			r.ID, r.Version, r.Edited.UnixMilli(), string(doc)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO reports (id, version, source_id, t_from, t_to) VALUES (?1, ?2, ?3, ?4, ?5)
			ON CONFLICT (id) DO UPDATE SET version = ?2, source_id = ?3, t_from = ?4, t_to = ?5`,
			r.ID, r.Version, r.SourceID, from, to); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM report_refs WHERE report_id = ?", r.ID); err != nil {
			return err
		}
		for _, ref := range reportRefs(r) {
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO report_refs (kind, ref, report_id) VALUES (?, ?, ?)",
				ref[0], ref[1], r.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return sitrep.Report{}, wrap(op, err)
	}
	return r, nil
}

// widenedSpan returns the Unix ms bounds of r's claims' widened intervals.
func widenedSpan(r sitrep.Report) (from, to int64) {
	for i, c := range r.Claims {
		f, t := c.When.Widened()
		if i == 0 || f.UnixMilli() < from {
			from = f.UnixMilli()
		}
		if i == 0 || t.UnixMilli() > to {
			to = t.UnixMilli()
		}
	}
	return from, to
}

// reportRefs returns the (kind, ref) pairs r's claims name.
func reportRefs(r sitrep.Report) [][2]string {
	var refs [][2]string
	for _, c := range r.Claims {
		if c.Where.SiteID != "" {
			refs = append(refs, [2]string{"site", c.Where.SiteID})
		}
		for _, e := range c.Entities {
			refs = append(refs, [2]string{"entity", e})
		}
		for _, v := range c.Vessels {
			if v.MMSI != 0 {
				refs = append(refs, [2]string{"mmsi", strconv.FormatUint(uint64(v.MMSI), 10)})
			}
			if v.IMO != 0 {
				refs = append(refs, [2]string{"imo", strconv.FormatUint(uint64(v.IMO), 10)})
			}
		}
	}
	return refs
}

// Report returns the latest version; see sitrep.ReportStore.
//
// Errors: ENOTFOUND when there is no such report; EINTERNAL for a
// database error.
func (s *Store) Report(ctx context.Context, id string) (sitrep.Report, error) {
	const op = "sqlite.Report"
	rs, err := queryDocs[sitrep.Report](ctx, s.db, `SELECT v.doc FROM reports r
		JOIN report_versions v ON v.id = r.id AND v.version = r.version WHERE r.id = ?`, id)
	if err != nil {
		return sitrep.Report{}, wrap(op, err)
	}
	if len(rs) == 0 {
		return sitrep.Report{}, &sitrep.Error{Code: sitrep.ENOTFOUND, Op: op, Message: "no report " + id}
	}
	return rs[0], nil
}

// ReportVersions returns every version of a report, oldest first; see
// sitrep.ReportStore.
//
// Errors: ENOTFOUND when there is no such report; EINTERNAL for a
// database error.
func (s *Store) ReportVersions(ctx context.Context, id string) ([]sitrep.Report, error) {
	const op = "sqlite.ReportVersions"
	rs, err := queryDocs[sitrep.Report](ctx, s.db, "SELECT doc FROM report_versions WHERE id = ? ORDER BY version", id)
	if err != nil {
		return nil, wrap(op, err)
	}
	if len(rs) == 0 {
		return nil, &sitrep.Error{Code: sitrep.ENOTFOUND, Op: op, Message: "no report " + id}
	}
	return rs, nil
}

// Reports returns the latest versions of the reports matching f; see
// sitrep.ReportStore.
//
// Errors: EINTERNAL for a database error.
func (s *Store) Reports(ctx context.Context, f sitrep.ReportFilter) ([]sitrep.Report, error) {
	const op = "sqlite.Reports"
	q := `SELECT v.doc FROM reports r JOIN report_versions v ON v.id = r.id AND v.version = r.version WHERE 1`
	var args []any
	if f.SourceID != "" {
		q += " AND r.source_id = ?"
		args = append(args, f.SourceID)
	}
	if !f.Range.From.IsZero() {
		q += " AND r.t_to >= ?"
		args = append(args, f.Range.From.UnixMilli())
	}
	if !f.Range.To.IsZero() {
		q += " AND r.t_from < ?"
		args = append(args, f.Range.To.UnixMilli())
	}
	ref := func(kind, v string) {
		q += " AND EXISTS (SELECT 1 FROM report_refs x WHERE x.kind = ? AND x.ref = ? AND x.report_id = r.id)"
		args = append(args, kind, v)
	}
	if f.SiteID != "" {
		ref("site", f.SiteID)
	}
	if f.EntityID != "" {
		ref("entity", f.EntityID)
	}
	if f.MMSI != 0 {
		ref("mmsi", strconv.FormatUint(uint64(f.MMSI), 10))
	}
	if f.IMO != 0 {
		ref("imo", strconv.FormatUint(uint64(f.IMO), 10))
	}
	rs, err := queryDocs[sitrep.Report](ctx, s.db, q, args...)
	if err != nil {
		return nil, wrap(op, err)
	}
	out := rs[:0]
	for _, r := range rs {
		if claimInRange(r, f.Range) {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, _ := out[i].Span()
		b, _ := out[j].Span()
		if !a.Equal(b) {
			return a.Before(b)
		}
		return out[i].ID < out[j].ID
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// claimInRange reports whether a claim's widened interval meets the
// half-open range.
func claimInRange(r sitrep.Report, tr sitrep.TimeRange) bool {
	if tr.From.IsZero() && tr.To.IsZero() {
		return true
	}
	for _, c := range r.Claims {
		from, to := c.When.Widened()
		if (tr.To.IsZero() || from.Before(tr.To)) && (tr.From.IsZero() || !to.Before(tr.From)) {
			return true
		}
	}
	return false
}
