package gazetteer

// Port is one entry of the port table.
type Port struct {
	// LOCODE is the 5-character UN/LOCODE ("RULED"), or empty for a World
	// Port Index port that has none.
	LOCODE string
	// Name is the port's name: the World Port Index name where the port is
	// in the WPI ("Sankt-Peterburg"), else the UN/LOCODE name without
	// diacritics.
	Name string
	// Alternates are the other names the sources give: WPI alternate names,
	// the names of other WPI entries sharing the LOCODE, the UN/LOCODE name
	// and its "(ex ...)" former name.
	Alternates []string
	// Country is the ISO 3166-1 alpha-2 code ("RU"); empty when unknown.
	Country string
	// Lat and Lon are in decimal degrees (WGS 84); both are NaN when no
	// source gives a position. UN/LOCODE positions are only near the place.
	Lat, Lon float64
	// Size is the WPI harbour size ("Large", "Medium", "Small",
	// "Very Small"), or empty for a port that is only in UN/LOCODE.
	Size string
	// Source is "wpi", "unlocode" or "both".
	Source string
}

// sizeRank orders harbour sizes: 0 for none (UN/LOCODE only), 1 Very Small
// up to 4 Large.
func sizeRank(size string) int {
	switch size {
	case "Very Small":
		return 1
	case "Small":
		return 2
	case "Medium":
		return 3
	case "Large":
		return 4
	}
	return 0
}

// sizeName expands the table's one-letter size code.
func sizeName(code string) (string, bool) {
	switch code {
	case "":
		return "", true
	case "V":
		return "Very Small", true
	case "S":
		return "Small", true
	case "M":
		return "Medium", true
	case "L":
		return "Large", true
	}
	return "", false
}
