package sqlite

import (
	"testing"
)

// TestNewDatabaseSettings checks what create sets up and Open keeps: 16 KiB
// pages, incremental auto-vacuum and WAL, on a new database and after a
// reopen.
func TestNewDatabaseSettings(t *testing.T) {
	dir := t.TempDir()
	for range 2 {
		s := openTest(t, dir, Options{})
		var ps, av int
		var jm string
		for q, dst := range map[string]any{"PRAGMA page_size": &ps, "PRAGMA auto_vacuum": &av, "PRAGMA journal_mode": &jm} {
			if err := s.db.QueryRow(q).Scan(dst); err != nil {
				t.Fatal(q, err)
			}
		}
		if ps != pageSize || av != 2 || jm != "wal" {
			t.Errorf("page_size %d, auto_vacuum %d, journal_mode %q; want %d, 2 (incremental), wal", ps, av, jm, pageSize)
		}
		s.Close()
	}
}
