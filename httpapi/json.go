package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/sitrep-osint/sitrep"
)

// jsonDecoder returns a decoder for a request body.
func jsonDecoder(r io.Reader) *json.Decoder { return json.NewDecoder(r) }

// jsonError describes a JSON decoding error with where it happened.
func jsonError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return "empty (want a JSON object)"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "ends in the middle of a JSON value"
	case errors.As(err, &se):
		return fmt.Sprintf("invalid JSON at byte %d: %s", se.Offset, se.Error())
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "(top level)"
		}
		return fmt.Sprintf("field %s: want %s, got JSON %s (byte %d)", field, te.Type, te.Value, te.Offset)
	}
	if sitrep.ErrorCode(err) == sitrep.EINVALID { // a field's UnmarshalText
		return sitrep.ErrorMessage(err)
	}
	return clip(err.Error())
}
