// Package cli is ILA Desk's command line: it parses the arguments, opens the
// store and runs a subcommand, or hands the store to the window. It never
// needs a display, so everything here is testable headless.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// Version is the program's version, set at build time with -ldflags.
var Version = "0.1.0"

// Exit codes.
const (
	ExitOK    = 0
	ExitFail  = 1
	ExitUsage = 2
)

// Env is what a command may touch outside itself.
type Env struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	Getenv         func(string) string
	// Window opens the main window on the store and returns when it closes.
	// Nil in tests and headless builds.
	Window func(st *store.Store) error
	// OpenFailed, when set, shows a person why the database at path could
	// not be opened for the window (err is a *data.Problem; a damaged
	// database's *store.Damage names its newest backup, which
	// store.RestoreFile puts in place) and returns when they close it. It
	// reports whether to try opening again (after a restore). Without it
	// the reason goes to stderr only, which nobody sees when the program
	// was started from a menu.
	OpenFailed func(path string, err error) (retry bool)
}

type command struct {
	name    string
	args    string // usage of the arguments
	summary string
	needsDB bool
	writes  bool                   // writes a file the user names: takes --force
	setup   func(fs *flag.FlagSet) // defines the command's own options
	run     func(ctx context.Context, c *call) error
}

// call is one run of a command.
type call struct {
	env    Env
	flags  *flag.FlagSet
	args   []string
	st     *store.Store
	json   *bool
	force  *bool  // --force, of the commands that write a file (else nil)
	dbPath string // --db as given ("" for ILA_DB or the default)
}

func (c *call) out() io.Writer { return c.env.Stdout }

// writeOptions are the atomicfile options of the file the command writes:
// with --force a write-protected file is replaced, without it refused.
func (c *call) writeOptions() []atomicfile.Option {
	if c.force != nil && *c.force {
		return []atomicfile.Option{atomicfile.ReplaceProtected}
	}
	return nil
}

var errUsage = errors.New("usage")

func commands() []command {
	return []command{
		{name: "version", summary: locale.T("Print the program's version.", nil), run: runVersion},
		{name: "import-content", args: "FILE", summary: locale.T("Install a newer arena content file from the chamber.", nil), needsDB: true, run: runImportContent},
		{name: "export-content", args: "FILE [--force]", summary: locale.T("Write the arena content, with the next version number, for import-content elsewhere.", nil), needsDB: true, writes: true, run: runExportContent},
		{name: "list", args: "meetings|protocols|submissions [--json]", summary: locale.T("Print what the store holds.", nil), needsDB: true, run: runList},
		{name: "coord", args: "TEXT [--json]", summary: locale.T("Print a point in WGS84 and SWEREF 99 TM (paste either).", nil), run: runCoord},
		{name: "pdf", args: "submission|meeting|protocol ID -o FILE [--force]", summary: locale.T("Write a submission, a meeting book or a protocol as PDF.", nil), needsDB: true, writes: true, setup: setupReport, run: runPDF},
		{name: "pdf report", args: "[--meeting ID] [--status S] -o FILE [--force]", summary: locale.T("Write the consolidated report of the submissions as PDF.", nil), needsDB: true, writes: true, setup: setupReport, run: runPDF},
		{name: "export-package", args: "[ID…] -o FILE.zip [--force]", summary: locale.T("Write submissions and their attachments as a package for the chamber.", nil), needsDB: true, writes: true, setup: setupOut, run: runExportPackage},
		{name: "import-package", args: "FILE.zip", summary: locale.T("Import a package of submissions (re-import updates, never duplicates).", nil), needsDB: true, run: runImportPackage},
		{name: "ics", args: "[--meeting ID] -o FILE [--force]", summary: locale.T("Write the meetings as a calendar file for Outlook, Google or Apple Calendar.", nil), needsDB: true, writes: true, setup: setupICS, run: runICS},
		{name: "backup", args: "-o FILE [--force]", summary: locale.T("Write a copy of the whole database (backups are also made by themselves, daily, in the folder backups beside it).", nil), needsDB: true, writes: true, setup: setupBackup, run: runBackup},
		{name: "restore", args: "FILE", summary: locale.T("Put a backup in place of the database; the database as it was is kept aside first.", nil), run: runRestore},
	}
}

