package sites

import (
	"strings"

	"github.com/sitrep-osint/sitrep"
)

// ForDetection returns the sites of all that detection should watch, so
// that one place gives one event: the catalogue describes some places
// twice, for different uses.
//
//   - A World Port Index port ("wpi-…") whose UN/LOCODE a curated site
//     also has (Tartus port, Latakia, Baltiysk, …) is left out: the curated
//     one, drawn from the place itself, stands for it.
//   - A passage's gate line ("strait-gibraltar-gate") is left out when its
//     band polygon ("strait-gibraltar") is present: the band gives entry
//     and exit times, the line only a crossing. Lines without a band, such
//     as gates an analyst draws, stay.
//
// Sites an analyst stored (Effective overlays them) are kept as they are,
// since their IDs are theirs. The result shares nothing with all.
func ForDetection(all []sitrep.Site) []sitrep.Site {
	curated := map[string]bool{}
	ids := map[string]bool{}
	for i := range all {
		ids[all[i].ID] = true
		if all[i].LOCODE != "" && !strings.HasPrefix(all[i].ID, "wpi-") {
			curated[all[i].LOCODE] = true
		}
	}
	out := make([]sitrep.Site, 0, len(all))
	for i := range all {
		s := &all[i]
		if strings.HasPrefix(s.ID, "wpi-") && s.LOCODE != "" && curated[s.LOCODE] {
			continue
		}
		if s.Shape.Kind == sitrep.ShapeLine && strings.HasSuffix(s.ID, "-gate") && ids[strings.TrimSuffix(s.ID, "-gate")] {
			continue
		}
		out = append(out, Clone(*s))
	}
	return out
}
