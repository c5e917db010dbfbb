package gazetteer

import (
	"fmt"
	"strings"
	"testing"
)

// TestResolveExamples covers the destinations analysts meet. Every expected
// LOCODE was checked in the source CSVs (wpi-ports.csv, unlocode-ports.csv):
// RULED Saint Petersburg (WPI "Sankt-Peterburg", alternate "St Petersburg";
// the WPI also gives RULED to St Petersburg, Florida, whose code is USPIE),
// RUKGD Kaliningrad, RUBLT Baltiysk, SYTTS Tartus, GIGIB Gibraltar
// (UN/LOCODE only), KRPUS Busan, SGSIN Singapore, NLRTM Rotterdam (UN/LOCODE
// also has USRAJ Rotterdam, New York), AUNTL Newcastle (Large; CANCT, GBNCS
// and USAWS are UN/LOCODE-only), JPCHB Chiba (WPI "Chiba Ko").
func TestResolveExamples(t *testing.T) {
	g := mustDefault(t)
	tests := []struct {
		dest, locode, method string
		conf                 Confidence
	}{
		{"ST.PETERSBURG", "RULED", "alias+size", ConfidenceLow},
		{"ST PETERSBURG", "RULED", "alias+size", ConfidenceLow},
		{"SAINT PETERSBURG", "RULED", "alias+size", ConfidenceLow},
		{"RU LED", "RULED", MethodLOCODE, ConfidenceHigh},
		{"RULED", "RULED", MethodLOCODE, ConfidenceHigh},
		{"RU-LED", "RULED", MethodLOCODE, ConfidenceHigh},
		{"KALININGRAD", "RUKGD", MethodName, ConfidenceHigh},
		{"KALININGRAD\\RUSSIA", "RUKGD", "name+country", ConfidenceMedium},
		{"RUKGD>RULED", "RULED", MethodLOCODE, ConfidenceHigh},
		{"RULED>RUKGD", "RUKGD", MethodLOCODE, ConfidenceHigh},
		{"RU KGD", "RUKGD", MethodLOCODE, ConfidenceHigh},
		{"BALTIYSK", "RUBLT", MethodName, ConfidenceHigh},
		{"PILLAU", "RUBLT", MethodAlias, ConfidenceMedium},
		{"TARTUS", "SYTTS", MethodName, ConfidenceHigh},
		{"TARTOUS", "SYTTS", MethodAlias, ConfidenceMedium},
		{"GIBRALTAR", "GIGIB", "name+country", ConfidenceMedium},
		{"MORESBY", "GNSBY", MethodName, ConfidenceMedium}, // UN/LOCODE only: medium
		{"NEWCASTLE HARBOUR", "AUNTL", "name+qualifier+size", ConfidenceLow},
		{"NEWCASTLE,AUS.", "AUNTL", "name+country", ConfidenceMedium},
		{"BUSAN ANCH", "KRPUS", "name+qualifier", ConfidenceMedium},
		{"SG SIN", "SGSIN", MethodLOCODE, ConfidenceHigh},
		{"SINGAPORE", "SGSIN", "name+country", ConfidenceMedium},
		{"ROTTERDAM", "NLRTM", "name+size", ConfidenceLow},
		{"NLRTM", "NLRTM", MethodLOCODE, ConfidenceHigh},
		{"CHIBA JAPAN", "JPCHB", "alias+country", ConfidenceMedium},
		{"AU NTL OFF", "AUNTL", MethodLOCODE, ConfidenceHigh},
		{"TO AU NTL", "AUNTL", MethodLOCODE, ConfidenceHigh},
		{"\"SG SIN/TG LFW\"", "TGLFW", MethodLOCODE, ConfidenceHigh}, // TG is Togo here, not TANJUNG
		{"PORTHEDLAND", "AUPHE", MethodName, ConfidenceHigh},
		{"TOWNSVILLE AUSTRALI", "AUTSV", "name+country", ConfidenceMedium},
		{"BALTIMORE, MD", "USBAL", "name+country", ConfidenceMedium},
		{"HOUSTON,TEXAS USA", "USHOU", "name+country", ConfidenceMedium}, // two hints
		{"TACOMA,WA,USA", "USTIW", "name+country", ConfidenceMedium},     // WA is AU or US; USA decides
		{"NOUMEA NEW CALEDONI", "NCNOU", "name+country", ConfidenceMedium},
		{"AUSTRALIA ALBANY", "AUALH", "name+country", ConfidenceMedium},
		{"BALONGAN/INDONESIA", "IDBAL", "alias+country", ConfidenceMedium}, // "Balongan Terminal"
		// "New Castle" is one port in the table (New Castle, Delaware);
		// with a country hint the spaceless form finds Newcastle, Australia.
		{"NEW CASTLE", "USNSX", MethodName, ConfidenceHigh}, // in the WPI
		{"NEW CASTLE AUSTRALI", "AUNTL", "name+country", ConfidenceMedium},
		{"JEBEL ALI P/S", "AEJEA", "alias+qualifier", ConfidenceMedium},
	}
	for _, tt := range tests {
		r := g.Resolve(tt.dest)
		if r.Port == nil {
			t.Errorf("Resolve(%q): unresolved (%s), want %s", tt.dest, r.Reason, tt.locode)
			continue
		}
		if r.Port.LOCODE != tt.locode || r.Method != tt.method || r.Confidence != tt.conf {
			t.Errorf("Resolve(%q) = %s %q by %s/%s, want %s by %s/%s", tt.dest,
				r.Port.LOCODE, r.Port.Name, r.Method, r.Confidence, tt.locode, tt.method, tt.conf)
		}
		if r.Reason != "" || r.Raw != tt.dest {
			t.Errorf("Resolve(%q): Reason %q, Raw %q", tt.dest, r.Reason, r.Raw)
		}
	}
}

