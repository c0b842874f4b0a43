package printing

import (
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
)

func TestMeetingProtocolsPicksThePreviousAndTheOwn(t *testing.T) {
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, data.Stockholm) }
	mtg := data.Meeting{Key: "m", Start: at(2017, 5, 16, 15)}
	ps := []data.Protocol{
		{Key: "older", Date: at(2016, 11, 21, 0)},
		{Key: "latest before", Date: at(2017, 2, 22, 0)},
		{Key: "same day", Date: at(2017, 5, 16, 0)},
		{Key: "after", Date: at(2017, 9, 13, 0)},
		{Key: "undated"},
		{Key: "own", Date: at(2017, 5, 16, 0), MeetingKey: "m"},
		{Key: "own again", MeetingKey: "m"},
	}
	for _, tc := range []struct {
		name      string
		mtg       data.Meeting
		prev, own string
	}{
		{"dated meeting", mtg, "latest before", "own"},
		{"undated meeting", data.Meeting{Key: "m"}, "", "own"},
		{"meeting without key", data.Meeting{Start: mtg.Start}, "latest before", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prev, own := meetingProtocols(ps, tc.mtg)
			key := func(p *data.Protocol) string {
				if p == nil {
					return ""
				}
				return p.Key
			}
			if key(prev) != tc.prev || key(own) != tc.own {
				t.Errorf("got previous %q and own %q, want %q and %q", key(prev), key(own), tc.prev, tc.own)
			}
		})
	}
}
