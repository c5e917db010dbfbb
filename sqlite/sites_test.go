package sqlite

import (
	"testing"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/internal/storetest"
	"github.com/sitrep-osint/sitrep/sites"
)

func TestSiteContract(t *testing.T) {
	storetest.RunSites(t, func(t *testing.T, dir string) sitrep.SiteStore {
		s := openTest(t, dir, Options{})
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return s
	})
}

// catalogueSample returns every n-th site of the bundled catalogue.
func catalogueSample(b *testing.B, n int) []sitrep.Site {
	cat, err := sites.Catalogue()
	if err != nil {
		b.Fatal(err)
	}
	var out []sitrep.Site
	for i := 0; i < len(cat); i += n {
		out = append(out, cat[i])
	}
	return out
}

// BenchmarkPutSite stores catalogue sites one by one (one transaction
// each).
func BenchmarkPutSite(b *testing.B) {
	s, err := Open(b.Context(), b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sample := catalogueSample(b, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.PutSite(b.Context(), sample[i%len(sample)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSitesArea queries 1° boxes around the Mediterranean over 1,000
// stored catalogue sites.
func BenchmarkSitesArea(b *testing.B) {
	s, err := Open(b.Context(), b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, site := range catalogueSample(b, 6) {
		if err := s.PutSite(b.Context(), site); err != nil {
			b.Fatal(err)
		}
	}
	found := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lon := -5 + float64(i%40)
		got, err := s.Sites(b.Context(), sitrep.SiteFilter{Area: &sitrep.Area{MinLat: 35, MaxLat: 36, MinLon: lon, MaxLon: lon + 1}})
		if err != nil {
			b.Fatal(err)
		}
		found += len(got)
	}
	b.ReportMetric(float64(found)/float64(b.N), "sites/op")
}
