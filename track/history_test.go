package track

import (
	"math"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

func TestFixRoundTrip(t *testing.T) {
	full := sitrep.Position{MMSI: 273000001, Time: t0.Add(1500 * time.Millisecond), TimeSource: sitrep.TimeSourceReceive,
		Lat: 34.891234, Lon: -35.851234, Accuracy: true, Class: sitrep.ClassA, Flags: sitrep.FlagSpeedJump | sitrep.FlagDuplicate}
	full.SetSOG(102.2)
	full.SetCOG(359.9)
	full.SetHeading(511 - 152)
	full.SetNavStatus(sitrep.NavSARTActive)
	bare := sitrep.Position{MMSI: 273000001, Time: t0, Lat: -90, Lon: 180, Class: sitrep.ClassA}
	tests := []struct {
		name string
		in   sitrep.Position
	}{
		{"all fields", full},
		{"no optional fields", bare},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			epoch := t0.Add(-time.Hour).Unix()
			f := encodeFix(&tt.in, epoch)
			got := f.position(tt.in.MMSI, epoch, tt.in.Class)
			want := tt.in
			want.Time = want.Time.Truncate(time.Second)
			if math.Abs(got.Lat-want.Lat) > 1.0/unitsPerDegree || math.Abs(got.Lon-want.Lon) > 1.0/unitsPerDegree {
				t.Errorf("lat/lon %v,%v, want %v,%v", got.Lat, got.Lon, want.Lat, want.Lon)
			}
			got.Lat, got.Lon = want.Lat, want.Lon
			if math.Abs(float64(got.SOG-want.SOG)) > 0.051 || math.Abs(float64(got.COG-want.COG)) > 0.051 {
				t.Errorf("sog/cog %v,%v, want %v,%v", got.SOG, got.COG, want.SOG, want.COG)
			}
			got.SOG, got.COG = want.SOG, want.COG
			if !got.Time.Equal(want.Time) {
				t.Errorf("time %v, want %v", got.Time, want.Time)
			}
			got.Time = want.Time
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestEncodeClamps(t *testing.T) {
	tests := []struct {
		in   float64
		want int32
	}{
		{math.NaN(), 0},
		{1e9, maxDegrees * unitsPerDegree},
		{-1e9, -maxDegrees * unitsPerDegree},
		{181, 181 * unitsPerDegree},
	}
	for _, tt := range tests {
		if got := encodeDegrees(tt.in); got != tt.want {
			t.Errorf("encodeDegrees(%v) = %d, want %d", tt.in, got, tt.want)
		}
	}
	if got := encodeTenths(-3); got != 0 {
		t.Errorf("encodeTenths(-3) = %d", got)
	}
	if got := encodeTenths(1e9); got != math.MaxUint16 {
		t.Errorf("encodeTenths(1e9) = %d", got)
	}
}

func TestRing(t *testing.T) {
	tests := []struct {
		name  string
		limit int
		in    []int32 // fix times in arrival order
		want  []int32 // held, oldest first
	}{
		{"in order below limit", 4, []int32{1, 2, 3}, []int32{1, 2, 3}},
		{"wraps, keeping the newest", 4, []int32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, []int32{7, 8, 9, 10}},
		{"limit 1", 1, []int32{1, 3, 2}, []int32{3}},
		{"late fix while growing", 4, []int32{1, 3, 2}, []int32{1, 2, 3}},
		{"late fix first", 4, []int32{5, 3}, []int32{3, 5}},
		{"late fix in full wrapped ring", 4, []int32{1, 2, 3, 5, 6, 7, 4}, []int32{4, 5, 6, 7}},
		{"late fix between, full", 4, []int32{10, 20, 30, 40, 50, 35}, []int32{30, 35, 40, 50}},
		{"late fix older than all of full ring dropped", 3, []int32{5, 6, 7, 8, 1}, []int32{6, 7, 8}},
		{"equal times keep arrival order", 3, []int32{1, 2, 2, 2}, []int32{2, 2, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r ring
			for i, sec := range tt.in {
				r.insert(fix{t: sec, heading: uint16(i)}, tt.limit)
				if r.len() > tt.limit || cap(r.buf) > tt.limit {
					t.Fatalf("after %d inserts len %d cap %d, limit %d", i+1, r.len(), cap(r.buf), tt.limit)
				}
			}
			var got []int32
			for i := range r.len() {
				got = append(got, r.at(i).t)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("held %v, want %v", got, tt.want)
			}
			// Equal times: the later arrival is later in the ring.
			for i := 1; i < r.len(); i++ {
				if a, b := r.at(i-1), r.at(i); a.t == b.t && a.heading > b.heading {
					t.Errorf("equal times out of arrival order at %d", i)
				}
			}
		})
	}
}

func TestHistoryWrap(t *testing.T) {
	s := newState(t, Config{History: 5})
	for i := range 12 {
		s.Observe(fixAt(273000001, i*10, 35+float64(i)*0.01, 35))
	}
	got := s.History(273000001, nil)
	if want := []int{70, 80, 90, 100, 110}; !slices.Equal(secs(got), want) {
		t.Fatalf("history times %v, want %v", secs(got), want)
	}
	if math.Abs(got[4].Lat-35.11) > 1e-6 || got[4].MMSI != 273000001 || got[4].Class != sitrep.ClassA {
		t.Errorf("newest %+v", got[4])
	}
	// History appends to dst.
	dst := []sitrep.Position{{MMSI: 1}}
	if got := s.History(273000001, dst); len(got) != 6 || got[0].MMSI != 1 {
		t.Errorf("History did not append to dst: %d fixes", len(got))
	}
	if got := s.History(999, nil); got != nil {
		t.Errorf("History of unknown vessel = %v", got)
	}
}
