package reports

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/sitrep-osint/sitrep"
)

// The raw* types are the file format: what an analyst writes, before
// times are resolved in their zones and names are checked.

type rawSource struct {
	ID          string `yaml:"id"`
	Name        string `yaml:"name"`
	Kind        string `yaml:"kind"`
	URL         string `yaml:"url"`
	Reliability string `yaml:"reliability"`
	Origin      string `yaml:"origin"`
	Notes       string `yaml:"notes"`
	By          string `yaml:"by"`
	Why         string `yaml:"why"`
}

type rawEntity struct {
	ID          string `yaml:"id"`
	Name        string `yaml:"name"`
	Kind        string `yaml:"kind"`
	Affiliation string `yaml:"affiliation"`
	Notes       string `yaml:"notes"`
}

type rawReport struct {
	ID          string        `yaml:"id"`
	BaseVersion int           `yaml:"base_version"`
	Title       string        `yaml:"title"`
	Source      string        `yaml:"source"`
	Reliability string        `yaml:"reliability"`
	Credibility int           `yaml:"credibility"`
	Published   string        `yaml:"published"`
	Zone        string        `yaml:"zone"`
	Claims      []rawClaim    `yaml:"claims"`
	Evidence    []rawEvidence `yaml:"evidence"`
	Notes       string        `yaml:"notes"`
	Simulated   bool          `yaml:"simulated"`
	By          string        `yaml:"by"`
	Why         string        `yaml:"why"`
}

type rawClaim struct {
	What       string      `yaml:"what"`
	Text       string      `yaml:"text"`
	Vessels    []rawVessel `yaml:"vessels"`
	Entities   []string    `yaml:"entities"`
	Actors     []string    `yaml:"actors"`
	Where      *rawPlace   `yaml:"where"`
	When       *rawWhen    `yaml:"when"`
	Count      *rawCount   `yaml:"count"`
	Likelihood string      `yaml:"likelihood"`
	Confidence string      `yaml:"confidence"`
}

type rawVessel struct {
	MMSI uint32 `yaml:"mmsi"`
	IMO  uint32 `yaml:"imo"`
	Name string `yaml:"name"`
}

type rawPlace struct {
	Name      string         `yaml:"name"`
	Site      string         `yaml:"site"`
	Point     *sitrep.LatLon `yaml:"point"`
	Area      *rawArea       `yaml:"area"`
	Precision string         `yaml:"precision"`
}

type rawArea struct {
	MinLat float64 `yaml:"min_lat"`
	MinLon float64 `yaml:"min_lon"`
	MaxLat float64 `yaml:"max_lat"`
	MaxLon float64 `yaml:"max_lon"`
}

type rawWhen struct {
	At        string `yaml:"at"`
	From      string `yaml:"from"`
	To        string `yaml:"to"`
	Zone      string `yaml:"zone"`
	Precision string `yaml:"precision"`
	Text      string `yaml:"text"`
}

type rawCount struct {
	N    int    `yaml:"n"`
	Min  int    `yaml:"min"`
	Max  int    `yaml:"max"`
	Unit string `yaml:"unit"`
}

type rawEvidence struct {
	URL     string `yaml:"url"`
	Archive string `yaml:"archive"`
	SHA256  string `yaml:"sha256"`
	Note    string `yaml:"note"`
}

// toReport converts r, resolving times in their zones; it returns the
// problems it finds converting (Report.Check finds the rest).
func (r rawReport) toReport() (sitrep.Report, []sitrep.FieldError) {
	var fes []sitrep.FieldError
	bad := func(path, format string, args ...any) {
		fes = append(fes, sitrep.FieldError{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	rep := sitrep.Report{ID: r.ID, Title: r.Title, SourceID: r.Source,
		Reliability: sitrep.Reliability(strings.ToUpper(r.Reliability)), Credibility: sitrep.Credibility(r.Credibility),
		Notes: r.Notes, Simulated: r.Simulated}
	if r.Zone != "" {
		if _, err := parseZone(r.Zone); err != nil {
			bad("zone", "%v", err)
		}
	}
	if r.Published != "" {
		zone := r.Zone
		if len(strings.TrimSpace(r.Published)) == len(dateLayout) {
			zone = "UTC" // a publication date is a calendar date, not a local day
		}
		w, err := parseWhen(rawWhen{At: r.Published}, zone)
		if err != nil {
			bad("published", "%v", err)
		}
		rep.Published = w.From
	}
	for i, c := range r.Claims {
		p := fmt.Sprintf("claims[%d]", i)
		cl := sitrep.Claim{What: sitrep.ClaimKind(word(c.What)), Text: c.Text, Entities: c.Entities, Actors: c.Actors,
			Likelihood: sitrep.Likelihood(word(c.Likelihood)),
			Confidence: sitrep.Confidence(strings.ToLower(c.Confidence))}
		for _, v := range c.Vessels {
			cl.Vessels = append(cl.Vessels, sitrep.VesselRef{MMSI: sitrep.MMSI(v.MMSI), IMO: v.IMO, Name: v.Name})
		}
		if w := c.Where; w != nil {
			cl.Where = sitrep.Place{Name: w.Name, SiteID: w.Site, Point: w.Point, Precision: sitrep.PlacePrecision(word(w.Precision))}
			if cl.Where.Precision == "" {
				cl.Where.Precision = sitrep.PlaceExact
			}
			if a := w.Area; a != nil {
				cl.Where.Area = &sitrep.Area{MinLat: a.MinLat, MinLon: a.MinLon, MaxLat: a.MaxLat, MaxLon: a.MaxLon}
			}
		}
		if c.When == nil {
			bad(p+".when", "a claim needs a time (at, or from and to)")
		} else if w, err := parseWhen(*c.When, r.Zone); err != nil {
			bad(p+".when."+whenField(err), "%v", err)
		} else {
			cl.When = w
		}
		if n := c.Count; n != nil {
			switch {
			case n.N != 0 && (n.Min != 0 || n.Max != 0):
				bad(p+".count", "give n, or min and max, not both")
			case n.N != 0:
				cl.Count = &sitrep.Count{Min: n.N, Max: n.N, Unit: n.Unit}
			default:
				cl.Count = &sitrep.Count{Min: n.Min, Max: n.Max, Unit: n.Unit}
			}
		}
		rep.Claims = append(rep.Claims, cl)
	}
	for _, e := range r.Evidence {
		rep.Evidence = append(rep.Evidence, sitrep.Evidence{URL: e.URL, Archive: e.Archive, SHA256: strings.ToLower(e.SHA256), Note: e.Note})
	}
	return rep, fes
}

func validURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// word normalises a taxonomy word as analysts may type it: "Turned back"
// and "turned-back" are "turned_back".
func word(s string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
}
