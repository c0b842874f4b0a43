package geo

// English messages of the Problems this package returns. Each is also the
// translation key in assets/translations/geo.en.json and geo.sv.json, so a
// change here must be made there too (TestTranslations checks it).
const (
	msgEmpty      = "No coordinates were given. Paste decimal degrees (59.6162, 16.5528), degrees-minutes-seconds (59°36′58″N 16°33′10″E) or SWEREF 99 TM (N 6609690 E 587605)."
	msgUnreadable = "Could not read the coordinates \"{{.Value}}\". Paste decimal degrees (59.6162, 16.5528), degrees-minutes-seconds (59°36′58″N 16°33′10″E) or SWEREF 99 TM (N 6609690 E 587605)."
	msgAmbiguous  = "The coordinates \"{{.Value}}\" can be read in more than one way. Use a point as the decimal separator, or put a space after the comma between the two numbers."
	msgSameAxis   = "The coordinates \"{{.Value}}\" give two latitudes or two longitudes. Mark one number with N or S and the other with E or W."
	msgLatRange   = "The latitude {{.Number}} in \"{{.Value}}\" is out of range: latitude runs from 90° S to 90° N. Check that latitude comes first."
	msgLonRange   = "The longitude {{.Number}} in \"{{.Value}}\" is out of range: longitude runs from 180° W to 180° E."
	msgMinutes    = "The minutes {{.Number}} in \"{{.Value}}\" must be less than 60. Check the degrees-minutes-seconds value."
	msgSeconds    = "The seconds {{.Number}} in \"{{.Value}}\" must be less than 60. Check the degrees-minutes-seconds value."
	msgFraction   = "In \"{{.Value}}\" only the last of degrees, minutes and seconds may have decimals. Write for example 59°36.97′ or 59°36′58.3″."
	msgGridRange  = "The SWEREF 99 TM coordinates \"{{.Value}}\" are outside the range used in Sweden: northing (N) runs from 6 100 000 to 7 700 000 and easting (E) from 250 000 to 950 000. Check the numbers."
	msgOutside    = "The point {{.Point}} lies outside Sweden. Check that latitude and longitude are not swapped."
	msgSwapped    = "\"{{.Value}}\" looks like longitude, latitude — swapped? In Sweden the latitude (55–69) comes first: {{.Fixed}}."
)

// messages lists every message above, for the translation test.
var messages = []string{
	msgEmpty, msgUnreadable, msgAmbiguous, msgSameAxis, msgLatRange,
	msgLonRange, msgMinutes, msgSeconds, msgFraction, msgGridRange, msgOutside, msgSwapped,
}
