package gazetteer

import (
	"bytes"
	_ "embed"
	"slices"
	"strings"
	"sync"

	"github.com/sitrep-osint/sitrep/gazetteer/internal/norm"
)

//go:embed ports.tsv.gz
var portsTable []byte

// Gazetteer is an indexed, read-only port table. It is safe for concurrent
// use; ports returned by its methods must not be modified.
type Gazetteer struct {
	ports     []Port
	byCode    map[string]int32     // LOCODE -> port
	byName    map[string][]nameRef // canonical name or alternate -> ports
	byCompact map[string][]nameRef // the same without spaces ("PORTHEDLAND")
	keys      []searchKey          // sorted, for Search
	// countries maps a canonical country alias ("NEW ZEALAND", "AUS", "WA")
	// to the ISO codes it may name.
	countries       map[string][]string
	countryKeys     []string // the keys of countries, sorted
	maxCountryWords int
}

type nameRef struct {
	port    int32
	primary bool // the port's Name, not an alternate
}

type searchKey struct {
	key  string
	port int32
}

// defaultGazetteer loads the embedded table once.
var defaultGazetteer = sync.OnceValues(func() (*Gazetteer, error) {
	return New(bytes.NewReader(portsTable))
})

// Default returns the gazetteer built from the embedded table (NGA World
// Port Index and UN/LOCODE, see ATTRIBUTION.md). The table is read on the
// first call and shared by all callers. An error means the embedded table
// is corrupt, which the package tests rule out.
func Default() (*Gazetteer, error) {
	return defaultGazetteer()
}

// Len returns the number of ports in the table.
func (g *Gazetteer) Len() int { return len(g.ports) }

// ByLOCODE returns the port with the UN/LOCODE code, given as "RULED",
// "RU LED" or "ru-led" (case, spaces and hyphens are ignored), and whether
// there is one.
func (g *Gazetteer) ByLOCODE(code string) (Port, bool) {
	if p := g.byLOCODE(code); p != nil {
		return *p, true
	}
	return Port{}, false
}

func (g *Gazetteer) byLOCODE(code string) *Port {
	if len(code) != 5 {
		code = strings.Join(norm.RawTokens(code), "")
	}
	i, ok := g.byCode[strings.ToUpper(code)]
	if !ok {
		return nil
	}
	return &g.ports[i]
}

// Search returns up to n ports whose canonical name, alternate name or
// LOCODE begins with the canonical form of prefix (see package norm rules in
// the package documentation: "st peter" finds Sankt-Peterburg by its
// alternate "St Petersburg"). Larger harbours come first, then names in
// alphabetical order. It returns nil when n <= 0 or prefix has no letter or
// digit.
func (g *Gazetteer) Search(prefix string, n int) []Port {
	k := norm.Key(prefix)
	if n <= 0 || k == "" {
		return nil
	}
	i, _ := slices.BinarySearchFunc(g.keys, k, func(s searchKey, k string) int {
		return strings.Compare(s.key, k)
	})
	var idx []int32
	seen := make(map[int32]struct{})
	for ; i < len(g.keys) && strings.HasPrefix(g.keys[i].key, k); i++ {
		if _, dup := seen[g.keys[i].port]; !dup {
			seen[g.keys[i].port] = struct{}{}
			idx = append(idx, g.keys[i].port)
		}
	}
	slices.SortFunc(idx, func(a, b int32) int {
		pa, pb := &g.ports[a], &g.ports[b]
		if d := sizeRank(pb.Size) - sizeRank(pa.Size); d != 0 {
			return d
		}
		if c := strings.Compare(pa.Name, pb.Name); c != 0 {
			return c
		}
		return strings.Compare(pa.LOCODE, pb.LOCODE)
	})
	out := make([]Port, 0, min(n, len(idx)))
	for _, j := range idx[:min(n, len(idx))] {
		out = append(out, g.ports[j])
	}
	return out
}
