package ui

import (
	"errors"
	"sync"
	"testing"
	"time"
)

// TestAutosaverKeepsAFailedVersionForFlush: a version whose save failed is
// not dropped: flush tries it again and says whether that worked.
func TestAutosaverKeepsAFailedVersionForFlush(t *testing.T) {
	var mu sync.Mutex
	full := true // the disk
	var saved []string
	a := newAutosaver(time.Millisecond, func(s string) error {
		mu.Lock()
		defer mu.Unlock()
		if full {
			return errors.New("disk full")
		}
		saved = append(saved, s)
		return nil
	}, nil)
	a.changed("typed")
	if err := a.flush(); err == nil {
		t.Fatal("flush on a full disk returned no error")
	}
	if err := a.flush(); err == nil {
		t.Error("second flush on a full disk returned no error")
	}
	mu.Lock()
	full = false
	mu.Unlock()
	if err := a.flush(); err != nil {
		t.Fatalf("flush after the disk got room: %v", err)
	}
	if len(saved) != 1 || saved[0] != "typed" {
		t.Errorf("saved %q, want the version whose save failed", saved)
	}
	if err := a.flush(); err != nil || len(saved) != 1 {
		t.Errorf("flush with nothing pending: %v, saved %q", err, saved)
	}
}

// TestAutosaverNewerVersionReplacesAFailedOne: after a failed save the next
// change is the one saved; the failed one is not written over it later.
func TestAutosaverNewerVersionReplacesAFailedOne(t *testing.T) {
	fail := true
	var saved []string
	a := newAutosaver(time.Hour, func(s string) error {
		if fail {
			return errors.New("disk full")
		}
		saved = append(saved, s)
		return nil
	}, nil)
	a.changed("v1")
	a.flush()
	fail = false
	a.changed("v2")
	if err := a.flush(); err != nil {
		t.Fatal(err)
	}
	if len(saved) != 1 || saved[0] != "v2" {
		t.Errorf("saved %q, want only v2", saved)
	}
}

// TestAutosaverTriesAFailedSaveAgainByItself: a save that fails because
// another program holds the database is tried again without anyone asking.
func TestAutosaverTriesAFailedSaveAgainByItself(t *testing.T) {
	var mu sync.Mutex
	fails := 3
	var saved []string
	a := newAutosaver(time.Millisecond, func(s string) error {
		mu.Lock()
		defer mu.Unlock()
		if fails > 0 {
			fails--
			return errors.New("database is locked")
		}
		saved = append(saved, s)
		return nil
	}, nil)
	a.changed("typed")
	waitFor(t, "the retried save", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(saved) == 1 && saved[0] == "typed"
	})
	if err := a.flush(); err != nil {
		t.Errorf("flush after the retries succeeded: %v", err)
	}
}
