package sites

import (
	"context"
	"slices"
	"strings"

	"github.com/sitrep-osint/sitrep"
)

// Effective returns the sites detection should watch: the Catalogue
// overlaid by every site in store (a stored site replaces the catalogue
// site with the same ID; the others are added), sorted by ID.
//
// Errors: those of store.Sites (for example the context's error), or of
// Catalogue.
func Effective(ctx context.Context, store sitrep.SiteStore) ([]sitrep.Site, error) {
	cat, err := Catalogue()
	if err != nil {
		return nil, err
	}
	stored, err := store.Sites(ctx, sitrep.SiteFilter{})
	if err != nil {
		return nil, err
	}
	return Overlay(cat, stored), nil
}

// Overlay returns base with over laid on it: a site of over replaces the
// site of base with the same ID, the others are added; the result is
// sorted by ID. When base or over repeats an ID, the last one wins. The
// sites themselves are not copied.
func Overlay(base, over []sitrep.Site) []sitrep.Site {
	byID := make(map[string]int, len(base)+len(over))
	out := make([]sitrep.Site, 0, len(base)+len(over))
	for _, list := range [][]sitrep.Site{base, over} {
		for _, s := range list {
			if i, ok := byID[s.ID]; ok {
				out[i] = s
				continue
			}
			byID[s.ID] = len(out)
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b sitrep.Site) int { return strings.Compare(a.ID, b.ID) })
	return out
}