// Run runs ila with args (without the program name) and returns the exit code.
func Run(ctx context.Context, args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	_ = locale.Load("") // without translations the English source text is shown

	global := flag.NewFlagSet("ila", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	dbPath := global.String("db", "", "")
	help := global.Bool("help", false, "")
	global.BoolVar(help, "h", false, "")
	if err := global.Parse(args); err != nil {
		return usageError(env, flagProblem(err))
	}
	if *help {
		usage(env.Stdout)
		return ExitOK
	}
	if emptyValue(global, "db") {
		return usageError(env, locale.T("The option {{.Flag}} needs a value.", map[string]any{"Flag": "-db"}))
	}
	rest := global.Args()
	if len(rest) == 0 {
		return openWindow(ctx, env, *dbPath)
	}
	name := rest[0]
	if name == "help" {
		usage(env.Stdout)
		return ExitOK
	}
	var cmd *command
	for _, c := range commands() {
		if c.name == name {
			cmd = &c
			break
		}
	}
	if cmd == nil {
		return usageError(env, locale.T("Unknown command \"{{.Name}}\".", map[string]any{"Name": name}))
	}
	c := &call{env: env, flags: flag.NewFlagSet("ila "+name, flag.ContinueOnError)}
	c.flags.SetOutput(io.Discard)
	c.flags.StringVar(dbPath, "db", *dbPath, "")
	c.json = c.flags.Bool("json", false, "")
	if cmd.writes {
		c.force = c.flags.Bool("force", false, "")
	}
	if cmd.setup != nil {
		cmd.setup(c.flags)
	}
	if err := c.flags.Parse(reorder(rest[1:])); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(env.Stdout)
			return ExitOK
		}
		return usageError(env, flagProblem(err))
	}
	if emptyValue(c.flags, "db") {
		return usageError(env, locale.T("The option {{.Flag}} needs a value.", map[string]any{"Flag": "-db"}))
	}
	c.args = c.flags.Args()
	c.dbPath = *dbPath
	if cmd.needsDB {
		st, err := openStore(ctx, env, *dbPath)
		if err != nil {
			fmt.Fprintln(env.Stderr, "ila: "+locale.Explain(err))
			return ExitFail
		}
		defer st.Close()
		autoBackup(ctx, env, st)
		c.st = st
	}
	if err := cmd.run(ctx, c); err != nil {
		if errors.Is(err, errUsage) {
			return usageError(env, "")
		}
		fmt.Fprintln(env.Stderr, "ila: "+locale.Explain(err))
		if cmd.writes && errors.Is(err, atomicfile.ErrWriteProtected) {
			fmt.Fprintln(env.Stderr, "ila: "+locale.T("Write it under another name, or use --force to replace it.", nil))
		}
		return ExitFail
	}
	return ExitOK
}

// reorder moves flags before positional arguments so that "list meetings
// --json" parses like "list --json meetings".
func reorder(args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			pos = append(pos, args[i+1:]...)
			return append(append(flags, "--"), pos...)
		case strings.HasPrefix(a, "-") && len(a) > 1 && !strings.Contains(a, "=") && takesValue(a) && i+1 == len(args):
			// A flag that needs a value but is last: leave it where the
			// command sees it and refuses the call.
			pos = append(pos, a)
		case strings.HasPrefix(a, "-") && len(a) > 1:
			flags = append(flags, a)
			if !strings.Contains(a, "=") && takesValue(a) {
				i++
				flags = append(flags, args[i])
			}
		default:
			pos = append(pos, a)
		}
	}
	return append(append(flags, "--"), pos...)
}

// takesValue reports whether flag a needs a value after it.
func takesValue(a string) bool {
	switch strings.TrimLeft(a, "-") {
	case "db", "o", "meeting", "status":
		return true
	}
	return false
}

// emptyValue reports whether the option name was given with an empty value,
// as in --db "$UNSET": that must not fall back to the default database.
func emptyValue(fs *flag.FlagSet, name string) bool {
	empty := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name && f.Value.String() == "" {
			empty = true
		}
	})
	return empty
}

