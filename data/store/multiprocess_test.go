package store_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/gen"
	"github.com/handelskammaren/ila-desk/data/store"
)

// The multi-process tests run real child processes on one database file:
// the test binary runs itself again with ILA_STORE_CHILD naming the child's
// role (see runChild). A child prints one line per acknowledged step, so
// the parent knows what the child was told is stored, and "error: …" when
// something failed.

const childEnv = "ILA_STORE_CHILD"

func TestMain(m *testing.M) {
	if role := os.Getenv(childEnv); role != "" {
		os.Exit(runChild(role))
	}
	os.Exit(m.Run())
}

// child is a running child process.
type child struct {
	cmd   *exec.Cmd
	lines chan string // its output, line by line; closed when it exits
	stop  func()      // closes its standard input: the signal to stop
}

// startChild starts the test binary as a child with the given role and
// environment (KEY=VALUE).
func startChild(t testing.TB, role string, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{childEnv + "=" + role}, env...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, lines: make(chan string, 1024)}
	var once sync.Once
	c.stop = func() { once.Do(func() { in.Close() }) }
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		close(c.lines)
	}()
	t.Cleanup(func() {
		c.stop()
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			c.cmd.Wait()
		}
	})
	return c
}

// wait collects the child's remaining output and waits for it to exit.
func (c *child) wait(t testing.TB) []string {
	t.Helper()
	var lines []string
	for l := range c.lines {
		lines = append(lines, l)
	}
	if err := c.cmd.Wait(); err != nil {
		t.Errorf("child %v: %v; output %q", c.cmd.Env[len(os.Environ())], err, lines)
	}
	return lines
}

// expect reads lines until one starts with prefix and returns it.
func (c *child) expect(t testing.TB, prefix string) string {
	t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case l, ok := <-c.lines:
			if !ok {
				t.Fatalf("child ended before printing %q", prefix)
			}
			if strings.HasPrefix(l, "error:") {
				t.Fatalf("child: %s", l)
			}
			if strings.HasPrefix(l, prefix) {
				return l
			}
		case <-timeout:
			t.Fatalf("child did not print %q in time", prefix)
		}
	}
}

// errorLines are the lines of a child that report a failure.
func errorLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.HasPrefix(l, "error:") {
			out = append(out, l)
		}
	}
	return out
}

