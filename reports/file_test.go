package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// tartusFiles parses the story's report files in scenario/tartus/reports,
// failing t on any problem.
func tartusFiles(t testing.TB) []*File {
	t.Helper()
	names, err := filepath.Glob("../scenario/tartus/reports/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no Tartus report files: %v", err)
	}
	var fs []*File
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, errs := Parse(filepath.Base(name), data)
		for _, err := range errs {
			t.Errorf("%v", err)
		}
		fs = append(fs, f)
	}
	return fs
}

func TestTartusFilesParse(t *testing.T) {
	fs := tartusFiles(t)
	reps := map[string]sitrep.Report{}
	srcs := map[string]bool{}
	for _, f := range fs {
		for _, r := range f.Reports {
			reps[r.Report.ID] = r.Report
		}
		for _, s := range f.Sources {
			srcs[s.Source.ID] = true
		}
	}
	for id, r := range reps {
		if !srcs[r.SourceID] {
			t.Errorf("report %s: source %q is not in the files", id, r.SourceID)
		}
	}
	// The turn-back at "about 17:00 local" (UTC+3) is 14:00 UTC, to the hour.
	tb := reps["trt-convoy-turned-back"].Claims[2]
	if want := time.Date(2025, 2, 10, 14, 0, 0, 0, time.UTC); !tb.When.From.Equal(want) || tb.When.Precision != sitrep.TimeHour {
		t.Errorf("turned back at %v (%s), want %v (hour)", tb.When.From, tb.When.Precision, want)
	}
	// A date alone is the whole day.
	img := reps["maxar-tartus-2025-01-25"].Claims[0].When
	if img.Precision != sitrep.TimeDay || img.End().Sub(img.From) != 24*time.Hour {
		t.Errorf("imagery when = %+v, want the whole day", img)
	}
	a := reps["uk-di-negotiations-2025-02-10"].Claims[0]
	if a.Likelihood != sitrep.AlmostCertain {
		t.Errorf("assessment likelihood %q", a.Likelihood)
	}
	// The conflicting counts are separate reports.
	counts := map[int]bool{}
	for _, id := range []string{"trt-convoy-turned-back", "defense-express-convoy-count", "social-posts-convoy-count"} {
		for _, c := range reps[id].Claims {
			if c.Count != nil {
				counts[c.Count.Min] = true
			}
		}
	}
	if !counts[24] || !counts[30] || !counts[35] {
		t.Errorf("counts %v, want 24, 30 and 35", counts)
	}
}

// parseOne parses src and returns the File and the error texts.
func parseOne(t *testing.T, src string) (*File, []string) {
	t.Helper()
	f, errs := Parse("t.yaml", []byte(src))
	var msgs []string
	for _, err := range errs {
		msgs = append(msgs, err.Error())
	}
	return f, msgs
}

const goodReport = `  - id: good
    title: A good report
    source: src
    credibility: 2
    claims:
      - what: sighting
        text: seen
        when: {at: "2025-02-10T14:00:00Z"}
`

