-- 0002: the head log. AddPositions appends each batch here (one row, see
-- head.go for the format) and keeps it in memory per vessel; a flush writes
-- the vessels' chunks and empties this table in one transaction. After a
-- crash, Open reads it back.
CREATE TABLE head_log (
	id   INTEGER PRIMARY KEY,
	data BLOB NOT NULL
);
