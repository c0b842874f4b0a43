package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

func runImportContent(ctx context.Context, c *call) error {
	if len(c.args) != 1 {
		return errUsage
	}
	res, err := ImportContentFile(ctx, c.st, c.args[0])
	if err != nil {
		return err
	}
	fmt.Fprintln(c.out(), locale.DescribeImport(res))
	return nil
}

// ImportContentFile reads, validates and imports a content file.
func ImportContentFile(ctx context.Context, st *store.Store, path string) (store.ImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return store.ImportResult{}, &data.Problem{Msg: "Could not open {{.Path}}. Check the file name and that you may read it.",
			Args: map[string]any{"Path": path}, Err: err}
	}
	defer f.Close()
	cf, err := content.Read(f)
	if err != nil {
		return store.ImportResult{}, err
	}
	return st.ImportContent(ctx, cf)
}
