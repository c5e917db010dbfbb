package sitrep

import (
	"slices"
	"strings"
	"testing"
)

func TestShipType(t *testing.T) {
	tests := []struct {
		t        ShipType
		name     string
		category string
		military bool
	}{
		{0, "Not available", CategoryUnknown, false},
		{1, "Reserved", CategoryUnknown, false},
		{19, "Reserved", CategoryUnknown, false},
		{20, "Wing in ground (WIG)", CategoryWIG, false},
		{21, "Wing in ground (WIG), hazardous category A", CategoryWIG, false},
		{24, "Wing in ground (WIG), hazardous category D", CategoryWIG, false},
		{25, "Wing in ground (WIG), reserved", CategoryWIG, false},
		{29, "Wing in ground (WIG), no additional information", CategoryWIG, false},
		{30, "Fishing", CategoryFishing, false},
		{31, "Towing", CategoryTug, false},
		{32, "Towing, length exceeds 200 m or breadth exceeds 25 m", CategoryTug, false},
		{33, "Dredging or underwater ops", CategoryOther, false},
		{34, "Diving ops", CategoryOther, false},
		{35, "Military ops", CategoryMilitary, true},
		{36, "Sailing", CategoryPleasure, false},
		{37, "Pleasure craft", CategoryPleasure, false},
		{38, "Reserved", CategoryUnknown, false},
		{39, "Reserved", CategoryUnknown, false},
		{40, "High speed craft (HSC)", CategoryHighSpeed, false},
		{42, "High speed craft (HSC), hazardous category B", CategoryHighSpeed, false},
		{49, "High speed craft (HSC), no additional information", CategoryHighSpeed, false},
		{50, "Pilot vessel", CategoryOther, false},
		{51, "Search and rescue vessel", CategorySAR, false},
		{52, "Tug", CategoryTug, false},
		{53, "Port tender", CategoryOther, false},
		{54, "Anti-pollution equipment", CategoryOther, false},
		{55, "Law enforcement", CategoryOther, false},
		{56, "Local vessel", CategoryOther, false},
		{57, "Local vessel", CategoryOther, false},
		{58, "Medical transport", CategoryOther, false},
		{59, "Noncombatant ship (RR Resolution No. 18)", CategoryOther, false},
		{60, "Passenger", CategoryPassenger, false},
		{61, "Passenger, hazardous category A", CategoryPassenger, false},
		{64, "Passenger, hazardous category D", CategoryPassenger, false},
		{65, "Passenger, reserved", CategoryPassenger, false},
		{69, "Passenger, no additional information", CategoryPassenger, false},
		{70, "Cargo", CategoryCargo, false},
		{71, "Cargo, hazardous category A", CategoryCargo, false},
		{72, "Cargo, hazardous category B", CategoryCargo, false},
		{73, "Cargo, hazardous category C", CategoryCargo, false},
		{74, "Cargo, hazardous category D", CategoryCargo, false},
		{79, "Cargo, no additional information", CategoryCargo, false},
		{80, "Tanker", CategoryTanker, false},
		{84, "Tanker, hazardous category D", CategoryTanker, false},
		{89, "Tanker, no additional information", CategoryTanker, false},
		{90, "Other type", CategoryOther, false},
		{99, "Other type, no additional information", CategoryOther, false},
		{100, "Reserved for regional use", CategoryUnknown, false},
		{199, "Reserved for regional use", CategoryUnknown, false},
		{200, "Reserved for future use", CategoryUnknown, false},
		{255, "Reserved for future use", CategoryUnknown, false},
	}
	for _, tt := range tests {
		if got := tt.t.String(); got != tt.name {
			t.Errorf("ShipType(%d).String() = %q; want %q", tt.t, got, tt.name)
		}
		if got := tt.t.Category(); got != tt.category {
			t.Errorf("ShipType(%d).Category() = %q; want %q", tt.t, got, tt.category)
		}
		if got := tt.t.Military(); got != tt.military {
			t.Errorf("ShipType(%d).Military() = %v; want %v", tt.t, got, tt.military)
		}
		if got, want := tt.t.LawEnforcement(), tt.t == 55; got != want {
			t.Errorf("ShipType(%d).LawEnforcement() = %v; want %v", tt.t, got, want)
		}
	}
}

// TestShipTypeTotal checks every code has a well-formed name and a category
// from the documented set.
func TestShipTypeTotal(t *testing.T) {
	categories := []string{
		CategoryCargo, CategoryTanker, CategoryPassenger, CategoryFishing,
		CategoryMilitary, CategoryTug, CategoryPleasure, CategoryHighSpeed,
		CategoryWIG, CategorySAR, CategoryOther, CategoryUnknown,
	}
	used := map[string]bool{}
	for i := range 256 {
		st := ShipType(i)
		name := st.String()
		if name == "" || strings.HasPrefix(name, ",") || strings.HasSuffix(name, ",") || strings.TrimSpace(name) != name {
			t.Errorf("ShipType(%d).String() = %q: malformed", i, name)
		}
		c := st.Category()
		if !slices.Contains(categories, c) {
			t.Errorf("ShipType(%d).Category() = %q: not a documented category", i, c)
		}
		used[c] = true
	}
	for _, c := range categories {
		if !used[c] {
			t.Errorf("category %q is never returned", c)
		}
	}
}
