package gazetteer

// locodeOf returns the LOCODE written as toks ("RULED", or "RU" "LED"), or
// "".
func locodeOf(toks []string) string {
	var c string
	switch len(toks) {
	case 1:
		c = toks[0]
	case 2:
		if len(toks[0]) != 2 {
			return ""
		}
		c = toks[0] + toks[1]
	default:
		return ""
	}
	if !isLOCODE(c) {
		return ""
	}
	return c
}

// isLOCODE reports whether s is two letters and three letters or digits,
// upper case.
func isLOCODE(s string) bool {
	if len(s) != 5 {
		return false
	}
	for i := range 5 {
		c := s[i]
		if !(c >= 'A' && c <= 'Z') && !(i >= 2 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
