package httpapi

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/live"
)

// TestLiveJSON: the hand-written encoder writes exactly what
// encoding/json writes, for a simulated fleet, the real capture and edge
// cases.
func TestLiveJSON(t *testing.T) {
	var vs []live.Vessel
	for _, p := range simulatedFleet(2000) {
		vs = append(vs, live.FromPosition(&p, nil))
	}
	state := newLive(t)
	replay(t, openStore(t), state, "amsa-tag-block.nmea")
	real, _ := state.InBox(world, 0)
	vs = append(vs, real...)
	when := time.Date(2025, 2, 10, 6, 0, 0, 123456789, time.UTC)
	vs = append(vs, []live.Vessel{
		{},
		{MMSI: sitrep.MaxMMSI, Lat: -89.999999, Lon: 179.9999999, SOG: 102.3, COG: 360, Heading: 511, Time: when, Name: `A "B" <C> & D\E`, ShipType: 255, TypeName: "cargo", Class: "A", Flag: "RU", Simulated: true},
		{Lat: 1e-7, Lon: -1e-9, SOG: 1e-7, COG: 3e21, Time: when.In(time.FixedZone("x", 3600)), Name: "ÅLAND\u2028\x01"},
		{Lat: 1e21, Lon: 123456789.125, SOG: float32(math.SmallestNonzeroFloat32), Time: time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC)},
	}...)
	for _, v := range vs {
		want, err := json.Marshal(v)
		if err != nil {
			want = nil // encoding/json refuses (a year past 9999)
		}
		got := appendLiveVessel(nil, &v)
		if want != nil && !bytes.Equal(got, want) {
			t.Fatalf("vessel %+v:\n got %s\nwant %s", v, got, want)
		}
		if !json.Valid(got) {
			t.Fatalf("invalid JSON %s", got)
		}
	}
	body := mapBody{Items: vs[:50], Total: 70, Truncated: true}
	want, _ := json.Marshal(body)
	rec := httptest.NewRecorder()
	new(bufferPool).writeMapBody(rec, &body)
	if got := bytes.TrimSpace(rec.Body.Bytes()); !bytes.Equal(got, want) {
		t.Fatalf("body:\n got %s\nwant %s", got, want)
	}
	empty := mapBody{Items: []live.Vessel{}}
	rec = httptest.NewRecorder()
	new(bufferPool).writeMapBody(rec, &empty)
	if got := rec.Body.String(); got != "{\"items\":[],\"total\":0,\"truncated\":false}\n" {
		t.Fatalf("empty: %q", got)
	}
}
