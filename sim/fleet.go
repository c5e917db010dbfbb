package sim

import (
	"math/rand/v2"
	"strconv"
)

// kind is a simulated vessel's role; it decides ship type, size, speed and
// behaviour.
type kind uint8

const (
	kindCargo kind = iota
	kindTanker
	kindPassenger
	kindFishing
	kindTug
	kindPleasure
	kindSailing
	numKinds
)

// kindSpec holds what the simulation draws per kind.
type kindSpec struct {
	shipTypes    []uint8 // AIS ship and cargo type codes
	minLen       int     // metres
	maxLen       int
	minKn, maxKn float64 // cruising speed
	loiter       bool    // loiters in an area instead of sailing routes
}

// kindSpecs returns the per-kind parameters, indexed by kind.
func kindSpecs() [numKinds]kindSpec {
	return [numKinds]kindSpec{
		kindCargo:     {shipTypes: []uint8{70, 70, 70, 71, 79}, minLen: 90, maxLen: 366, minKn: 10, maxKn: 16},
		kindTanker:    {shipTypes: []uint8{80, 80, 81, 82, 89}, minLen: 100, maxLen: 330, minKn: 11, maxKn: 14},
		kindPassenger: {shipTypes: []uint8{60, 60, 69}, minLen: 80, maxLen: 300, minKn: 15, maxKn: 22},
		kindFishing:   {shipTypes: []uint8{30}, minLen: 12, maxLen: 70, minKn: 2.5, maxKn: 4.5, loiter: true},
		kindTug:       {shipTypes: []uint8{52, 52, 31}, minLen: 20, maxLen: 40, minKn: 4, maxKn: 9, loiter: true},
		kindPleasure:  {shipTypes: []uint8{37}, minLen: 7, maxLen: 30, minKn: 4, maxKn: 9, loiter: true},
		kindSailing:   {shipTypes: []uint8{36}, minLen: 7, maxLen: 25, minKn: 3.5, maxKn: 7, loiter: true},
	}
}

// pickKind draws a kind for a Class A or Class B vessel.
func pickKind(r *rand.Rand, classB bool) kind {
	x := r.IntN(100)
	if classB {
		switch {
		case x < 50:
			return kindPleasure
		case x < 75:
			return kindSailing
		}
		return kindFishing
	}
	switch {
	case x < 45:
		return kindCargo
	case x < 70:
		return kindTanker
	case x < 80:
		return kindPassenger
	case x < 92:
		return kindFishing
	}
	return kindTug
}

// flagMID is a flag: a maritime identification digit (MID) with a call-sign prefix
// used by that administration and a relative weight.
type flagMID struct {
	mid    uint32
	prefix string
	weight int
}

// merchantFlags is the MID mix of ocean-going ships: open registers
// first (Panama, Liberia, Marshall Islands, Malta, ...), then traditional
// flags. The weights are rough, for illustration.
func merchantFlags() []flagMID {
	return []flagMID{
		{351, "3E", 8}, {352, "3F", 6}, {353, "3E", 5}, {354, "H3", 4}, {355, "HO", 3}, {356, "HP", 3},
		{357, "3F", 3}, {370, "H9", 3}, {371, "3E", 3}, {372, "HO", 3}, {373, "3F", 3},
		{636, "A8", 18}, {538, "V7", 14},
		{215, "9H", 5}, {229, "9H", 4}, {248, "9H", 5}, {249, "9H", 5}, {256, "9H", 4},
		{308, "C6", 3}, {309, "C6", 3}, {311, "C6", 4},
		{240, "SV", 3}, {241, "SV", 3}, {209, "5B", 3}, {210, "5B", 3}, {212, "5B", 3},
		{563, "9V", 4}, {564, "9V", 3}, {566, "9V", 3}, {477, "VR", 5}, {413, "BO", 3}, {414, "BP", 2},
		{257, "LA", 3}, {219, "OU", 2}, {244, "PB", 2}, {211, "DA", 2}, {235, "2A", 2},
		{273, "UB", 3}, {271, "TC", 3}, {247, "IB", 2}, {224, "EA", 1}, {228, "FM", 1},
		{667, "9L", 1}, {613, "TJ", 1}, {511, "T8", 1}, {620, "D6", 1}, {674, "5I", 1}, {572, "T2", 1},
		{622, "SU", 1}, {468, "YK", 1},
	}
}

// localFlags is the MID mix of fishing boats, tugs and pleasure craft of
// the European and Mediterranean coasts simulated.
func localFlags() []flagMID {
	return []flagMID{
		{219, "OU", 2}, {211, "DA", 3}, {244, "PD", 3}, {232, "MA", 3}, {226, "FG", 3}, {224, "EA", 3},
		{247, "IB", 3}, {237, "SV", 2}, {271, "TC", 2}, {265, "SB", 2}, {230, "OH", 1}, {261, "SP", 1},
		{273, "UB", 1}, {257, "LA", 2}, {205, "OO", 1}, {263, "CS", 1}, {238, "9A", 1}, {209, "5B", 1},
	}
}

