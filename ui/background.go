package ui

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// The UI goroutine only draws. Work that reads the store or files runs off
// it with a loader, and comes back through u.do (fyne.Do); a result that a
// newer run has overtaken is dropped. A debouncer runs work once typing
// pauses.

// background runs work off the UI goroutine and then what it returns, when
// not nil, on the UI goroutine. Every piece of work off the UI goroutine
// goes through it, so the window knows how much is under way (tests wait
// for it).
func (u *UI) background(work func() (apply func())) {
	u.pending.Add(1)
	go func() {
		apply := work()
		u.do(func() {
			defer u.pending.Add(-1)
			if apply != nil {
				apply()
			}
		})
	}()
}

// act changes the store off the UI goroutine with work, then runs done on
// it, or says what went wrong.
func (u *UI) act(work func(ctx context.Context) error, done func()) {
	u.background(func() func() {
		err := work(u.ctx)
		return func() {
			if err != nil {
				u.showError(err)
				return
			}
			if done != nil {
				done()
			}
		}
	})
}

// loader runs loads one after the other and applies only the newest.
type loader struct {
	gen    atomic.Int64
	mu     sync.Mutex
	cancel context.CancelFunc // of the run under way
}

// run loads off the UI goroutine and applies on it, unless run was called
// again meanwhile: then the older load's context is cancelled and its
// result dropped.
func (l *loader) run(u *UI, load func(ctx context.Context) (apply func())) {
	gen := l.gen.Add(1)
	ctx, cancel := context.WithCancel(u.ctx)
	l.mu.Lock()
	if l.cancel != nil {
		l.cancel()
	}
	l.cancel = cancel
	l.mu.Unlock()
	u.background(func() func() {
		apply := load(ctx)
		return func() {
			defer cancel()
			if gen != l.gen.Load() || apply == nil {
				return // stale: a newer load is on its way
			}
			apply()
		}
	})
}

// stop drops the run under way.
func (l *loader) stop() {
	l.gen.Add(1)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cancel != nil {
		l.cancel()
	}
}

// debouncer calls its function once, delay after the last trigger.
type debouncer struct {
	delay time.Duration
	mu    sync.Mutex
	timer *time.Timer
}

// trigger (re)starts the pause; f runs on a timer goroutine when it ends.
func (d *debouncer) trigger(f func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(d.delay, f)
}

// stop cancels a pending call.
func (d *debouncer) stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
}
