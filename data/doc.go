// Package data holds ILA Desk's domain types: the arena's content (focus areas,
// activities, meetings, protocols, events, contacts, offices), the company
// profile and the submissions (inspel) companies draft. It knows nothing of
// SQL or Fyne; the store and the UI translate to and from these types.
package data