// TestResolveUnresolved covers destinations that must not resolve, with the
// reason. "PDM BRAZIL" is Ponta da Madeira to a human, but neither source
// has that name and BRPDM is Porto de Moz: resolving it would be a guess.
func TestResolveUnresolved(t *testing.T) {
	g := mustDefault(t)
	tests := []struct{ dest, reason string }{
		{"", ReasonEmpty},
		{"   ", ReasonEmpty},
		{"@@@@@@@@@@@@@@@@@@@@", "not a port (@@@)"},
		{"FOR ORDERS", "not a port (FOR ORDERS)"},
		{" FOR ORDER", "not a port (FOR ORDER)"},
		{"ORDERS", "not a port (ORDERS)"},
		{"FISHING.GROUND", "not a port (FISHING GROUND)"},
		{"FISHING GROUNDS", "not a port (FISHING GROUNDS)"},
		{"SEA", "not a port (SEA)"},
		{"TRIALS", "not a port (TRIALS)"},
		{"SAR", "not a port (SAR)"},
		{"PATROL", "not a port (PATROL)"},
		{"CRUISE", "not a port (CRUISE)"},
		{"NONE", "not a port (NONE)"},
		{"N/A", "not a port (N A)"},
		{"UNKNOWN", "not a port (UNKNOWN)"},
		{"HARBOUR", "not a port (HARBOUR)"},
		{"BRAZIL", "not a port (country BRAZIL)"},
		{"CHINA", "not a port (country CHINA)"}, // not China, Japan (JPCHI)
		{"PDM BRAZIL", ReasonUnknown},
		{"PDM", ReasonUnknown},
		{"XYZZY PLUGH", ReasonUnknown},
		{"SYDNEY", "ambiguous: 2 candidates"},                   // AUSYD Large, CASYD Medium
		{"GLADSTONE", "ambiguous: 2 candidates"},                // AUGLT Small, USGDE Very Small
		{"PORTLAND", "ambiguous: 8 candidates"},                 // AU, GB (2), NZ, US (4)
		{"ANCHORAGE", "ambiguous: qualifier word or port name"}, // or Anchorage, Alaska
		// Five-letter names that are also another port's LOCODE (rule 4).
		{"GAETA", "ambiguous: 2 candidates"}, // GAETA Etame Terminal, Gabon; ITGAE Gaeta
		{"AQABA", "ambiguous: 3 candidates"}, // AQABA Aboa, Antarctica; JOAQB 'Aqaba; JOAQJ Al Aqabah

	}
	for _, tt := range tests {
		r := g.Resolve(tt.dest)
		if r.Port != nil {
			t.Errorf("Resolve(%q) = %s %q by %s, want unresolved (%s)", tt.dest, r.Port.LOCODE, r.Port.Name, r.Method, tt.reason)
			continue
		}
		if r.Reason != tt.reason || r.Method != "" || r.Confidence != ConfidenceNone {
			t.Errorf("Resolve(%q): reason %q method %q confidence %q, want reason %q", tt.dest, r.Reason, r.Method, r.Confidence, tt.reason)
		}
		if strings.HasPrefix(tt.reason, "ambiguous") {
			if len(r.Candidates) < 1 || (strings.Contains(tt.reason, "candidates") && len(r.Candidates) < 2) {
				t.Errorf("Resolve(%q): %d candidates listed", tt.dest, len(r.Candidates))
			}
			for _, c := range r.Candidates {
				t.Logf("%s: candidate %s %s %s (%s)", tt.dest, c.LOCODE, c.Name, c.Country, c.Size)
			}
		}
	}
}

// TestResolveConcurrent resolves from several goroutines at once; run with
// -race it checks that Resolve does not write to the shared indexes.
func TestResolveConcurrent(t *testing.T) {
	g := mustDefault(t)
	dests := []string{"NEW CASTLE AUSTRALI", "ST.PETERSBURG", "RUKGD>RULED", "SYDNEY", "CHIBA JAPAN", "PORTHEDLAND"}
	want := make([]Resolution, len(dests))
	for i, d := range dests {
		want[i] = g.Resolve(d)
	}
	done := make(chan error)
	for w := range 4 {
		go func() {
			var err error
			for i := range 200 {
				k := (i + w) % len(dests)
				if r := g.Resolve(dests[k]); r.Port != want[k].Port || r.Reason != want[k].Reason {
					err = fmt.Errorf("Resolve(%q) = %v/%q, want %v/%q", dests[k], r.Port, r.Reason, want[k].Port, want[k].Reason)
				}
			}
			done <- err
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
