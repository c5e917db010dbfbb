package auth

import "testing"

// BenchmarkCheckPassword is the cost of one login's password check (and
// of HashPassword, which does the same work).
func BenchmarkCheckPassword(b *testing.B) {
	h, err := HashPassword("a benchmark password")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := CheckPassword(h, "a benchmark password"); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}
