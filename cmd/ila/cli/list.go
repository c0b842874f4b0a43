package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// Rows printed by list --json; field names are part of the scripting interface.
type meetingRow struct {
	ID       int64     `json:"id"`
	Key      string    `json:"key"`
	Title    string    `json:"title"`
	Kind     string    `json:"kind"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Location string    `json:"location"`
}

type protocolRow struct {
	ID       int64  `json:"id"`
	Key      string `json:"key"`
	Date     string `json:"date"`
	Title    string `json:"title"`
	Kind     string `json:"kind"`
	Document string `json:"document,omitempty"`
}

type submissionRow struct {
	ID           int64     `json:"id"`
	UID          string    `json:"uid"`
	Title        string    `json:"title"`
	Status       string    `json:"status"`
	Municipality string    `json:"municipality"`
	Modes        []string  `json:"modes"`
	Updated      time.Time `json:"updated"`
}

func runList(ctx context.Context, c *call) error {
	if len(c.args) != 1 {
		return errUsage
	}
	l := locale.Current()
	var rows any
	var table [][]string
	switch c.args[0] {
	case "meetings":
		ms, err := c.st.Meetings(ctx)
		if err != nil {
			return err
		}
		out := []meetingRow{}
		table = append(table, []string{"ID", locale.T("When", nil), locale.T("Title", nil), locale.T("Place", nil)})
		for _, m := range ms {
			out = append(out, meetingRow{m.ID, m.Key, m.Title, m.Kind, m.Start, m.End, m.Location})
			table = append(table, []string{fmt.Sprint(m.ID), data.FormatSpan(m.Start, m.End, l), m.Title, m.Location})
		}
		rows = out
	case "protocols":
		ps, err := c.st.Protocols(ctx)
		if err != nil {
			return err
		}
		out := []protocolRow{}
		table = append(table, []string{"ID", locale.T("Date", nil), locale.T("Title", nil), locale.T("Document", nil)})
		for _, p := range ps {
			r := protocolRow{ID: p.ID, Key: p.Key, Date: p.Date.Format("2006-01-02"), Title: p.Title, Kind: p.Kind}
			if p.Document != nil {
				r.Document = p.Document.Name
			}
			out = append(out, r)
			table = append(table, []string{fmt.Sprint(p.ID), r.Date, p.Title, r.Document})
		}
		rows = out
	case "submissions":
		ss, err := c.st.ListSubmissions(ctx)
		if err != nil {
			return err
		}
		out := []submissionRow{}
		table = append(table, []string{"ID", locale.T("Title", nil), locale.T("Status", nil), locale.T("Municipality", nil), locale.T("Changed", nil)})
		for _, s := range ss {
			modes := make([]string, len(s.Modes))
			for i, m := range s.Modes {
				modes[i] = string(m)
			}
			out = append(out, submissionRow{s.ID, s.UID, s.Title, string(s.Status), s.Municipality, modes, s.Updated.UTC()})
			table = append(table, []string{fmt.Sprint(s.ID), s.Title, locale.StatusName(s.Status), s.Municipality,
				s.Updated.In(data.Stockholm).Format("2006-01-02 15:04")})
		}
		rows = out
	default:
		return errUsage
	}
	if *c.json {
		enc := json.NewEncoder(c.out())
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	if len(table) == 1 {
		fmt.Fprintln(c.out(), locale.T("(none)", nil))
		return nil
	}
	tw := tabwriter.NewWriter(c.out(), 0, 4, 2, ' ', 0)
	for _, r := range table {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}
