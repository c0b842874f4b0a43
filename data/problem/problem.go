// Package problem is the error meant for a person: an English sentence that
// says what is wrong and what to do, which doubles as its translation key.
// It imports nothing of ILA Desk, so that every package can return one;
// package data re-exports it as data.Problem for everyone else.
package problem

import (
	"bytes"
	"errors"
	"text/template"
)

// Problem is an error meant for a person. Msg is an English sentence that says
// what is wrong and what to do; it doubles as the translation key, so the UI
// and the command line show it in the user's language with lang.L(Msg, Args).
// Args fills {{.Name}} placeholders in Msg. Err, when set, is the underlying
// cause, kept for logs and errors.Is.
type Problem struct {
	Msg  string
	Args map[string]any
	Err  error
}

// New returns a Problem with the given English message and arguments.
func New(msg string, args map[string]any) *Problem {
	return &Problem{Msg: msg, Args: args}
}

// Wrap returns a copy of p that carries err as its cause.
func (p *Problem) Wrap(err error) *Problem {
	c := *p
	c.Err = err
	return &c
}

// English renders the message in English (the source language).
func (p *Problem) English() string {
	return Render(p.Msg, p.Args)
}

func (p *Problem) Error() string {
	s := p.English()
	if p.Err != nil {
		s += ": " + p.Err.Error()
	}
	return s
}

func (p *Problem) Unwrap() error { return p.Err }

// As finds the Problem in err's chain, if any.
func As(err error) (*Problem, bool) {
	var p *Problem
	ok := errors.As(err, &p)
	return p, ok
}

// Render fills {{.Name}} placeholders in s from args; on a template error it
// returns s unchanged.
func Render(s string, args map[string]any) string {
	if len(args) == 0 {
		return s
	}
	t, err := template.New("").Option("missingkey=zero").Parse(s)
	if err != nil {
		return s
	}
	var b bytes.Buffer
	if err := t.Execute(&b, args); err != nil {
		return s
	}
	return b.String()
}

// Phrase is a fragment of English text used as an argument of a Problem; the
// UI translates it like the message itself.
type Phrase string
