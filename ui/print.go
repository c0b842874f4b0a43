package ui

import (
	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/data/printing"
	"github.com/handelskammaren/ila-desk/data/report"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// Fyne has no print API: printing writes a PDF where the user chooses and
// opens it in the system's viewer, which prints.

func (u *UI) reportOptions() report.Options {
	return report.Options{Lang: u.language(), T: locale.T, AppName: "ILA Desk", AppVersion: u.version}
}

// printCurrent prints what the window shows (Ctrl+P).
func (u *UI) printCurrent() {
	switch u.current {
	case pageSubmissions:
		if e := u.openEditor(); e != nil {
			e.onPrint()
			return
		}
		u.printReport(u.pages[pageSubmissions].screen.(*submissions).query())
	case pageMeetings:
		if key := u.pages[pageMeetings].screen.(*meetings).selected; key != "" {
			if m, err := u.st.MeetingByKey(u.ctx, key); err == nil {
				u.printMeeting(m.ID)
			}
		}
	case pageProtocols:
		if id := u.pages[pageProtocols].screen.(*protocols).selected; id != 0 {
			u.printProtocol(id)
		}
	}
}

func (u *UI) printSubmission(sub data.Submission) {
	doc, err := printing.SubmissionValue(u.ctx, u.st, sub, u.reportOptions())
	u.savePDF(doc, err)
}

func (u *UI) printReport(q store.SubmissionQuery) {
	q.Trash = false
	doc, err := printing.Report(u.ctx, u.st, q, u.reportOptions())
	u.savePDF(doc, err)
}

func (u *UI) printMeeting(id int64) {
	doc, err := printing.MeetingBook(u.ctx, u.st, id, u.reportOptions())
	u.savePDF(doc, err)
}

func (u *UI) printProtocol(id int64) {
	doc, err := printing.Protocol(u.ctx, u.st, id, u.reportOptions())
	if err == nil && doc.AsIs != nil {
		u.openBytes(atomicfile.SafeName(doc.Title, doc.Date, ".pdf"), doc.AsIs) // an attached PDF opens as it is
		return
	}
	u.savePDF(doc, err)
}

// savePDF asks where to save doc, writes it off the UI goroutine and opens it.
func (u *UI) savePDF(doc printing.Document, err error) {
	if err != nil {
		u.showError(err)
		return
	}
	u.saveFile(atomicfile.SafeName(doc.Title, doc.Date, ".pdf"), ".pdf", func(path string, opts ...atomicfile.Option) error {
		return atomicfile.Write(path, doc.Write, opts...)
	}, true)
}
