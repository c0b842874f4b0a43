package store

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"time"
)

// SQLite in WAL mode appends commits to the -wal file and copies them into
// the database in a checkpoint. By default the commit that makes the WAL
// pass 1,000 pages runs that checkpoint itself, and that one save then
// takes several milliseconds more than the others (it is the p99 of
// BenchmarkSaveSubmission). So after submission writes the store checkpoints
// in the background, soon enough that the WAL never reaches 1,000 pages:
// once writes pause for checkpointIdle, and at the latest every
// checkpointEvery writes, so that each checkpoint is small. A PASSIVE checkpoint waits for nobody: it
// copies what no reader still needs, and writers carry on meanwhile.
//
// This belongs to the Store as a whole; it lives here because Store is
// declared in store.go.
const (
	checkpointIdle  = 250 * time.Millisecond
	checkpointEvery = 4 // measured: 4 gives the lowest p99 of back-to-back saves; 32 halves the gain
)

type checkpointer struct {
	db      *sql.DB
	writes  atomic.Int32
	running atomic.Bool
	runs    atomic.Int64 // checkpoints done, for tests
	mu      sync.Mutex
	timer   *time.Timer
	stopped bool           // set by stop: no more checkpoints
	wg      sync.WaitGroup // the running checkpoint
}

func (s *Store) checkpointer() *checkpointer { return s.ckpt }

// wrote notes a committed write and schedules a checkpoint.
func (c *checkpointer) wrote() {
	if c.writes.Add(1) >= checkpointEvery {
		c.start()
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.timer == nil {
		c.timer = time.AfterFunc(checkpointIdle, c.start)
	} else {
		c.timer.Reset(checkpointIdle)
	}
}

// start runs a checkpoint in the background unless one is running.
func (c *checkpointer) start() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped || !c.running.CompareAndSwap(false, true) {
		return
	}
	c.writes.Store(0)
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer c.running.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		// Errors do not matter here: after a closed store this fails, and
		// SQLite's own checkpoint remains as the fallback.
		c.db.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
		c.runs.Add(1)
	}()
}

// stop ends the checkpoints and waits for a running one, so that the
// database can be closed (the last connection's close checkpoints the WAL
// into the file and removes it).
func (c *checkpointer) stop() {
	c.mu.Lock()
	c.stopped = true
	if c.timer != nil {
		c.timer.Stop()
	}
	c.mu.Unlock()
	c.wg.Wait()
}
