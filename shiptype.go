package sitrep

// ShipType is the AIS "type of ship and cargo type" code, ITU-R M.1371-5
// Annex 8 Table 53: 0 not available, 1..99 defined or reserved, 100..199
// reserved for regional use, 200..255 reserved for future use. It is what
// the ship declares, not what it is.
type ShipType uint8

// shipTypeFixed names the codes in 30..59, whose second digit does not
// follow the hazard-category pattern; read-only.
var shipTypeFixed = map[ShipType]string{
	30: "Fishing",
	31: "Towing",
	32: "Towing, length exceeds 200 m or breadth exceeds 25 m",
	33: "Dredging or underwater ops",
	34: "Diving ops",
	35: "Military ops",
	36: "Sailing",
	37: "Pleasure craft",
	38: "Reserved",
	39: "Reserved",
	50: "Pilot vessel",
	51: "Search and rescue vessel",
	52: "Tug",
	53: "Port tender",
	54: "Anti-pollution equipment",
	55: "Law enforcement",
	56: "Local vessel",
	57: "Local vessel",
	58: "Medical transport",
	59: "Noncombatant ship (RR Resolution No. 18)",
}

// shipTypeFamily names the first digit of codes 20..29, 40..49 and 60..99,
// whose second digit is the hazard suffix; read-only.
var shipTypeFamily = map[uint8]string{
	2: "Wing in ground (WIG)",
	4: "High speed craft (HSC)",
	6: "Passenger",
	7: "Cargo",
	8: "Tanker",
	9: "Other type",
}

// shipTypeSuffix is the Table 53 meaning of the second digit within a
// family, ", " and all; index 0 ("all ships of this type") has none;
// read-only.
var shipTypeSuffix = [10]string{
	"",
	", hazardous category A",
	", hazardous category B",
	", hazardous category C",
	", hazardous category D",
	", reserved",
	", reserved",
	", reserved",
	", reserved",
	", no additional information",
}

// String returns the Table 53 name of t: "Not available" for 0, e.g.
// "Fishing" (30), "Military ops" (35), "Tug" (52), "Passenger" (60),
// "Cargo, hazardous category A" (71), "Tanker" (80); "Reserved" for 1..19
// and 38..39, "Reserved for regional use" for 100..199 and "Reserved for
// future use" for 200..255.
func (t ShipType) String() string {
	switch {
	case t == 0:
		return "Not available"
	case t < 20:
		return "Reserved"
	case t >= 200:
		return "Reserved for future use"
	case t >= 100:
		return "Reserved for regional use"
	}
	if s, ok := shipTypeFixed[t]; ok {
		return s
	}
	return shipTypeFamily[uint8(t)/10] + shipTypeSuffix[t%10]
}

// Ship type categories returned by ShipType.Category.
const (
	CategoryCargo     = "cargo"
	CategoryTanker    = "tanker"
	CategoryPassenger = "passenger"
	CategoryFishing   = "fishing"
	CategoryMilitary  = "military"
	CategoryTug       = "tug"
	CategoryPleasure  = "pleasure"
	CategoryHighSpeed = "high-speed"
	CategoryWIG       = "wig"
	CategorySAR       = "sar"
	CategoryOther     = "other"
	CategoryUnknown   = "unknown"
)

// Category returns the coarse class of t used for map styling, one of the
// Category* constants:
//
//	20-29 wig, 30 fishing, 31-32 and 52 tug (towing), 35 military,
//	36-37 pleasure, 40-49 high-speed, 51 sar, 60-69 passenger,
//	70-79 cargo, 80-89 tanker,
//	33-34, 50, 53-59 and 90-99 other,
//	0, 1-19, 38-39 and 100-255 unknown (no information).
//
// Law enforcement (55) is "other", as Military explains.
func (t ShipType) Category() string {
	switch {
	case t >= 20 && t <= 29:
		return CategoryWIG
	case t == 30:
		return CategoryFishing
	case t == 31 || t == 32 || t == 52:
		return CategoryTug
	case t == 33 || t == 34:
		return CategoryOther
	case t == 35:
		return CategoryMilitary
	case t == 36 || t == 37:
		return CategoryPleasure
	case t >= 40 && t <= 49:
		return CategoryHighSpeed
	case t == 51:
		return CategorySAR
	case t >= 50 && t <= 59:
		return CategoryOther
	case t >= 60 && t <= 69:
		return CategoryPassenger
	case t >= 70 && t <= 79:
		return CategoryCargo
	case t >= 80 && t <= 89:
		return CategoryTanker
	case t >= 90 && t <= 99:
		return CategoryOther
	default:
		return CategoryUnknown
	}
}

// Military reports whether t declares military operations (35). It is false
// for law enforcement (55): coastguard, police and customs craft are
// civilian in many states, and an analyst who wants them asks
// LawEnforcement too. Warships often transmit no AIS or another type, so
// false proves nothing.
func (t ShipType) Military() bool { return t == 35 }

// LawEnforcement reports whether t declares law enforcement (55).
func (t ShipType) LawEnforcement() bool { return t == 55 }
