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

// ExportFile writes the submissions q selects (q.IDs for chosen ones) and
// their attachments from st as a package at path, atomically, readable by
// its owner only (atomicfile.Private: a package holds contact details), and
// returns how many it wrote. Everything is read in one snapshot of the
// store, so another program removing an attachment meanwhile cannot break
// the export. A write-protected file at path is replaced only with
// atomicfile.ReplaceProtected in opts; otherwise the error is
// atomicfile.ErrWriteProtected.
func ExportFile(ctx context.Context, st *store.Store, path string, q store.SubmissionQuery, generator string, now time.Time,
	opts ...atomicfile.Option) (n int, err error) {
	err = st.ReadSnapshot(ctx, func(r *store.Snapshot) error {
		company, err := r.Company(ctx)
		if err != nil {
			return err
		}
		subs, err := r.SubmissionsFull(ctx, q)
		if err != nil {
			return err
		}
		n = len(subs)
		return atomicfile.Write(path, func(w io.Writer) error {
			return Write(w, subs, company, generator, now, func(a data.Attachment) ([]byte, error) {
				return r.AttachmentData(ctx, a.ID)
			})
		}, append(opts, atomicfile.Private)...)
	})
	return n, err
}

// ImportFile reads and checks the package at path and imports it whole into
// st: every submission is created or, when its UID is known, updated. A
// package with anything wrong changes nothing. The import holds one
// attachment in memory at a time, whatever the package carries.
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
	p, err := Open(f, fi.Size())
	if err != nil {
		return 0, 0, err
	}
	// Open checked the whole package holding no attachment; the store
	// reads each again (checked again) as it writes it, one at a time.
	return st.ImportSubmissionsFrom(ctx, p.Submissions, p.AttachmentData)
}
