package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
)

// Closing a store closes its prepared statements.
func TestPreparedStatementsCloseWithTheStore(t *testing.T) {
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
	n := 0
	s.cache.stmts.Range(func(_, _ any) bool { n++; return true })
	if n == 0 {
		t.Fatal("no statements were cached")
	}
	s.Close()
	s.cache.stmts.Range(func(_, _ any) bool { n--; return true })
	if n != 0 && func() bool {
		left := 0
		s.cache.stmts.Range(func(_, _ any) bool { left++; return true })
		return left > 0
	}() {
		t.Error("statements are still cached after Close")
	}
}

// With a pool of one connection (a common setting for SQLite) nothing waits
// for a second connection inside a transaction.
func TestSubmissionsWorkWithOneConnection(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "ila.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.db.SetMaxOpenConns(1)
	for i := 0; i < 3; i++ { // the first round prepares, the others reuse
		sub, err := s.CreateSubmission(ctx, data.Submission{Title: "En anslutning", Measures: []data.Measure{{Text: "Åtgärd", Step: 1}}})
		if err != nil {
			t.Fatal(err)
		}
		if sub, err = s.SaveSubmission(ctx, sub); err != nil {
			t.Fatal(err)
		}
		if err := s.SetStatus(ctx, sub.ID, data.StatusReady, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddAttachment(ctx, sub.ID, data.Attachment{Name: "a.pdf", Data: []byte("%PDF-1.4\n")}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DuplicateSubmission(ctx, sub.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SubmissionsFull(ctx, SubmissionQuery{}); err != nil {
			t.Fatal(err)
		}
		revs, err := s.Revisions(ctx, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.RestoreRevision(ctx, sub.ID, revs[0].ID); err != nil {
			t.Fatal(err)
		}
		sub.UID = NewUID()
		if _, err := s.UpsertSubmissionFromExchange(ctx, sub); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := s.stmts().stmts.Load(rowByUID); !ok {
		t.Error("statements met in transactions were not prepared after them")
	}
}

// Writes are followed by a checkpoint in the background, so that no save
// has to run SQLite's automatic one.
func TestWritesAreCheckpointedInTheBackground(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "ila.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sub, err := s.CreateSubmission(ctx, data.Submission{Title: "WAL"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2*checkpointEvery; i++ {
		if _, err := s.SaveSubmission(ctx, sub); err != nil {
			t.Fatal(err)
		}
	}
	c := s.checkpointer()
	for deadline := time.Now().Add(10 * time.Second); c.runs.Load() < 2; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d background checkpoints after %d writes, want at least 2", c.runs.Load(), 2*checkpointEvery+1)
		}
	}
}
