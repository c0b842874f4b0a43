package ui

import (
	"sync"
	"time"
)

// autosaver saves the latest version of something shortly after it changes,
// off the UI goroutine, one save at a time and in order. The first change
// starts the clock, so a save happens at most delay after any change even
// while the user keeps typing. A version whose save failed is kept until a
// newer one replaces it or a save of it succeeds: it is tried again by
// itself, after a pause that doubles up to maxRetryDelay (another program
// holding the database, a full disk freed), and by flush.
type autosaver[T any] struct {
	delay time.Duration
	save  func(T) error  // runs on a background goroutine
	done  func(T, error) // runs on the saver's goroutine after each save

	mu      sync.Mutex
	pending *T
	failed  *T    // the latest version, whose save failed
	err     error // why it failed
	timer   *time.Timer
	saving  bool
	idle    *sync.Cond
	retries int // failed saves in a row

	// retryable says whether a failed save is worth trying again by itself
	// (a busy database is; a conflict is not: the user chooses). nil: all.
	retryable func(error) bool
}

// maxRetryDelay is the longest pause before a failed save is tried again.
const maxRetryDelay = 30 * time.Second

func newAutosaver[T any](delay time.Duration, save func(T) error, done func(T, error)) *autosaver[T] {
	a := &autosaver[T]{delay: delay, save: save, done: done}
	a.idle = sync.NewCond(&a.mu)
	return a
}

// unsaved reports whether a version is waiting, being saved or failed to
// save: the store does not hold the latest yet.
func (a *autosaver[T]) unsaved() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.pending != nil || a.saving || a.failed != nil
}

// changed records v as the latest version to save.
func (a *autosaver[T]) changed(v T) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pending = &v
	a.failed, a.err = nil, nil // v holds everything the failed version held
	if a.timer == nil && !a.saving {
		a.timer = time.AfterFunc(a.delay, a.run)
	}
}

// run saves pending versions until there are none.
func (a *autosaver[T]) run() {
	a.mu.Lock()
	a.timer = nil
	if a.saving {
		a.mu.Unlock()
		return
	}
	a.saving = true
	for a.pending != nil {
		v := *a.pending
		a.pending = nil
		a.mu.Unlock()
		err := a.save(v)
		a.mu.Lock()
		switch {
		case err == nil:
			a.failed, a.err, a.retries = nil, nil, 0
		case a.pending == nil:
			a.failed, a.err = &v, err
			a.retries++
			if a.timer == nil && (a.retryable == nil || a.retryable(err)) {
				a.timer = time.AfterFunc(a.retryDelay(), a.retry)
			}
		}
		a.mu.Unlock()
		if a.done != nil {
			a.done(v, err)
		}
		a.mu.Lock()
	}
	a.saving = false
	a.idle.Broadcast()
	a.mu.Unlock()
}

// retryDelay is the pause before the next try: delay, doubled for every
// failure in a row, at most maxRetryDelay.
func (a *autosaver[T]) retryDelay() time.Duration {
	d := a.delay
	for i := 1; i < a.retries && d < maxRetryDelay; i++ {
		d *= 2
	}
	return min(d, maxRetryDelay)
}

// retry tries the failed version again, unless a newer one came meanwhile.
func (a *autosaver[T]) retry() {
	a.mu.Lock()
	a.timer = nil
	if a.pending == nil && a.failed != nil && !a.saving {
		a.pending, a.failed = a.failed, nil
	}
	a.mu.Unlock()
	a.run()
}

// flush saves what is pending now, tries again a version whose save failed,
// and waits until every save has finished. It returns the error of the
// latest version's save when that failed: the version is then not saved.
func (a *autosaver[T]) flush() error {
	a.mu.Lock()
	if a.timer != nil {
		a.timer.Stop()
		a.timer = nil
	}
	if a.pending == nil && a.failed != nil {
		a.pending, a.failed, a.err = a.failed, nil, nil
	}
	if a.pending != nil && !a.saving {
		a.mu.Unlock()
		a.run()
		a.mu.Lock()
	}
	for a.saving || a.pending != nil {
		a.idle.Wait()
	}
	err := a.err
	a.mu.Unlock()
	return err
}
