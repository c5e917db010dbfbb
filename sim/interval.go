package sim

// Reporting intervals in milliseconds, after ITU-R M.1371-5 Annex 1,
// Table 1 (Class A) and Table 2 (Class B "SO", SOTDMA), and the static
// data interval of 6 minutes.
const (
	IntervalAnchored      = 180_000 // Class A at anchor or moored, not faster than 3 kn
	IntervalSlow          = 10_000  // Class A 0-14 kn
	IntervalSlowTurning   = 3_333   // Class A 0-14 kn and changing course (3 1/3 s)
	IntervalMedium        = 6_000   // Class A 14-23 kn
	IntervalMediumTurning = 2_000   // Class A 14-23 kn and changing course
	IntervalFast          = 2_000   // Class A above 23 kn, turning or not
	IntervalBStill        = 180_000 // Class B SO not faster than 2 kn
	IntervalBSlow         = 30_000  // Class B SO 2-14 kn
	IntervalBMedium       = 15_000  // Class B SO 14-23 kn
	IntervalBFast         = 5_000   // Class B SO above 23 kn
	IntervalStatic        = 360_000 // type 5, or 24 A and B
	IntervalLongRange     = 180_000 // type 27, for the vessels that send it
)

// ClassAInterval returns the reporting interval in milliseconds of a
// Class A position report with navigational status status, speed over
// ground sog (knots, as reported) and turning (changing course, reported
// as a non-zero rate of turn).
func ClassAInterval(status uint8, sog float64, turning bool) int64 {
	switch {
	case (status == statusAnchored || status == 5) && sog <= 3:
		return IntervalAnchored
	case sog > 23:
		return IntervalFast
	case sog > 14 && turning:
		return IntervalMediumTurning
	case sog > 14:
		return IntervalMedium
	case turning && status != statusAnchored && status != 5:
		return IntervalSlowTurning
	}
	return IntervalSlow
}

// ClassBInterval returns the reporting interval in milliseconds of a
// Class B SO position report (type 18) at speed over ground sog (knots, as
// reported).
func ClassBInterval(sog float64) int64 {
	switch {
	case sog <= 2:
		return IntervalBStill
	case sog <= 14:
		return IntervalBSlow
	case sog <= 23:
		return IntervalBMedium
	}
	return IntervalBFast
}
