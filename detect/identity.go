package detect

import (
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// Rule names of the identity rules.
const (
	RuleIdentity    = "identity_change"
	RuleDestination = "destination_change"
)

// Identity feeds the identity and voyage changes track.State.Apply reported
// for one vessel, with v its state after them (v.Voyage.DestinationPort is
// the resolved declared destination, which later arrivals are compared
// with). Changes of name, call sign, IMO and ship type are identity_change
// events; of destination and ETA, destination_change events; dimension and
// draught changes are not events. A valid IMO seen before under another
// MMSI is an identity_change of field "mmsi" (a reflagged ship keeps its
// IMO and takes the MMSI of its new flag). Call it in event-time order with
// Position.
func (d *Detector) Identity(v sitrep.Vessel, changes []sitrep.IdentityChange) {
	ves := d.vessel(v.MMSI)
	for i := range changes {
		c := &changes[i]
		switch c.Field {
		case sitrep.FieldName, sitrep.FieldCallsign, sitrep.FieldIMO, sitrep.FieldShipType, sitrep.FieldFlag:
			d.sink(d.changeEvent(ves, sitrep.EventIdentityChange, RuleIdentity, c))
		case sitrep.FieldDestination, sitrep.FieldETA:
			d.sink(d.changeEvent(ves, sitrep.EventDestinationChange, RuleDestination, c))
		}
	}
	changed := v.Destination != ves.dest || (ves.destPort == nil) != (v.DestinationPort == nil)
	if v.Destination != ves.dest {
		ves.destAt = time.Time{} // a first value has no change time
		for i := range changes {
			if changes[i].Field == sitrep.FieldDestination {
				ves.destAt = changes[i].FirstSeen
			}
		}
	}
	ves.dest, ves.destPort = v.Destination, v.DestinationPort
	if changed {
		// A destination first heard while the vessel is already in a
		// port: compare it now, as if it had been known at the arrival.
		for _, m := range ves.sites {
			if m.inside {
				d.declared(ves, m)
			}
		}
	}
	if sitrep.ValidIMO(v.IMO) {
		if old, ok := d.imos[v.IMO]; ok && old != v.MMSI {
			c := sitrep.IdentityChange{MMSI: v.MMSI, Field: "mmsi", Old: old.String(), New: v.MMSI.String(),
				FirstSeen: v.LastSeen, LastSeen: v.LastSeen}
			e := d.changeEvent(ves, sitrep.EventIdentityChange, RuleIdentity, &c)
			oldFlag, _ := old.Flag()
			newFlag, _ := v.MMSI.Flag()
			e.Attrs["imo"] = imoString(v.IMO)
			e.Attrs["old_flag"], e.Attrs["new_flag"] = oldFlag.Code, newFlag.Code
			e.Summary = "IMO " + imoString(v.IMO) + " moved from MMSI " + old.String() + " (" + flagName(oldFlag) +
				") to " + v.MMSI.String() + " (" + flagName(newFlag) + ")"
			d.sink(e)
		}
		d.imos[v.IMO] = v.MMSI
	}
}

func imoString(n uint32) string { return fmtF(float64(n), 0) }

func flagName(c sitrep.Country) string {
	if c.Name == "" {
		return "no flag"
	}
	return c.Name
}

// changeEvent is an instant event for one change, placed at the vessel's
// latest fix before the change (or at its time, when there is none
// before), when there is one.
func (d *Detector) changeEvent(v *vessel, kind sitrep.EventKind, rule string, c *sitrep.IdentityChange) sitrep.Event {
	e := sitrep.Event{
		ID:   eventID(kind, v.mmsi, 0, string(c.Field), c.FirstSeen),
		Kind: kind, MMSI: v.mmsi, Start: c.FirstSeen, End: c.FirstSeen,
		Attrs: map[string]string{"field": string(c.Field), "old": c.Old, "new": c.New},
		Rule:  sitrep.Rule{Name: rule, Params: map[string]float64{}},
		Summary: v.mmsi.String() + " changed " + strings.ReplaceAll(string(c.Field), "_", " ") +
			" from " + quote(c.Old) + " to " + quote(c.New),
		Evidence: []sitrep.EventFix{},
	}
	if v.hasLast {
		f := v.last()
		if !f.Time.Before(c.FirstSeen) && v.hasBefore && v.before().Time.Before(c.FirstSeen) {
			f = v.before()
		}
		e.Lat, e.Lon = f.Lat, f.Lon
		e.Evidence = append(e.Evidence, fixOf(RoleLastFix, f))
	}
	return e
}

func quote(s string) string { return "\"" + s + "\"" }
