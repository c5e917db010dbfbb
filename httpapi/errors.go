package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/sitrep-osint/sitrep"
)

// ETOOLARGE is the code of a request body over the size limit (413). It is
// not a domain code: only the transport limits bodies.
const ETOOLARGE sitrep.Code = "too_large"

// statusOf is the one place that maps error codes to HTTP statuses.
func statusOf(c sitrep.Code) int {
	switch c {
	case sitrep.EINVALID:
		return http.StatusBadRequest
	case sitrep.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case sitrep.EFORBIDDEN:
		return http.StatusForbidden
	case sitrep.ENOTFOUND:
		return http.StatusNotFound
	case sitrep.ECONFLICT:
		return http.StatusConflict
	case ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// errorBody is the JSON shape of every error response.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    sitrep.Code `json:"code"`
	Message string      `json:"message"`
}

// writeError writes err as the contract's JSON error body with the status
// of its code. Internal errors get a generic message; their cause is logged.
func (s *server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := sitrep.ErrorCode(err)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		code = ETOOLARGE
		err = sitrep.Errorf(ETOOLARGE, "request body over %d bytes", mbe.Limit)
	}
	msg := sitrep.ErrorMessage(err)
	if code == sitrep.EINTERNAL {
		msg = "internal error"
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if code == sitrep.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
	}
	writeJSON(w, statusOf(code), errorBody{errorDetail{Code: code, Message: msg}})
}

// writeJSON writes v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"internal error"}}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte{'\n'})
}

// logger returns l or a logger that discards.
func logger(l *slog.Logger) *slog.Logger {
	if l != nil {
		return l
	}
	return slog.New(slog.DiscardHandler)
}
