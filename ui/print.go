package ui

import (
	"context"

	"fyne.io/fyne/v2/lang"

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

// printCurrent prints what the window shows (Ctrl+P): each screen that has
// something to print says what.
func (u *UI) printCurrent() {
	if p, ok := u.pages[u.current].screen.(printer); ok && u.pages[u.current].view != nil {
		p.print()
	}
}

// printer is a screen with something to print.
type printer interface{ print() }

func (u *UI) printSubmission(sub data.Submission) {
	u.preparePDF(func(ctx context.Context) (printing.Document, error) {
		return printing.SubmissionValue(ctx, u.st, sub, u.reportOptions())
	})
}

func (u *UI) printReport(q store.SubmissionQuery) {
	q.Trash = false
	u.preparePDF(func(ctx context.Context) (printing.Document, error) {
		return printing.Report(ctx, u.st, q, u.reportOptions())
	})
}

func (u *UI) printMeeting(id int64) {
	u.preparePDF(func(ctx context.Context) (printing.Document, error) {
		return printing.MeetingBook(ctx, u.st, id, u.reportOptions())
	})
}

func (u *UI) printProtocol(id int64) {
	u.preparePDF(func(ctx context.Context) (printing.Document, error) {
		return printing.Protocol(ctx, u.st, id, u.reportOptions())
	})
}

// preparePDF gathers a document off the UI goroutine (a report of a
// thousand submissions takes seconds), behind a progress dialog, and then
// asks where to save it. An attached PDF opens as it is.
func (u *UI) preparePDF(gather func(ctx context.Context) (printing.Document, error)) {
	var doc printing.Document
	u.run(lang.L("Preparing the PDF…"), func() (err error) {
		doc, err = gather(u.ctx)
		return err
	}, func() {
		if doc.AsIs != nil {
			u.openBytes(atomicfile.SafeName(doc.Title, doc.Date, ".pdf"), doc.AsIs)
			return
		}
		u.savePDF(doc)
	})
}

// savePDF asks where to save doc, writes it off the UI goroutine and opens it.
func (u *UI) savePDF(doc printing.Document) {
	u.saveFile(atomicfile.SafeName(doc.Title, doc.Date, ".pdf"), ".pdf", func(path string, opts ...atomicfile.Option) error {
		return atomicfile.Write(path, doc.Write, opts...)
	}, true)
}
