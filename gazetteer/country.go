package gazetteer

import (
	"slices"
	"strings"
)

// truncatedCountry returns the countries of the country alias that tail
// (one or more canonical words, the last at least five letters long) is a
// proper prefix of ("AUSTRALI", "NEW CALEDONI": the 20-character destination
// field cuts names off), when all such aliases name the same countries.
func (g *Gazetteer) truncatedCountry(tail string) []string {
	if len(tail)-strings.LastIndexByte(tail, ' ')-1 < 5 {
		return nil
	}
	if _, exact := g.countries[tail]; exact {
		return nil
	}
	var found []string
	i, _ := slices.BinarySearch(g.countryKeys, tail)
	for ; i < len(g.countryKeys) && strings.HasPrefix(g.countryKeys[i], tail); i++ {
		ccs := g.countries[g.countryKeys[i]]
		if found != nil && !slices.Equal(found, ccs) {
			return nil
		}
		found = ccs
	}
	return found
}
