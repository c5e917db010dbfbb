// Package auth decides who is calling and what they may do: password
// hashing (argon2id), API tokens, browser sessions with CSRF tokens, a
// per-address login rate limiter, role checks as HTTP middleware, and
// the audit log. It keeps its state in a sitrep.UserStore and knows
// nothing of any particular store or of the API's routes.
//
// Secrets (passwords, token secrets, session cookies, CSRF tokens) are
// never logged and never stored: the store keeps an argon2id hash of a
// password and the SHA-256 digest of a token or session secret.
//
// See docs/security.md for the policy as a whole.
package auth
