package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const dataDir = "../../../../shared/data"

// TestTableUpToDate regenerates the table from the shared data and compares
// it with the committed gazetteer/ports.tsv.gz: the generator is
// deterministic, so a difference means "go generate ./gazetteer" was not run
// after a change.
func TestTableUpToDate(t *testing.T) {
	if _, err := os.Stat(filepath.Join(dataDir, "unlocode-ports", "unlocode-ports.csv")); err != nil {
		t.Skipf("shared data absent: %v", err)
	}
	out := filepath.Join(t.TempDir(), "ports.tsv.gz")
	if err := run(dataDir, out); err != nil {
		t.Fatal(err)
	}
	got, want := gunzip(t, out), gunzip(t, "../../ports.tsv.gz")
	if !bytes.Equal(got, want) {
		t.Fatalf("generated table (%d bytes) differs from gazetteer/ports.tsv.gz (%d bytes): run go generate ./gazetteer", len(got), len(want))
	}
	// Spot checks on the merge rules, against the CSVs.
	for _, line := range []string{
		// WPI 28370 Sankt-Peterburg has RU LED; UN/LOCODE "Saint Petersburg (ex Leningrad)".
		"P\tRULED\tSankt-Peterburg\tLeningrad;Saint Petersburg;Petrograd\tRU\t59.93333\t30.3\tboth\tL\n",
		// WPI 8680 St Petersburg, Florida carries RULED: the code is ignored
		// and the row joins USPIE by name within 20 km.
		"P\tUSPIE\tSt Petersburg\t\tUS\t27.76667\t-82.61667\tboth\tS\n",
		// Only in UN/LOCODE (the WPI row in Gibraltar is Europa Point).
		"P\tGIGIB\tGibraltar\t\tGI\t36.15174\t-5.34554\tunlocode\t\n",
		"C\tJAPAN\tJP\n",
		"C\tWA\tAU,US\n",
	} {
		if !bytes.Contains(got, []byte(line)) {
			t.Errorf("table lacks %q", strings.TrimSpace(line))
		}
	}
}

func gunzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
