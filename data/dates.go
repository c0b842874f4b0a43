package data

import (
	"fmt"
	"time"
)

// Language is a UI language: Swedish or English.
type Language string

const (
	Swedish Language = "sv"
	English Language = "en"
)

var (
	svWeekdays = [...]string{"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"}
	svMonths   = [...]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"}
)

// FormatDate writes a date with its weekday, in Stockholm time:
// "tisdag 21 november 2017" or "Tuesday 21 November 2017".
func FormatDate(t time.Time, l Language) string {
	t = t.In(Stockholm)
	if l == Swedish {
		return fmt.Sprintf("%s %d %s %d", svWeekdays[t.Weekday()], t.Day(), svMonths[t.Month()-1], t.Year())
	}
	return t.Format("Monday 2 January 2006")
}

// FormatShortDate writes a date without the weekday: "21 november 2017" or
// "21 November 2017".
func FormatShortDate(t time.Time, l Language) string {
	t = t.In(Stockholm)
	if l == Swedish {
		return fmt.Sprintf("%d %s %d", t.Day(), svMonths[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}

// FormatSpan writes a meeting's date and time span in Stockholm time:
// "tisdag 21 november 2017, 12:00–15:00". A span over midnight names both days.
func FormatSpan(start, end time.Time, l Language) string {
	start, end = start.In(Stockholm), end.In(Stockholm)
	if start.Year() == end.Year() && start.YearDay() == end.YearDay() {
		return fmt.Sprintf("%s, %s–%s", FormatDate(start, l), start.Format("15:04"), end.Format("15:04"))
	}
	return fmt.Sprintf("%s %s – %s %s", FormatDate(start, l), start.Format("15:04"), FormatDate(end, l), end.Format("15:04"))
}

// MonthName is the month's name in l, lower case in Swedish.
func MonthName(m time.Month, l Language) string {
	if l == Swedish {
		return svMonths[m-1]
	}
	return m.String()
}

// WeekdayName is the weekday's name in l, lower case in Swedish.
func WeekdayName(d time.Weekday, l Language) string {
	if l == Swedish {
		return svWeekdays[d]
	}
	return d.String()
}

// FormatStamp writes when something was done on this computer (saved,
// changed, a status set) in the computer's own time zone, so that every
// such time in the window reads alike: "1 december 2026 20:53" or
// "1 December 2026 20:53", with seconds when asked.
func FormatStamp(t time.Time, l Language, seconds bool) string {
	t = t.In(time.Local)
	clock := t.Format("15:04")
	if seconds {
		clock = t.Format("15:04:05")
	}
	if l == Swedish {
		return fmt.Sprintf("%d %s %d %s", t.Day(), svMonths[t.Month()-1], t.Year(), clock)
	}
	return t.Format("2 January 2006") + " " + clock
}

var (
	svShortWeekdays = [...]string{"sön", "mån", "tis", "ons", "tor", "fre", "lör"}
	svShortMonths   = [...]string{"jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"}
)

// FormatCompactSpan writes a meeting's date and time span briefly, in
// Stockholm time, for lists: "tis 21 nov 2017, 12:00–15:00" or
// "Tue 21 Nov 2017, 12:00–15:00".
func FormatCompactSpan(start, end time.Time, l Language) string {
	start, end = start.In(Stockholm), end.In(Stockholm)
	date := start.Format("Mon 2 Jan 2006")
	if l == Swedish {
		date = fmt.Sprintf("%s %d %s %d", svShortWeekdays[start.Weekday()], start.Day(), svShortMonths[start.Month()-1], start.Year())
	}
	if start.Year() == end.Year() && start.YearDay() == end.YearDay() {
		return fmt.Sprintf("%s, %s–%s", date, start.Format("15:04"), end.Format("15:04"))
	}
	return fmt.Sprintf("%s %s – %s", date, start.Format("15:04"), FormatShortDate(end, l))
}