// runChild is the child process: it does what its role says with the
// database in ILA_CHILD_DB and returns its exit code.
func runChild(role string) int {
	ctx := context.Background()
	db := os.Getenv("ILA_CHILD_DB")
	fail := func(err error) int {
		fmt.Println("error:", strings.ReplaceAll(err.Error(), "\n", " "))
		return 3
	}
	// stopped is closed when the parent closes our standard input.
	stopped := make(chan struct{})
	go func() {
		buf := make([]byte, 1)
		for {
			if _, err := os.Stdin.Read(buf); err != nil {
				close(stopped)
				return
			}
		}
	}()
	isStopped := func() bool {
		select {
		case <-stopped:
			return true
		default:
			return false
		}
	}
	if role == "open" {
		// First start: open a new database, as two programs started at
		// the same moment do.
		s, err := store.Open(ctx, db)
		if err != nil {
			return fail(err)
		}
		s.Close()
		fmt.Println("ok")
		return 0
	}
	if role == "open-report" {
		// What opening the database gave, as JSON (see asOtherUser).
		b, _ := json.Marshal(reportOpen(db))
		fmt.Println(string(b))
		return 0
	}
	s, err := store.Open(ctx, db)
	if err != nil {
		return fail(err)
	}
	defer s.Close()
	switch role {
	case "import":
		// Import the package in the JSON file ILA_CHILD_ARG.
		b, err := os.ReadFile(os.Getenv("ILA_CHILD_ARG"))
		if err != nil {
			return fail(err)
		}
		var subs []data.Submission
		if err := json.Unmarshal(b, &subs); err != nil {
			return fail(err)
		}
		created, updated, err := s.ImportSubmissions(ctx, subs)
		if err != nil {
			return fail(err)
		}
		fmt.Println("imported", created, updated)
	case "save":
		// Another window: load submission ILA_CHILD_ARG, change its
		// deficiency, save.
		id, _ := strconv.ParseInt(os.Getenv("ILA_CHILD_ARG"), 10, 64)
		sub, err := s.Submission(ctx, id)
		if err != nil {
			return fail(err)
		}
		sub.Deficiency = "Ändrad i ett annat fönster"
		if _, err := s.SaveSubmission(ctx, sub); err != nil {
			return fail(err)
		}
		fmt.Println("saved")
	case "saver":
		// An editor that saves submission ILA_CHILD_ARG again and again
		// until stopped, with a counter in its ÅVS reference; it prints
		// each counter once its save has committed, and how long the save
		// took.
		id, _ := strconv.ParseInt(os.Getenv("ILA_CHILD_ARG"), 10, 64)
		sub, err := s.Submission(ctx, id)
		if err != nil {
			return fail(err)
		}
		fmt.Println("ready")
		for i := 1; !isStopped(); i++ {
			sub.AVSRef = strconv.Itoa(i)
			t0 := time.Now()
			if sub, err = s.SaveSubmission(ctx, sub); err != nil {
				return fail(err)
			}
			fmt.Println("saved", i, time.Since(t0).Nanoseconds())
			time.Sleep(20 * time.Millisecond)
		}
	case "generate-import":
		// A long import: ILA_CHILD_ARG generated submissions in one package.
		n, _ := strconv.Atoi(os.Getenv("ILA_CHILD_ARG"))
		subs := gen.Submissions(n, 11)
		for i := range subs {
			subs[i].UID = fmt.Sprintf("%032x", i+1)
		}
		fmt.Println("importing")
		t0 := time.Now()
		created, updated, err := s.ImportSubmissions(ctx, subs)
		if err != nil {
			return fail(err)
		}
		fmt.Println("imported", created, updated, time.Since(t0).Nanoseconds())
	case "hold-lock":
		// A writer that holds the write lock for ILA_CHILD_ARG
		// milliseconds, as a long import does.
		ms, _ := strconv.Atoi(os.Getenv("ILA_CHILD_ARG"))
		if err := store.HoldWriteLockForTest(ctx, s, time.Duration(ms)*time.Millisecond, func() { fmt.Println("locked") }); err != nil {
			return fail(err)
		}
		fmt.Println("released")
	case "delete":
		// Removes the attachments, then the submissions, one at a time
		// with a pause of ILA_CHILD_ARG ms, printing each once committed.
		pause, _ := strconv.Atoi(os.Getenv("ILA_CHILD_ARG"))
		subs, err := s.SubmissionsFull(ctx, store.SubmissionQuery{})
		if err != nil {
			return fail(err)
		}
		fmt.Println("ready")
		for _, sub := range subs {
			for _, a := range sub.Attachments {
				time.Sleep(time.Duration(pause) * time.Millisecond)
				if err := s.RemoveAttachment(ctx, a.ID); err != nil {
					return fail(err)
				}
				fmt.Println("removed attachment", a.ID)
			}
			if err := s.DeleteSubmission(ctx, sub.ID); err != nil {
				return fail(err)
			}
			fmt.Println("deleted submission", sub.ID)
		}
		fmt.Println("done")
	default:
		return fail(fmt.Errorf("unknown role %q", role))
	}
	return 0
}

