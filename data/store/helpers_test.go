package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/store"
)

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := content.ParseTime(s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func insertSubmission(t *testing.T, s *store.Store, title string) {
	t.Helper()
	if err := store.InsertSubmissionForTest(context.Background(), s, title); err != nil {
		t.Fatal(err)
	}
}
