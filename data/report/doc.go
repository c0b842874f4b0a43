// Package report writes ILA Desk's printable documents as PDF: a single
// submission (inspel) to print, sign and send, a consolidated report of many
// submissions, a meeting book and a protocol. Fyne has no print API, so the
// UI writes one of these to a file and opens it in the system's viewer.
//
// The package is the only user of gofpdf. It writes to an io.Writer and
// knows nothing of Fyne or SQL. Text is set in the embedded Liberation Sans
// family; any text is safe to pass: characters the font lacks print as □,
// control characters are dropped and over-long words are broken to fit.
//
// Every document is laid out twice, first only measuring, so the footer can
// say "Page 3 of 12" and the table of contents can give page numbers
// without gofpdf's page-count alias (which would also rewrite a "{nb}" that
// a user typed). A measuring pass that leaves a heading alone at the foot of
// a page is run again with a page break before that heading, so a heading
// always shares its page with the start of what it heads, and the contents
// give the page where it lands.
package report