// TestStaleEditorCannotOverwriteAnotherProcess is the stale editor: process
// A loads a submission, process B updates it (an import of a package with
// the same UID, then another window's save), and A saves what it loaded
// with one change. A's save is refused as a conflict, B's data is intact,
// A's text is not written, and everything replaced is in the history.
func TestStaleEditorCannotOverwriteAnotherProcess(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ila.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	orig := fullSubmission()
	orig.Deficiency = "Bommarna är nere 40 minuter per timme."
	created := mustCreate(t, s, orig)
	loaded := mustSave(t, s, created) // A's editor, after its first autosave

	// B: an import of the same submission with a new deficiency and status.
	upd := loaded
	upd.ID = 0
	upd.Deficiency = "Importerad: bommarna är nere hela morgonen."
	upd.Status = data.StatusSubmitted
	upd.Trail = nil
	pkg := filepath.Join(t.TempDir(), "package.json")
	b, _ := json.Marshal([]data.Submission{upd})
	if err := os.WriteFile(pkg, b, 0o600); err != nil {
		t.Fatal(err)
	}
	imp := startChild(t, "import", "ILA_CHILD_DB="+path, "ILA_CHILD_ARG="+pkg)
	if lines := imp.wait(t); len(errorLines(lines)) > 0 || len(lines) == 0 || lines[len(lines)-1] != "imported 0 1" {
		t.Fatalf("import in process B: %q, want imported 0 1", lines)
	}

	// A types one character; its autosave saves the copy it loaded.
	stale := loaded
	stale.Title += "!"
	_, err = s.SaveSubmission(ctx, stale)
	if !errors.Is(err, store.ErrConflict) {
		t.Fatalf("stale save after another process's import: got %v, want ErrConflict", err)
	}
	var c *store.Conflict
	if p, ok := data.AsProblem(err); !ok || !errors.As(err, &c) || !strings.Contains(p.English(), "changed elsewhere") {
		t.Errorf("conflict %v: want a *data.Problem saying it was changed elsewhere around a *store.Conflict", err)
	}
	got, err := s.Submission(ctx, loaded.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Deficiency != upd.Deficiency || got.Status != data.StatusSubmitted {
		t.Errorf("after the refused save: deficiency %q, status %s; want the import's %q, submitted", got.Deficiency, got.Status, upd.Deficiency)
	}
	if got.Title != orig.Title {
		t.Errorf("title %q: A's refused text was written, want %q", got.Title, orig.Title)
	}
	if c != nil && c.Version != got.Version {
		t.Errorf("conflict names version %d, the row has %d", c.Version, got.Version)
	}

	// B again: another window saves the imported version.
	save := startChild(t, "save", "ILA_CHILD_DB="+path, "ILA_CHILD_ARG="+strconv.FormatInt(loaded.ID, 10))
	if lines := save.wait(t); len(errorLines(lines)) > 0 {
		t.Fatalf("save in process B: %q", lines)
	}
	// A reloads after the first conflict; B saves again meanwhile; A's
	// next save from the reloaded copy is refused too.
	if _, err := s.SaveSubmission(ctx, got); !errors.Is(err, store.ErrConflict) {
		t.Errorf("save from a copy loaded before another window's save: got %v, want ErrConflict", err)
	}
	cur, _ := s.Submission(ctx, loaded.ID)
	if cur.Deficiency != "Ändrad i ett annat fönster" {
		t.Errorf("deficiency %q, want the other window's", cur.Deficiency)
	}

	// Whatever was replaced is in the history: the state A saved before
	// the import and the imported state.
	revs, err := s.Revisions(ctx, loaded.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{orig.Deficiency: false, upd.Deficiency: false, cur.Deficiency: false}
	for _, r := range revs {
		sub, err := store.RevisionSnapshotForTest(ctx, s, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := want[sub.Deficiency]; ok {
			want[sub.Deficiency] = true
		}
	}
	for d, found := range want {
		if !found {
			t.Errorf("no revision holds the deficiency %q", d)
		}
	}

	// A save that brings no version (an older caller) still writes, and
	// keeps what it replaces.
	legacy := cur
	legacy.Version = 0
	legacy.Deficiency = "Utan version"
	if _, err := s.SaveSubmission(ctx, legacy); err != nil {
		t.Fatalf("save without a version: %v", err)
	}
	found := false
	revs, _ = s.Revisions(ctx, loaded.ID)
	for _, r := range revs {
		sub, _ := store.RevisionSnapshotForTest(ctx, s, r.ID)
		found = found || sub.Deficiency == cur.Deficiency
	}
	if !found {
		t.Errorf("the other window's state %q is in no revision after a save without version", cur.Deficiency)
	}
}

// TestConcurrentFirstStarts starts two processes on a new database path at
// the same moment, 60 times: every start succeeds and the schema is whole.
func TestConcurrentFirstStarts(t *testing.T) {
	pairs := 60
	if testing.Short() {
		pairs = 10
	}
	dir := t.TempDir()
	var mu sync.Mutex
	failed := 0
	// A few pairs at a time; the two of a pair start together.
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				path := filepath.Join(dir, fmt.Sprintf("ila-%d.db", i))
				a := startChild(t, "open", "ILA_CHILD_DB="+path)
				b := startChild(t, "open", "ILA_CHILD_DB="+path)
				for _, c := range []*child{a, b} {
					var lines []string
					for l := range c.lines {
						lines = append(lines, l)
					}
					c.cmd.Wait()
					if len(lines) != 1 || lines[0] != "ok" {
						mu.Lock()
						failed++
						mu.Unlock()
						t.Errorf("pair %d: a first start said %q, want ok", i, lines)
					}
				}
				if got, err := store.UserVersionForTest(path); err != nil || got != store.SchemaVersion() {
					t.Errorf("pair %d: user_version %d (%v), want %d", i, got, err, store.SchemaVersion())
				}
			}
		}()
	}
	for i := 0; i < pairs; i++ {
		work <- i
	}
	close(work)
	wg.Wait()
	if failed > 0 {
		t.Errorf("%d of %d first starts failed", failed, 2*pairs)
	}
}

