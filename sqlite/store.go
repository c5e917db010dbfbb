package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/sitrep-osint/sitrep"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the name of the database file in the data directory.
const FileName = "sitrep.db"

// Options configure a Store. The zero Options keep everything forever and
// log nothing.
type Options struct {
	// Retention is how long positions are kept: Compact deletes positions
	// older than Now()-Retention. Zero keeps them forever.
	Retention time.Duration
	// DownsampleAfter and DownsampleInterval thin old history: Compact
	// keeps at most one position (the earliest) per vessel and
	// DownsampleInterval (aligned to the Unix epoch) among the positions
	// older than Now()-DownsampleAfter. Either zero disables downsampling.
	DownsampleAfter    time.Duration
	DownsampleInterval time.Duration
	// Logger receives operational messages; nil discards them.
	Logger *slog.Logger
	// Now is the clock Compact measures Retention and DownsampleAfter
	// from; nil means time.Now.
	Now func() time.Time
	// BusyTimeout is how long a statement waits for a lock held by another
	// connection or process; zero means 5 s.
	BusyTimeout time.Duration
	// HeadPoints is how many positions the store keeps in memory (already
	// committed to the head log, so never at risk) before it writes them
	// as one chunk row per vessel; see head.go. More means larger chunks
	// (fewer bytes per position on disk, faster writes) and more memory,
	// about 10 bytes a position, and a longer head log to read back after
	// a crash. Zero means 4,194,304 (in the 20,000-vessel replay, against
	// 1,048,576: flushes 0.25-0.29 s of CPU instead of 0.74-0.98 s, a
	// database of 31.2 MB instead of 40.5 MB).
	HeadPoints int
}

// Store is a sitrep.Store in a SQLite database. It is safe for concurrent
// use; writes are serialised.
type Store struct {
	db   *sql.DB
	opts Options
	log  *slog.Logger
	now  func() time.Time

	// wmu serialises writers, so that writes never wait on SQLite's busy
	// handler, and guards the write side of srcs.
	wmu  sync.Mutex
	srcs *sourceDict
	head head
	// addBuf holds AddPositions' reusable buffers; guarded by wmu.
	addBuf addBuffers
	// batches recycles TrackFunc's decoded-chunk buffers (*pointBatch).
	batches sync.Pool

	closeOnce sync.Once
	closeErr  error
}

var _ sitrep.Store = (*Store)(nil)

// Open opens the store in dir, creating dir and dir/sitrep.db when missing,
// and brings the schema up to date (see migrate). The database runs in WAL
// mode with synchronous=FULL, foreign keys on and a busy timeout. Only one
// Store (one process) may use a data directory at a time: the Store caches
// the receiver dictionary and serialises its writes in memory.
//
// Errors: an *sitrep.Error with code EINTERNAL wrapping the cause when the
// directory or database cannot be created or opened, or a migration fails
// (the failed migration leaves no trace); EINVALID when the database has a
// schema version newer than this code knows.
func Open(ctx context.Context, dir string, opts Options) (*Store, error) {
	const op = "sqlite.Open"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &sitrep.Error{Code: sitrep.EINTERNAL, Op: op, Err: err}
	}
	if err := create(filepath.Join(dir, FileName)); err != nil {
		return nil, &sitrep.Error{Code: sitrep.EINTERNAL, Op: op, Err: err}
	}
	busy := opts.BusyTimeout
	if busy <= 0 {
		busy = 5 * time.Second
	}
	// temp_store=MEMORY keeps the statement journals of the multi-row
	// INSERTs of AddPositions off the disk (they cost a write syscall per
	// page); wal_autocheckpoint=4096 pages (64 MiB at the 16 KiB pages of
	// create, 16 MiB for a database made with 4 KiB pages; the default is
	// 1000 pages) checkpoints less often, so an index page that
	// many batches dirty is copied to the database file fewer times.
	// Neither changes durability: commits still wait for the WAL fsync.
	dsn := fmt.Sprintf("%s?_busy_timeout=%d&_auto_vacuum=INCREMENTAL&_journal_mode=WAL&_synchronous=FULL&_foreign_keys=1&_txlock=immediate&_pragma=temp_store(MEMORY)&_pragma=wal_autocheckpoint(4096)",
		filepath.Join(dir, FileName), busy.Milliseconds())
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, &sitrep.Error{Code: sitrep.EINTERNAL, Op: op, Err: err}
	}
	// Each connection has its own page cache; a few readers beside the
	// writer are plenty on small machines.
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	s := &Store{db: db, opts: opts, log: opts.Logger, now: opts.Now}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.now == nil {
		s.now = time.Now
	}
	if err := migrate(ctx, db, s.now(), s.log); err != nil {
		db.Close()
		return nil, wrap(op, err)
	}
	if s.srcs, err = loadSources(ctx, db); err != nil {
		db.Close()
		return nil, wrap(op, err)
	}
	if err := s.loadHead(ctx); err != nil {
		db.Close()
		return nil, wrap(op, err)
	}
	return s, nil
}

// Close flushes the head (see Flush), returns free pages to the file
// system, checkpoints the WAL into the database file and closes the store.
// Calling it again returns the first result. A failed flush loses nothing
// (the head log keeps the positions for the next Open) but is returned.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		ctx := context.Background()
		if err := s.Flush(ctx); err != nil {
			s.log.Error("sqlite: flush on close", "err", err)
			s.closeErr = err
		}
		if _, err := s.db.Exec("PRAGMA incremental_vacuum"); err != nil {
			s.log.Warn("sqlite: vacuum on close", "err", err)
		}
		if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			s.log.Warn("sqlite: checkpoint on close", "err", err)
		}
		if err := s.db.Close(); err != nil && s.closeErr == nil {
			s.closeErr = wrap("sqlite.Close", err)
		}
	})
	return s.closeErr
}

// Check runs SQLite's integrity check over the whole database.
//
// Errors: an *sitrep.Error with code EINTERNAL listing the first problems
// when the check finds any, or wrapping the cause when it cannot run.
func (s *Store) Check(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check(10)")
	if err != nil {
		return wrap("sqlite.Check", err)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return wrap("sqlite.Check", err)
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return wrap("sqlite.Check", err)
	}
	if len(msgs) != 1 || msgs[0] != "ok" {
		return &sitrep.Error{Code: sitrep.EINTERNAL, Op: "sqlite.Check", Message: "database is corrupt", Err: fmt.Errorf("integrity_check: %q", msgs)}
	}
	return nil
}

// writeTx runs fn in one write transaction, holding the writer lock, and
// commits when fn returns nil; otherwise it rolls back and returns fn's
// error. The caller wraps the error with its op.
func (s *Store) writeTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.txLocked(ctx, fn)
}

// txLocked is writeTx for a caller that holds s.wmu.
func (s *Store) txLocked(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// wrap annotates err with op. A cancelled or expired context is passed
// through unclassified (ErrorCode EINTERNAL, errors.Is sees it); an
// *sitrep.Error keeps its code.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &sitrep.Error{Op: op, Err: err}
}
