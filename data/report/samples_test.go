package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

var samples = flag.String("samples", "", "write sample PDFs to this folder, to look at")

// TestWriteSamples writes one of each document, compressed as the app
// writes them, when -samples is given.
func TestWriteSamples(t *testing.T) {
	if *samples == "" {
		t.Skip("no -samples folder")
	}
	if err := os.MkdirAll(*samples, 0o755); err != nil {
		t.Fatal(err)
	}
	opt := testOptions(data.Swedish)
	opt.noCompress = false
	sub := sampleSubmission()
	mtg := sampleMeeting()
	photos := []Photo{
		{Caption: "Kön mot plankorsningen en vardag kl. 07:40, sedd från industriområdet", Data: testJPEG(1200, 800, 1), MIME: "image/jpeg"},
		{Caption: "Översikt av korsningen", Data: testPNG(600, 300), MIME: "image/png"},
	}
	write := func(name string, fn func(*bytes.Buffer) error) {
		var b bytes.Buffer
		if err := fn(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(*samples, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("submission.pdf", func(b *bytes.Buffer) error { return Submission(b, sub, photos, &mtg, opt) })
	write("submission-en.pdf", func(b *bytes.Buffer) error {
		return Submission(b, sub, photos, &mtg, testOptions(data.English))
	})
	write("full-submission.pdf", func(b *bytes.Buffer) error {
		return Submission(b, fullSubmission(), mixedPhotos(), &mtg, opt)
	})
	write("report30.pdf", func(b *bytes.Buffer) error {
		return Report(b, genSubmissions(30, 5), ReportFilter{Meeting: &mtg}, opt)
	})
	write("report.pdf", func(b *bytes.Buffer) error {
		return Report(b, genSubmissions(25, 5), ReportFilter{Meeting: &mtg, Statuses: []data.Status{data.StatusSubmitted, data.StatusReady}}, opt)
	})
	hostileSub := sampleSubmission()
	hostileSub.Title = "Köer 🚚🚛 vid 東京駅 och שלום עולם (123)"
	hostileSub.Deficiency = hostile["control"] + "\n" + hostile["emoji"] + "\n" + hostile["rtl"] + "\n" + hostile["long word"][:600]
	write("hostile.pdf", func(b *bytes.Buffer) error { return Submission(b, hostileSub, nil, nil, opt) })
	proto := data.Protocol{Key: "2017-02-22", Date: day(2017, 2, 22), Title: "Minnesanteckningar", Kind: "minutes"}
	write("protocol.pdf", func(b *bytes.Buffer) error {
		return Protocol(b, proto, sampleProtocol, "Fråga Region Västmanland om tidplanen för **E18** vid Köping.", opt)
	})
	write("protocol-markdown.pdf", func(b *bytes.Buffer) error {
		return Protocol(b, proto, richMarkdown, "", opt)
	})
	write("meetingbook.pdf", func(b *bytes.Buffer) error {
		return MeetingBook(b, MeetingBookInput{
			Meeting: mtg, Arena: data.Arena{Name: "Infrastruktur & Logistikarenan (ILA)", Organiser: "Handelskammaren Mälardalen"},
			LatestProtocol: &proto, ProtocolText: sampleProtocol,
			Submissions: []data.Submission{sub}, Notes: "Ta upp köerna vid **Kolbäck** under punkt 3.",
		}, opt)
	})
}
