package main

import (
	"context"
	"slices"
	"strings"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/detect"
	"github.com/sitrep-osint/sitrep/sites"
)

// detectionSites builds the index detection runs against: the bundled
// catalogue overlaid by the store's sites, without the catalogue's doubles
// (sites.ForDetection).
func detectionSites(ctx context.Context, store sitrep.SiteStore) (*sites.Index, error) {
	all, err := sites.Effective(ctx, store)
	if err != nil {
		return nil, err
	}
	return sites.NewIndex(sites.ForDetection(all))
}

// storeSites is the siteIndex of detectOptions for the sitrep binary.
func storeSites(ctx context.Context, store sitrep.Store) (detect.SiteIndex, error) {
	return detectionSites(ctx, store)
}

// siteLookup finds a site by ID among the store's sites, then the bundled
// catalogue's, as detection sees them (reports.Sites). The catalogue is
// copied once, on the first lookup the store cannot answer.
type siteLookup struct {
	store sitrep.SiteStore
	cat   *[]sitrep.Site // sorted by ID; nil until loaded
}

func newSiteLookup(store sitrep.SiteStore) siteLookup {
	return siteLookup{store: store, cat: new([]sitrep.Site)}
}

// Site returns the site with id; ENOTFOUND when neither has it.
func (l siteLookup) Site(ctx context.Context, id string) (sitrep.Site, error) {
	s, err := l.store.Site(ctx, id)
	if sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		return s, err
	}
	if *l.cat == nil {
		cat, cerr := sites.Catalogue()
		if cerr != nil {
			return sitrep.Site{}, cerr
		}
		*l.cat = cat
	}
	cat := *l.cat
	if i, ok := slices.BinarySearchFunc(cat, id, func(s sitrep.Site, id string) int { return strings.Compare(s.ID, id) }); ok {
		return sites.Clone(cat[i]), nil
	}
	return sitrep.Site{}, err
}
