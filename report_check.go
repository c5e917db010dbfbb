package sitrep

import (
	"fmt"
	"math"
	"net/url"
	"strings"
)

// Limits on the size of a report, so that stores and renderers handle
// bounded input.
const (
	MaxClaims   = 100
	MaxEvidence = 100
	MaxText     = 20_000 // bytes, for each free-text field
)

// FieldError is one validation problem: the path of the field as the
// report file format names it ("claims[0].when.to", "source",
// "claims[0].where.site"; see docs/reports.md) and what is wrong with it.
type FieldError struct {
	Path string `json:"path"`
	Msg  string `json:"message"`
}

func (e FieldError) Error() string { return e.Path + ": " + e.Msg }

// Check returns every problem with r, in field order; nil when r is valid.
// It does not look up the source or entities (stores do).
func (r Report) Check() []FieldError {
	var errs []FieldError
	bad := func(path, format string, args ...any) {
		errs = append(errs, FieldError{path, fmt.Sprintf(format, args...)})
	}
	if !ValidSlug(r.ID) {
		bad("id", "%q is not a lower-case slug (letters, digits, '-', '_', '.'; at most 64)", r.ID)
	}
	if r.Version < 0 {
		bad("version", "negative")
	}
	if strings.TrimSpace(r.Title) == "" {
		bad("title", "empty")
	}
	if !ValidSlug(r.SourceID) {
		bad("source", "%q is not a source id", r.SourceID)
	}
	if r.Reliability != "" && !r.Reliability.Valid() {
		bad("reliability", "%q is not A to F", r.Reliability)
	}
	if !r.Credibility.Valid() {
		bad("credibility", "%d is not 1 to 6", r.Credibility)
	}
	for _, f := range []struct{ path, s string }{{"title", r.Title}, {"notes", r.Notes}} {
		if len(f.s) > MaxText {
			bad(f.path, "longer than %d bytes", MaxText)
		}
	}
	switch {
	case len(r.Claims) == 0:
		bad("claims", "a report needs at least one claim")
	case len(r.Claims) > MaxClaims:
		bad("claims", "more than %d claims", MaxClaims)
	}
	for i, c := range r.Claims {
		if i < MaxClaims {
			c.check(fmt.Sprintf("claims[%d]", i), bad)
		}
	}
	if len(r.Evidence) > MaxEvidence {
		bad("evidence", "more than %d links", MaxEvidence)
	}
	for i, e := range r.Evidence {
		p := fmt.Sprintf("evidence[%d]", i)
		if !validURL(e.URL) {
			bad(p+".url", "%q is not an http(s) URL", e.URL)
		}
		if e.Archive != "" && !validURL(e.Archive) {
			bad(p+".archive", "%q is not an http(s) URL", e.Archive)
		}
		if e.SHA256 != "" && !isHex(e.SHA256, 64) {
			bad(p+".sha256", "not 64 hexadecimal digits")
		}
	}
	return errs
}

// Validate returns nil when r is valid, else an *Error with code EINVALID
// listing the problems Check finds.
func (r Report) Validate() error {
	errs := r.Check()
	if len(errs) == 0 {
		return nil
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	return Errorf(EINVALID, "report %s: %s", r.ID, strings.Join(msgs, "; "))
}

func (c Claim) check(p string, bad func(path, format string, args ...any)) {
	if !c.What.Valid() {
		bad(p+".what", "%q is not one of %v", c.What, ClaimKinds)
	}
	if strings.TrimSpace(c.Text) == "" {
		bad(p+".text", "empty")
	} else if len(c.Text) > MaxText {
		bad(p+".text", "longer than %d bytes", MaxText)
	}
	for i, v := range c.Vessels {
		vp := fmt.Sprintf("%s.vessels[%d]", p, i)
		if v.MMSI == 0 && v.IMO == 0 {
			bad(vp, "needs an mmsi or an imo")
		}
		if v.MMSI != 0 && !v.MMSI.Valid() {
			bad(vp+".mmsi", "%d is not a nine-digit MMSI", v.MMSI)
		}
		if v.IMO != 0 && !ValidIMO(v.IMO) {
			bad(vp+".imo", "%d is not a valid IMO number (seven digits with check digit)", v.IMO)
		}
	}
	for i, e := range c.Entities {
		if !ValidSlug(e) {
			bad(fmt.Sprintf("%s.entities[%d]", p, i), "%q is not an entity id", e)
		}
	}
	w := c.Where
	if !w.IsZero() || w.Precision != "" {
		if w.IsZero() {
			bad(p+".where", "needs a site, a point or an area")
		}
		if !w.Precision.Valid() {
			bad(p+".where.precision", "%q is not exact, near or region", w.Precision)
		}
		if w.SiteID != "" && !ValidSlug(w.SiteID) {
			bad(p+".where.site", "%q is not a site id", w.SiteID)
		}
		if w.Point != nil && !validLatLon(w.Point.Lat, w.Point.Lon) {
			bad(p+".where.point", "%v, %v is not a latitude and longitude", w.Point.Lat, w.Point.Lon)
		}
		if a := w.Area; a != nil && (!validLatLon(a.MinLat, a.MinLon) || !validLatLon(a.MaxLat, a.MaxLon) || a.MinLat > a.MaxLat) {
			bad(p+".where.area", "not a box (min_lat <= max_lat, latitudes -90..90, longitudes -180..180)")
		}
	}
	if c.When.From.IsZero() {
		bad(p+".when", "a claim needs a time")
	} else if !c.When.To.IsZero() && c.When.To.Before(c.When.From) {
		bad(p+".when.to", "before from")
	}
	if !c.When.Precision.Valid() {
		bad(p+".when.precision", "%q is not one of %v", c.When.Precision, TimePrecisions)
	}
	if n := c.Count; n != nil {
		if n.Min < 0 || n.Max < n.Min {
			bad(p+".count", "want 0 <= min <= max, have %d..%d", n.Min, n.Max)
		}
	}
	if c.What == ClaimAssessment {
		if !c.Likelihood.Valid() {
			bad(p+".likelihood", "an assessment needs an ICD 203 term, one of %v; have %q", Likelihoods, c.Likelihood)
		}
		if c.Confidence != "" && !c.Confidence.Valid() {
			bad(p+".confidence", "%q is not low, moderate or high (leave it out when the source states none)", c.Confidence)
		}
	} else {
		if c.Likelihood != "" {
			bad(p+".likelihood", "only an assessment has a likelihood")
		}
		if c.Confidence != "" {
			bad(p+".confidence", "only an assessment has a confidence")
		}
	}
}

func validLatLon(lat, lon float64) bool {
	return !math.IsNaN(lat) && !math.IsNaN(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
}

func validURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