// flagProblem says in a sentence what was wrong with the options.
func flagProblem(err error) string {
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return locale.T("Unknown option {{.Flag}}.", map[string]any{"Flag": f})
	}
	if f, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return locale.T("The option {{.Flag}} needs a value.", map[string]any{"Flag": f})
	}
	return locale.T("The options could not be read: {{.Detail}}", map[string]any{"Detail": msg})
}

func usageError(env Env, msg string) int {
	if msg != "" {
		fmt.Fprintln(env.Stderr, "ila: "+msg)
	}
	usage(env.Stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, locale.T("Usage: ila [--db PATH] [COMMAND [ARGUMENTS]]", nil))
	fmt.Fprintln(w)
	fmt.Fprintln(w, locale.T("Without a command, ila opens the window.", nil))
	fmt.Fprintln(w)
	fmt.Fprintln(w, locale.T("Commands:", nil))
	var lefts []string
	width := 0
	for _, c := range commands() {
		left := c.name
		if c.args != "" {
			left += " " + c.args
		}
		lefts = append(lefts, left)
		width = max(width, utf8.RuneCountInString(left))
	}
	for i, c := range commands() {
		fmt.Fprintf(w, "  %-*s %s\n", width, lefts[i], c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, locale.T("Options:", nil))
	fmt.Fprintf(w, "  %-*s %s\n", width, "--db PATH", locale.T("Use the database at PATH (default: ILA_DB, or the user's data folder).", nil))
	fmt.Fprintf(w, "  %-*s %s\n", width, "--force", locale.T("Replace the file the command writes even when it is write-protected.", nil))
	fmt.Fprintf(w, "  %-*s %s\n", width, "--help", locale.T("Show this help.", nil))
}

// dbPathFor resolves the database path: --db, then ILA_DB, then the default.
func dbPathFor(env Env, flagPath string) (string, error) {
	if flagPath != "" {
		return flagPath, nil
	}
	if p := env.Getenv("ILA_DB"); p != "" {
		return p, nil
	}
	return store.DefaultPath()
}

// openStore opens the store and, on first start, fills it with the default
// arena content. A store that could only be opened read-only says so on
// stderr.
func openStore(ctx context.Context, env Env, flagPath string) (*store.Store, error) {
	path, err := dbPathFor(env, flagPath)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if p := st.ReadOnly(); p != nil {
		fmt.Fprintln(env.Stderr, "ila: "+locale.Explain(p))
		return st, nil
	}
	v, err := st.ContentVersion(ctx)
	if err == nil && v == 0 {
		var f *content.File
		if f, err = content.Parse(assets.DefaultContent); err == nil {
			_, err = st.ImportContent(ctx, f)
		}
	}
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("install default content: %w", err)
	}
	return st, nil
}

func openWindow(ctx context.Context, env Env, flagPath string) int {
	if env.Window == nil {
		fmt.Fprintln(env.Stderr, "ila: "+locale.T("This build has no window; use a command.", nil))
		usage(env.Stderr)
		return ExitUsage
	}
	var st *store.Store
	for {
		var err error
		if st, err = openStore(ctx, env, flagPath); err == nil {
			break
		}
		fmt.Fprintln(env.Stderr, "ila: "+locale.Explain(err))
		path, perr := dbPathFor(env, flagPath)
		if env.OpenFailed == nil || perr != nil || !env.OpenFailed(path, err) {
			return ExitFail
		}
	}
	// The day's backup is made while the window opens; closing the window
	// stops it (an unfinished one leaves nothing behind) and waits for it.
	bctx, stop := context.WithCancel(ctx)
	backedUp := make(chan struct{})
	go func() {
		defer close(backedUp)
		autoBackup(bctx, env, st)
	}()
	defer func() {
		stop()
		<-backedUp
		st.Close()
	}()
	if err := env.Window(st); err != nil {
		fmt.Fprintln(env.Stderr, "ila: "+locale.Explain(err))
		return ExitFail
	}
	return ExitOK
}

func runVersion(_ context.Context, c *call) error {
	if len(c.args) != 0 {
		return errUsage
	}
	fmt.Fprintf(c.out(), "ila %s (%s %d)\n", Version, locale.T("database schema", nil), store.SchemaVersion())
	return nil
}
