// Package storetest is the contract suite of sitrep.Store: every store
// implementation (sqlite, postgres, ...) runs Run from its tests and must
// pass it unchanged.
//
// All data in the suite is SIMULATED: made-up vessels (MMSIs, names, call
// signs, IMO numbers with or without valid check digits) at made-up
// positions. Values are chosen at the resolution the domain promises to
// keep: times to the millisecond, positions to 1/10000 minute
// (1/600000 degree), SOG and COG to a tenth, heading to the degree.
package storetest
