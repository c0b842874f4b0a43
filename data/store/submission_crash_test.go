package store_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
)

// TestCrashChild is the child of TestSaveSurvivesKill: it saves one
// submission over and over, writing a counter into its ÅVS reference, and
// prints each counter after its save has committed. It runs until killed.
func TestCrashChild(t *testing.T) {
	if os.Getenv("ILA_CRASH_CHILD") != "1" {
		t.Skip("the child process of TestSaveSurvivesKill")
	}
	ctx := context.Background()
	fail := func(err error) {
		fmt.Println("error:", err)
		os.Exit(3)
	}
	s, err := store.Open(ctx, os.Getenv("ILA_CRASH_DB"))
	if err != nil {
		fail(err)
	}
	id, _ := strconv.ParseInt(os.Getenv("ILA_CRASH_ID"), 10, 64)
	sub, err := s.Submission(ctx, id)
	if err != nil {
		fail(err)
	}
	n, err := strconv.Atoi(sub.AVSRef)
	if err != nil {
		fail(err)
	}
	r := rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(n)))
	for i := n + 1; ; i++ {
		sub.AVSRef = strconv.Itoa(i)
		// Vary the sizes so that saves move rows between pages.
		sub.Deficiency = strings.Repeat("Bommarna är nere. ", 1+r.IntN(300))
		sub.Measures = make([]data.Measure, r.IntN(6))
		for j := range sub.Measures {
			sub.Measures[j] = data.Measure{Text: fmt.Sprintf("Åtgärd %d i omgång %d", j, i), Step: data.Step(1 + j%4)}
		}
		if sub, err = s.SaveSubmission(ctx, sub); err != nil {
			fail(err)
		}
		if i%5 == 0 {
			pdf := append([]byte("%PDF-1.4\n"), make([]byte, 20_000+r.IntN(200_000))...)
			if _, err := s.AddAttachment(ctx, sub.ID, data.Attachment{Name: fmt.Sprintf("bilaga-%d.pdf", i), Data: pdf}); err != nil {
				fail(err)
			}
			if len(sub.Attachments) > 4 {
				if err := s.RemoveAttachment(ctx, sub.Attachments[0].ID); err != nil {
					fail(err)
				}
			}
			if sub, err = s.Submission(ctx, sub.ID); err != nil {
				fail(err)
			}
		}
		if i%9 == 0 {
			if err := s.SetStatus(ctx, sub.ID, data.Statuses[i%len(data.Statuses)], "omgång "+strconv.Itoa(i)); err != nil {
				fail(err)
			}
		}
		fmt.Println(i) // only after the save committed
	}
}

// TestSaveSurvivesKill kills a process that is saving, at random moments,
// and checks each time that the database is intact and holds every save the
// process reported as committed.
func TestSaveSurvivesKill(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses SIGKILL")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ila.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := s.CreateSubmission(ctx, data.Submission{Title: "Kraschprov", AVSRef: "0"})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 1))

	// At least 20 kills; more while time allows.
	const minRounds, maxRounds = 20, 40
	deadline := time.Now().Add(12 * time.Second)
	var lastReported int64
	round := 1
	for ; round <= maxRounds && (round <= minRounds || time.Now().Before(deadline)); round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1", "-test.timeout=2m")
		cmd.Env = append(os.Environ(), "ILA_CRASH_CHILD=1", "ILA_CRASH_DB="+path, "ILA_CRASH_ID="+strconv.FormatInt(sub.ID, 10))
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var last atomic.Int64
		last.Store(lastReported)
		saving := make(chan struct{}) // closed at the first committed save
		done := make(chan string)
		go func() {
			sc := bufio.NewScanner(out)
			var problem string
			for sc.Scan() {
				line := sc.Text()
				switch {
				case strings.HasPrefix(line, "error:"):
					problem = line
				default:
					if n, err := strconv.ParseInt(line, 10, 64); err == nil {
						if last.Swap(n) == lastReported {
							close(saving)
						}
					}
				}
			}
			done <- problem
		}()
		if round%5 == 0 {
			// Sometimes kill it while it is still opening the database.
			time.Sleep(time.Duration(r.IntN(40)) * time.Millisecond)
		} else {
			// Kill it while it saves: at a random moment after its first save.
			select {
			case <-saving:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatal("child did not start saving")
			}
			time.Sleep(time.Duration(r.IntN(100)) * time.Millisecond)
		}
		if err := cmd.Process.Kill(); err != nil { // SIGKILL: no chance to clean up
			t.Fatal(err)
		}
		cmd.Wait()
		if problem := <-done; problem != "" {
			t.Fatalf("round %d: the child failed: %s", round, problem)
		}
		lastReported = last.Load()

		if got := integrity(t, path); got != "ok" {
			t.Fatalf("round %d: integrity_check = %q, want ok", round, got)
		}
		s, err := store.Open(ctx, path)
		if err != nil {
			t.Fatalf("round %d: open after kill: %v", round, err)
		}
		stored, err := s.Submission(ctx, sub.ID)
		s.Close()
		if err != nil {
			t.Fatalf("round %d: read after kill: %v", round, err)
		}
		n, _ := strconv.ParseInt(stored.AVSRef, 10, 64)
		// The save after the last reported one may have committed before
		// the kill; none later can have.
		if n < lastReported || n > lastReported+1 {
			t.Fatalf("round %d: stored counter %d, last reported committed %d", round, n, lastReported)
		}
		lastReported = n
	}
	t.Logf("%d kills, %d saves committed across them", round-1, lastReported)
}

func integrity(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res []string
	rows, err := db.Query("PRAGMA integrity_check")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var line string
		rows.Scan(&line)
		res = append(res, line)
	}
	var fk int
	if err := db.QueryRow("SELECT count(*) FROM pragma_foreign_key_check").Scan(&fk); err != nil || fk != 0 {
		res = append(res, fmt.Sprintf("foreign_key_check: %d rows (%v)", fk, err))
	}
	return strings.Join(res, "; ")
}