// pickFlag draws a flag by weight.
func pickFlag(r *rand.Rand, flags []flagMID) flagMID {
	total := 0
	for _, f := range flags {
		total += f.weight
	}
	x := r.IntN(total)
	for _, f := range flags {
		if x < f.weight {
			return f
		}
		x -= f.weight
	}
	return flags[len(flags)-1]
}

// mmsi returns an illustrative ship-station MMSI, MIDxxxxxx.
func mmsi(r *rand.Rand, f flagMID) uint32 {
	return f.mid*1_000_000 + uint32(r.IntN(1_000_000))
}

// callsign returns an illustrative call sign: the flag's prefix and random
// letters and digits, 4 to 7 characters in all.
func callsign(r *rand.Rand, f flagMID) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := []byte(f.prefix)
	n := 4 + r.IntN(3)
	for len(b) < n {
		b = append(b, chars[r.IntN(len(chars))])
	}
	return string(b)
}

// IMOCheckDigit returns the check digit of the first six digits of an IMO
// ship number: the last digit of 7d1+6d2+5d3+4d4+3d5+2d6.
func IMOCheckDigit(first6 uint32) uint32 {
	var sum uint32
	for w := uint32(2); w <= 7; w++ {
		sum += (first6 % 10) * w
		first6 /= 10
	}
	return sum % 10
}

// ValidIMO reports whether n is a seven-digit IMO number whose check digit
// is right.
func ValidIMO(n uint32) bool {
	return n >= 1_000_000 && n <= 9_999_999 && IMOCheckDigit(n/10) == n%10
}

// imo returns an illustrative IMO number with a valid check digit, mostly
// in the 9xxxxxx range of ships built since the 1980s.
func imo(r *rand.Rand) uint32 {
	lead := uint32(9)
	switch x := r.IntN(20); {
	case x == 0:
		lead = 7
	case x < 4:
		lead = 8
	}
	first6 := lead*100_000 + uint32(r.IntN(100_000))
	return first6*10 + IMOCheckDigit(first6)
}

// name returns an illustrative vessel name for the kind, at most 20
// characters.
func name(r *rand.Rand, k kind) string {
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	var n string
	switch k {
	case kindFishing:
		n = pick([]string{"ANNA", "MARIA", "HELGA", "SOFIA", "KARIN", "ELENI", "ROSA", "JOHANNA", "ZEEZWALUW", "AGIOS NIKOLAOS", "SAN GIUSEPPE", "NUEVO ROSARIO", "STELLA MARIS", "KAPITAN"}) +
			" " + strconv.Itoa(1+r.IntN(40))
	case kindTug:
		n = pick([]string{"HERCULES", "ATLAS", "TITAN", "SAMSON", "GOLIATH", "AJAX", "BISON", "WALRUS"}) + " " + strconv.Itoa(1+r.IntN(30))
	case kindPleasure, kindSailing:
		n = pick([]string{"BLUE MOON", "SEA BREEZE", "FREYA", "ODYSSEY", "LIBERTY", "SERENITY", "ALBATROS", "MISTRAL", "NAUSIKAA", "MEERKAT", "SOLVEIG", "PELICAN", "ARIEL", "WANDERER"})
		if r.IntN(3) == 0 {
			n += " " + pick([]string{"II", "III", "IV"})
		}
	default:
		n = pick([]string{"NORDIC", "AEGEAN", "BALTIC", "ATLANTIC", "OCEAN", "GOLDEN", "SILVER", "BLUE", "CAPE", "GLOBAL", "CORAL", "POLAR", "LEVANT", "IONIAN", "AMBER", "IRON", "GRAND", "NORTHERN", "EASTERN"}) +
			" " + pick([]string{"SPIRIT", "TRADER", "PIONEER", "HORIZON", "VOYAGER", "STAR", "WAVE", "GLORY", "FORTUNE", "HARMONY", "EXPRESS", "CARRIER", "BRIDGE", "DAWN", "PEARL", "FALCON", "MARINER", "NAVIGATOR", "PRIDE", "VENTURE", "QUEEN", "BREEZE"})
		if r.IntN(4) == 0 {
			n += " " + strconv.Itoa(1+r.IntN(9))
		}
	}
	if len(n) > 20 {
		n = n[:20]
	}
	return n
}

// spec returns the parameters of kind k.
func (k kind) spec() kindSpec { return kindSpecs()[k] }
