-- 0020: analysts' sources (with reliability history), versioned reports and
-- entities without transponders. Named report_sources: "sources" holds AIS
-- receivers.

CREATE TABLE report_sources (
	id          TEXT PRIMARY KEY,
	doc         TEXT NOT NULL, -- sitrep.Source as JSON
	reliability TEXT NOT NULL
);

-- Every grade a source has had, oldest first.
CREATE TABLE report_source_grades (
	source_id TEXT NOT NULL REFERENCES report_sources (id),
	seq       INTEGER NOT NULL,
	from_g    TEXT NOT NULL, -- '' for the first grade
	to_g      TEXT NOT NULL,
	at        INTEGER NOT NULL, -- Unix ms
	by        TEXT NOT NULL,
	why       TEXT NOT NULL,
	PRIMARY KEY (source_id, seq)
) WITHOUT ROWID;

-- Every version of every report; versions are never changed or deleted.
CREATE TABLE report_versions (
	id      TEXT NOT NULL,
	version INTEGER NOT NULL,
	edited  INTEGER NOT NULL, -- Unix ms
	doc     TEXT NOT NULL,    -- sitrep.Report as JSON
	PRIMARY KEY (id, version)
) WITHOUT ROWID;

-- The latest version of each report, with what Reports filters on: the
-- source and the claims' widened time span (Unix ms).
CREATE TABLE reports (
	id        TEXT PRIMARY KEY,
	version   INTEGER NOT NULL,
	source_id TEXT NOT NULL REFERENCES report_sources (id),
	t_from    INTEGER NOT NULL,
	t_to      INTEGER NOT NULL,
	FOREIGN KEY (id, version) REFERENCES report_versions (id, version)
);
CREATE INDEX reports_source ON reports (source_id);
CREATE INDEX reports_span ON reports (t_from, t_to);

-- What the latest version of each report names: kind is 'site', 'entity',
-- 'mmsi' or 'imo'.
CREATE TABLE report_refs (
	kind      TEXT NOT NULL,
	ref       TEXT NOT NULL,
	report_id TEXT NOT NULL REFERENCES reports (id),
	PRIMARY KEY (kind, ref, report_id)
) WITHOUT ROWID;

CREATE TABLE entities (
	id  TEXT PRIMARY KEY,
	doc TEXT NOT NULL -- sitrep.Entity as JSON
);
