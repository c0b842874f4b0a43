package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

func runExportContent(ctx context.Context, c *call) error {
	if len(c.args) != 1 {
		return errUsage
	}
	f, err := ExportContentFile(ctx, c.st, c.args[0], c.writeOptions()...)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.out(), locale.T("Wrote arena content version {{.Version}} to {{.Path}}: {{.Meetings}} meetings, {{.Protocols}} protocols, {{.Events}} events, {{.Contacts}} contacts.",
		map[string]any{"Version": f.Version, "Path": c.args[0], "Meetings": len(f.Meetings), "Protocols": len(f.Protocols),
			"Events": len(f.Events), "Contacts": len(f.Contacts)}))
	return nil
}

// ExportContentFile writes the store's arena content to path as a content
// file whose version is one higher than the store's, so that import-content on
// another machine takes it as newer. The file is replaced atomically; the
// store then counts that version as its own. A write-protected file at path
// is replaced only with atomicfile.ReplaceProtected in opts; otherwise the
// error is atomicfile.ErrWriteProtected.
func ExportContentFile(ctx context.Context, st *store.Store, path string, opts ...atomicfile.Option) (*content.File, error) {
	return st.PublishContent(ctx, func(f *content.File) error {
		err := atomicfile.Write(path, func(w io.Writer) error { return content.Encode(w, f) }, opts...)
		if errors.Is(err, atomicfile.ErrWriteProtected) {
			return err // its own sentence says what to do
		}
		if err != nil {
			return &data.Problem{Msg: "Could not write {{.Path}}. Check that the folder exists and that you may write there.",
				Args: map[string]any{"Path": path}, Err: err}
		}
		return nil
	})
}
