package sitrep

import (
	"errors"
	"fmt"
	"io"
	"testing"
)

func TestErrorString(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Code: ENOTFOUND, Message: "vessel 232001000 not found"}, "<not_found> vessel 232001000 not found"},
		{&Error{Op: "sqlite.FindVessel", Err: io.EOF}, "sqlite.FindVessel: EOF"},
		{&Error{Op: "http.getVessel", Code: EINVALID, Message: "bad MMSI", Err: io.EOF}, "http.getVessel: <invalid> bad MMSI: EOF"},
		{&Error{Code: EINTERNAL}, "<internal>"},
		{&Error{Message: "just text"}, "just text"},
		{&Error{}, ""},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%#v.Error() = %q; want %q", tt.err, got, tt.want)
		}
	}
}

func TestErrorCodeAndMessage(t *testing.T) {
	notFound := Errorf(ENOTFOUND, "vessel %s not found", MMSI(232001000))
	tests := []struct {
		name string
		err  error
		code Code
		msg  string
	}{
		{"nil", nil, "", ""},
		{"plain", errors.New("disk on fire"), EINTERNAL, "Internal error."},
		{"domain", notFound, ENOTFOUND, "vessel 232001000 not found"},
		{"wrapped by fmt", fmt.Errorf("lookup: %w", notFound), ENOTFOUND, "vessel 232001000 not found"},
		{"annotated by Op", &Error{Op: "store.Vessel", Err: notFound}, ENOTFOUND, "vessel 232001000 not found"},
		{"outer code wins", &Error{Code: EFORBIDDEN, Message: "not yours", Err: notFound}, EFORBIDDEN, "not yours"},
		{"code without message", &Error{Code: ECONFLICT, Err: notFound}, ECONFLICT, "vessel 232001000 not found"},
		{"op over plain", &Error{Op: "store.Vessel", Err: io.EOF}, EINTERNAL, "Internal error."},
		{"joined", errors.Join(io.EOF, Errorf(EUNAUTHORIZED, "log in")), EUNAUTHORIZED, "log in"},
		{"joined, wrapped", fmt.Errorf("x: %w", errors.Join(io.EOF, fmt.Errorf("y: %w", notFound))), ENOTFOUND, "vessel 232001000 not found"},
	}
	for _, tt := range tests {
		if got := ErrorCode(tt.err); got != tt.code {
			t.Errorf("%s: ErrorCode = %q; want %q", tt.name, got, tt.code)
		}
		if got := ErrorMessage(tt.err); got != tt.msg {
			t.Errorf("%s: ErrorMessage = %q; want %q", tt.name, got, tt.msg)
		}
	}
}

func TestErrorUnwrap(t *testing.T) {
	err := fmt.Errorf("outer: %w", &Error{Op: "feed.Read", Err: io.ErrUnexpectedEOF})
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("errors.Is(%v, io.ErrUnexpectedEOF) = false", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Op != "feed.Read" {
		t.Errorf("errors.As found %+v", e)
	}
}
