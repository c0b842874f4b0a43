package store

import (
	"context"
	"fmt"

	"github.com/handelskammaren/ila-desk/data"
)

// ImportSubmissions writes submissions received in an exchange package,
// matched by UID: new ones are created, known ones updated.
func (s *Store) ImportSubmissions(ctx context.Context, subs []data.Submission) (created, updated int, err error) {
	for _, sub := range subs {
		c, err := s.UpsertSubmissionFromExchange(ctx, sub)
		if err != nil {
			return created, updated, fmt.Errorf("import %q: %w", sub.Title, err)
		}
		if c {
			created++
		} else {
			updated++
		}
	}
	return created, updated, nil
}
