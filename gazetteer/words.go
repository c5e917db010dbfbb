package gazetteer

import "strings"

// nonPort returns the canonical phrase when text (in canonical form) is a
// destination that names no port: orders, fishing, sea, trials, search and
// rescue, patrol, cruise, none, n/a, unknown and their common variants.
func nonPort(text string) (string, bool) {
	switch text {
	case "FOR ORDERS", "FOR ORDER", "ORDERS", "ORDER", "TO ORDER", "TO ORDERS",
		"WAITING FOR ORDERS", "WAITING FOR ORDER", "WAITING ORDERS", "WAITING ORDER",
		"AWAITING ORDERS", "FOR ORDRES", "OPL FOR ORDERS",
		"FISHING", "FISHING GROUND", "FISHING GROUNDS", "FISHING AREA", "ENGAGED IN FISHING",
		"ZONA DE PESCA", "TROLLING",
		"SEA", "AT SEA", "HIGH SEA", "HIGH SEAS", "OPEN SEA",
		"TRIALS", "TRIAL", "SEA TRIAL", "SEA TRIALS", "SEATRIAL", "SEATRIALS", "TEST",
		"SAR", "SEARCH AND RESCUE", "PATROL", "PATROUILLE", "CRUISE", "CRUISING",
		"NONE", "N A", "NA", "NIL", "UNKNOWN", "UNKNOW", "NO DESTINATION",
		"DRIFTING", "DRIFTING AREA", "DODGING", "MOORED", "ANCHORED", "AT ANCHOR",
		"SURVEY", "DREDGING", "DREDGING OPERATIONS", "MILITARY OPERATIONS", "ON DUTY",
		"HARBOUR DUTIES", "HARBOUR DUTY", "TOWING", "UNDER TOW", "WORKING", "STANDBY",
		"PILOTAGE", "HOME", "CH16", "CH 16",
		"EXERCISE", "KEEP CLEAR", "CYCLONE AVOIDANCE":
		return text, true
	}
	return "", false
}

// stripQualifiers returns toks without the trailing words that qualify a
// port rather than name it: ANCH, ANCHORAGE, HARBOUR, PORT, OPL, ROADS,
// PILOT, OFF and similar ("BUSAN ANCH" -> "BUSAN"). It never strips the
// first word.
func stripQualifiers(toks []string) []string {
	n := len(toks)
	for n > 1 {
		switch {
		case isQualifier(toks[n-1]):
			n--
		case n > 2 && toks[n-2] == "P" && toks[n-1] == "S": // "P/S", pilot station
			n -= 2
		default:
			return toks[:n]
		}
	}
	return toks[:n]
}

func isQualifier(t string) bool {
	switch t {
	case "ANCH", "ANC", "ANCHOR", "ANCHORAGE", "ANCHORAGES", "ANCHORE", "HARBOUR", "HARBOR",
		"HBR", "HRBR", "PORT", "OPL", "ROADS", "ROAD", "RDS", "ROADSTEAD", "PILOT", "PLT",
		"STATION", "STN", "OFF", "OFFSHORE", "AREA", "OUTER", "INNER", "FAIRWAY", "BERTH",
		"TERMINAL", "LIMIT", "LIMITS", "PS", "BOARDING":
		return true
	}
	return strings.HasPrefix(t, "ANCHORA") // truncated ANCHORAGE
}
