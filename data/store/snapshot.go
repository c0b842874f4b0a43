package store

import (
	"context"
	"database/sql"
	"fmt"
)

// reader holds the store's read methods, so that a Store and a Snapshot
// have the same ones: on a Store each read is on its own (several queries
// of one read in one read transaction), in a Snapshot every read is in the
// snapshot's transaction.
type reader struct {
	rdb   *sql.DB    // the database, on a Store
	rtx   dbtx       // the snapshot's transaction, in a Snapshot
	cache *stmtCache // prepared statements
}

// q is what a reader runs its queries on.
func (r reader) q() dbtx {
	if r.rtx != nil {
		return r.rtx
	}
	return r.rdb
}

// Snapshot reads the database as it was when the snapshot began: every
// read method of Store, and all of them together see one state, whatever
// other connections and processes write meanwhile. See ReadSnapshot.
type Snapshot struct {
	reader
}

// ReadSnapshot runs fn with a Snapshot of the database: one read
// transaction, begun before fn runs, so that what fn reads is consistent,
// for example every submission an export lists and every attachment's
// bytes, even while another process removes them. Writers are not held up
// (SQLite's WAL keeps the old pages for the snapshot), but keep fn short:
// the WAL cannot be checkpointed past the snapshot while it lasts. The
// Snapshot is valid only inside fn.
func (s *Store) ReadSnapshot(ctx context.Context, fn func(r *Snapshot) error) error {
	c := s.cache
	defer c.prepareWanted(ctx, s.db)
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("read snapshot: %w", err)
	}
	defer tx.Rollback()
	ctx2 := newCachedTx(tx, c)
	// A read transaction in WAL mode takes its snapshot at its first read:
	// read now, so that the snapshot is from before fn.
	var n int64
	if err := ctx2.QueryRowContext(ctx, `SELECT n FROM edit_counter WHERE id = 1`).Scan(&n); err != nil {
		return fmt.Errorf("read snapshot: %w", err)
	}
	return fn(&Snapshot{reader{rtx: ctx2, cache: c}})
}
