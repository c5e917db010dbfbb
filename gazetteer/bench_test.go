package gazetteer

import (
	"bytes"
	"testing"
)

// BenchmarkResolve resolves every distinct destination of the shared AIS
// corpus in turn (about half resolve; the rest walk every rule).
func BenchmarkResolve(b *testing.B) {
	g := mustDefault(b)
	dests := sortedKeys(corpusDestinations(b))
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		g.Resolve(dests[i%len(dests)])
		i++
	}
}

// BenchmarkResolveHit resolves destinations that resolve by each method.
func BenchmarkResolveHit(b *testing.B) {
	g := mustDefault(b)
	dests := []string{"RULED", "RU LED", "ST.PETERSBURG", "KALININGRAD", "BUSAN ANCH", "CHIBA JAPAN", "RUKGD>RULED", "NEWCASTLE,AUS."}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		g.Resolve(dests[i%len(dests)])
		i++
	}
}

// BenchmarkLoad measures what Default costs on its first call: reading and
// indexing the embedded table.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(bytes.NewReader(portsTable)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	g := mustDefault(b)
	b.ReportAllocs()
	for b.Loop() {
		g.Search("port", 10)
	}
}
