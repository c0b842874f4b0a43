package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/data/ical"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// setupICS defines the options of "ila ics". runICS reads them back from the
// flag set, so that no state outlives one call.
func setupICS(fs *flag.FlagSet) {
	fs.String("o", "", "")
	fs.String("meeting", "", "")
}

// runICS writes all meetings, or the one given with --meeting (its ID from
// "ila list meetings", or its key), as an iCalendar file. -o - writes to
// standard output.
func runICS(ctx context.Context, c *call) error {
	out := c.flags.Lookup("o").Value.String()
	which := strings.TrimSpace(c.flags.Lookup("meeting").Value.String())
	if len(c.args) != 0 {
		return errUsage
	}
	// "-o" last on the line arrives here as "--" (the end of the options),
	// so a value that looks like an option is no file name.
	if out == "" || (strings.HasPrefix(out, "-") && out != "-") {
		fmt.Fprintln(c.env.Stderr, "ila: "+locale.T("Say where to write the calendar with -o FILE.", nil))
		return errUsage
	}

	var ms []data.Meeting
	if which != "" {
		m, err := findMeeting(ctx, c.st, which)
		if err != nil {
			return err
		}
		ms = []data.Meeting{m}
	} else {
		var err error
		if ms, err = c.st.Meetings(ctx); err != nil {
			return err
		}
		if len(ms) == 0 {
			return data.NewProblem("There are no meetings to put in a calendar. Install the arena content with: ila import-content FILE", nil)
		}
	}
	arena, err := c.st.Arena(ctx)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	// No ORGANIZER: with one, Outlook files the events as meetings someone
	// else sent, which the user cannot move or edit.
	opt := ical.Options{ArenaName: arena.Name, URL: arena.URL, Now: time.Now(), T: locale.T, Lang: locale.Current()}
	write := func(w io.Writer) error { return ical.Write(w, ms, opt) }

	if out == "-" {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return err
		}
		_, err := c.out().Write(b.Bytes())
		return err
	}
	if err := atomicfile.Write(out, write, c.writeOptions()...); err != nil {
		return err
	}
	if len(ms) == 1 {
		fmt.Fprintln(c.out(), locale.T("Wrote the meeting to {{.Path}}. Open the file to add it to your calendar.", map[string]any{"Path": out}))
	} else {
		fmt.Fprintln(c.out(), locale.T("Wrote {{.N}} meetings to {{.Path}}. Open the file to add them to your calendar.", map[string]any{"N": len(ms), "Path": out}))
	}
	return nil
}

// findMeeting finds a meeting by its ID or, failing that, its key.
func findMeeting(ctx context.Context, st *store.Store, which string) (data.Meeting, error) {
	var (
		m   data.Meeting
		err error
	)
	if id, perr := strconv.ParseInt(which, 10, 64); perr == nil {
		m, err = st.Meeting(ctx, id)
	} else {
		m, err = st.MeetingByKey(ctx, which)
	}
	if errors.Is(err, store.ErrNotFound) {
		return m, &data.Problem{Msg: "There is no meeting with ID {{.ID}}. See the IDs with: ila list meetings",
			Args: map[string]any{"ID": which}, Err: err}
	}
	return m, err
}
