package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// Options of backup.
var backupFlags struct{ out string }

func setupBackup(fs *flag.FlagSet) {
	fs.StringVar(&backupFlags.out, "o", "", "")
}

// runBackup writes a copy of the whole database: ila backup -o FILE
func runBackup(ctx context.Context, c *call) error {
	if len(c.args) != 0 || backupFlags.out == "" {
		return errUsage
	}
	if err := c.st.Backup(ctx, backupFlags.out, c.writeOptions()...); err != nil {
		return err
	}
	fmt.Fprintln(c.out(), locale.T("Wrote a backup of the database to {{.Path}}.", map[string]any{"Path": backupFlags.out}))
	return nil
}

// runRestore puts a backup in place of the database: ila restore FILE. The
// database as it is is kept aside first; a damaged one, which cannot be
// opened, is moved aside as it is.
func runRestore(ctx context.Context, c *call) error {
	if len(c.args) != 1 {
		return errUsage
	}
	backup := c.args[0]
	path, err := dbPathFor(c.env, c.dbPath)
	if err != nil {
		return err
	}
	var res store.RestoreResult
	st, err := store.Open(ctx, path)
	switch {
	case err == nil:
		res, err = st.Restore(ctx, backup)
		st.Close()
	case errors.Is(err, store.ErrDamaged):
		res, err = store.RestoreFile(ctx, path, backup)
	default:
		return err
	}
	if err != nil {
		return err
	}
	args := map[string]any{"Path": path, "Backup": backup, "Kept": res.KeptAs}
	if res.KeptAs == "" {
		fmt.Fprintln(c.out(), locale.T("Restored the database {{.Path}} from {{.Backup}}.", args))
	} else {
		fmt.Fprintln(c.out(), locale.T("Restored the database {{.Path}} from {{.Backup}}. The database as it was is kept in {{.Kept}}.", args))
	}
	return nil
}

// autoBackup makes the day's automatic backup when one is due. A failure
// does not stop the program: it is said on stderr, and tried again at the
// next start.
func autoBackup(ctx context.Context, env Env, st *store.Store) {
	if _, _, err := st.AutoBackup(ctx); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(env.Stderr, "ila: "+locale.T("The daily backup of the database could not be made: {{.Reason}}", map[string]any{"Reason": locale.Explain(err)}))
	}
}
