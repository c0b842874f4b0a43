package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/handelskammaren/ila-desk/data"
)

// A record that a person edits (a submission, a note, the company profile,
// a meeting, protocol, event or contact) carries a version: a number from
// the database's edit counter, new at every write of its content. A caller
// that read version v and saves "only if unchanged since" v is refused with
// a *Conflict (errors.Is ErrConflict) when the record has another version
// now, and nothing is written. The counter only grows, so a version never
// comes back, not even for a row deleted and made again with the same id.

// ErrConflict is in the chain of every error of a save refused because the
// record was changed elsewhere since the caller read it.
var ErrConflict = errors.New("changed elsewhere since it was read")

// Conflict says which record was changed elsewhere and how it is now.
type Conflict struct {
	What    string    // "submission", "note", "company", "meeting", "protocol", "event", "contact"
	ID      int64     // the record's id (0 for the company profile and notes)
	Key     string    // the note's "kind/key", else ""
	Version int64     // the version it has now; 0 when it no longer exists
	Changed time.Time // when it was last changed, when the store knows; else zero
}

func (c *Conflict) Error() string {
	name := c.What
	if c.ID != 0 {
		name = fmt.Sprintf("%s %d", c.What, c.ID)
	} else if c.Key != "" {
		name = c.What + " " + c.Key
	}
	return fmt.Sprintf("%s changed elsewhere since it was read (now version %d)", name, c.Version)
}

// Is makes errors.Is(err, ErrConflict) true.
func (c *Conflict) Is(target error) bool { return target == ErrConflict }

// Sentences of conflicts; translation keys in assets/translations/app.*.json.
const (
	msgSubmissionConflict = "This submission was changed elsewhere ({{.When}}) since you opened it, so your changes were not saved over it. Open it again to see the other version and make your changes there."
	msgSubmissionGone     = "This submission was deleted elsewhere since you opened it, so there is nothing to save your changes over. Copy what you typed if you want to keep it."
	msgNoteConflict       = "This note was changed elsewhere ({{.When}}) since you opened it, so your text was not saved over it. Open the note again to see the other text and add yours to it."
	msgCompanyConflict    = "The company profile was changed elsewhere since you opened it, so your changes were not saved over it. Open it again to see the other version and make your changes there."
	msgRecordConflict     = "“{{.Title}}” was changed elsewhere since you opened it, so your changes were not saved over it. Close the form, open it again to see the other version and make your changes there."
	msgRecordGone         = "“{{.Title}}” was deleted elsewhere since you opened it, so there is nothing to save your changes over. Copy what you typed if you want to keep it."
)

// whenText is the time of a change as a person reads it in either
// language: "2026-12-01 14:03", in the computer's time zone.
func whenText(t time.Time) string {
	if t.IsZero() {
		return "?"
	}
	return t.Local().Format("2006-01-02 15:04")
}

func conflictProblem(msg string, args map[string]any, c *Conflict) error {
	return &data.Problem{Msg: msg, Args: args, Err: c}
}

// nextVersion takes the next number from the edit counter.
func nextVersion(ctx context.Context, tx dbtx) (int64, error) {
	var v int64
	if err := tx.QueryRowContext(ctx, `UPDATE edit_counter SET n = n + 1 WHERE id = 1 RETURNING n`).Scan(&v); err != nil {
		return 0, fmt.Errorf("next version: %w", err)
	}
	return v, nil
}

// lineage remembers, per submission, the version the store handle's last
// save was given and the version it wrote. A caller that saves again and
// again from the copy it loaded, without taking the version each save
// returns (an autosaver does), is then not in conflict with its own saves:
// the row has moved on only by them. Anyone else's write in between ends
// the lineage, and the next such save is refused.
type lineage struct {
	m sync.Map // submission id → [2]int64{base, wrote}
}

func (l *lineage) follows(id, base, cur int64) bool {
	v, ok := l.m.Load(id)
	if !ok {
		return false
	}
	bw := v.([2]int64)
	return bw[0] == base && bw[1] == cur
}

func (l *lineage) saved(id, base, wrote int64) {
	if base == 0 {
		l.m.Delete(id)
		return
	}
	l.m.Store(id, [2]int64{base, wrote})
}
