package ais

import (
	"encoding/binary"
	"testing"
)

// TestDearmor8 checks the SWAR dearmoring against the table for every byte
// value in every position of the 8-byte word.
func TestDearmor8(t *testing.T) {
	base := []byte("15RTgt0P")
	for pos := 0; pos < 8; pos++ {
		for c := 0; c < 256; c++ {
			w := append([]byte(nil), base...)
			w[pos] = byte(c)
			v, ok := dearmor8(binary.LittleEndian.Uint64(w))
			var want uint64
			wantOK := true
			for _, ch := range w {
				a := armor[ch]
				if a == 0xFF {
					wantOK = false
				}
				want = want<<6 | uint64(a&63)
			}
			if ok != wantOK || (ok && v != want) {
				t.Fatalf("dearmor8(%q) = %x, %v; want %x, %v", w, v, ok, want, wantOK)
			}
		}
	}
}

// TestLoadLengths checks load and u against a bit-by-bit reference for
// payloads of every length up to 100 characters and every fill.
func TestLoadLengths(t *testing.T) {
	const alphabet = "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw"
	var b bits
	for n := 1; n <= 100; n++ {
		p := make([]byte, n)
		for i := range p {
			p[i] = alphabet[(i*37+n*11)%64]
		}
		for fill := 0; fill <= 5; fill++ {
			if err := b.load(p, fill); err != nil {
				t.Fatal(err)
			}
			if b.n != 6*n-fill {
				t.Fatalf("n = %d", b.n)
			}
			for pos := 0; pos < b.n; pos++ {
				c := p[pos/6]
				want := uint64(armor[c]>>(5-pos%6)) & 1
				if got := b.u(pos, 1); got != want {
					t.Fatalf("len %d fill %d bit %d = %d, want %d", n, fill, pos, got, want)
				}
			}
		}
	}
	long := make([]byte, 300)
	for i := range long {
		long[i] = 'w'
	}
	b.load(long, 0)
	b.load([]byte("1"), 0)
	if b.u(6, 57) != 0 || b.u(64, 57) != 0 || b.u(1000, 57) != 0 {
		t.Error("stale bits after a shorter payload")
	}
}
