package detect

import (
	"testing"
	"unsafe"
)

// TestVesselLayout guards the cache-line split documented on vessel: what
// every fix touches lies in the first 64 bytes, and the whole is 128
// bytes, so that vessels in a page (vesselTable) start on cache lines.
func TestVesselLayout(t *testing.T) {
	var v vessel
	if n := unsafe.Sizeof(v); n != 128 {
		t.Errorf("vessel is %d bytes, want 128 (so that each in a page starts a cache line)", n)
	}
	if end := unsafe.Offsetof(v.hasSites) + unsafe.Sizeof(v.hasSites); end > 64 {
		t.Errorf("the hot fields end at byte %d, want at most 64", end)
	}
}
