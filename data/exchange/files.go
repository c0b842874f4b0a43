package exchange

import (
	"context"
	"io"
	"os"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/data/store"
)

// ExportFile writes subs and their attachments from st as a package at path,
// atomically.
func ExportFile(ctx context.Context, st *store.Store, path string, subs []data.Submission, generator string, now time.Time) error {
	company, err := st.Company(ctx)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		return Write(w, subs, company, generator, now, func(a data.Attachment) ([]byte, error) {
			return st.AttachmentData(ctx, a.ID)
		})
	})
}

// ImportFile reads and checks the package at path and imports it whole into
// st: every submission is created or, when its UID is known, updated. A
// package with anything wrong changes nothing.
func ImportFile(ctx context.Context, st *store.Store, path string) (created, updated int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, &data.Problem{Msg: "Could not open {{.Path}}. Check the file name and that you may read it.", Args: map[string]any{"Path": path}, Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	p, err := Read(f, fi.Size())
	if err != nil {
		return 0, 0, err
	}
	return st.ImportSubmissions(ctx, p.Submissions)
}
