package reports

import (
	"context"
	"strconv"

	"github.com/sitrep-osint/sitrep"
)

// ReportReader is the read side of sitrep.ReportStore that fusion needs.
type ReportReader interface {
	Source(ctx context.Context, id string) (sitrep.Source, error)
	Sources(ctx context.Context) ([]sitrep.Source, error)
	Report(ctx context.Context, id string) (sitrep.Report, error)
	Reports(ctx context.Context, f sitrep.ReportFilter) ([]sitrep.Report, error)
	Entity(ctx context.Context, id string) (sitrep.Entity, error)
}

// Events finds AIS events (sitrep.EventStore has this method).
type Events interface {
	Events(ctx context.Context, f sitrep.EventFilter) ([]sitrep.Event, error)
}

// Positions finds AIS positions by area (sitrep.PositionStore has this
// method).
type Positions interface {
	PositionsIn(ctx context.Context, a sitrep.Area, r sitrep.TimeRange, limit int) ([]sitrep.Position, error)
}

// Vessels finds vessels by IMO (sitrep.VesselStore has this method), so
// that claims naming a vessel by IMO can be matched to AIS by MMSI.
type Vessels interface {
	Vessels(ctx context.Context, text string, limit int) ([]sitrep.Vessel, error)
}

// Fusion puts reports beside AIS. Reports is required; each other field
// may be nil, and then that kind of evidence is not searched (the results
// say so in their notes).
type Fusion struct {
	Reports   ReportReader
	Events    Events
	Positions Positions
	Vessels   Vessels
	Sites     Sites
	// MaxPositions caps the AIS positions read for one claim (<= 0:
	// DefaultMaxPositions).
	MaxPositions int
}

// DefaultMaxPositions is the cap on AIS positions read for one claim.
const DefaultMaxPositions = 50_000

// AISOrigin is the origin key of AIS items: all AIS counts as one
// independent origin, whichever feed carried it.
const AISOrigin = "ais"

// sources returns the sources by ID.
func (f *Fusion) sources(ctx context.Context) (map[string]sitrep.Source, error) {
	srcs, err := f.Reports.Sources(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]sitrep.Source, len(srcs))
	for _, s := range srcs {
		m[s.ID] = s
	}
	return m, nil
}

// mmsis resolves the vessels a claim names to MMSIs: those given, and
// those of stored vessels with a named IMO. It returns the refs it could
// not resolve.
func (f *Fusion) mmsis(ctx context.Context, vs []sitrep.VesselRef) (map[sitrep.MMSI]bool, []sitrep.VesselRef, error) {
	out := map[sitrep.MMSI]bool{}
	var missing []sitrep.VesselRef
	for _, v := range vs {
		if v.MMSI != 0 {
			out[v.MMSI] = true
			continue
		}
		found := false
		if f.Vessels != nil {
			imo := strconv.FormatUint(uint64(v.IMO), 10)
			cands, err := f.Vessels.Vessels(ctx, imo, 50)
			if err != nil {
				return nil, nil, err
			}
			for _, c := range cands {
				if c.IMO == v.IMO {
					out[c.MMSI] = true
					found = true
				}
			}
		}
		if !found {
			missing = append(missing, v)
		}
	}
	return out, missing, nil
}

// sharesSubject reports whether two claims name a common vessel (by MMSI
// or IMO) or entity.
func sharesSubject(a, b sitrep.Claim) bool {
	for _, x := range a.Vessels {
		for _, y := range b.Vessels {
			if (x.MMSI != 0 && x.MMSI == y.MMSI) || (x.IMO != 0 && x.IMO == y.IMO) {
				return true
			}
		}
	}
	for _, x := range a.Entities {
		for _, y := range b.Entities {
			if x == y {
				return true
			}
		}
	}
	return false
}

// hasSubject reports whether a claim names any vessel or entity.
func hasSubject(c sitrep.Claim) bool { return len(c.Vessels)+len(c.Entities) > 0 }
