package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// vessel returns a SIMULATED vessel with every field set.
func vessel(mmsi sitrep.MMSI, name, callsign string, imo uint32) sitrep.Vessel {
	last := fix(mmsi, 100, 35.0, 35.8)
	return sitrep.Vessel{
		Identity: sitrep.Identity{
			MMSI: mmsi, IMO: imo, Name: name, Callsign: callsign, ShipType: 70,
			Flag: "RU", Length: 143, Beam: 20, Class: sitrep.ClassA,
		},
		Voyage: sitrep.Voyage{
			Destination:     "SIM PORT",
			DestinationPort: &sitrep.PortRef{LOCODE: "XXSIM", Name: "Simport", Country: "XX", Lat: 1.5, Lon: 2.25},
			ETA:             t0.Add(72 * time.Hour),
			Draught:         7.5,
		},
		LastPosition: &last,
		FirstSeen:    t0.Add(-time.Hour),
		LastSeen:     last.Time,
	}
}

// normVessel normalises times and the last position as stores keep them.
func normVessel(v sitrep.Vessel) sitrep.Vessel {
	v.ETA, v.FirstSeen, v.LastSeen = normTime(v.ETA), normTime(v.FirstSeen), normTime(v.LastSeen)
	if v.LastPosition != nil {
		p := normPosition(*v.LastPosition)
		v.LastPosition = &p
	}
	return v
}

