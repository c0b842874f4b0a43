package store

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
)

// The prepared statements of a store are dropped once the store is gone, so
// that opening many stores in a process does not pile them up.
func TestPreparedStatementsGoWithTheStore(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "ila.db"))
	if err != nil {
		t.Fatal(err)
	}
	sub, err := s.CreateSubmission(ctx, data.Submission{Title: "Cache"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveSubmission(ctx, sub); err != nil {
		t.Fatal(err)
	}
	db := s.db
	if _, ok := stmtCaches.Load(db); !ok {
		t.Fatal("no statements were cached")
	}
	s.Close()
	s = nil
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		runtime.GC()
		if _, ok := stmtCaches.Load(db); !ok {
			return
		}
	}
	t.Error("the statements of a closed, unreachable store are still cached")
}
