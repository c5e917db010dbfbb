-- 0030: users, API tokens, browser sessions and the audit log (package
-- auth). Secrets are never stored: tokens and sessions keep only the
-- SHA-256 digest of their secret. Times are Unix ms.

CREATE TABLE users (
	name          TEXT PRIMARY KEY,
	role          TEXT NOT NULL,
	password_hash TEXT NOT NULL, -- auth's encoded argon2id hash; '' = no password login
	disabled      INTEGER NOT NULL DEFAULT 0,
	created       INTEGER NOT NULL
);

CREATE TABLE tokens (
	id        TEXT PRIMARY KEY,
	user      TEXT NOT NULL REFERENCES users (name),
	name      TEXT NOT NULL,
	role      TEXT NOT NULL,
	hash      BLOB NOT NULL,
	created   INTEGER NOT NULL,
	expires   INTEGER,          -- NULL: never
	last_used INTEGER           -- NULL: never used
);
CREATE UNIQUE INDEX tokens_hash ON tokens (hash);
CREATE INDEX tokens_user ON tokens (user);

CREATE TABLE sessions (
	hash    BLOB PRIMARY KEY,
	user    TEXT NOT NULL REFERENCES users (name),
	csrf    TEXT NOT NULL,
	created INTEGER NOT NULL,
	expires INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_expires ON sessions (expires);

-- Append-only; AUTOINCREMENT so that IDs are never reused.
CREATE TABLE audit (
	id     INTEGER PRIMARY KEY AUTOINCREMENT,
	time   INTEGER NOT NULL,
	actor  TEXT NOT NULL,
	token  TEXT NOT NULL,
	role   TEXT NOT NULL,
	action TEXT NOT NULL,
	object TEXT NOT NULL,
	detail TEXT NOT NULL,
	remote TEXT NOT NULL
);
CREATE INDEX audit_time ON audit (time);
CREATE INDEX audit_actor ON audit (actor, time);
