package data_test

import (
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
)

func TestFormatSpan(t *testing.T) {
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, data.Stockholm)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		start, end string
		lang       data.Language
		want       string
	}{
		{"2017-11-21 12:00", "2017-11-21 15:00", data.Swedish, "tisdag 21 november 2017, 12:00–15:00"},
		{"2017-11-21 12:00", "2017-11-21 15:00", data.English, "Tuesday 21 November 2017, 12:00–15:00"},
		{"2017-02-22 09:00", "2017-02-22 12:00", data.Swedish, "onsdag 22 februari 2017, 09:00–12:00"},
		{"2017-05-16 15:00", "2017-05-16 17:00", data.Swedish, "tisdag 16 maj 2017, 15:00–17:00"},
		{"2017-09-13 15:00", "2017-09-13 17:00", data.English, "Wednesday 13 September 2017, 15:00–17:00"},
		// Summer time: 16 May is CEST, the times stay local.
		{"2017-05-16 15:00", "2017-05-17 01:00", data.Swedish, "tisdag 16 maj 2017 15:00 – onsdag 17 maj 2017 01:00"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			// Pass UTC times: the formatter must show Stockholm time anyway.
			if got := data.FormatSpan(at(tt.start).UTC(), at(tt.end).UTC(), tt.lang); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatShortDate(t *testing.T) {
	d := time.Date(2016, 4, 19, 0, 0, 0, 0, data.Stockholm)
	if got, want := data.FormatShortDate(d, data.Swedish), "19 april 2016"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := data.FormatShortDate(d, data.English), "19 April 2016"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFormatCompactSpanAndStamp(t *testing.T) {
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, data.Stockholm)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UTC()
	}
	tests := []struct {
		start, end string
		lang       data.Language
		want       string
	}{
		{"2017-11-21 12:00", "2017-11-21 15:00", data.Swedish, "tis 21 nov 2017, 12:00–15:00"},
		{"2017-11-21 12:00", "2017-11-21 15:00", data.English, "Tue 21 Nov 2017, 12:00–15:00"},
		{"2017-05-16 15:00", "2017-05-17 01:00", data.Swedish, "tis 16 maj 2017 15:00 – 17 maj 2017"},
	}
	for _, tt := range tests {
		if got := data.FormatCompactSpan(at(tt.start), at(tt.end), tt.lang); got != tt.want {
			t.Errorf("FormatCompactSpan(%s, %s): got %q, want %q", tt.start, tt.end, got, tt.want)
		}
	}
	saved := time.Date(2026, 12, 1, 20, 53, 7, 0, time.Local)
	if got, want := data.FormatStamp(saved, data.Swedish, false), "1 december 2026 20:53"; got != want {
		t.Errorf("FormatStamp: got %q, want %q", got, want)
	}
	if got, want := data.FormatStamp(saved.UTC(), data.English, true), "1 December 2026 20:53:07"; got != want {
		t.Errorf("FormatStamp of a UTC time: got %q, want %q (the computer's own time)", got, want)
	}
}
