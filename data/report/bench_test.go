package report

import (
	"bytes"
	"io"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

// BenchmarkReport1000 makes the consolidated report of 1,000 generated
// submissions, every tenth with its own photo, compressed as the app writes
// it. BenchmarkReport1000LibreOffice converts the same content with
// LibreOffice for comparison.
func BenchmarkReport1000(b *testing.B) {
	subs := genSubmissions(1000, 10)
	opt := testOptions(data.Swedish)
	opt.noCompress = false
	var out bytes.Buffer
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out.Reset()
		if err := Report(&out, subs, ReportFilter{}, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(out.Len())/1e6, "MB")
	b.ReportMetric(float64(bytes.Count(out.Bytes(), []byte("/Type /Page\n"))), "pages")
}

func BenchmarkSubmission(b *testing.B) {
	sub := sampleSubmission()
	photos := []Photo{{Caption: "Kön", Data: testJPEG(1200, 800, 1)}}
	opt := testOptions(data.Swedish)
	opt.noCompress = false
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Submission(io.Discard, sub, photos, nil, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSubmission100kField(b *testing.B) {
	sub := sampleSubmission()
	sub.Deficiency = hostile["huge field"]
	opt := testOptions(data.Swedish)
	opt.noCompress = false
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Submission(io.Discard, sub, nil, nil, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProtocolShort(b *testing.B) {
	opt := testOptions(data.English)
	for i := 0; i < b.N; i++ {
		if err := Protocol(io.Discard, data.Protocol{Title: "x"}, "Hej *du*", "", opt); err != nil {
			b.Fatal(err)
		}
	}
}
