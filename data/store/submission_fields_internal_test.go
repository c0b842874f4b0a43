package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

// Every column the editable fields are kept in exists in the schema the
// migrations make: a field added to data.Submission without its migration
// fails here, naming the column to add.
func TestEveryColumnIsInTheSchema(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "ila.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM pragma_table_info('submissions')`)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	if err := forEach(rows, func(r *sql.Rows) error {
		var n string
		if err := r.Scan(&n); err != nil {
			return err
		}
		have[n] = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	subType := reflect.TypeFor[data.Submission]()
	for _, c := range editable {
		if have[c.name] {
			continue
		}
		if c.codec == derived {
			t.Errorf("the derived column %s is not in the schema", c.name)
			continue
		}
		f := subType.Field(c.field)
		t.Errorf("data.Submission.%s (%s) is kept in the column %s, which the schema lacks: add it with a migration (ALTER TABLE submissions ADD COLUMN %s …)",
			f.Name, f.Type, c.name, c.name)
	}
}

// Every editable field has its columns, and no two fields share one.
func TestEveryEditableFieldHasItsColumns(t *testing.T) {
	byField := map[int][]string{}
	seen := map[string]bool{}
	for _, c := range editable {
		if seen[c.name] {
			t.Errorf("column %s is used twice", c.name)
		}
		seen[c.name] = true
		if c.codec != derived {
			byField[c.field] = append(byField[c.field], c.name)
		}
	}
	for _, f := range data.EditableFields() {
		if len(byField[f.Index[0]]) == 0 {
			t.Errorf("data.Submission.%s has no column", f.Name)
		}
	}
	// The point keeps its three columns, in the order setScanned reads them.
	if want := "has_point, lat, lon"; !strings.Contains(editableRead, want) {
		t.Errorf("the point's columns: got %q, want %q in it", editableRead, want)
	}
}
