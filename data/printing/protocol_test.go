package printing_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"io"
	"regexp"
	"slices"
	"testing"
	"unicode/utf16"

	"github.com/handelskammaren/ila-desk/data/printing"
)

// TestMeetingBookPreviousProtocolIsDatedBeforeTheMeeting prints the
// meeting books of the default content. The book of 22 February 2017 used
// to give that meeting's own minutes, dated the same day, as the previous
// protocol: the protocol's date is midnight, before the meeting's 09:00.
// The previous protocol is the latest one dated strictly before the
// meeting's day; the meeting's own minutes, linked to it, have a heading
// of their own.
func TestMeetingBookPreviousProtocolIsDatedBeforeTheMeeting(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	for _, tc := range []struct {
		meeting, previous, own string
	}{
		{"meeting-2017-02-22", "måndag 21 november 2016", "onsdag 22 februari 2017"},
		{"meeting-2017-05-16", "onsdag 22 februari 2017", ""},
	} {
		t.Run(tc.meeting, func(t *testing.T) {
			m, err := st.MeetingByKey(ctx, tc.meeting)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := printing.MeetingBook(ctx, st, m.ID, svOpt())
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := doc.Write(&b); err != nil {
				t.Fatal(err)
			}
			text := pdfStrings(t, b.Bytes())
			if got := after(text, "3. Föregående protokoll", 2); !slices.Equal(got, []string{"Minnesanteckningar", tc.previous}) {
				t.Errorf("under the heading 3. Föregående protokoll: got %q, want the minutes of %s", got, tc.previous)
			}
			own := after(text, "4. Protokoll från mötet", 2)
			switch {
			case tc.own == "" && own != nil:
				t.Errorf("the book has a section for the meeting's own protocol, %q; want none: no protocol is linked to the meeting", own)
			case tc.own != "" && !slices.Equal(own, []string{"Minnesanteckningar", tc.own}):
				t.Errorf("under the heading 4. Protokoll från mötet: got %q, want the minutes of %s", own, tc.own)
			}
		})
	}
}

// after returns the n strings drawn after the first string s, or nil.
func after(text []string, s string, n int) []string {
	i := slices.Index(text, s)
	if i < 0 || i+n >= len(text) {
		return nil
	}
	return text[i+1 : i+1+n]
}

// pdfStrings returns the strings gofpdf drew, in drawing order: each
// content stream inflated, each Tj operand decoded from UTF-16.
func pdfStrings(t *testing.T, pdf []byte) []string {
	t.Helper()
	streamRe := regexp.MustCompile(`(?s)/Length (\d+)[^>]*>>\nstream\n`)
	tjRe := regexp.MustCompile(`\(((?:[^\\)]|\\.)*)\) Tj`)
	var out []string
	for _, loc := range streamRe.FindAllSubmatchIndex(pdf, -1) {
		start := loc[1]
		end := bytes.Index(pdf[start:], []byte("\nendstream"))
		if end < 0 {
			continue
		}
		zr, err := zlib.NewReader(bytes.NewReader(pdf[start : start+end]))
		if err != nil {
			continue // not a compressed content stream
		}
		content, err := io.ReadAll(zr)
		if err != nil || !bytes.Contains(content, []byte(" Tj")) {
			continue
		}
		for _, m := range tjRe.FindAllSubmatch(content, -1) {
			raw := unescape(m[1])
			if len(raw)%2 != 0 {
				continue
			}
			u := make([]uint16, len(raw)/2)
			for k := range u {
				u[k] = uint16(raw[2*k])<<8 | uint16(raw[2*k+1])
			}
			out = append(out, string(utf16.Decode(u)))
		}
	}
	return out
}

func unescape(s []byte) []byte {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			default:
				b = append(b, s[i])
			}
			continue
		}
		b = append(b, s[i])
	}
	return b
}
