// Package live is the in-process live side of sitrep serve: a
// goroutine-safe view of the track state for the map ([State]) and the
// fan-out of positions and events to stream subscribers ([Hub]).
//
// The pipeline is the only writer: it applies batches through
// [State.Update] and publishes each position and each new or updated event
// with [Hub.Publish]. Readers (HTTP handlers) call [State.InBox],
// [State.Vessel] and [Hub.Subscribe] from any goroutine.
//
// Neither side waits for the other for long: State readers share the track
// state's read lock, which the pipeline releases every few hundred
// positions (track.State.ObserveAll), and Publish never blocks: a
// subscriber whose buffer is full is dropped, not waited for.
package live
