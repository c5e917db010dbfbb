package main

import (
	"slices"
	"strings"

	"github.com/sitrep-osint/sitrep/gazetteer/internal/norm"
)

// handAliases are country names and abbreviations seen in AIS destinations
// that the WPI country names do not cover, and the sub-national codes
// (US states, Australian states, Canadian provinces) that ships append to
// a port name. A value may name several countries: "WA" is both Washington
// and Western Australia.
var handAliases = [][2]string{
	{"AUS", "AU"}, {"AUST", "AU"}, {"AUSTRALIA", "AU"},
	{"NEW ZEALAND", "NZ"}, {"NEWZEALAND", "NZ"}, {"N Z", "NZ"},
	{"JPN", "JP"}, {"JAP", "JP"}, {"JAPAN", "JP"},
	{"USA", "US"}, {"U S A", "US"}, {"U S", "US"}, {"UNITED STATES", "US"},
	{"UK", "GB"}, {"U K", "GB"}, {"UNITED KINGDOM", "GB"}, {"ENGLAND", "GB"}, {"SCOTLAND", "GB"},
	{"UAE", "AE"}, {"U A E", "AE"},
	{"PNG", "PG"}, {"PAPUA NEW GUINEA", "PG"},
	{"KOREA", "KR"}, {"S KOREA", "KR"}, {"SOUTHKOREA", "KR"}, {"SOUTH KOREA", "KR"}, {"KOR", "KR"},
	{"PRC", "CN"}, {"P R C", "CN"}, {"CHN", "CN"}, {"CHINA", "CN"},
	{"BRASIL", "BR"}, {"BRAZIL", "BR"}, {"BZL", "BR"},
	{"HOLLAND", "NL"}, {"NETHERLAND", "NL"}, {"NETHERLANDS", "NL"},
	{"SOLOMON", "SB"}, {"SOLOMON ISLAND", "SB"}, {"SOLOMON ISLANDS", "SB"},
	{"RSA", "ZA"}, {"S AFRICA", "ZA"}, {"SOUTH AFRICA", "ZA"},
	{"SAUDIARABIA", "SA"}, {"KSA", "SA"}, {"SRILANKA", "LK"}, {"POLEN", "PL"},
	{"NEWCALEDONIA", "NC"}, {"NEW CALEDONIA", "NC"},
	{"RUS", "RU"}, {"RUSSIA", "RU"}, {"RUSSIAN FEDERATION", "RU"},
	{"TURKIYE", "TR"}, {"VIET NAM", "VN"}, {"VIETNAM", "VN"},
	// US states and territories on the water
	{"AL", "US"}, {"AK", "US"}, {"CA", "US"}, {"CT", "US"}, {"DE", "US"}, {"FL", "US"},
	{"GA", "US"}, {"HI", "US"}, {"LA", "US"}, {"MA", "US"}, {"MD", "US"}, {"ME", "US"},
	{"MI", "US"}, {"MS", "US"}, {"NC", "US"}, {"NH", "US"}, {"NJ", "US"}, {"NY", "US"},
	{"OH", "US"}, {"OR", "US"}, {"PA", "US"}, {"RI", "US"}, {"SC", "US"}, {"TX", "US"},
	{"VA", "US"}, {"WA", "US"}, {"WI", "US"},
	{"TEXAS", "US"}, {"LOUISIANA", "US"}, {"FLORIDA", "US"}, {"ALASKA", "US"}, {"CALIFORNIA", "US"},
	{"OREGON", "US"}, {"MAINE", "US"}, {"ALABAMA", "US"},
	// Australian states
	{"WA", "AU"}, {"NSW", "AU"}, {"QLD", "AU"}, {"SA", "AU"}, {"TAS", "AU"}, {"VIC", "AU"}, {"NT", "AU"},
	// Canadian provinces
	{"BC", "CA"}, {"QC", "CA"}, {"NS", "CA"},
}

// countryAliases returns, sorted by alias, every canonical country alias and
// the ISO codes it names: each WPI country name, each ISO code in the table
// (which names itself) and handAliases.
func countryAliases(countries map[string]string, recs []*record) [][2]string {
	set := map[string][]string{}
	add := func(alias, cc string) {
		k := norm.Key(alias)
		if k == "" || cc == "" || slices.Contains(set[k], cc) {
			return
		}
		set[k] = append(set[k], cc)
	}
	for name, cc := range countries {
		add(name, cc)
	}
	for _, r := range recs {
		// A code that norm.Key rewrites (ST, IS, TG: SAINT, ISLAND, TANJUNG)
		// would turn a word of a port name into a country hint: left out.
		if norm.Key(r.cc) == r.cc {
			add(r.cc, r.cc)
		}
	}
	for _, a := range handAliases {
		add(a[0], a[1])
	}
	out := make([][2]string, 0, len(set))
	for k, v := range set {
		slices.Sort(v)
		out = append(out, [2]string{k, strings.Join(v, ",")})
	}
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return out
}
