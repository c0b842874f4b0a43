package ui

import (
	"io"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/data/ical"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// exportCalendar asks where to save ms as an iCalendar file, named after
// title and date, writes it atomically off the UI goroutine and says where it
// went.
func (u *UI) exportCalendar(ms []data.Meeting, title string, date time.Time) {
	opt := ical.Options{Now: time.Now(), T: locale.T, Lang: u.language()}
	u.saveFile(atomicfile.SafeName(title, date, ".ics"), ".ics", func(path string, opts ...atomicfile.Option) error {
		// Off the UI goroutine (writeFile): the arena names the calendar.
		if a, err := u.st.Arena(u.ctx); err == nil {
			opt.ArenaName, opt.URL = a.Name, a.URL
		}
		return atomicfile.Write(path, func(w io.Writer) error { return ical.Write(w, ms, opt) }, opts...)
	}, false)
}
