package sitrep

import "fmt"

// MMSI is a Maritime Mobile Service Identity: the nine-digit number that
// identifies an AIS station (ship, coast station, aid to navigation, SAR
// aircraft, distress beacon...). Its digit pattern, per ITU-R M.585, tells
// the kind of station and, for most kinds, the Maritime Identification Digits
// (MID) of the administration that assigned it.
//
// The zero MMSI is "none". MMSI marshals to JSON as a plain number.
type MMSI uint32

// MaxMMSI is the largest valid MMSI.
const MaxMMSI MMSI = 999_999_999

// ParseMMSI parses one to nine ASCII decimal digits (no sign, no spaces) as
// an MMSI. It fails with an *Error of code EINVALID when s is not such a
// string or denotes 0.
func ParseMMSI(s string) (MMSI, error) {
	if s == "" || len(s) > 9 {
		return 0, Errorf(EINVALID, "MMSI %q: want 1 to 9 digits", s)
	}
	var v uint32
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, Errorf(EINVALID, "MMSI %q: non-digit at byte %d", s, i)
		}
		v = v*10 + uint32(c-'0')
	}
	if v == 0 {
		return 0, Errorf(EINVALID, "MMSI %q: zero is not an MMSI", s)
	}
	return MMSI(v), nil
}

// String returns m as nine decimal digits, zero-padded ("002320001"). An
// out-of-range m (above MaxMMSI) prints as its full decimal value.
func (m MMSI) String() string { return fmt.Sprintf("%09d", uint32(m)) }

// Valid reports whether m is in 1..MaxMMSI. It says nothing about whether
// the digit pattern is an allocated one; see Kind.
func (m MMSI) Valid() bool { return m >= 1 && m <= MaxMMSI }

// digits returns the nine decimal digits of a valid m, most significant
// first.
func (m MMSI) digits() [9]uint8 {
	var d [9]uint8
	v := uint32(m)
	for i := 8; i >= 0; i-- {
		d[i] = uint8(v % 10)
		v /= 10
	}
	return d
}

// midAt returns the three digits d[i:i+3] as a number when they can be a MID
// (first digit 2 to 7), else 0.
func midAt(d [9]uint8, i int) int {
	if d[i] < 2 || d[i] > 7 {
		return 0
	}
	return int(d[i])*100 + int(d[i+1])*10 + int(d[i+2])
}

// parse returns the kind of m and its MID (0 when the kind carries none).
func (m MMSI) parse() (MMSIKind, int) {
	if !m.Valid() {
		return MMSIUnknown, 0
	}
	d := m.digits()
	var kind MMSIKind
	var at int
	switch {
	case d[0] >= 2 && d[0] <= 7: // MIDxxxxxx
		kind, at = MMSIShip, 0
	case d[0] == 0 && d[1] == 0: // 00MIDxxxx
		kind, at = MMSICoastStation, 2
	case d[0] == 0: // 0MIDxxxxx
		kind, at = MMSIGroup, 1
	case d[0] == 1 && d[1] == 1 && d[2] == 1: // 111MIDxxx
		kind, at = MMSISARAircraft, 3
	case d[0] == 8: // 8MIDxxxxx
		kind, at = MMSIHandheld, 1
	case d[0] == 9 && d[1] == 8: // 98MIDxxxx
		kind, at = MMSIAuxiliary, 2
	case d[0] == 9 && d[1] == 9: // 99MIDxxxx
		kind, at = MMSIAtoN, 2
	case d[0] == 9 && d[1] == 7 && d[2] == 0: // 970xxyyyy
		return MMSISART, 0
	case d[0] == 9 && d[1] == 7 && d[2] == 2: // 972xxyyyy
		return MMSIMOB, 0
	case d[0] == 9 && d[1] == 7 && d[2] == 4: // 974xxyyyy
		return MMSIEPIRB, 0
	default:
		return MMSIUnknown, 0
	}
	mid := midAt(d, at)
	if mid == 0 {
		return MMSIUnknown, 0
	}
	return kind, mid
}

// Kind returns the kind of station that m's digit pattern denotes (ITU-R
// M.585). A pattern that needs a MID but whose MID digits cannot be one (do
// not start with 2 to 7), and every invalid m, is MMSIUnknown. Kind does not
// check that the MID is allocated; Flag does.
func (m MMSI) Kind() MMSIKind {
	k, _ := m.parse()
	return k
}

// MID returns the three Maritime Identification Digits embedded in m
// according to its kind: MIDxxxxxx ship, 0MIDxxxxx group, 00MIDxxxx coast
// station, 111MIDxxx SAR aircraft, 8MIDxxxxx handheld, 98MIDxxxx auxiliary
// craft, 99MIDxxxx aid to navigation. It returns 0 when m carries no MID:
// SART (970), MOB (972), EPIRB (974), unknown patterns and invalid m. The
// returned MID is in 200..799 but need not be allocated.
func (m MMSI) MID() int {
	_, mid := m.parse()
	return mid
}

// Flag returns the country that m's MID is allocated to, and false when m
// carries no MID or the MID is not allocated. For a ship this is the flag
// state it registered with, which is what it claims, not proof.
func (m MMSI) Flag() (Country, bool) {
	mid := m.MID()
	if mid == 0 {
		return Country{}, false
	}
	return CountryByMID(mid)
}

// MMSIKind is the kind of station an MMSI's digit pattern denotes.
type MMSIKind uint8

// MMSI kinds, per ITU-R M.585. The zero value is MMSIUnknown.
const (
	MMSIUnknown      MMSIKind = iota // no recognised pattern, or invalid
	MMSIShip                         // MIDxxxxxx: ship station
	MMSIGroup                        // 0MIDxxxxx: group of ship stations
	MMSICoastStation                 // 00MIDxxxx: coast station, incl. AIS base stations
	MMSISARAircraft                  // 111MIDxxx: SAR aircraft or helicopter
	MMSIHandheld                     // 8MIDxxxxx: handheld VHF with DSC and GNSS
	MMSIAuxiliary                    // 98MIDxxxx: craft associated with a parent ship
	MMSIAtoN                         // 99MIDxxxx: aid to navigation
	MMSISART                         // 970xxyyyy: AIS search and rescue transmitter
	MMSIMOB                          // 972xxyyyy: man overboard device
	MMSIEPIRB                        // 974xxyyyy: EPIRB with AIS locator
)

// mmsiKindNames holds MMSIKind.String values; read-only.
var mmsiKindNames = [...]string{
	MMSIUnknown:      "unknown",
	MMSIShip:         "ship",
	MMSIGroup:        "group",
	MMSICoastStation: "coast_station",
	MMSISARAircraft:  "sar_aircraft",
	MMSIHandheld:     "handheld",
	MMSIAuxiliary:    "auxiliary",
	MMSIAtoN:         "aton",
	MMSISART:         "sart",
	MMSIMOB:          "mob",
	MMSIEPIRB:        "epirb",
}

// String returns the snake_case name of k ("ship", "coast_station", ...);
// values outside the defined set return "unknown".
func (k MMSIKind) String() string {
	if int(k) < len(mmsiKindNames) {
		return mmsiKindNames[k]
	}
	return "unknown"
}
