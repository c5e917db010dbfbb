package main

import (
	"context"

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
// catalogue's, as detection sees them (reports.Sites).
type siteLookup struct{ store sitrep.SiteStore }

// Site returns the site with id; ENOTFOUND when neither has it.
func (l siteLookup) Site(ctx context.Context, id string) (sitrep.Site, error) {
	s, err := l.store.Site(ctx, id)
	if sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		return s, err
	}
	cat, cerr := sites.Catalogue()
	if cerr != nil {
		return sitrep.Site{}, cerr
	}
	for i := range cat {
		if cat[i].ID == id {
			return cat[i], nil
		}
	}
	return sitrep.Site{}, err
}
