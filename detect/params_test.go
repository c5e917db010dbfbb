package detect

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

func TestDefaultParamsValid(t *testing.T) {
	p := DefaultParams()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, n := range ParamNames() {
		v, ok := p.Get(n)
		if !ok {
			t.Errorf("Get(%q): not found", n)
		}
		if err := p.Set(n, v); err != nil {
			t.Errorf("Set(%q, default %v): %v", n, v, err)
		}
	}
	if p.GapFlagH != 6 || p.GapSuspiciousH != 12 || p.EncounterDistanceM != 500 || p.EncounterMinH != 2 ||
		p.EncounterMaxSOGKn != 2 || p.LoiterMaxSOGKn != 2 || p.LoiterMinH != 4 || p.ConfirmFixes != 2 {
		t.Errorf("defaults differ from issue 4: %+v", p)
	}
}

func TestParamErrors(t *testing.T) {
	tests := []struct {
		name string
		v    float64
		want string
	}{
		{"no_such_param", 1, `unknown detection parameter "no_such_param"`},
		{"hysteresis_m", -5, "hysteresis_m: -5 is negative"},
		{"transit_min_frac", 2, "transit_min_frac: 2 is outside"},
		{"confirm_fixes", 0, "confirm_fixes: 0 is outside"},
	}
	for _, tc := range tests {
		p := DefaultParams()
		before := p
		err := p.Set(tc.name, tc.v)
		if err == nil || !strings.Contains(err.Error(), tc.want) || sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("Set(%q, %v) = %v, want EINVALID containing %q", tc.name, tc.v, err, tc.want)
		}
		if p != before {
			t.Errorf("Set(%q) changed params on error", tc.name)
		}
	}
}

func TestParamsWithSiteOverrides(t *testing.T) {
	p, err := DefaultParams().With(map[string]float64{"min_dwell_min": 120, "encounter_exclude": 1})
	if err != nil {
		t.Fatal(err)
	}
	if p.MinDwellMin != 120 || p.EncounterExclude != 1 || p.GapFlagH != 6 {
		t.Errorf("With: %+v", p)
	}
	s := sitrep.Site{ID: "tartus", Params: map[string]float64{"min_dwel_min": 5}}
	if err := ValidateSite(&s); err == nil || !strings.Contains(err.Error(), "tartus") || !strings.Contains(err.Error(), "min_dwel_min") {
		t.Errorf("ValidateSite = %v, want an error naming the site and the parameter", err)
	}
	if _, err := DefaultParams().With(map[string]float64{"gap_suspicious_h": 3}); err == nil {
		t.Error("gap_suspicious_h below gap_flag_h accepted")
	}
}

func TestSiteOverrideUsedAndRecorded(t *testing.T) {
	port := circleSite("slow-port", sitrep.SitePort, 35.0, 35.9, 2000)
	port.Params = map[string]float64{"min_dwell_min": 240}
	d, r := newDetector(t, newScanIndex(port), nil)
	// Stay 3 h inside: under the site's 4 h minimum dwell, over the global 30 min.
	in := leg(1, t0, 35.0, 35.9, 0, 0, 5*time.Minute, 37)
	out := leg(1, t0.Add(3*time.Hour+5*time.Minute), 35.1, 35.9, 0, 10, 5*time.Minute, 3)
	feed(d, append(in, out...))
	if n := len(r.kind(sitrep.EventVisit)); n != 0 {
		t.Errorf("%d visits, want 0 under the site's min_dwell_min", n)
	}
	arr := r.kind(sitrep.EventArrival)
	if len(arr) != 1 || arr[0].Rule.Params["confirm_fixes"] != 2 {
		t.Fatalf("arrivals %+v", arr)
	}
	bad := circleSite("bad", sitrep.SitePort, 35.0, 35.9, 2000)
	bad.Params = map[string]float64{"bogus": 1}
	d, _ = newDetector(t, newScanIndex(bad), nil)
	feed(d, in[:3])
	if err := d.Err(); err == nil || !strings.Contains(err.Error(), "bogus") {
		t.Errorf("Err() = %v, want the bad override named", err)
	}
}
