// Package norm is the one canonical form of place names shared by the
// gazetteer and its table generator, so that the table and the text looked up
// in it are normalised by the same code.
package norm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Key returns the canonical form of a place name: upper case; every rune
// that is not a letter or digit becomes a space, except apostrophes, which
// are dropped ("L'POOL" -> "LPOOL"); runs of spaces collapse to one and the
// ends are trimmed; and the abbreviations ST -> SAINT, STE -> SAINTE,
// TG -> TANJUNG, PTO -> PUERTO, FT -> FORT, IS and ISL -> ISLAND are expanded
// as whole words. Key("St. Petersburg") == Key("SAINT-PETERSBURG") ==
// "SAINT PETERSBURG". The empty string is returned for text with no letter
// or digit.
func Key(s string) string {
	return strings.Join(Tokens(s), " ")
}

// Tokens returns the words of Key(s), in order.
func Tokens(s string) []string {
	toks := RawTokens(s)
	for i, t := range toks {
		toks[i] = Expand(t)
	}
	return toks
}

// RawTokens returns the words of s as Tokens does but without expanding
// abbreviations, for reading codes such as "ST TMS" or "TG LFW" in which a
// country code looks like an abbreviation.
func RawTokens(s string) []string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII fast path
			switch {
			case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
				b.WriteByte(c)
			case c >= 'a' && c <= 'z':
				b.WriteByte(c - 'a' + 'A')
			case c == '\'':
			default:
				b.WriteByte(' ')
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\u2019':
			// dropped like '
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToUpper(r))
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

// Expand maps an abbreviation (one upper-case word, as RawTokens returns) to
// its canonical word, and returns any other word unchanged.
func Expand(t string) string {
	switch t {
	case "ST":
		return "SAINT"
	case "STE":
		return "SAINTE"
	case "TG":
		return "TANJUNG"
	case "PTO":
		return "PUERTO"
	case "FT":
		return "FORT"
	case "IS", "ISL":
		return "ISLAND"
	}
	return t
}
