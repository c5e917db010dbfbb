package gazetteer

import (
	"strings"
	"testing"

	"github.com/sitrep-osint/sitrep/gazetteer/internal/norm"
)

func normKey(s string) string { return norm.Key(s) }

// FuzzResolve checks that Resolve never panics, that a result is either a
// port or a reason, and that a resolved port's LOCODE resolves to the same
// port.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"ST.PETERSBURG", "RU LED", "RULED", "RUKGD>RULED", "PDM BRAZIL",
		"BUSAN ANCH", "SG SIN", "FOR ORDERS", "@@@", "CHIBA JAPAN", "NEWCASTLE,AUS.", "N/A",
		"\"SG SIN/TG LFW\"", "TOWNSVILLE AUSTRALI", "JEBEL ALI P/S", "><)))'>", "ANCHORAGE", ""} {
		f.Add(s)
	}
	g, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		r := g.Resolve(dest)
		if r.Raw != dest {
			t.Fatalf("Raw = %q, want %q", r.Raw, dest)
		}
		if (r.Port == nil) == (r.Reason == "") {
			t.Fatalf("Resolve(%q): port %v with reason %q", dest, r.Port, r.Reason)
		}
		if r.Port == nil {
			if r.Method != "" || r.Confidence != ConfidenceNone {
				t.Fatalf("Resolve(%q): unresolved with method %q", dest, r.Method)
			}
			return
		}
		if r.Method == "" || r.Confidence == ConfidenceNone {
			t.Fatalf("Resolve(%q): resolved without method or confidence: %+v", dest, r)
		}
		if r.Port.LOCODE == "" {
			return
		}
		again := g.Resolve(r.Port.LOCODE)
		if again.Port != r.Port {
			// A LOCODE that is also another port's name is ambiguous, by rule 4.
			if !strings.HasPrefix(again.Reason, "ambiguous") {
				t.Fatalf("Resolve(%q) = %s, but Resolve(%q) = %+v", dest, r.Port.LOCODE, r.Port.LOCODE, again)
			}
		}
		if p, ok := g.ByLOCODE(r.Port.LOCODE); !ok || p.Name != r.Port.Name {
			t.Fatalf("ByLOCODE(%q) = %q, %v; want %q", r.Port.LOCODE, p.Name, ok, r.Port.Name)
		}
	})
}

// FuzzNew checks that New never panics on a malformed table and that a
// table it accepts answers lookups.
func FuzzNew(f *testing.F) {
	f.Add("P\tRULED\tSankt-Peterburg\tLeningrad;St Petersburg\tRU\t59.9\t30.3\tboth\tL\nC\tRUSSIA\tRU\n")
	f.Add("P\t\tX\t\t\t\t\twpi\t\n")
	f.Add("C\tWA\tAU,US\n# x\n")
	f.Fuzz(func(t *testing.T, table string) {
		g, err := New(strings.NewReader(table))
		if err != nil {
			return
		}
		for _, d := range []string{"RULED", "ST PETERSBURG RUSSIA", "X", table} {
			g.Resolve(d)
		}
		g.Search("S", 3)
	})
}