// equalVessel fails t unless got equals want after normalisation.
func equalVessel(t *testing.T, what string, got, want sitrep.Vessel) {
	t.Helper()
	if g, w := normVessel(got), normVessel(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

// put stores v or fails t.
func put(t *testing.T, s sitrep.Store, v sitrep.Vessel) {
	t.Helper()
	if err := s.PutVessel(ctx(t), v); err != nil {
		t.Fatalf("PutVessel(%v): %v", v.MMSI, err)
	}
}

// testVesselNotFound expects ENOTFOUND for an unknown vessel.
func testVesselNotFound(t *testing.T, h *harness) {
	s, _ := h.store()
	put(t, s, vessel(273000001, "SIM ONE", "UAAA", 9074729))
	_, err := s.Vessel(ctx(t), 273000002)
	if code := sitrep.ErrorCode(err); code != sitrep.ENOTFOUND {
		t.Errorf("Vessel(unknown): err %v, code %q; want %q", err, code, sitrep.ENOTFOUND)
	}
}

// testPutVessel checks that PutVessel replaces the whole state, leaving
// nothing of the old one behind.
func testPutVessel(t *testing.T, h *harness) {
	s, _ := h.store()
	v1 := vessel(273000001, "SIM SPARTA", "UBXX1", 9074729)
	put(t, s, v1)
	got, err := s.Vessel(ctx(t), v1.MMSI)
	if err != nil {
		t.Fatalf("Vessel: %v", err)
	}
	equalVessel(t, "after first PutVessel", got, v1)

	v2 := sitrep.Vessel{Identity: sitrep.Identity{MMSI: v1.MMSI, Name: "SIM SPARTA IV"}, FirstSeen: v1.FirstSeen}
	put(t, s, v2)
	got, err = s.Vessel(ctx(t), v1.MMSI)
	if err != nil {
		t.Fatalf("Vessel: %v", err)
	}
	equalVessel(t, "after replacing PutVessel", got, v2)

	// PutVessels: several at once, replacing as PutVessel does.
	v3 := vessel(273000002, "SIM SPARTA II", "UBXX2", 9160994)
	v1.Name = "SIM SPARTA V"
	if err := s.PutVessels(ctx(t), []sitrep.Vessel{v1, v3}); err != nil {
		t.Fatalf("PutVessels: %v", err)
	}
	for _, want := range []sitrep.Vessel{v1, v3} {
		got, err := s.Vessel(ctx(t), want.MMSI)
		if err != nil {
			t.Fatalf("Vessel(%v) after PutVessels: %v", want.MMSI, err)
		}
		equalVessel(t, "after PutVessels", got, want)
	}
	if err := s.PutVessels(ctx(t), nil); err != nil {
		t.Errorf("PutVessels(nil): %v", err)
	}
}

// testVesselsSearch checks prefix search by name, call sign, MMSI and IMO,
// ignoring case, with ordering and limit.
func testVesselsSearch(t *testing.T, h *harness) {
	s, _ := h.store()
	vs := []sitrep.Vessel{
		vessel(273000003, "SIM SPARTA", "UBXX1", 9074729),
		vessel(273000001, "SIM SPARTA II", "UBXX2", 9074731),
		vessel(273000002, "SIM SPARTA", "UCAL7", 0), // same name: MMSI decides
		vessel(211000009, "SIM OKEAN", "DSPA5", 8612341),
		vessel(636000001, "Sim Baltic Trader", "A8ZZ", 9300001),
		vessel(1000000, "", "", 0), // no name sorts first
	}
	for _, v := range vs {
		put(t, s, v)
	}
	mmsis := func(vs []sitrep.Vessel) []sitrep.MMSI {
		out := []sitrep.MMSI{}
		for _, v := range vs {
			out = append(out, v.MMSI)
		}
		return out
	}
	for _, tc := range []struct {
		text  string
		limit int
		want  []sitrep.MMSI
	}{
		{"", 0, []sitrep.MMSI{1000000, 211000009, 273000002, 273000003, 273000001, 636000001}},
		{"", 2, []sitrep.MMSI{1000000, 211000009}},
		{"sim spa", 0, []sitrep.MMSI{273000002, 273000003, 273000001}},
		{"SIM SPARTA I", 0, []sitrep.MMSI{273000001}},
		{"Sim Sparta", 2, []sitrep.MMSI{273000002, 273000003}},
		{"sim bal", 0, []sitrep.MMSI{636000001}},
		{"ubxx", 0, []sitrep.MMSI{273000003, 273000001}},
		{"dspa", 0, []sitrep.MMSI{211000009}},
		{"2730000", 0, []sitrep.MMSI{273000002, 273000003, 273000001}},
		{"001000000", 0, []sitrep.MMSI{1000000}},
		{"90747", 0, []sitrep.MMSI{273000003, 273000001}},
		{"8612341", 0, []sitrep.MMSI{211000009}},
		{"SPARTA", 0, []sitrep.MMSI{}}, // a prefix, not a substring
		{"zzz", 5, []sitrep.MMSI{}},
	} {
		got, err := s.Vessels(ctx(t), tc.text, tc.limit)
		if err != nil {
			t.Errorf("Vessels(%q, %d): %v", tc.text, tc.limit, err)
			continue
		}
		if g := mmsis(got); !reflect.DeepEqual(g, tc.want) {
			t.Errorf("Vessels(%q, %d) = %v, want %v", tc.text, tc.limit, g, tc.want)
		}
	}
	got, err := s.Vessels(ctx(t), "sim baltic", 1)
	if err != nil || len(got) != 1 {
		t.Fatalf("Vessels(sim baltic) = %v, %v", got, err)
	}
	equalVessel(t, "Vessels result", got[0], vs[4])
}

// testIdentityHistory checks appending, the extend-LastSeen rule and
// ordering by FirstSeen.
func testIdentityHistory(t *testing.T, h *harness) {
	s, _ := h.store()
	const m = sitrep.MMSI(273000001)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	ch := func(f sitrep.IdentityField, old, new string, first, last int) sitrep.IdentityChange {
		return sitrep.IdentityChange{MMSI: m, Field: f, Old: old, New: new, FirstSeen: at(first), LastSeen: at(last)}
	}
	addCh := func(cs ...sitrep.IdentityChange) {
		t.Helper()
		if err := s.AddIdentityChanges(ctx(t), cs); err != nil {
			t.Fatalf("AddIdentityChanges: %v", err)
		}
	}
	addCh(ch(sitrep.FieldName, "SIM A", "SIM B", 1, 1), ch(sitrep.FieldDestination, "TARTUS", "ST PETERSBURG", 2, 2))
	addCh(ch(sitrep.FieldName, "SIM A", "SIM B", 3, 5))                 // same as newest name change: extends to 5
	addCh(ch(sitrep.FieldName, "SIM A", "SIM B", 4, 4))                 // earlier LastSeen: no change
	addCh(ch(sitrep.FieldDestination, "TARTUS", "ST PETERSBURG", 6, 7)) // extends
	addCh(ch(sitrep.FieldName, "SIM B", "SIM A", 8, 8))                 // flips back: new row
	addCh(ch(sitrep.FieldName, "SIM A", "SIM B", 9, 9))                 // and again: new row (newest is B->A)
	addCh(sitrep.IdentityChange{MMSI: m + 1, Field: sitrep.FieldName, Old: "X", New: "Y", FirstSeen: at(0), LastSeen: at(0)})
	want := []sitrep.IdentityChange{
		ch(sitrep.FieldName, "SIM A", "SIM B", 1, 5),
		ch(sitrep.FieldDestination, "TARTUS", "ST PETERSBURG", 2, 7),
		ch(sitrep.FieldName, "SIM B", "SIM A", 8, 8),
		ch(sitrep.FieldName, "SIM A", "SIM B", 9, 9),
	}
	got, err := s.IdentityHistory(ctx(t), m)
	if err != nil {
		t.Fatalf("IdentityHistory: %v", err)
	}
	for i := range got {
		got[i].FirstSeen, got[i].LastSeen = normTime(got[i].FirstSeen), normTime(got[i].LastSeen)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("IdentityHistory:\n got %+v\nwant %+v", got, want)
	}
}

// testPersistence closes the store, opens the same directory again and
// expects everything back.
func testPersistence(t *testing.T, h *harness) {
	s, closeFn := h.store()
	ps := fleet(12, 20, 20)
	add(t, s, ps)
	extra := sitrep.Provenance{Feed: "sim-extra", Station: "SIM-LATE", Received: ps[0].Time.Add(time.Minute)}
	if err := s.AddSources(ctx(t), ps[0].MMSI, ps[0].Time, []sitrep.Provenance{extra}); err != nil {
		t.Fatalf("AddSources: %v", err)
	}
	v := vessel(ps[0].MMSI, "SIM PERSISTENT", "UPER", 9074729)
	put(t, s, v)
	c := sitrep.IdentityChange{MMSI: v.MMSI, Field: sitrep.FieldCallsign, Old: "UOLD", New: "UPER", FirstSeen: t0, LastSeen: t0.Add(time.Hour)}
	if err := s.AddIdentityChanges(ctx(t), []sitrep.IdentityChange{c}); err != nil {
		t.Fatalf("AddIdentityChanges: %v", err)
	}
	closeFn()

	s, _ = h.store()
	want := byTimeMMSI(ps)
	for i := range want {
		if want[i].MMSI == ps[0].MMSI && want[i].Time.Equal(ps[0].Time) {
			want[i].Sources = append(want[i].Sources[:1:1], extra)
		}
	}
	equalPositions(t, "PositionsIn after reopen", in(t, s, world, sitrep.TimeRange{}, 0), want)
	got, err := s.Vessel(ctx(t), v.MMSI)
	if err != nil {
		t.Fatalf("Vessel after reopen: %v", err)
	}
	equalVessel(t, "Vessel after reopen", got, v)
	hist, err := s.IdentityHistory(ctx(t), v.MMSI)
	if err != nil || len(hist) != 1 || hist[0].New != "UPER" || !hist[0].LastSeen.Equal(c.LastSeen) {
		t.Errorf("IdentityHistory after reopen = %+v, %v", hist, err)
	}
	// New positions after reopen reuse the receivers known before.
	more := fleet(13, 2, 5)
	add(t, s, more)
	equalPositions(t, "Track after reopen", track(t, s, more[0].MMSI, sitrep.TimeRange{}), more[:5])
}

// testCancelled expects every method to fail with the context's error
// when the context is already cancelled, and nothing to be stored.
func testCancelled(t *testing.T, h *harness) {
	s, _ := h.store()
	ps := fleet(14, 3, 5)
	c, cancel := context.WithCancel(ctx(t))
	cancel()
	check := func(name string, err error) {
		t.Helper()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: err %v, want context.Canceled", name, err)
		}
	}
	check("AddPositions", s.AddPositions(c, ps))
	check("AddSources", s.AddSources(c, ps[0].MMSI, ps[0].Time, feeds[:1]))
	_, err := s.Track(c, ps[0].MMSI, sitrep.TimeRange{})
	check("Track", err)
	_, err = s.PositionsIn(c, world, sitrep.TimeRange{}, 0)
	check("PositionsIn", err)
	check("PutVessel", s.PutVessel(c, vessel(ps[0].MMSI, "SIM", "", 0)))
	check("AddIdentityChanges", s.AddIdentityChanges(c, []sitrep.IdentityChange{{MMSI: ps[0].MMSI, Field: sitrep.FieldName, New: "SIM"}}))
	_, err = s.Vessel(c, ps[0].MMSI)
	check("Vessel", err)
	_, err = s.Vessels(c, "", 0)
	check("Vessels", err)
	_, err = s.IdentityHistory(c, ps[0].MMSI)
	check("IdentityHistory", err)

	equalPositions(t, "PositionsIn after cancelled AddPositions", in(t, s, world, sitrep.TimeRange{}, 0), nil)
	if _, err := s.Vessel(ctx(t), ps[0].MMSI); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("Vessel after cancelled PutVessel: %v, want ENOTFOUND", err)
	}
}
