package ais

import "encoding/json"

// Opt is a value that AIS may report as "not available". The zero Opt is
// absent. Opt marshals to JSON as its value; use the `omitzero` tag option to
// leave absent values out.
type Opt[T any] struct {
	V  T    // the value; meaningful only when OK
	OK bool // the value is available
}

// Some returns an available value.
func Some[T any](v T) Opt[T] { return Opt[T]{V: v, OK: true} }

// Get returns the value and whether it is available.
func (o Opt[T]) Get() (T, bool) { return o.V, o.OK }

// IsZero reports whether the value is absent (used by encoding/json's omitzero).
func (o Opt[T]) IsZero() bool { return !o.OK }

// MarshalJSON encodes the value, or null when absent.
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if !o.OK {
		return []byte("null"), nil
	}
	return json.Marshal(o.V)
}

// UnmarshalJSON decodes a value; null leaves it absent.
func (o *Opt[T]) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*o = Opt[T]{}
		return nil
	}
	o.OK = true
	return json.Unmarshal(b, &o.V)
}
