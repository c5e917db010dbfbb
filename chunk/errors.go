package chunk

import (
	"errors"
	"strconv"
)

// ErrCorrupt is wrapped by every error that reports a chunk which is not a
// well-formed chunk of a supported version: bad magic, checksum mismatch,
// truncation, a value out of range, trailing bytes, or a header that does not
// match the points. Test with errors.Is; errors.As with *CorruptError gives
// the point index and what was wrong.
var ErrCorrupt = errors.New("chunk: corrupt")

// ErrVersion is returned (wrapped) for a chunk with a valid magic byte but a
// format version this package does not read.
var ErrVersion = errors.New("chunk: unsupported format version")

// ErrOutOfOrder is returned (wrapped) by Encoder.Append for a point older than
// the previous one. The encoder is unchanged by the failed call.
var ErrOutOfOrder = errors.New("chunk: point out of time order")

// ErrFull is returned by Encoder.Append when the chunk already holds MaxPoints
// points. The encoder is unchanged by the failed call.
var ErrFull = errors.New("chunk: chunk full")

// CorruptError describes a corrupt chunk. It wraps ErrCorrupt.
type CorruptError struct {
	// Index is the index of the point being decoded when the problem was
	// found, or -1 when it concerns the chunk header or the whole chunk.
	Index int
	// What says what was wrong.
	What string
}

// Error implements error.
func (e *CorruptError) Error() string {
	if e.Index < 0 {
		return ErrCorrupt.Error() + ": " + e.What
	}
	return ErrCorrupt.Error() + ": point " + strconv.Itoa(e.Index) + ": " + e.What
}

// Unwrap returns ErrCorrupt.
func (e *CorruptError) Unwrap() error { return ErrCorrupt }

// corrupt returns a *CorruptError; index -1 means the header or whole chunk.
func corrupt(index int, what string) error { return &CorruptError{Index: index, What: what} }
