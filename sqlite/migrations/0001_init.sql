-- 0001: positions as chunks, source dictionary, vessels, identity history.

-- Receivers and feeds; a chunk point's Source is an id from here (0: none).
CREATE TABLE sources (
	id      INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 65535),
	feed    TEXT NOT NULL,
	station TEXT NOT NULL,
	UNIQUE (feed, station)
);

-- One row per vessel and time span: a chunk (package chunk) of positions in
-- time order, plus recv, the receipt latencies of their first sources.
-- Chunks written by AddPositions are "unboxed" (boxed = 0): area queries
-- find them through chunks_unboxed and their box columns. Compact rewrites
-- them as boxed chunks, indexed by chunk_boxes instead (an R*Tree insert
-- per row would halve the ingest rate).
CREATE TABLE chunks (
	id      INTEGER PRIMARY KEY,
	mmsi    INTEGER NOT NULL,
	t_min   INTEGER NOT NULL, -- Unix ms of the first point
	t_max   INTEGER NOT NULL, -- Unix ms of the last point
	n       INTEGER NOT NULL,
	boxed   INTEGER NOT NULL, -- 1 when chunk_boxes has the chunk's box
	lat_min INTEGER,          -- the box of an unboxed chunk, chunk.Point units
	lat_max INTEGER,
	lon_min INTEGER,
	lon_max INTEGER,
	data    BLOB NOT NULL,
	recv    BLOB NOT NULL
);
CREATE INDEX chunks_mmsi_t ON chunks (mmsi, t_min, t_max);
CREATE INDEX chunks_unboxed ON chunks (t_min) WHERE boxed = 0;

-- Bounding boxes of boxed chunks for area queries: time in Unix minutes
-- (rounded outward), positions in chunk.Point units (1/10000 minute).
CREATE VIRTUAL TABLE chunk_boxes USING rtree_i32 (id, t0, t1, lat0, lat1, lon0, lon1);

-- Further receipts of a stored position (the same transmission heard by more
-- receivers): the second and later Sources of a Position, and AddSources.
CREATE TABLE extra_sources (
	mmsi      INTEGER NOT NULL,
	t         INTEGER NOT NULL, -- Unix ms, the position's time
	source_id INTEGER NOT NULL REFERENCES sources (id),
	received  INTEGER NOT NULL, -- Unix ms
	PRIMARY KEY (mmsi, t, source_id, received)
) WITHOUT ROWID;

-- Current state of each vessel (sitrep.Vessel).
CREATE TABLE vessels (
	mmsi          INTEGER PRIMARY KEY,
	imo           INTEGER NOT NULL,
	name          TEXT NOT NULL,
	callsign      TEXT NOT NULL,
	ship_type     INTEGER NOT NULL,
	flag          TEXT NOT NULL,
	length        INTEGER NOT NULL,
	beam          INTEGER NOT NULL,
	class         INTEGER NOT NULL,
	destination   TEXT NOT NULL,
	dest_port     TEXT,    -- JSON of sitrep.PortRef, NULL when unresolved
	eta           INTEGER, -- Unix ms, NULL when not reported
	draught       REAL NOT NULL,
	last_position TEXT,    -- JSON of sitrep.Position, NULL when none
	first_seen    INTEGER, -- Unix ms, NULL when zero
	last_seen     INTEGER, -- Unix ms, NULL when zero
	-- search keys: lower-cased name and call sign, MMSI and IMO as text
	name_key      TEXT NOT NULL,
	callsign_key  TEXT NOT NULL,
	mmsi_key      TEXT NOT NULL,
	imo_key       TEXT NOT NULL
);
CREATE INDEX vessels_name ON vessels (name, mmsi);

CREATE TABLE identity_changes (
	id         INTEGER PRIMARY KEY,
	mmsi       INTEGER NOT NULL,
	field      TEXT NOT NULL,
	old        TEXT NOT NULL,
	new        TEXT NOT NULL,
	first_seen INTEGER NOT NULL, -- Unix ms
	last_seen  INTEGER NOT NULL  -- Unix ms
);
CREATE INDEX identity_changes_mmsi ON identity_changes (mmsi, field, first_seen);
