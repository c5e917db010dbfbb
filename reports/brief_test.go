package reports_test

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/reports"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// tartusBrief builds the brief of the Tartus site, 20 Jan – 15 Feb 2025,
// over the story's reports and the SIMULATED AIS.
func tartusBrief(t *testing.T) *reports.Brief {
	t.Helper()
	f := tartusFusion(t)
	q := reports.Query{SiteID: "tartus-naval-base", Range: sitrep.TimeRange{
		From: time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 2, 15, 0, 0, 0, 0, time.UTC)}}
	b, err := f.Brief(t.Context(), q, "Tartus naval base, 20 Jan – 14 Feb 2025", time.Date(2025, 2, 15, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := "testdata/" + name
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

func TestBriefMarkdown(t *testing.T) {
	b := tartusBrief(t)
	var buf bytes.Buffer
	if err := reports.WriteMarkdown(&buf, b); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{
		"## What happened", "### Saturday 25 January 2025",
		"Rule `site_visit (min_dwell_min=30)`",
		"**Contains SIMULATED material**",
		"SIMULATED AIS: SIMULATED: SPARTA II visit",
		"Maxar Technologies [B2]",
		"Corroborated by 2 independent origins: ais, rferl",
		"## Conflicting accounts",
		"2025-01-26 — Radio Free Europe/Radio Liberty, B3",
		"2025-01-29 — UK Ministry of Defence, Defence Intelligence, B3",
		"almost certain (95–99 %), confidence not stated",
		"[^1]: Maxar Technologies (imagery",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	golden(t, "tartus-brief.md", buf.Bytes())
}

func TestBriefHTMLEscapes(t *testing.T) {
	b := tartusBrief(t)
	b.Days[0].Entries[0].Text = `<script>alert(1)</script>`
	var buf bytes.Buffer
	if err := reports.WriteHTML(&buf, b); err != nil {
		t.Fatal(err)
	}
	h := buf.String()
	if strings.Contains(h, "<script>") || !strings.Contains(h, "&lt;script&gt;") {
		t.Error("report text is not escaped in HTML")
	}
	if !strings.Contains(h, `<li id="src-1">Maxar Technologies`) || !strings.Contains(h, "<h2>Conflicting accounts</h2>") {
		t.Errorf("HTML lacks sources or conflicts:\n%s", h)
	}
	buf.Reset()
	b.Days[0].Entries[0].Text = "a *bold* [link](x) | pipe"
	if err := reports.WriteMarkdown(&buf, b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `a \*bold\* \[link\](x) \| pipe`) {
		t.Error("report text is not escaped in Markdown")
	}
}