// TestWritersDuringLongImport runs two editors saving continuously in two
// processes while a third holds the write lock longer than SQLite's old
// busy timeout (as a 20,000-submission import does) and a fourth imports a
// package: no save fails, every acknowledged save is in the file, and the
// import is whole.
func TestWritersDuringLongImport(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ila.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a := mustCreate(t, s, data.Submission{Title: "Skrivare A"})
	b := mustCreate(t, s, data.Submission{Title: "Skrivare B"})
	s.Close()

	env := "ILA_CHILD_DB=" + path
	savers := []*child{
		startChild(t, "saver", env, "ILA_CHILD_ARG="+strconv.FormatInt(a.ID, 10)),
		startChild(t, "saver", env, "ILA_CHILD_ARG="+strconv.FormatInt(b.ID, 10)),
	}
	for _, c := range savers {
		c.expect(t, "ready")
	}
	locker := startChild(t, "hold-lock", env, "ILA_CHILD_ARG=6500")
	locker.expect(t, "locked")
	const n = 1500
	importer := startChild(t, "generate-import", env, "ILA_CHILD_ARG="+strconv.Itoa(n))
	if lines := locker.wait(t); len(errorLines(lines)) > 0 {
		t.Fatalf("lock holder: %q", lines)
	}
	ilines := importer.wait(t)
	if errs := errorLines(ilines); len(errs) > 0 {
		t.Fatalf("importer: %q", errs)
	}
	// A few more saves after the import, then stop.
	time.Sleep(200 * time.Millisecond)
	last := make([]int, len(savers))
	for i, c := range savers {
		c.stop()
		lines := c.wait(t)
		if errs := errorLines(lines); len(errs) > 0 {
			t.Errorf("editor %d: %q, want every save to wait for the lock and succeed", i, errs)
		}
		for _, l := range lines {
			var k int
			var ns int64
			if _, err := fmt.Sscanf(l, "saved %d %d", &k, &ns); err == nil {
				last[i] = k
			}
		}
	}
	s, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, id := range []int64{a.ID, b.ID} {
		got, err := s.Submission(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if k, _ := strconv.Atoi(got.AVSRef); k != last[i] || last[i] == 0 {
			t.Errorf("editor %d: stored counter %q, last acknowledged %d", i, got.AVSRef, last[i])
		}
	}
	if count, _ := s.CountSubmissions(ctx, store.SubmissionQuery{}); count != n+2 {
		t.Errorf("%d submissions after the import, want %d", count, n+2)
	}
	if got := integrity(t, path); got != "ok" {
		t.Errorf("integrity_check = %q, want ok", got)
	}
}

// TestExportSnapshotDuringDeletes reads exports (every submission with
// every attachment's bytes) from one snapshot while another process
// removes the attachments and submissions one by one: no export fails, and
// each sees a whole state.
func TestExportSnapshotDuringDeletes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ila.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const subs, atts = 30, 3
	for i := 0; i < subs; i++ {
		sub := mustCreate(t, s, data.Submission{Title: fmt.Sprintf("Inspel %d", i)})
		for j := 0; j < atts; j++ {
			pdf := append([]byte("%PDF-1.4\n"), make([]byte, 40_000)...)
			if _, err := s.AddAttachment(ctx, sub.ID, data.Attachment{Name: fmt.Sprintf("bilaga-%d-%d.pdf", i, j), Data: pdf}); err != nil {
				t.Fatal(err)
			}
		}
	}
	del := startChild(t, "delete", "ILA_CHILD_DB="+path, "ILA_CHILD_ARG=5")
	del.expect(t, "ready")
	// The deletions the other process reported as committed.
	var mu sync.Mutex
	deleted := map[string]bool{}
	var dlines []string
	delDone := make(chan struct{})
	go func() {
		for l := range del.lines {
			mu.Lock()
			deleted[l] = true
			dlines = append(dlines, l)
			mu.Unlock()
		}
		close(delDone)
	}()
	exports, during := 0, 0
	for {
		mu.Lock()
		before := make(map[string]bool, len(deleted))
		for k := range deleted {
			before[k] = true
		}
		mu.Unlock()
		var nsubs int
		err := s.ReadSnapshot(ctx, func(r *store.Snapshot) error {
			all, err := r.SubmissionsFull(ctx, store.SubmissionQuery{})
			if err != nil {
				return err
			}
			nsubs = len(all)
			for _, sub := range all {
				if before[fmt.Sprintf("deleted submission %d", sub.ID)] {
					return fmt.Errorf("submission %d, deleted before the export began, is in it", sub.ID)
				}
				for _, a := range sub.Attachments {
					if before[fmt.Sprintf("removed attachment %d", a.ID)] {
						return fmt.Errorf("attachment %d, removed before the export began, is in it", a.ID)
					}
					// A moment between reads, for the other process to delete.
					time.Sleep(time.Millisecond)
					b, err := r.AttachmentData(ctx, a.ID)
					if err != nil {
						return err
					}
					if int64(len(b)) != a.Size {
						return fmt.Errorf("attachment %d: %d bytes, listed with %d", a.ID, len(b), a.Size)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("export %d while another process deletes: %v", exports+1, err)
		}
		exports++
		if nsubs > 0 && nsubs < subs {
			during++
		}
		if nsubs == 0 {
			break
		}
	}
	<-delDone
	del.cmd.Wait()
	if errs := errorLines(dlines); len(errs) > 0 || !deleted["done"] {
		t.Fatalf("deleting process: %q", errs)
	}
	t.Logf("%d exports, %d of them begun while the deletions ran", exports, during)
}
