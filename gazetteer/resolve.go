package gazetteer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sitrep-osint/sitrep/gazetteer/internal/norm"
)

// Confidence grades a resolution.
type Confidence string

// Confidence levels, from the method that resolved the destination.
const (
	// ConfidenceNone: the destination was not resolved.
	ConfidenceNone Confidence = ""
	// ConfidenceHigh: an exact LOCODE, or the unique port with that name.
	ConfidenceHigh Confidence = "high"
	// ConfidenceMedium: an alternate name, a country hint, or a qualifier
	// such as ANCH had to be used, or the name is that of a port only
	// UN/LOCODE lists (not charted in the World Port Index).
	ConfidenceMedium Confidence = "medium"
	// ConfidenceLow: several ports have the name and the larger harbour was
	// preferred (see the package documentation for when).
	ConfidenceLow Confidence = "low"
)

// Methods of resolution. Method is one of MethodLOCODE, MethodName or
// MethodAlias, followed by any of the suffixes "+country", "+qualifier" and
// "+size" in that order ("alias+country+qualifier").
const (
	MethodLOCODE = "locode" // "RULED", "RU LED", "RU-LED"
	MethodName   = "name"   // the port's own name
	MethodAlias  = "alias"  // one of its alternate names
)

// Reasons a destination is not resolved. Non-port destinations have the
// reason "not a port (<canonical text>)", e.g. "not a port (FOR ORDERS)",
// countries "not a port (country <text>)", and ambiguous names
// "ambiguous: <n> candidates".
const (
	ReasonEmpty   = "empty"
	ReasonUnknown = "unknown"
)

// Resolution is the outcome of resolving a free-text destination.
type Resolution struct {
	// Raw is the destination as given.
	Raw string
	// Text is the part that was looked up, in canonical form: the final leg
	// of a route, without a country hint or qualifiers ("SAINT PETERSBURG"
	// for "RUKGD>ST.PETERSBURG ANCH").
	Text string
	// Port is the resolved port, nil when unresolved. It points into the
	// Gazetteer and must not be modified.
	Port *Port
	// Method says how Port was found (see MethodLOCODE); empty when
	// unresolved.
	Method string
	// Confidence grades Method; ConfidenceNone when unresolved.
	Confidence Confidence
	// Country is the set of ISO codes given by a country hint in the text
	// ("JAPAN" in "CHIBA JAPAN"), nil when there is none.
	Country []string
	// Reason says why the destination is unresolved: ReasonEmpty,
	// ReasonUnknown, "not a port (...)" or "ambiguous: N candidates"; empty
	// when resolved.
	Reason string
	// Candidates are the ports an ambiguous destination may mean.
	Candidates []*Port
}

// Resolved reports whether r names a port.
func (r Resolution) Resolved() bool { return r.Port != nil }

