package ui

import (
	"fmt"
	"os"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// reminderInterval is how often the reminders are checked while the app runs.
const reminderInterval = time.Hour

// reminderID names one meeting's reminder: its key and start, so a meeting
// that is moved to another day is reminded of again.
func reminderID(m data.Meeting) string {
	return m.Key + "@" + m.Start.In(data.Stockholm).Format("2006-01-02T15:04")
}

// dueReminders returns the meetings to remind about at now: those that have
// not started and start within days days, whose reminder is not yet sent.
func dueReminders(ms []data.Meeting, now time.Time, days int, sent func(id string) bool) []data.Meeting {
	var due []data.Meeting
	horizon := now.AddDate(0, 0, days)
	for _, m := range ms {
		if !m.Start.After(now) || m.Start.After(horizon) {
			continue
		}
		if sent(reminderID(m)) {
			continue
		}
		due = append(due, m)
	}
	return due
}

// checkReminders returns the meetings to remind about at now, by the user's
// settings and the reminders already sent.
func (u *UI) checkReminders(now time.Time) ([]data.Meeting, error) {
	if !u.prefs.remindersOn() {
		return nil, nil
	}
	ms, err := u.st.Meetings(u.ctx)
	if err != nil {
		return nil, err
	}
	var lookupErr error
	due := dueReminders(ms, now, u.prefs.reminderDays(), func(id string) bool {
		sent, err := u.st.ReminderSent(u.ctx, id)
		if err != nil {
			lookupErr = err
			return true // better no reminder than one every hour
		}
		return sent
	})
	return due, lookupErr
}

// sendReminders notifies about the meetings due at now and remembers it.
func (u *UI) sendReminders(now time.Time) {
	due, err := u.checkReminders(now)
	if err != nil {
		fyne.LogError("check reminders", err)
	}
	l := u.language()
	system := u.notifies()
	for _, m := range due {
		n := fyne.NewNotification(
			locale.T("Arena meeting on {{.Date}}", map[string]any{"Date": data.FormatDate(m.Start, l)}),
			locale.T("{{.Title}}, {{.When}}. Place: {{.Place}}", map[string]any{
				"Title": m.Title, "When": data.FormatSpan(m.Start, m.End, l), "Place": placeOf(m)}))
		if system {
			u.app.SendNotification(n)
		} else {
			// No notification would show: the window says it itself.
			u.do(func() { u.inform(n.Title, n.Content) })
		}
		if err := u.st.MarkReminderSent(u.ctx, reminderID(m)); err != nil {
			fyne.LogError("remember reminder", err)
		}
	}
}

// notificationsAvailable reports whether the system shows notifications.
// Windows and macOS do; elsewhere they go through the D-Bus session bus,
// which locked-down desktops and remote sessions often lack.
func notificationsAvailable() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return true
	}
	_, err := os.Stat(fmt.Sprintf("/run/user/%d/bus", os.Getuid()))
	return err == nil
}

// countdown says how far away a meeting is: "today", "tomorrow", "in 5
// days", counted in calendar days in Stockholm.
func countdown(now, start time.Time) string {
	day := func(t time.Time) time.Time {
		t = t.In(data.Stockholm)
		return time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, data.Stockholm)
	}
	days := int(day(start).Sub(day(now)).Round(24*time.Hour) / (24 * time.Hour))
	switch {
	case days <= 0:
		return lang.L("Today")
	case days == 1:
		return lang.L("Tomorrow")
	}
	return locale.T("In {{.N}} days", map[string]any{"N": days})
}

// startReminders checks the reminders now and then hourly, off the UI
// goroutine, for as long as the app runs.
func (u *UI) startReminders() {
	go func() {
		u.sendReminders(u.now())
		t := time.NewTicker(reminderInterval)
		defer t.Stop()
		for {
			select {
			case <-u.ctx.Done():
				return
			case <-t.C:
				u.sendReminders(u.now())
			}
		}
	}()
}

// reminderDayChoices are the choices for how many days before a meeting.
var reminderDayChoices = []int{1, 2, 3, 5, 7, 14}

// settingsItems are the rows this part adds to Company → Settings:
// coordinator mode and the meeting reminders.
func (u *UI) settingsItems() []*widget.FormItem {
	coord := newCheck(lang.L("Coordinator mode"), nil)
	coord.SetChecked(u.prefs.coordinatorMode())
	coord.OnChanged = func(on bool) {
		u.prefs.setCoordinatorMode(on)
		u.refreshAll()
	}

	labels := make([]string, len(reminderDayChoices))
	for i, d := range reminderDayChoices {
		labels[i] = locale.T("{{.N}} days before", map[string]any{"N": d})
	}
	days := newSelect(labels, nil)
	current := u.prefs.reminderDays()
	for i, d := range reminderDayChoices {
		if d == current {
			days.SetSelectedIndex(i)
		}
	}
	days.OnChanged = func(string) {
		if i := days.SelectedIndex(); i >= 0 {
			u.prefs.setReminderDays(reminderDayChoices[i])
		}
	}
	on := newCheck(lang.L("Remind me before each arena meeting"), nil)
	on.SetChecked(u.prefs.remindersOn())
	if !on.Checked {
		days.Disable()
	}
	on.OnChanged = func(v bool) {
		u.prefs.setRemindersOn(v)
		if v {
			days.Enable()
			go u.sendReminders(u.now())
		} else {
			days.Disable()
		}
	}
	coordHint := hint(lang.L("For the chamber's coordinators: edit the arena's meetings, protocols, events and contacts, and export the content under File to give it to the members."))
	remindHint := hint(lang.L("A reminder comes the chosen number of days before each arena meeting."))
	if !u.notifies() {
		remindHint.SetText(lang.L("This computer shows no system notifications, so the reminder appears in ILA Desk while it is open."))
	}
	return []*widget.FormItem{
		widget.NewFormItem(lang.L("Coordinator"), container.NewVBox(coord, coordHint)),
		widget.NewFormItem(lang.L("Reminders"), container.NewVBox(on, days, remindHint)),
	}
}
