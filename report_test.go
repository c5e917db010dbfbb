package sitrep

import (
	"strings"
	"testing"
	"time"
)

func TestLikelihoodRanges(t *testing.T) {
	prevHi := 0.0
	for i, l := range Likelihoods {
		lo, hi := l.Range()
		if lo >= hi || (i > 0 && lo != prevHi) {
			t.Errorf("%s: range %v..%v does not follow %v", l, lo, hi, prevHi)
		}
		prevHi = hi
	}
	if got := AlmostCertain.Describe(); got != "almost certain (95–99 %)" {
		t.Errorf("Describe = %q", got)
	}
	if got := RoughlyEven.Describe(); got != "roughly even chance (45–55 %)" {
		t.Errorf("Describe = %q", got)
	}
	if Likelihood("probably").Valid() {
		t.Error("probably is not an ICD 203 term")
	}
}

// validReport is a SIMULATED report that passes Check.
func validReport() Report {
	d := time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)
	return Report{ID: "sim", Title: "Simulated", SourceID: "src", Credibility: 3, Claims: []Claim{{
		What: ClaimTurnedBack, Text: "simulated", Vessels: []VesselRef{{IMO: 9268710}},
		Where: Place{Point: &LatLon{Lat: 34.9, Lon: 35.9}, Precision: PlaceNear},
		When:  When{From: d.Add(14 * time.Hour), Precision: TimeHour, Zone: "+03:00"},
		Count: &Count{Min: 24, Max: 35, Unit: "vehicles"},
	}}}
}

func TestReportCheckPaths(t *testing.T) {
	if errs := validReport().Check(); len(errs) != 0 {
		t.Fatalf("valid report: %v", errs)
	}
	tests := []struct {
		name   string
		mutate func(*Report)
		path   string
	}{
		{"no claims", func(r *Report) { r.Claims = nil }, "claims"},
		{"credibility", func(r *Report) { r.Credibility = 0 }, "credibility"},
		{"reliability", func(r *Report) { r.Reliability = "Z" }, "reliability"},
		{"to before from", func(r *Report) { r.Claims[0].When.To = r.Claims[0].When.From.Add(-time.Hour) }, "claims[0].when.to"},
		{"no time", func(r *Report) { r.Claims[0].When.From = time.Time{} }, "claims[0].when"},
		{"precision", func(r *Report) { r.Claims[0].When.Precision = "week" }, "claims[0].when.precision"},
		{"imo check digit", func(r *Report) { r.Claims[0].Vessels[0].IMO = 9268711 }, "claims[0].vessels[0].imo"},
		{"vessel without ids", func(r *Report) { r.Claims[0].Vessels[0] = VesselRef{Name: "X"} }, "claims[0].vessels[0]"},
		{"place without geometry", func(r *Report) { r.Claims[0].Where.Point = nil }, "claims[0].where"},
		{"latitude", func(r *Report) { r.Claims[0].Where.Point.Lat = 91 }, "claims[0].where.point"},
		{"count", func(r *Report) { r.Claims[0].Count.Max = 1 }, "claims[0].count"},
		{"likelihood on a sighting", func(r *Report) { r.Claims[0].Likelihood = Likely }, "claims[0].likelihood"},
		{"assessment needs likelihood", func(r *Report) { r.Claims[0].What = ClaimAssessment }, "claims[0].likelihood"},
		{"evidence url", func(r *Report) { r.Evidence = []Evidence{{URL: "javascript:alert(1)"}} }, "evidence[0].url"},
		{"evidence hash", func(r *Report) { r.Evidence = []Evidence{{URL: "https://example.org", SHA256: "abc"}} }, "evidence[0].sha256"},
		{"text size", func(r *Report) { r.Claims[0].Text = strings.Repeat("x", MaxText+1) }, "claims[0].text"},
	}
	for _, tc := range tests {
		r := validReport()
		tc.mutate(&r)
		errs := r.Check()
		found := false
		for _, e := range errs {
			found = found || e.Path == tc.path
		}
		if !found {
			t.Errorf("%s: problems %v, want one at %s", tc.name, errs, tc.path)
		}
		if err := r.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("%s: Validate = %v, want EINVALID", tc.name, err)
		}
	}
	// An assessment without a stated confidence is valid.
	r := validReport()
	r.Claims[0].What, r.Claims[0].Likelihood = ClaimAssessment, AlmostCertain
	if errs := r.Check(); len(errs) != 0 {
		t.Errorf("assessment without confidence: %v", errs)
	}
}

func TestWhenWidenedAndSpan(t *testing.T) {
	d := time.Date(2025, 1, 26, 0, 0, 0, 0, time.UTC)
	w := When{From: d, To: d.Add(24 * time.Hour), Precision: TimeDay}
	from, to := w.Widened()
	if !from.Equal(d.Add(-12*time.Hour)) || !to.Equal(d.Add(36*time.Hour)) {
		t.Errorf("Widened = %v, %v", from, to)
	}
	r := validReport()
	r.Claims = append(r.Claims, Claim{When: w})
	f, e := r.Span()
	if !f.Equal(d) || !e.Equal(time.Date(2025, 2, 10, 14, 0, 0, 0, time.UTC)) {
		t.Errorf("Span = %v, %v", f, e)
	}
	if (Count{Min: 24, Max: 35, Unit: "vehicles"}).String() != "24–35 vehicles" || (Count{Min: 30, Max: 30}).String() != "30" {
		t.Error("Count.String")
	}
}