// Resolve maps an AIS destination to a port, by the rules in the package
// documentation. It never guesses: a destination that names no port, or more
// than one without a documented way to choose, is returned unresolved with a
// Reason. It does not fail and is safe for concurrent use.
func (g *Gazetteer) Resolve(dest string) Resolution {
	res := Resolution{Raw: dest}
	trimmed := strings.TrimSpace(dest)
	if trimmed == "" {
		res.Reason = ReasonEmpty
		return res
	}
	if strings.Trim(trimmed, "@") == "" {
		res.Reason = "not a port (@@@)"
		return res
	}
	if strings.ContainsFunc(trimmed, isRouteSep) {
		if np, ok := nonPort(norm.Key(trimmed)); ok { // "N/A" is no route
			res.Text = np
			res.Reason = "not a port (" + np + ")"
			return res
		}
	}
	final, hint := g.finalLeg(trimmed)
	raw := norm.RawTokens(final)
	if len(raw) == 0 {
		res.Reason = ReasonUnknown
		return res
	}
	var buf [16]string
	toks := buf[:0]
	for _, t := range raw {
		toks = append(toks, norm.Expand(t))
	}
	res.Text = strings.Join(toks, " ")
	res.Country = hint
	if np, ok := nonPort(res.Text); ok {
		res.Reason = "not a port (" + np + ")"
		return res
	}
	if len(raw) > 1 && raw[0] == "TO" { // "TO FUJAIRAH"
		raw, toks = raw[1:], toks[1:]
		res.Text = res.Text[len("TO "):]
	}

	// A LOCODE, possibly followed by qualifiers ("AU NTL OFF").
	var code *Port
	if c := locodeOf(stripQualifiers(raw)); c != "" {
		code = g.byLOCODE(c)
	}
	if code != nil {
		// A code that is also a name of another port is ambiguous.
		cands := g.lookup(res.Text, nil)
		for _, c := range cands {
			if &g.ports[c.port] != code {
				res.Candidates = []*Port{code}
				for _, c := range cands {
					if p := &g.ports[c.port]; p != code {
						res.Candidates = append(res.Candidates, p)
					}
				}
				res.Reason = fmt.Sprintf("ambiguous: %d candidates", len(res.Candidates))
				return res
			}
		}
		res.Port, res.Method, res.Confidence = code, MethodLOCODE, ConfidenceHigh
		return res
	}

	// A lone qualifier word: "HARBOUR" names no port, "ANCHORAGE" may be
	// Anchorage, Alaska or any anchorage.
	if len(toks) == 1 && isQualifier(toks[0]) {
		if cands := g.lookup(res.Text, hint); len(cands) > 0 {
			res.Reason = "ambiguous: qualifier word or port name"
			for _, c := range cands {
				res.Candidates = append(res.Candidates, &g.ports[c.port])
			}
		} else {
			res.Reason = "not a port (" + toks[0] + ")"
		}
		return res
	}

	// Names: as written, then without trailing qualifiers.
	for _, qual := range []bool{false, true} {
		t := toks
		if qual {
			t = stripQualifiers(toks)
			if len(t) == len(toks) {
				break
			}
		}
		key := res.Text[:keyLen(t)] // t is a prefix of toks
		if g.resolveName(&res, key, hint, qual) {
			return res
		}
	}
	if res.Reason == "" {
		if _, ok := g.countries[res.Text]; ok {
			res.Reason = "not a port (country " + res.Text + ")"
		} else {
			res.Reason = ReasonUnknown
		}
	}
	return res
}

// resolveName tries key (canonical words) as a name, then with country
// hints split off its end (up to two: "HOUSTON TEXAS USA") or start. Every
// variant is a substring of key, so trying them allocates little. It
// reports whether it settled the resolution (resolved, or ambiguous).
func (g *Gazetteer) resolveName(res *Resolution, key string, hint []string, qual bool) bool {
	if hint != nil {
		return g.tryName(res, key, hint, qual)
	}
	// A text that names a country ("CHINA", "SINGAPORE") is a port only in
	// that country: China, Japan is not meant.
	if g.tryName(res, key, g.countries[key], qual) {
		return true
	}
	if g.tryTrailingHint(res, key, nil, qual, 2) {
		return true
	}
	var buf [24]int
	spaces := spacesOf(key, buf[:0])
	for k := min(g.maxCountryWords, len(spaces)); k >= 1; k-- {
		at := spaces[k-1] // k words of country, then name
		if ccs, ok := g.countries[key[:at]]; ok && g.tryName(res, key[at+1:], ccs, qual) {
			return true
		}
	}
	return false
}

// tryTrailingHint tries key without its last words when they name a
// country, in full or cut short ("AUSTRALI", "NEW CALEDONI"), restricted to
// those countries (and to within, when not nil); then, depth permitting,
// with a further hint before that one.
func (g *Gazetteer) tryTrailingHint(res *Resolution, key string, within []string, qual bool, depth int) bool {
	var buf [24]int
	spaces := spacesOf(key, buf[:0])
	n := len(spaces)
	for k := min(g.maxCountryWords, n); k >= 1; k-- {
		at := spaces[n-k] // name, then k words of country
		ccs, ok := g.countries[key[at+1:]]
		if !ok {
			ccs = g.truncatedCountry(key[at+1:])
		}
		if ccs == nil {
			continue
		}
		if within != nil {
			if ccs = intersect(within, ccs); len(ccs) == 0 {
				continue
			}
		}
		if g.tryName(res, key[:at], ccs, qual) {
			return true
		}
		if depth > 1 && g.tryTrailingHint(res, key[:at], ccs, qual, depth-1) {
			return true
		}
	}
	return false
}

