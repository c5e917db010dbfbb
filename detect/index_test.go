package detect

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// gridIndex is a SiteIndex over geo.ShapeIndex (a uniform grid over the
// shapes' boxes) for areas and a scan for the few line gates: what
// *sites.Index does, for benchmarks with thousands of sites.
type gridIndex struct {
	sites []*sitrep.Site
	idx   *geo.ShapeIndex
	lines *scanIndex
}

func (x *gridIndex) Containing(dst []*sitrep.Site, lat, lon float64) []*sitrep.Site {
	x.idx.Query(geo.Point{Lat: lat, Lon: lon}, func(i int) bool {
		dst = append(dst, x.sites[i])
		return true
	})
	return dst
}

func (x *gridIndex) Crossed(dst []*sitrep.Site, from, to sitrep.LatLon) []*sitrep.Site {
	return x.lines.Crossed(dst, from, to)
}

// newGridIndex returns n illustrative sites over the simulator's waters
// (30-66°N, 12°W-42°E): mostly port circles of 1-5 km, a tenth anchorages
// and naval bases, plus the Gibraltar gate polygon and line.
func newGridIndex(tb testing.TB, n int, seed uint64) *gridIndex {
	rng := rand.New(rand.NewPCG(seed, 1))
	var sites []sitrep.Site
	kinds := []sitrep.SiteKind{sitrep.SitePort, sitrep.SitePort, sitrep.SitePort, sitrep.SiteAnchorage, sitrep.SiteNavalBase, sitrep.SiteCustom}
	for i := range n - 1 {
		s := circleSite(fmt.Sprintf("site-%04d", i), kinds[i%len(kinds)], 30+rng.Float64()*36, -12+rng.Float64()*54, 1000+rng.Float64()*4000)
		sites = append(sites, s)
	}
	sites = append(sites, gibraltarGate)
	x := &gridIndex{lines: newScanIndex(gibraltarLine)}
	var shapes []geo.Shape
	for i := range sites {
		sh, _ := shapeOf(&sites[i])
		x.sites = append(x.sites, &sites[i])
		shapes = append(shapes, sh)
	}
	var err error
	if x.idx, err = geo.NewShapeIndex(shapes, 0); err != nil {
		tb.Fatal(err)
	}
	return x
}
