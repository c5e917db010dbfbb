package chunk

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/chunk")

const (
	goldenPoints = "../testdata/chunk/golden-v1.points"
	goldenChunk  = "../testdata/chunk/golden-v1.chunk"
)

// TestGolden freezes format version 1: the points in golden-v1.points must
// encode to exactly golden-v1.chunk and decode back from it. A failure means
// the format changed: bump Version and keep reading version 1.
func TestGolden(t *testing.T) {
	if *update {
		ps := append(simulatedTrack(60, 42),
			Point{T: math.MaxInt64 - 1, Lat: LatNA, Lon: LonNA, SOG: SOGNA, COG: COGNA, Heading: HeadingNA, NavStatus: NavStatusNA, Flags: 0x85, Source: 4000},
			Point{T: math.MaxInt64, Lat: math.MinInt32, Lon: math.MaxInt32})
		var text strings.Builder
		text.WriteString("# T Lat Lon SOG COG Heading NavStatus Flags Source\n")
		for _, p := range ps {
			fmt.Fprintf(&text, "%d %d %d %d %d %d %d %d %d\n", p.T, p.Lat, p.Lon, p.SOG, p.COG, p.Heading, p.NavStatus, p.Flags, p.Source)
		}
		if err := os.WriteFile(goldenPoints, []byte(text.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldenChunk, encode(t, ps), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	text, err := os.ReadFile(goldenPoints)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(goldenChunk)
	if err != nil {
		t.Fatal(err)
	}
	var ps []Point
	for i, line := range strings.Split(strings.TrimSpace(string(text)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		var p Point
		if _, err := fmt.Sscan(line, &p.T, &p.Lat, &p.Lon, &p.SOG, &p.COG, &p.Heading, &p.NavStatus, &p.Flags, &p.Source); err != nil {
			t.Fatalf("%s:%d: %v", goldenPoints, i+1, err)
		}
		ps = append(ps, p)
	}
	if got := encode(t, ps); !bytes.Equal(got, want) {
		t.Errorf("encoding the golden points differs from %s (%d bytes, want %d): the format changed", goldenChunk, len(got), len(want))
	}
	got, err := Decode(want, nil)
	if err != nil {
		t.Fatalf("decoding %s: %v", goldenChunk, err)
	}
	if len(got) != len(ps) {
		t.Fatalf("decoded %d points, want %d", len(got), len(ps))
	}
	for i := range ps {
		if got[i] != ps[i] {
			t.Fatalf("point %d: got %+v, want %+v", i, got[i], ps[i])
		}
	}
}
