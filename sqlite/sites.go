package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-osint/sitrep"
)

// PutSite stores s, replacing any stored site with its ID; see
// sitrep.SiteStore. The site is kept as JSON, with its search keys
// (sitrep.Site.Keys) and its bounding box (sitrep.Shape.Bounds) indexed.
//
// Errors: EINVALID (with the message of sitrep.Site.Validate) when s is
// not valid; the context's error when ctx ends first; EINTERNAL for a
// database error.
func (s *Store) PutSite(ctx context.Context, site sitrep.Site) error {
	const op = "sqlite.PutSite"
	if err := site.Validate(); err != nil {
		return wrap(op, err)
	}
	data, err := json.Marshal(site)
	if err != nil {
		return wrap(op, err)
	}
	b := site.Shape.Bounds()
	lon1 := b.MaxLon
	if b.MinLon > b.MaxLon {
		lon1 += 360
	}
	keys := site.Keys()
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		var old int64
		switch err := tx.QueryRowContext(ctx, "SELECT n FROM sites WHERE id = ?", site.ID).Scan(&old); {
		case err == nil:
			if _, err := tx.ExecContext(ctx, "DELETE FROM site_boxes WHERE id = ?", old); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM sites WHERE n = ?", old); err != nil {
				return err
			}
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		res, err := tx.ExecContext(ctx, "INSERT INTO sites (id, kind, data) VALUES (?, ?, ?)", site.ID, string(site.Kind), string(data))
		if err != nil {
			return err
		}
		n, err := res.LastInsertId()
		if err != nil {
			return err
		}
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO site_keys (key, site) VALUES (?, ?)", k, n); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO site_boxes (id, lat0, lat1, lon0, lon1) VALUES (?, ?, ?, ?, ?)",
			n, b.MinLat, b.MaxLat, b.MinLon, lon1)
		return err
	})
	return wrap(op, err)
}

// Site returns the stored site with id; see sitrep.SiteStore.
//
// Errors: ENOTFOUND when there is none; the context's error when ctx ends
// first; EINTERNAL for a database error or an undecodable row.
func (s *Store) Site(ctx context.Context, id string) (sitrep.Site, error) {
	const op = "sqlite.Site"
	var data string
	err := s.db.QueryRowContext(ctx, "SELECT data FROM sites WHERE id = ?", id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return sitrep.Site{}, &sitrep.Error{Code: sitrep.ENOTFOUND, Op: op, Message: "no site with ID " + strconv.Quote(id)}
	}
	if err != nil {
		return sitrep.Site{}, wrap(op, err)
	}
	var site sitrep.Site
	if err := json.Unmarshal([]byte(data), &site); err != nil {
		return sitrep.Site{}, wrap(op, err)
	}
	return site, nil
}

// Sites returns the stored sites that match f, ordered by ID (byte order);
// see sitrep.SiteStore and sitrep.SiteFilter. Text is a prefix of a
// lower-cased key (Unicode simple folding); Area meets the shape's bounding
// box, antimeridian included, as sitrep.Area.Intersects decides.
//
// Errors: as Site, without ENOTFOUND: no match is an empty slice.
func (s *Store) Sites(ctx context.Context, f sitrep.SiteFilter) ([]sitrep.Site, error) {
	const op = "sqlite.Sites"
	q := "SELECT data FROM sites WHERE 1"
	var args []any
	if f.Kind != "" {
		q += " AND kind = ?"
		args = append(args, string(f.Kind))
	}
	if f.Text != "" {
		t := strings.ToLower(f.Text)
		q += " AND n IN (SELECT site FROM site_keys WHERE key >= ? AND key < ?)"
		args = append(args, t, t+string(utf8.MaxRune))
	}
	if a := f.Area; a != nil {
		// Each longitude span of the area, as is and shifted by 360 to meet
		// boxes stored past the antimeridian.
		// One R*Tree search per span (the R*Tree cannot use an OR).
		var subs []string
		for _, span := range lonSpans(*a) {
			for _, shift := range []float64{0, 360} {
				subs = append(subs, "SELECT id FROM site_boxes WHERE lat0 <= ? AND lat1 >= ? AND lon0 <= ? AND lon1 >= ?")
				args = append(args, a.MaxLat, a.MinLat, span[1]+shift, span[0]+shift)
			}
		}
		q += " AND n IN (" + strings.Join(subs, " UNION ALL ") + ")"
	}
	q += " ORDER BY id"
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	out := []sitrep.Site{}
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, wrap(op, err)
		}
		var site sitrep.Site
		if err := json.Unmarshal([]byte(data), &site); err != nil {
			return nil, wrap(op, err)
		}
		// The R*Tree keeps 32-bit floats, rounded outwards: decide edges
		// exactly.
		if f.Area != nil && !f.Area.Intersects(site.Shape.Bounds()) {
			continue
		}
		out = append(out, site)
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(op, err)
	}
	return out, nil
}

// lonSpans returns a's longitudes as one or two non-wrapping spans.
func lonSpans(a sitrep.Area) [][2]float64 {
	if a.MinLon <= a.MaxLon {
		return [][2]float64{{a.MinLon, a.MaxLon}}
	}
	return [][2]float64{{a.MinLon, 180}, {-180, a.MaxLon}}
}

// DeleteSite removes the stored site with id; see sitrep.SiteStore.
//
// Errors: ENOTFOUND when there is none; the context's error when ctx ends
// first; EINTERNAL for a database error.
func (s *Store) DeleteSite(ctx context.Context, id string) error {
	const op = "sqlite.DeleteSite"
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var n int64
		if err := tx.QueryRowContext(ctx, "SELECT n FROM sites WHERE id = ?", id).Scan(&n); errors.Is(err, sql.ErrNoRows) {
			return &sitrep.Error{Code: sitrep.ENOTFOUND, Message: "no site with ID " + strconv.Quote(id)}
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM site_boxes WHERE id = ?", n); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM sites WHERE n = ?", n)
		return err
	})
	return wrap(op, err)
}
