package gazetteer

import (
	"strings"

	"github.com/sitrep-osint/sitrep/gazetteer/internal/norm"
)

// finalLeg returns the destination leg of a route ("RUKGD>RULED" ->
// "RULED"; legs are separated by '>', '<', '=', '/', '\\' or '|'), and the
// country codes of a last leg that only names a country, in which case the
// leg before it is returned ("BALONGAN/INDONESIA").
func (g *Gazetteer) finalLeg(s string) (string, []string) {
	// "P/S" (pilot station) is a qualifier, not a route.
	if strings.ContainsAny(s, "/\\") {
		s = strings.NewReplacer("P/S", "PS", "P\\S", "PS", "p/s", "PS").Replace(s)
	}
	if !strings.ContainsFunc(s, isRouteSep) {
		return s, nil
	}
	legs := strings.FieldsFunc(s, isRouteSep)
	n := len(legs)
	for n > 0 && norm.Key(legs[n-1]) == "" {
		n--
	}
	if n == 0 {
		return "", nil
	}
	last := legs[n-1]
	if n >= 2 {
		if ccs, ok := g.countries[norm.Key(last)]; ok {
			if prev := legs[n-2]; norm.Key(prev) != "" {
				if _, isCountry := g.countries[norm.Key(prev)]; !isCountry {
					return prev, ccs
				}
			}
		}
	}
	return last, nil
}

// isRouteSep reports whether r separates the legs of a route.
func isRouteSep(r rune) bool {
	switch r {
	case '>', '<', '=', '/', '\\', '|':
		return true
	}
	return false
}
