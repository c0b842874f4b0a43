package ui

import (
	"sync"
	"time"
)

// autosaver saves the latest version of something shortly after it changes,
// off the UI goroutine, one save at a time and in order. The first change
// starts the clock, so a save happens at most delay after any change even
// while the user keeps typing.
type autosaver[T any] struct {
	delay time.Duration
	save  func(T) error  // runs on a background goroutine
	done  func(T, error) // runs on the saver's goroutine after each save

	mu      sync.Mutex
	pending *T
	timer   *time.Timer
	saving  bool
	idle    *sync.Cond
}

func newAutosaver[T any](delay time.Duration, save func(T) error, done func(T, error)) *autosaver[T] {
	a := &autosaver[T]{delay: delay, save: save, done: done}
	a.idle = sync.NewCond(&a.mu)
	return a
}

// changed records v as the latest version to save.
func (a *autosaver[T]) changed(v T) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pending = &v
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
		if a.done != nil {
			a.done(v, err)
		}
		a.mu.Lock()
	}
	a.saving = false
	a.idle.Broadcast()
	a.mu.Unlock()
}

// flush saves what is pending now and waits until every save has finished.
func (a *autosaver[T]) flush() {
	a.mu.Lock()
	if a.timer != nil {
		a.timer.Stop()
		a.timer = nil
	}
	if a.pending != nil && !a.saving {
		a.mu.Unlock()
		a.run()
		a.mu.Lock()
	}
	for a.saving || a.pending != nil {
		a.idle.Wait()
	}
	a.mu.Unlock()
}