func TestParseErrorsPointAtFields(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings, one per expected error, in order
	}{
		{"bad time", `reports:
  - id: r1
    title: T
    source: src
    credibility: 2
    claims:
      - what: sighting
        text: seen
        when:
          from: 10 Feb 2025
          to: "2025-02-11T00:00Z"
` + goodReport, []string{"t.yaml:10: reports[0].claims[0].when.from: not a time"}},
		{"local time without zone", `reports:
  - id: r1
    title: T
    source: src
    credibility: 2
    claims:
      - what: turned_back
        text: about 17:00 local
        when: {at: "2025-02-10 17:00"}
` + goodReport, []string{"t.yaml:9: reports[0].claims[0].when.at: \"2025-02-10 17:00\" has no zone"}},
		{"grades and kinds", `reports:
  - id: r1
    title: T
    source: src
    reliability: G
    credibility: 7
    claims:
      - what: teleport
        text: x
        when: {at: "2025-02-10", zone: UTC}
`, []string{"t.yaml:5: reports[0].reliability:", "t.yaml:6: reports[0].credibility: 7 is not 1 to 6", "t.yaml:8: reports[0].claims[0].what: \"teleport\""}},
		{"assessment without likelihood", `reports:
  - id: r1
    title: T
    source: src
    credibility: 2
    claims:
      - what: assessment
        text: x
        when: {at: "2025-02-10", zone: UTC}
        confidence: very
`, []string{"reports[0].claims[0].likelihood: an assessment needs", "t.yaml:10: reports[0].claims[0].confidence:"}},
		{"unknown field", `reports:
  - id: r1
    title: T
    source: src
    credibility: 2
    colour: red
    claims: []
` + goodReport, []string{"t.yaml:6:", "colour"}},
		{"to before from", `reports:
  - id: r1
    title: T
    source: src
    credibility: 2
    claims:
      - what: sighting
        text: x
        when: {from: "2025-02-10T10:00Z", to: "2025-02-10T09:00Z"}
        count: {min: 35, max: 24}
`, []string{"reports[0].claims[0].when.to: before from", "t.yaml:10: reports[0].claims[0].count: want 0 <= min <= max"}},
		{"bad IMO and place", `reports:
  - id: r1
    title: T
    source: src
    credibility: 2
    claims:
      - what: sighting
        text: x
        vessels: [{imo: 9268711}]
        where: {point: {lat: 95, lon: 0}, precision: nearby}
        when: {at: "2025-02-10", zone: UTC}
`, []string{"reports[0].claims[0].vessels[0].imo: 9268711 is not a valid IMO", "t.yaml:10: reports[0].claims[0].where.precision", "t.yaml:10: reports[0].claims[0].where.point"}},
		{"duplicate id", `reports:
` + goodReport + goodReport, []string{"report \"good\" is defined twice (first at line 2)"}},
		{"not yaml", "reports: [\n  - {id: x", []string{"t.yaml:"}},
		{"alias", "reports:\n  - &a {id: x}\n  - *a\n", []string{"t.yaml:2: anchors, aliases and tags are not allowed"}},
		{"unknown top key", "report:\n  - id: x\n", []string{"t.yaml:1: report: unknown key"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, msgs := parseOne(t, tc.src)
			if len(msgs) != len(tc.want) && !(tc.name == "unknown field" && len(msgs) == 1) {
				t.Fatalf("errors:\n%s\nwant %d", strings.Join(msgs, "\n"), len(tc.want))
			}
			all := strings.Join(msgs, "\n")
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("errors:\n%s\nwant one containing %q", all, w)
				}
			}
			// Good reports in a file with bad ones still load.
			if strings.Contains(tc.src, "id: good") && (len(f.Reports) != 1 || f.Reports[0].Report.ID != "good") {
				t.Errorf("good report not kept: %+v", f.Reports)
			}
		})
	}
}

func TestParseJSON(t *testing.T) {
	src := `{
  "sources": [{"id": "src", "name": "S", "kind": "outlet", "reliability": "b"}],
  "reports": [{
    "id": "j1", "title": "T", "source": "src", "credibility": 2,
    "claims": [{"what": "arrival", "text": "x",
      "when": {"from": "2025-02-10 06:00", "to": "2025-02-10 12:00", "zone": "+03:00", "precision": "part_of_day"}}]
  }, {"id": "j2", "title": "T", "source": "src", "credibility": 9,
    "claims": [{"what": "arrival", "text": "x", "when": {"at": "2025-02-10", "zone": "UTC"}}]}]
}`
	f, msgs := parseOne(t, src)
	if len(msgs) != 1 || !strings.HasPrefix(msgs[0], "t.yaml:7: reports[1].credibility") {
		t.Errorf("errors %q, want one at line 7 for reports[1].credibility", msgs)
	}
	if len(f.Reports) != 1 || len(f.Sources) != 1 || f.Sources[0].Source.Reliability != sitrep.ReliabilityB {
		t.Fatalf("file %+v", f)
	}
	w := f.Reports[0].Report.Claims[0].When
	if !w.From.Equal(time.Date(2025, 2, 10, 3, 0, 0, 0, time.UTC)) || !w.To.Equal(time.Date(2025, 2, 10, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("when %v..%v, want 03:00..09:00 UTC", w.From, w.To)
	}
}

func TestParseTooLarge(t *testing.T) {
	_, errs := Parse("big.yaml", make([]byte, MaxFileSize+1))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "larger than the limit") {
		t.Errorf("errors %v", errs)
	}
}

func FuzzParse(f *testing.F) {
	names, _ := filepath.Glob("../scenario/tartus/reports/*.yaml")
	for _, name := range names {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("reports:\n" + goodReport))
	f.Add([]byte(`{"reports": [{"id": "x", "claims": [{"when": {"at": "2025-02-10 17:00", "zone": "+03"}}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, errs := Parse("fuzz.yaml", data)
		for _, err := range errs {
			if _, ok := err.(*FileError); !ok {
				t.Fatalf("error %T %v is not a *FileError", err, err)
			}
		}
		// Whatever Parse keeps is valid.
		for _, r := range file.Reports {
			if err := r.Report.Validate(); err != nil {
				t.Fatalf("kept an invalid report: %v", err)
			}
		}
		for _, s := range file.Sources {
			if err := s.Source.Validate(); err != nil {
				t.Fatalf("kept an invalid source: %v", err)
			}
		}
	})
}
