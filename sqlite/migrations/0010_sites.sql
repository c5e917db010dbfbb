-- 0010: sites that analysts add, import or edit (the bundled catalogue is
-- not stored; see package sites).

-- One row per site; data is the whole sitrep.Site as JSON (shape included).
CREATE TABLE sites (
	n    INTEGER PRIMARY KEY,
	id   TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL,
	data TEXT NOT NULL
);
CREATE INDEX sites_kind ON sites (kind, id);

-- Lower-cased ID, name, aliases and LOCODE of each site, for prefix search
-- (SiteFilter.Text) by range scans on the primary key.
CREATE TABLE site_keys (
	key  TEXT NOT NULL,
	site INTEGER NOT NULL REFERENCES sites (n) ON DELETE CASCADE,
	PRIMARY KEY (key, site)
) WITHOUT ROWID;
CREATE INDEX site_keys_site ON site_keys (site);

-- The bounding box of each site's shape (id = sites.n), for SiteFilter.Area.
-- A box that crosses the antimeridian is stored with lon1 = its east edge +
-- 360, so that lon0 <= lon1 always.
CREATE VIRTUAL TABLE site_boxes USING rtree (id, lat0, lat1, lon0, lon1);
