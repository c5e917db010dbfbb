package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// migrationFS holds the schema migrations, NNNN_name.sql, applied in order
// of NNNN.
//
//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in version order.
//
// Errors: a file name without a positive version prefix, or two files with
// the same version.
func migrations() ([]migration, error) {
	ents, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range ents {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive version and _", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share version %d", ms[i-1].name, ms[i].name, ms[i].version)
		}
	}
	return ms, nil
}

// migrate applies the migrations the database lacks, each in its own
// transaction together with its row in schema_version(version, name,
// applied_at), so a failed migration leaves no trace.
//
// Errors: EINVALID when the database records a version newer than the
// newest migration; otherwise the cause of a failed step.
func migrate(ctx context.Context, db *sql.DB, now time.Time, log *slog.Logger) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	// Every migration not yet recorded is applied, in version order: one
	// added later with a lower number than those applied (branches merged
	// in either order) still runs.
	applied := map[int]bool{}
	rows, err := db.QueryContext(ctx, "SELECT version FROM schema_version")
	if err != nil {
		return err
	}
	cur := 0
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return err
		}
		applied[v] = true
		cur = max(cur, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if newest := ms[len(ms)-1].version; cur > newest {
		return sitrep.Errorf(sitrep.EINVALID, "database schema version %d is newer than this program's %d", cur, newest)
	}
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		if err := apply(ctx, db, m, now); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		log.Info("sqlite: applied migration", "version", m.version, "name", m.name)
	}
	return nil
}

// apply runs one migration and records it, in one transaction.
func apply(ctx context.Context, db *sql.DB, m migration, now time.Time) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
		m.version, m.name, now.UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}
