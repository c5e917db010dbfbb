// Package detect turns positions and identity changes into explainable
// events (sitrep.Event): site arrivals, departures and visits, strait and
// canal transits, AIS gaps, encounters, loitering, position jumps and shared
// MMSIs, identity and destination changes, and arrivals that contradict the
// declared destination.
//
// It is the stage after track (see DESIGN.md §3). A Detector is fed in event
// time order and decides on event time only: replaying the same positions
// yields the same events with the same IDs. The one question about "now",
// whether a silent vessel is still silent, is asked by the caller through
// Tick with its own clock.
//
// Every event names the rule that fired (Event.Rule: the rule name and the
// parameter values it ran with, after per-site overrides), the fixes it rests
// on (Event.Evidence) and a one-line Summary. Parameters are documented on
// Params and addressable by name; sites override them through
// sitrep.Site.Params. Attrs per kind are documented in docs/detection.md.
//
// Site lookups go through SiteIndex, so the cost per position follows the
// number of sites near the fix, not the total. The package imports no
// storage, transport or command code and has no mutable package-level state.
// A Detector is not safe for concurrent use.
package detect
