package sqlite

import (
	"context"
	"database/sql"
	"sync"

	"github.com/sitrep-osint/sitrep"
)

// maxSources is the number of ids chunk.Point.Source can hold (0 means no
// source).
const maxSources = 1<<16 - 1

// sourceKey names a receiver: a feed and a station within it.
type sourceKey struct{ feed, station string }

// sourceDict caches the sources table: (feed, station) <-> id. Readers take
// mu.RLock; the writer (under Store.wmu) adds ids with add only after the
// transaction inserting them has committed.
type sourceDict struct {
	mu    sync.RWMutex
	ids   map[sourceKey]uint16
	names []sourceKey // names[id]; names[0] is unused
}

// loadSources reads the whole sources table.
func loadSources(ctx context.Context, db *sql.DB) (*sourceDict, error) {
	d := &sourceDict{ids: map[sourceKey]uint16{}, names: make([]sourceKey, 1)}
	rows, err := db.QueryContext(ctx, "SELECT id, feed, station FROM sources ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		var k sourceKey
		if err := rows.Scan(&id, &k.feed, &k.station); err != nil {
			return nil, err
		}
		d.set(uint16(id), k)
	}
	return d, rows.Err()
}

// set records id for k.
func (d *sourceDict) set(id uint16, k sourceKey) {
	for len(d.names) <= int(id) {
		d.names = append(d.names, sourceKey{})
	}
	d.names[id] = k
	d.ids[k] = id
}

// lookup returns the id of k and whether it has one.
func (d *sourceDict) lookup(k sourceKey) (uint16, bool) {
	d.mu.RLock()
	id, ok := d.ids[k]
	d.mu.RUnlock()
	return id, ok
}

// snapshot returns the names known now, indexed by id. Ids are only ever
// appended (see pending.commit), so the result stays valid and unchanged.
func (d *sourceDict) snapshot() sourceNames {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.names
}

// sourceNames maps ids to receivers.
type sourceNames []sourceKey

// provenance returns the feed and station of id (empty for an unknown id).
func (n sourceNames) provenance(id uint16) sitrep.Provenance {
	if int(id) < len(n) {
		return sitrep.Provenance{Feed: n[id].feed, Station: n[id].station}
	}
	return sitrep.Provenance{}
}

// pending assigns ids to receivers not yet in the dictionary within one
// write transaction; commit publishes them once the transaction commits.
// Its zero value is ready; it is used under Store.wmu.
type pending struct {
	d    *sourceDict
	next int
	ids  map[sourceKey]uint16
}

// id returns the id of k, inserting a new row through tx when k is new.
//
// Errors: ECONFLICT when the dictionary is full (65535 receivers); the
// cause of a failed insert.
func (p *pending) id(ctx context.Context, tx *sql.Tx, k sourceKey) (uint16, error) {
	if id, ok := p.d.lookup(k); ok {
		return id, nil
	}
	if id, ok := p.ids[k]; ok {
		return id, nil
	}
	if p.ids == nil {
		p.ids = map[sourceKey]uint16{}
		p.d.mu.RLock()
		p.next = len(p.d.names)
		p.d.mu.RUnlock()
	}
	if p.next > maxSources {
		return 0, sitrep.Errorf(sitrep.ECONFLICT, "source dictionary full: cannot add feed %q station %q", k.feed, k.station)
	}
	id := uint16(p.next)
	if _, err := tx.ExecContext(ctx, "INSERT INTO sources (id, feed, station) VALUES (?, ?, ?)", id, k.feed, k.station); err != nil {
		return 0, err
	}
	p.next++
	p.ids[k] = id
	return id, nil
}

// commit publishes the ids assigned since the transaction began, in
// increasing order, so that each is appended to names.
func (p *pending) commit() {
	if len(p.ids) == 0 {
		return
	}
	keys := make([]sourceKey, len(p.ids))
	first := p.next - len(p.ids)
	for k, id := range p.ids {
		keys[int(id)-first] = k
	}
	p.d.mu.Lock()
	for i, k := range keys {
		p.d.set(uint16(first+i), k)
	}
	p.d.mu.Unlock()
}
