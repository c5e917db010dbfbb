package detect

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

func TestFastFerryIsNoJump(t *testing.T) {
	d, r := newDetector(t, nil, nil)
	// A high-speed craft at 42 kn, reporting every 2 s then with a 10 s hole.
	ps := leg(247000040, t0, 38.0, 15.6, 90, 42, 2*time.Second, 600)
	feed(d, append(ps[:300], ps[305:]...))
	if n := len(r.final()); n != 0 {
		t.Errorf("%d events for a fast ferry: %v", n, r.final())
	}
}

func TestPositionJump(t *testing.T) {
	d, r := newDetector(t, nil, nil)
	ps := leg(273000041, t0, 36.0, 30.0, 90, 12, time.Minute, 30)
	// The next fix is 100 km away a minute later, and the track continues
	// from there (spoofed or bad GNSS).
	last := ps[len(ps)-1]
	ps = append(ps, leg(273000041, last.Time.Add(time.Minute), 36.9, 30.0, 90, 12, time.Minute, 30)...)
	feed(d, ps)
	js := r.kind(sitrep.EventPositionJump)
	checkExplained(t, js)
	if len(js) != 1 || !js[0].Start.Equal(last.Time) || js[0].Attrs["limit_kn"] != "60" {
		t.Fatalf("jumps %v", js)
	}
	if n := len(r.kind(sitrep.EventSharedMMSI)); n != 0 {
		t.Errorf("%d shared-MMSI events for a single jump", n)
	}
}

func TestSharedMMSI(t *testing.T) {
	d, r := newDetector(t, nil, nil)
	// Two stations on one MMSI: one off Tartus, one in the Aegean, each
	// reporting every 2 minutes, interleaved.
	a := leg(273000042, t0, 34.9, 35.5, 0, 10, 2*time.Minute, 30)
	b := leg(273000042, t0.Add(time.Minute), 38.0, 25.0, 90, 10, 2*time.Minute, 30)
	feed(d, merge(a, b))
	sh := r.kind(sitrep.EventSharedMMSI)
	checkExplained(t, sh)
	if len(sh) != 1 {
		t.Fatalf("%d shared-MMSI events, want 1 (updated): %v", len(sh), sh)
	}
	if !sh[0].Start.Equal(a[0].Time) || !sh[0].End.Equal(b[len(b)-1].Time) {
		t.Errorf("shared MMSI %v..%v, want %v..%v", sh[0].Start, sh[0].End, a[0].Time, b[len(b)-1].Time)
	}
	if n := len(r.kind(sitrep.EventPositionJump)); n != 1 {
		t.Errorf("%d jumps, want only the first", n)
	}
}
