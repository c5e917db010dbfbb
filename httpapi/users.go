package httpapi

import (
	"fmt"
	"net/http"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/auth"
)

// principal returns the caller that auth.Require put in the context (the
// zero Principal on open routes).
func principal(r *http.Request) auth.Principal {
	p, _ := auth.FromContext(r.Context())
	return p
}

// audit appends an audit entry for a successful write by the caller. A
// failure to record it is logged; the write itself has happened.
func (s *server) audit(r *http.Request, action, object, detail string) {
	s.auditAs(r, principal(r), action, object, detail)
}

func (s *server) auditAs(r *http.Request, p auth.Principal, action, object, detail string) {
	if err := s.auth.Audit(r.Context(), p, action, object, clip(detail)); err != nil {
		s.log.ErrorContext(r.Context(), "audit entry not written", "action", action, "object", object, "err", err)
	}
}

// whoami is the body of login and /api/me.
type whoami struct {
	User string      `json:"user"`
	Role sitrep.Role `json:"role"`
	CSRF string      `json:"csrf,omitempty"`
}

// login answers POST /api/login {"name","password"}: sets the session
// cookie and returns the CSRF token the UI sends with every write.
func (s *server) login(w http.ResponseWriter, r *http.Request) error {
	var b struct {
		Name     string `json:"name"`
		Password string `json:"password"`
	}
	if err := decode(r, &b); err != nil {
		return err
	}
	cookie, p, err := s.auth.Login(r.Context(), b.Name, b.Password, auth.RemoteHost(r))
	if err != nil {
		return err
	}
	cookie.Secure = cookie.Secure || r.TLS != nil // over TLS the cookie never travels in clear
	http.SetCookie(w, cookie)
	s.auditAs(r, p, "user.login", p.User, "")
	writeJSON(w, http.StatusOK, whoami{User: p.User, Role: p.Role, CSRF: p.CSRF})
	return nil
}

// logout answers POST /api/logout: ends the session and clears the cookie.
func (s *server) logout(w http.ResponseWriter, r *http.Request) error {
	cookie, err := s.auth.Logout(r.Context(), r)
	if err != nil {
		return err
	}
	cookie.Secure = cookie.Secure || r.TLS != nil
	http.SetCookie(w, cookie)
	s.audit(r, "user.logout", principal(r).User, "")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// me answers GET /api/me: who the caller is; an anonymous viewer when
// anonymous reading is on, else 401.
func (s *server) me(w http.ResponseWriter, r *http.Request) error {
	p, err := s.auth.Authenticate(r)
	if err != nil {
		return err
	}
	out := whoami{User: p.User, Role: p.Role}
	if p.Session {
		out.CSRF = p.CSRF
	}
	if out.Role == "" {
		out.Role = sitrep.RoleViewer
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// users answers GET /api/users (admin).
func (s *server) users(w http.ResponseWriter, r *http.Request) error {
	us, err := s.store.Users(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, items(us))
	return nil
}

// createUser answers POST /api/users {"name","password","role"} (admin):
// 201 with the user.
func (s *server) createUser(w http.ResponseWriter, r *http.Request) error {
	var b struct {
		Name     string      `json:"name"`
		Password string      `json:"password"`
		Role     sitrep.Role `json:"role"`
	}
	if err := decode(r, &b); err != nil {
		return err
	}
	u, err := s.auth.CreateUser(r.Context(), b.Name, b.Password, b.Role)
	if err != nil {
		return err
	}
	s.audit(r, "user.create", u.Name, "role "+string(u.Role))
	writeJSON(w, http.StatusCreated, u)
	return nil
}

// putUser answers PUT /api/users/{name} {"role"?,"disabled"?,"password"?}
// (admin): changes what the body gives.
func (s *server) putUser(w http.ResponseWriter, r *http.Request) error {
	var b struct {
		Role     *sitrep.Role `json:"role"`
		Disabled *bool        `json:"disabled"`
		Password *string      `json:"password"`
	}
	if err := decode(r, &b); err != nil {
		return err
	}
	name := r.PathValue("name")
	u, err := s.auth.SetUser(r.Context(), name, auth.UserChange{Role: b.Role, Disabled: b.Disabled, Password: b.Password})
	if err != nil {
		return notFound(err, "user %q not found", clip(name))
	}
	detail := ""
	if b.Role != nil {
		detail += "role " + string(*b.Role) + "; "
	}
	if b.Disabled != nil {
		detail += fmt.Sprintf("disabled %t; ", *b.Disabled)
	}
	if b.Password != nil {
		detail += "password changed; "
	}
	s.audit(r, "user.update", u.Name, detail)
	writeJSON(w, http.StatusOK, u)
	return nil
}

// tokens answers GET /api/tokens?user= (admin).
func (s *server) tokens(w http.ResponseWriter, r *http.Request) error {
	user, err := param(r.URL.Query(), "user")
	if err != nil {
		return err
	}
	ts, err := s.store.Tokens(r.Context(), user)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, items(ts))
	return nil
}

// newToken is the body of POST /api/tokens' answer: the secret is shown
// this once.
type newToken struct {
	Token  sitrep.Token `json:"token"`
	Secret string       `json:"secret"`
}

// createToken answers POST /api/tokens {"user","name","role","expires"}
// (admin): 201 with the token and its secret.
func (s *server) createToken(w http.ResponseWriter, r *http.Request) error {
	var b struct {
		User    string      `json:"user"`
		Name    string      `json:"name"`
		Role    sitrep.Role `json:"role"`
		Expires time.Time   `json:"expires"`
	}
	if err := decode(r, &b); err != nil {
		return err
	}
	secret, t, err := s.auth.CreateToken(r.Context(), b.User, b.Name, b.Role, b.Expires)
	if err != nil {
		return err
	}
	s.audit(r, "token.create", t.ID, fmt.Sprintf("for %s, role %s, %q", t.User, t.Role, t.Name))
	writeJSON(w, http.StatusCreated, newToken{Token: t, Secret: secret})
	return nil
}

// deleteToken answers DELETE /api/tokens/{id} (admin): revokes it; 204.
func (s *server) deleteToken(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := s.auth.RevokeToken(r.Context(), id); err != nil {
		return notFound(err, "token %q not found", clip(id))
	}
	s.audit(r, "token.revoke", id, "")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// auditLog answers GET /api/audit?actor=&action=&from=&to=&limit= (admin),
// newest first, paged.
func (s *server) auditLog(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	p := q.page()
	f := sitrep.AuditFilter{Actor: q.str("actor"), Action: q.str("action"), Range: q.timeRange()}
	if q.err != nil {
		return q.err
	}
	f.Limit = p.fetch()
	es, err := s.store.Audit(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, cut(p, es))
	return nil
}
