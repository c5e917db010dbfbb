package sitrep

import (
	"testing"
	"time"
)

func TestEntityValidate(t *testing.T) {
	if err := (Entity{ID: "convoy-1", Name: "Convoy", Kind: EntityConvoy}).Validate(); err != nil {
		t.Fatal(err)
	}
	for _, e := range []Entity{{ID: "Convoy", Name: "C", Kind: EntityConvoy}, {ID: "c", Kind: EntityConvoy}, {ID: "c", Name: "C", Kind: "tank"}} {
		if ErrorCode(e.Validate()) != EINVALID {
			t.Errorf("%+v: want EINVALID", e)
		}
	}
}

func TestTrackPointMid(t *testing.T) {
	d := time.Date(2025, 2, 10, 6, 0, 0, 0, time.UTC)
	p := TrackPoint{When: When{From: d, To: d.Add(8 * time.Hour)}}
	if !p.Mid().Equal(d.Add(4 * time.Hour)) {
		t.Errorf("Mid = %v", p.Mid())
	}
}
