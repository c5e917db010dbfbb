package sitrep

import (
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Code classifies a domain error so that transports can map it to a status
// in one place (for HTTP: ENOTFOUND 404, EINVALID 400, ECONFLICT 409,
// EUNAUTHORIZED 401, EFORBIDDEN 403, EINTERNAL 500).
type Code string

// Error codes. The empty Code means "not classified here"; see ErrorCode.
const (
	ENOTFOUND     Code = "not_found"    // the named thing does not exist
	EINVALID      Code = "invalid"      // the caller's input is malformed or out of range
	ECONFLICT     Code = "conflict"     // the request contradicts current state
	EUNAUTHORIZED Code = "unauthorized" // the caller is not authenticated
	EFORBIDDEN    Code = "forbidden"    // the caller may not do this
	EINTERNAL     Code = "internal"     // a fault of ours; details stay in logs
)

// Error is a domain error. Code and Message are for the caller (Message is
// safe to show to a user); Op names where it happened ("sqlite.FindVessel")
// and Err is the underlying cause, for logs. An Error with only Op and Err
// annotates a cause without classifying it.
type Error struct {
	Code    Code
	Message string
	Op      string
	Err     error
}

// Errorf returns an *Error with code and a formatted user-facing message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Error formats e as "op: <code> message: cause", leaving out parts that are
// empty.
func (e *Error) Error() string {
	var head []string
	if e.Code != "" {
		head = append(head, "<"+string(e.Code)+">")
	}
	if e.Message != "" {
		head = append(head, e.Message)
	}
	var parts []string
	if e.Op != "" {
		parts = append(parts, e.Op)
	}
	if len(head) > 0 {
		parts = append(parts, strings.Join(head, " "))
	}
	if e.Err != nil {
		parts = append(parts, e.Err.Error())
	}
	return strings.Join(parts, ": ")
}

// Unwrap returns the cause, so errors.Is and errors.As see through e.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the code of the outermost *Error in err's chain that has
// one. It returns "" for a nil err and EINTERNAL for an error that no *Error
// classifies.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	for e := range domainErrors(err) {
		if e.Code != "" {
			return e.Code
		}
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the outermost *Error in err's chain
// that has one. It returns "" for a nil err and "Internal error." for any
// other error, so that unclassified causes never leak to users.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	for e := range domainErrors(err) {
		if e.Message != "" {
			return e.Message
		}
	}
	return "Internal error."
}

// domainErrors yields the *Error values in err's chain, outermost first,
// following Unwrap() error and Unwrap() []error depth first.
func domainErrors(err error) iter.Seq[*Error] {
	return func(yield func(*Error) bool) {
		var walk func(error) bool
		walk = func(err error) bool {
			for err != nil {
				if e, ok := err.(*Error); ok && !yield(e) {
					return false
				}
				switch u := err.(type) {
				case interface{ Unwrap() []error }:
					for _, c := range u.Unwrap() {
						if !walk(c) {
							return false
						}
					}
					return true
				default:
					err = errors.Unwrap(err)
				}
			}
			return true
		}
		walk(err)
	}
}
