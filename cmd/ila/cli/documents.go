package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/data/exchange"
	"github.com/handelskammaren/ila-desk/data/geo"
	"github.com/handelskammaren/ila-desk/data/printing"
	"github.com/handelskammaren/ila-desk/data/report"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// Options of the document commands.
var docFlags struct {
	out, meeting, status string
}

func setupOut(fs *flag.FlagSet) {
	fs.StringVar(&docFlags.out, "o", "", "")
}

func setupReport(fs *flag.FlagSet) {
	setupOut(fs)
	fs.StringVar(&docFlags.meeting, "meeting", "", "")
	fs.StringVar(&docFlags.status, "status", "", "")
}

// reportOptions are the PDF options in the user's language.
func reportOptions() report.Options {
	return report.Options{Lang: locale.Current(), T: locale.T, AppName: "ILA Desk", AppVersion: Version}
}

func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return 0, &data.Problem{Msg: "\"{{.Value}}\" is not an ID. IDs are whole numbers; see them with: ila list", Args: map[string]any{"Value": s}}
	}
	return id, nil
}

// runPDF writes a PDF: ila pdf submission|meeting|protocol ID -o F, or
// ila pdf report [--meeting ID] [--status S] -o F.
func runPDF(ctx context.Context, c *call) error {
	if len(c.args) < 1 || docFlags.out == "" {
		return errUsage
	}
	opt := reportOptions()
	var doc printing.Document
	var err error
	switch kind := c.args[0]; kind {
	case "submission", "meeting", "protocol":
		if len(c.args) != 2 {
			return errUsage
		}
		id, err := parseID(c.args[1])
		if err != nil {
			return err
		}
		switch kind {
		case "submission":
			doc, err = printing.Submission(ctx, c.st, id, opt)
		case "meeting":
			doc, err = printing.MeetingBook(ctx, c.st, id, opt)
		default:
			doc, err = printing.Protocol(ctx, c.st, id, opt)
		}
		if err != nil {
			return err
		}
	case "report":
		if len(c.args) != 1 {
			return errUsage
		}
		q := store.SubmissionQuery{}
		if docFlags.status != "" {
			q.Status = data.Status(docFlags.status)
			if err := data.CheckStatus(q.Status); err != nil {
				return err
			}
		}
		if docFlags.meeting != "" {
			id, err := parseID(docFlags.meeting)
			if err != nil {
				return err
			}
			m, err := c.st.Meeting(ctx, id)
			if err != nil {
				return &data.Problem{Msg: "There is no meeting with ID {{.ID}}. See the IDs with: ila list meetings", Args: map[string]any{"ID": id}, Err: err}
			}
			q.MeetingKey = m.Key
		}
		if doc, err = printing.Report(ctx, c.st, q, opt); err != nil {
			return err
		}
	default:
		return errUsage
	}
	if err := atomicfile.Write(docFlags.out, doc.Write, c.writeOptions()...); err != nil {
		return err
	}
	fmt.Fprintln(c.out(), locale.T("Wrote {{.Path}}.", map[string]any{"Path": docFlags.out}))
	return nil
}

// runExportPackage writes the exchange package: ila export-package [ID…] -o F.zip
func runExportPackage(ctx context.Context, c *call) error {
	if docFlags.out == "" {
		return errUsage
	}
	var q store.SubmissionQuery
	for _, a := range c.args {
		id, err := parseID(a)
		if err != nil {
			return err
		}
		if _, err := c.st.Submission(ctx, id); err != nil {
			return &data.Problem{Msg: "There is no submission with ID {{.ID}}. See the IDs with: ila list submissions", Args: map[string]any{"ID": id}, Err: err}
		}
		q.IDs = append(q.IDs, id)
	}
	n, err := exchange.ExportFile(ctx, c.st, docFlags.out, q, "ILA Desk "+Version, time.Now(), c.writeOptions()...)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.out(), locale.T("Wrote {{.N}} submissions to {{.Path}}.", map[string]any{"N": n, "Path": docFlags.out}))
	return nil
}

// runImportPackage imports an exchange package: ila import-package FILE.zip
func runImportPackage(ctx context.Context, c *call) error {
	if len(c.args) != 1 {
		return errUsage
	}
	created, updated, err := exchange.ImportFile(ctx, c.st, c.args[0])
	if err != nil {
		return err
	}
	fmt.Fprintln(c.out(), locale.T("Imported the package: {{.Created}} new submissions, {{.Updated}} updated.", map[string]any{"Created": created, "Updated": updated}))
	return nil
}

// runCoord prints a point in both coordinate systems: ila coord TEXT
func runCoord(_ context.Context, c *call) error {
	if len(c.args) == 0 {
		return errUsage
	}
	text := c.args[0]
	for _, a := range c.args[1:] {
		text += " " + a
	}
	p, err := geo.Parse(text)
	if err != nil {
		return err
	}
	g := geo.ToGrid(p)
	if *c.json {
		fmt.Fprintf(c.out(), "{\"lat\": %.8f, \"lon\": %.8f, \"sweref99tm\": {\"n\": %.3f, \"e\": %.3f}, \"vastmanland\": %t}\n", p.Lat, p.Lon, g.N, g.E, geo.InVastmanland(p))
		return nil
	}
	fmt.Fprintf(c.out(), "WGS84:        %s\n              %s\nSWEREF 99 TM: %s\n", geo.FormatDecimal(p), geo.FormatDMS(p), geo.FormatGrid(g))
	if !geo.InVastmanland(p) {
		fmt.Fprintln(c.out(), locale.T("The point lies outside Västmanland.", nil))
	}
	return nil
}
