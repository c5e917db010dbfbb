-- 0011: detected events (package detect), explainable: rule, evidence and
-- attributes are kept as JSON beside the columns queries select on.

CREATE TABLE events (
	id           TEXT PRIMARY KEY,
	kind         TEXT NOT NULL,
	mmsi         INTEGER NOT NULL,
	other        INTEGER NOT NULL DEFAULT 0, -- second vessel of an encounter
	site_id      TEXT NOT NULL DEFAULT '',
	start_ms     INTEGER NOT NULL,           -- Unix ms
	end_ms       INTEGER,                    -- Unix ms; NULL while open
	start_bounds TEXT,                       -- JSON sitrep.TimeRange or NULL
	end_bounds   TEXT,
	lat          REAL NOT NULL,
	lon          REAL NOT NULL,
	summary      TEXT NOT NULL,
	attrs        TEXT NOT NULL,              -- JSON object of strings
	rule         TEXT NOT NULL,              -- JSON sitrep.Rule
	evidence     TEXT NOT NULL               -- JSON array of sitrep.EventFix
);

CREATE INDEX events_mmsi_start ON events (mmsi, start_ms);
CREATE INDEX events_other_start ON events (other, start_ms) WHERE other != 0;
CREATE INDEX events_site_start ON events (site_id, start_ms);
CREATE INDEX events_kind_start ON events (kind, start_ms);
CREATE INDEX events_start ON events (start_ms);
CREATE INDEX events_lat_lon ON events (lat, lon);
