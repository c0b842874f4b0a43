package data

import "github.com/handelskammaren/ila-desk/data/problem"

// Problem is an error meant for a person (see package problem, where it is
// defined so that packages data imports, such as geo, can return one too).
// Msg is an English sentence that says what is wrong and what to do; it
// doubles as the translation key.
type Problem = problem.Problem

// Phrase is a fragment of English text used as an argument of a Problem; the
// UI translates it like the message itself.
type Phrase = problem.Phrase

// NewProblem returns a Problem with the given English message and arguments.
func NewProblem(msg string, args map[string]any) *Problem { return problem.New(msg, args) }

// AsProblem finds the Problem in err's chain, if any.
func AsProblem(err error) (*Problem, bool) { return problem.As(err) }

// Render fills {{.Name}} placeholders in s from args; on a template error it
// returns s unchanged.
func Render(s string, args map[string]any) string { return problem.Render(s, args) }
