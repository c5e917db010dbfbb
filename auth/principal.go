package auth

import (
	"context"

	"github.com/sitrep-osint/sitrep"
)

// Principal is who is making a request, as Authenticate found it.
//
// An anonymous reader (no credentials, anonymous reading on) has User ""
// and Role viewer. TokenID is set for API tokens; Session and CSRF for a
// browser session (CSRF is the token the UI must echo on writes). Role is
// the effective role: for a token, the lower of the token's and its
// user's. Remote is the client address (host, without port).
type Principal struct {
	User    string      `json:"user"`
	Role    sitrep.Role `json:"role"`
	TokenID string      `json:"token,omitempty"`
	Session bool        `json:"session,omitempty"`
	CSRF    string      `json:"-"`
	Remote  string      `json:"remote,omitempty"`
}

// Anonymous reports whether p carries no credentials.
func (p Principal) Anonymous() bool { return p.User == "" }

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the Principal that Require (or WithPrincipal) put
// in ctx, and whether there was one.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}
