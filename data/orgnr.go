package data

import (
	"strings"
)

// Messages of the organisation-number check; each is also a translation key in
// assets/translations/submission.*.json.
const (
	msgOrgFormat = "The organisation number must be written NNNNNN-NNNN, e.g. 556036-0793."
	msgOrgCheck  = "The check digit of organisation number {{.Value}} is wrong; check for a typo."
)

// CheckOrgNumber checks a Swedish organisationsnummer: ten digits written
// NNNNNN-NNNN, or without the dash, or with the century prefix 16 that some
// registers add (16NNNNNN-NNNN), where the last digit is a Luhn check digit
// over the other nine. An empty (or blank) s is accepted: the number is
// optional. The errors are *Problem values.
//
// Sole traders use their personnummer as organisation number, so the third
// digit (≥ 2 for legal entities) is not checked.
func CheckOrgNumber(s string) error {
	_, err := NormaliseOrgNumber(s)
	return err
}

// NormaliseOrgNumber checks s like CheckOrgNumber and returns it written the
// standard way, NNNNNN-NNNN ("5560360793" → "556036-0793"). An empty s
// gives "" and no error.
func NormaliseOrgNumber(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	digits, ok := orgDigits(s)
	if !ok {
		return "", NewProblem(msgOrgFormat, nil)
	}
	if !luhnValid(digits) {
		return "", NewProblem(msgOrgCheck, map[string]any{"Value": s})
	}
	return digits[:6] + "-" + digits[6:], nil
}

// orgDigits returns the ten digits of s when s is written in one of the
// accepted ways.
func orgDigits(s string) (string, bool) {
	// Spaces inside the number ("556036 0793") are a common paste artefact.
	s = strings.Join(strings.Fields(s), "")
	if before, after, found := strings.Cut(s, "-"); found {
		if !allDigits(before) || !allDigits(after) || len(after) != 4 {
			return "", false
		}
		switch len(before) {
		case 6:
		case 8:
			if before[:2] != "16" {
				return "", false
			}
			before = before[2:]
		default:
			return "", false
		}
		return before + after, true
	}
	if !allDigits(s) {
		return "", false
	}
	switch len(s) {
	case 10:
		return s, true
	case 12:
		if s[:2] == "16" {
			return s[2:], true
		}
	}
	return "", false
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// luhnValid checks the Luhn check digit of a string of digits: from the left,
// every other digit starting with the first is doubled (for ten digits that is
// the same as from the right starting with the second to last).
func luhnValid(digits string) bool {
	sum := 0
	n := len(digits)
	for i := 0; i < n; i++ {
		d := int(digits[i] - '0')
		if (n-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}
