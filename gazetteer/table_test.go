package gazetteer

import (
	"bytes"
	"compress/gzip"
	"errors"
	"math"
	"os"
	"strings"
	"testing"
)

const excerptPath = "../testdata/gazetteer/excerpt.tsv"

func loadExcerpt(t *testing.T) *Gazetteer {
	t.Helper()
	f, err := os.Open(excerptPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := New(f)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestNewExcerpt(t *testing.T) {
	raw, err := os.ReadFile(excerptPath)
	if err != nil {
		t.Fatal(err)
	}
	wantPorts := strings.Count(string(raw), "\nP\t")
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(raw)
	zw.Close()
	for name, in := range map[string][]byte{"plain": raw, "gzip": zipped.Bytes()} {
		g, err := New(bytes.NewReader(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if g.Len() != wantPorts {
			t.Errorf("%s: %d ports, want %d", name, g.Len(), wantPorts)
		}
		p, ok := g.ByLOCODE("RULED")
		if !ok || p.Name != "Sankt-Peterburg" || p.Country != "RU" || p.Size != "Large" || p.Source != "both" ||
			p.Lat != 59.93333 || p.Lon != 30.3 || len(p.Alternates) != 3 {
			t.Errorf("%s: ByLOCODE(RULED) = %+v, %v", name, p, ok)
		}
	}
}

// TestResolveRules checks the rules on a small excerpt of the real table,
// where every candidate is known.
func TestResolveRules(t *testing.T) {
	g := loadExcerpt(t)
	tests := []struct {
		dest, locode, method, reason string
		candidates                   int
	}{
		// Newcastle AU is Large, the others UN/LOCODE-only: the size rule.
		{"NEWCASTLE", "AUNTL", "name+size", "", 0},
		{"NEWCASTLE,AUS.", "AUNTL", "name+country", "", 0},
		// Sydney AU Large, Sydney CA Medium: one class apart is no choice.
		{"SYDNEY", "", "", "ambiguous: 2 candidates", 2},
		{"SYDNEY AUSTRALIA", "AUSYD", "name+country", "", 0},
		{"SYDNEY AUSTRALIA ANCH", "AUSYD", "name+country+qualifier", "", 0},
		// Gladstone AU Small, US Very Small: the winner must be Medium+.
		{"GLADSTONE", "", "", "ambiguous: 2 candidates", 2},
		// WA is Washington or Western Australia: both allowed.
		{"GLADSTONE WA", "", "", "ambiguous: 2 candidates", 2},
		{"NEWCASTLE USA", "USAWS", "name+country", "", 0},
		{"ST PETERSBURG", "RULED", "alias+size", "", 0},
		{"ST PETERSBURG USA", "USPIE", "name+country", "", 0},
		{"ROTTERDAM", "NLRTM", "name+size", "", 0},
		{"CHIBA JAPAN", "JPCHB", "alias+country", "", 0},
		{"CHINA", "", "", "not a port (country CHINA)", 0},
		{"JAPAN", "", "", "not a port (country JAPAN)", 0},
		{"KONIGSBERG", "RUKGD", "alias", "", 0},
		{"RUKGD>RULED", "RULED", "locode", "", 0},
		{"RU BLT", "RUBLT", "locode", "", 0},
		{"RUXXX", "", "", ReasonUnknown, 0},
		{"NEW ZEALAND", "", "", "not a port (country NEW ZEALAND)", 0},
	}
	for _, tt := range tests {
		r := g.Resolve(tt.dest)
		got := ""
		if r.Port != nil {
			got = r.Port.LOCODE
		}
		if got != tt.locode || r.Method != tt.method || r.Reason != tt.reason || len(r.Candidates) != tt.candidates {
			t.Errorf("Resolve(%q) = %q by %q, reason %q, %d candidates; want %q by %q, reason %q, %d candidates",
				tt.dest, got, r.Method, r.Reason, len(r.Candidates), tt.locode, tt.method, tt.reason, tt.candidates)
		}
	}
}

func TestNewErrors(t *testing.T) {
	const good = "P\tRULED\tSankt-Peterburg\tLeningrad\tRU\t59.9\t30.3\tboth\tL\n"
	tests := map[string]string{
		"kind":         "X\tfoo\n",
		"fields":       "P\tRULED\tSankt-Peterburg\n",
		"locode":       "P\tRULEDX\tSankt-Peterburg\t\tRU\t59.9\t30.3\tboth\tL\n",
		"lower locode": "P\truled\tSankt-Peterburg\t\tRU\t59.9\t30.3\tboth\tL\n",
		"name":         "P\tRULED\t--\t\tRU\t59.9\t30.3\tboth\tL\n",
		"lat":          "P\tRULED\tX\t\tRU\t99.9\t30.3\tboth\tL\n",
		"lon":          "P\tRULED\tX\t\tRU\t59.9\teast\tboth\tL\n",
		"half pos":     "P\tRULED\tX\t\tRU\t59.9\t\tboth\tL\n",
		"size":         "P\tRULED\tX\t\tRU\t59.9\t30.3\tboth\tHuge\n",
		"source":       "P\tRULED\tX\t\tRU\t59.9\t30.3\tosm\tL\n",
		"duplicate":    good + good,
		"alias":        "C\tnew zealand\tNZ\n",
		"alias code":   "C\tNEW ZEALAND\tNZL\n",
	}
	for name, in := range tests {
		_, err := New(strings.NewReader(in))
		if !errors.Is(err, ErrTable) {
			t.Errorf("%s: New = %v, want ErrTable", name, err)
		}
	}
	if _, err := New(strings.NewReader("\x1f\x8bnot gzip")); err == nil || errors.Is(err, ErrTable) {
		t.Errorf("corrupt gzip: New = %v, want a gzip error", err)
	}
	g, err := New(strings.NewReader("# comment\n\n" + good + "P\t\tNo Code\t\tRU\t\t\twpi\t\n"))
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 2 {
		t.Errorf("Len = %d, want 2", g.Len())
	}
	r := g.Resolve("NO CODE")
	if r.Port == nil || r.Port.LOCODE != "" || !math.IsNaN(r.Port.Lat) || !math.IsNaN(r.Port.Lon) {
		t.Errorf("Resolve(NO CODE) = %+v", r)
	}
}

func TestByLOCODE(t *testing.T) {
	g := mustDefault(t)
	for _, tt := range []struct{ code, name string }{
		{"RULED", "Sankt-Peterburg"}, {"ru led", "Sankt-Peterburg"}, {"RU-KGD", "Kaliningrad"},
		{"SYTTS", "Tartus"}, {"GIGIB", "Gibraltar"}, {"RUBLT", "Baltiysk"},
		{"XXXXX", ""}, {"", ""}, {"RULE", ""}, {"RULEDX", ""},
	} {
		p, ok := g.ByLOCODE(tt.code)
		if ok != (tt.name != "") || p.Name != tt.name {
			t.Errorf("ByLOCODE(%q) = %q, %v; want %q", tt.code, p.Name, ok, tt.name)
		}
	}
}

func TestSearch(t *testing.T) {
	g := mustDefault(t)
	got := g.Search("st peter", 3)
	if len(got) == 0 || got[0].LOCODE != "RULED" {
		t.Fatalf("Search(st peter) = %v, want RULED first", got)
	}
	for _, p := range got {
		if !hasPrefixName(p, "SAINT PETER") {
			t.Errorf("Search(st peter) returned %s %q", p.LOCODE, p.Name)
		}
	}
	if got := g.Search("newc", 2); len(got) != 2 || got[0].LOCODE != "AUNTL" {
		t.Errorf("Search(newc, 2) = %v", got)
	}
	if got := g.Search("NLRT", 5); len(got) == 0 || got[0].LOCODE != "NLRTM" {
		t.Errorf("Search(NLRT) = %v", got)
	}
	if got := g.Search("", 5); got != nil {
		t.Errorf("Search(\"\") = %v", got)
	}
	if got := g.Search("rotterdam", 0); got != nil {
		t.Errorf("Search(rotterdam, 0) = %v", got)
	}
	if got := g.Search("zzzzqq", 5); len(got) != 0 {
		t.Errorf("Search(zzzzqq) = %v", got)
	}
}

func hasPrefixName(p Port, prefix string) bool {
	for _, n := range append([]string{p.Name}, p.Alternates...) {
		if strings.HasPrefix(normKey(n), prefix) {
			return true
		}
	}
	return false
}
