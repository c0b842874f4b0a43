// Package data holds ILA Desk's domain types: the arena's content (focus areas,
// activities, meetings, protocols, events, contacts, offices), the company
// profile and the submissions (inspel) companies draft. It knows nothing of
// SQL or Fyne; the store and the UI translate to and from these types.
//
// Submission is the one definition of a submission's fields: its JSON form
// is the submission of an exchange package and the state the store's
// revisions keep, and the store derives its columns from it (see
// docs/ARCHITECTURE.md, "Adding a field to a submission").
package data