// spacesOf appends the offsets of the spaces in key to buf.
func spacesOf(key string, buf []int) []int {
	for i := 0; i < len(key); i++ {
		if key[i] == ' ' {
			buf = append(buf, i)
		}
	}
	return buf
}

// intersect returns the codes in both a and b, in a new slice.
func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// tryName resolves key (canonical words) as a name among the ports of the
// countries ccs (any country when nil). It reports whether that settled res:
// resolved, or ambiguous.
func (g *Gazetteer) tryName(res *Resolution, key string, ccs []string, qual bool) bool {
	cands := g.lookup(key, ccs)
	if len(cands) == 0 {
		return false
	}
	res.Text = key
	if ccs != nil {
		res.Country = ccs
	}
	ref, ok := g.choose(cands)
	if !ok {
		res.Reason = fmt.Sprintf("ambiguous: %d candidates", len(cands))
		for _, c := range cands {
			res.Candidates = append(res.Candidates, &g.ports[c.port])
		}
		return true
	}
	method, conf := MethodName, ConfidenceHigh
	if !ref.primary {
		method, conf = MethodAlias, ConfidenceMedium
	}
	if ccs != nil {
		method += "+country"
		conf = ConfidenceMedium
	}
	if qual {
		method += "+qualifier"
		conf = ConfidenceMedium
	}
	if len(cands) > 1 {
		method += "+size"
		conf = ConfidenceLow
	}
	p := &g.ports[ref.port]
	if p.Source == "unlocode" && conf == ConfidenceHigh {
		// A name only UN/LOCODE has ("MORESBY": Guinea, not Port Moresby)
		// is weaker evidence than a charted port's.
		conf = ConfidenceMedium
	}
	res.Port, res.Method, res.Confidence = p, method, conf
	return true
}

// lookup returns the ports named key (canonical words): exactly, else
// with the spaces removed ("PORTHEDLAND" is "PORT HEDLAND", "NEW CASTLE" is
// "NEWCASTLE"); restricted to the countries ccs when ccs is not nil. Each
// says whether it matched the port's own name or an alternate. The result
// may be the index's own slice: it must not be modified.
func (g *Gazetteer) lookup(key string, ccs []string) []nameRef {
	if key == "" {
		return nil
	}
	out := g.filter(g.byName[key], ccs)
	if len(out) > 0 {
		return out
	}
	if !strings.Contains(key, " ") {
		return g.filter(g.byCompact[key], ccs)
	}
	c := strings.ReplaceAll(key, " ", "")
	out = slices.Clone(g.filter(g.byName[c], ccs)) // addRef must not write to the index
	for _, r := range g.filter(g.byCompact[c], ccs) {
		out = addRef(out, r)
	}
	return out
}

// filter returns the refs of ports in the countries ccs (all when ccs is
// nil).
func (g *Gazetteer) filter(refs []nameRef, ccs []string) []nameRef {
	if ccs == nil {
		return refs
	}
	var out []nameRef
	for _, r := range refs {
		if contains(ccs, g.ports[r.port].Country) {
			out = append(out, r)
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// choose returns the one candidate, or among several the dominant harbour:
// a Medium or Large WPI harbour at least two size classes above every other
// candidate (Large over Small, Very Small or UN/LOCODE-only; Medium over Very
// Small or UN/LOCODE-only). Otherwise it returns nil.
func (g *Gazetteer) choose(cands []nameRef) (nameRef, bool) {
	if len(cands) == 1 {
		return cands[0], true
	}
	best, bestRank, second := -1, -1, -1
	for i, c := range cands {
		r := sizeRank(g.ports[c.port].Size)
		switch {
		case r > bestRank:
			second = bestRank
			best, bestRank = i, r
		case r > second:
			second = r
		}
	}
	if bestRank >= 3 && bestRank-second >= 2 {
		return cands[best], true
	}
	return nameRef{}, false
}

// keyLen returns the length of toks joined by single spaces.
func keyLen(toks []string) int {
	n := len(toks) - 1
	for _, t := range toks {
		n += len(t)
	}
	return max(n, 0)
}
