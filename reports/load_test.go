package reports_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/reports"
	"github.com/sitrep-osint/sitrep/sqlite"
)

// openStore opens a real SQLite store in a temporary directory.
func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), t.TempDir(), sqlite.Options{Now: func() time.Time { return time.Date(2025, 2, 11, 8, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// parseFiles parses report files, failing t on any problem.
func parseFiles(t *testing.T, names ...string) []*reports.File {
	t.Helper()
	var fs []*reports.File
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, errs := reports.Parse(filepath.Base(name), data)
		for _, err := range errs {
			t.Errorf("parse: %v", err)
		}
		fs = append(fs, f)
	}
	return fs
}

func tartusNames(t *testing.T) []string {
	names, err := filepath.Glob("../scenario/tartus/reports/*.yaml")
	if err != nil || len(names) < 4 {
		t.Fatalf("Tartus files: %v %v", names, err)
	}
	return names
}

// loadTartus loads the story's report files into s.
func loadTartus(t *testing.T, s sitrep.ReportStore) {
	t.Helper()
	_, errs := reports.Load(t.Context(), s, parseFiles(t, tartusNames(t)...), sitrep.Change{By: "test"})
	for _, err := range errs {
		t.Errorf("load: %v", err)
	}
}

func TestLoadTartusTwice(t *testing.T) {
	s := openStore(t)
	fs := parseFiles(t, tartusNames(t)...)
	outs, errs := reports.Load(t.Context(), s, fs, sitrep.Change{By: "test"})
	if len(errs) > 0 {
		t.Fatalf("load: %v", errs)
	}
	n := 0
	for _, f := range fs {
		n += len(f.Sources) + len(f.Entities) + len(f.Reports)
	}
	if len(outs) != n {
		t.Errorf("%d outcomes for %d items", len(outs), n)
	}
	for _, o := range outs {
		if o.Action != reports.Created {
			t.Errorf("first load: %v", o)
		}
	}
	// Loading the same files again changes nothing.
	outs, errs = reports.Load(t.Context(), s, fs, sitrep.Change{})
	if len(errs) > 0 {
		t.Fatalf("reload: %v", errs)
	}
	for _, o := range outs {
		if o.Kind == "report" && (o.Action != reports.Unchanged || o.Version != 1) {
			t.Errorf("reload: %v", o)
		}
	}
	rs, err := s.Reports(t.Context(), sitrep.ReportFilter{EntityID: "khmeimim-convoy-2025-02-10"})
	if err != nil || len(rs) != 4 {
		t.Errorf("reports on the convoy: %d, %v", len(rs), err)
	}
}

const editBase = `sources:
  - {id: sim-src, name: Simulated source, kind: outlet, reliability: C}
reports:
  - id: sim-report
    title: Simulated report
    source: sim-src
    credibility: CRED
BASE    claims:
      - what: sighting
        text: simulated
        when: {at: "2025-02-10", zone: UTC}
`

func writeEdit(t *testing.T, cred, base string) *reports.File {
	t.Helper()
	src := strings.Replace(strings.Replace(editBase, "CRED", cred, 1), "BASE", base, 1)
	f, errs := reports.Parse("edit.yaml", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return f
}

func TestLoadEditsNeedBaseVersion(t *testing.T) {
	s := openStore(t)
	if _, errs := reports.Load(t.Context(), s, []*reports.File{writeEdit(t, "3", "")}, sitrep.Change{}); len(errs) > 0 {
		t.Fatal(errs)
	}
	// Changed without base_version: refused, pointing at the report.
	_, errs := reports.Load(t.Context(), s, []*reports.File{writeEdit(t, "2", "")}, sitrep.Change{})
	if len(errs) != 1 || sitrep.ErrorCode(errs[0]) != sitrep.ECONFLICT ||
		!strings.HasPrefix(errs[0].Error(), "edit.yaml:4: reports[0]: report sim-report already exists at version 1") {
		t.Fatalf("edit without base_version: %v", errs)
	}
	// With base_version 1: version 2.
	outs, errs := reports.Load(t.Context(), s, []*reports.File{writeEdit(t, "2", "    base_version: 1\n")}, sitrep.Change{By: "ana"})
	if len(errs) > 0 || outs[len(outs)-1].Action != reports.Updated || outs[len(outs)-1].Version != 2 {
		t.Fatalf("edit of version 1: %v %v", outs, errs)
	}
	// Another edit made from version 1 is stale.
	_, errs = reports.Load(t.Context(), s, []*reports.File{writeEdit(t, "4", "    base_version: 1\n")}, sitrep.Change{By: "ben"})
	if len(errs) != 1 || sitrep.ErrorCode(errs[0]) != sitrep.ECONFLICT {
		t.Fatalf("stale edit: %v", errs)
	}
	vs, err := s.ReportVersions(t.Context(), "sim-report")
	if err != nil || len(vs) != 2 || vs[0].Credibility != 3 || vs[1].Credibility != 2 || vs[1].Change.By != "ana" {
		t.Errorf("versions %+v, %v", vs, err)
	}
}

func TestLoadUnknownSource(t *testing.T) {
	s := openStore(t)
	f, errs := reports.Parse("x.yaml", []byte(`reports:
  - id: orphan
    title: Orphan
    source: nobody
    credibility: 3
    claims:
      - {what: sighting, text: x, when: {at: "2025-02-10", zone: UTC}}
`))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	_, errs = reports.Load(t.Context(), s, []*reports.File{f}, sitrep.Change{})
	if len(errs) != 1 || sitrep.ErrorCode(errs[0]) != sitrep.ENOTFOUND || !strings.Contains(errs[0].Error(), `x.yaml:2: reports[0]: report orphan: no source "nobody"`) {
		t.Errorf("errors %v", errs)
	}
}
