package detect

import (
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

func TestIdentityAndDestinationChanges(t *testing.T) {
	d, r := newDetector(t, nil, nil)
	mmsi := sitrep.MMSI(273000050)
	d.Position(fix(mmsi, t0, 34.9, 35.8, 0))
	at := t0.Add(time.Hour)
	v := sitrep.Vessel{Identity: sitrep.Identity{MMSI: mmsi, IMO: 9268710, Name: "SPARTA IV"}, LastSeen: at}
	d.Identity(v, []sitrep.IdentityChange{
		{MMSI: mmsi, Field: sitrep.FieldName, Old: "SPARTA", New: "SPARTA IV", FirstSeen: at, LastSeen: at},
		{MMSI: mmsi, Field: sitrep.FieldDestination, Old: "TARTUS", New: "BALTIYSK", FirstSeen: at, LastSeen: at},
		{MMSI: mmsi, Field: sitrep.FieldDraught, Old: "5.5", New: "6.8", FirstSeen: at, LastSeen: at},
	})
	ids, dests := r.kind(sitrep.EventIdentityChange), r.kind(sitrep.EventDestinationChange)
	checkExplained(t, r.final())
	if len(ids) != 1 || ids[0].Attrs["old"] != "SPARTA" || ids[0].Attrs["new"] != "SPARTA IV" || ids[0].Lat != 34.9 {
		t.Errorf("identity changes %v", ids)
	}
	if len(dests) != 1 || dests[0].Attrs["new"] != "BALTIYSK" || !dests[0].Start.Equal(at) {
		t.Errorf("destination changes %v", dests)
	}
	// The same IMO under another MMSI (a new flag).
	later := at.Add(24 * time.Hour)
	d.Identity(sitrep.Vessel{Identity: sitrep.Identity{MMSI: 620000051, IMO: 9268710}, LastSeen: later}, nil)
	ids = r.kind(sitrep.EventIdentityChange)
	if len(ids) != 2 || ids[1].Attrs["field"] != "mmsi" || ids[1].Attrs["old_flag"] != "RU" || ids[1].Attrs["new_flag"] != "KM" {
		t.Errorf("MMSI change %v", ids)
	}
}
