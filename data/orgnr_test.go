package data_test

import (
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

func TestNormaliseOrgNumber(t *testing.T) {
	const (
		format = "The organisation number must be written NNNNNN-NNNN, e.g. 556036-0793."
		check  = "The check digit of organisation number {{.Value}} is wrong; check for a typo."
	)
	tests := []struct {
		in, want, problem string
	}{
		{"556036-0793", "556036-0793", ""},
		{"5560360793", "556036-0793", ""},
		{"16556036-0793", "556036-0793", ""},
		{"165560360793", "556036-0793", ""},
		{"  556036-0793 ", "556036-0793", ""},
		{"556036 0793", "556036-0793", ""},
		{"802002-4280", "802002-4280", ""}, // a public body (Västerås stad's kind of number)
		{"", "", ""},
		{"   ", "", ""},
		{"556036-0794", "", check},
		{"5560360794", "", check},
		{"556036-079", "", format},
		{"55603-60793", "", format},
		{"556036_0793", "", format},
		{"17556036-0793", "", format},
		{"195560360793", "", format},
		{"55603607931", "", format},
		{"abcdef-ghij", "", format},
		{"556036--0793", "", format},
		{"５５６０３６-０７９３", "", format}, // full-width digits are not digits here
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := data.NormaliseOrgNumber(tt.in)
			if tt.problem == "" {
				if err != nil || got != tt.want {
					t.Errorf("got %q, %v; want %q, no error", got, err, tt.want)
				}
				if err := data.CheckOrgNumber(tt.in); err != nil {
					t.Errorf("CheckOrgNumber: got %v, want nil", err)
				}
				return
			}
			p, ok := data.AsProblem(err)
			if !ok || p.Msg != tt.problem {
				t.Fatalf("got %q, %v; want the problem %q", got, err, tt.problem)
			}
			if tt.problem == check && p.Args["Value"] != tt.in {
				t.Errorf("problem value = %v, want %q", p.Args["Value"], tt.in)
			}
			if err := data.CheckOrgNumber(tt.in); err == nil {
				t.Error("CheckOrgNumber: got nil, want the problem")
			}
		})
	}
}

// Every single-digit typo in a valid number is caught by the check digit.
func TestOrgNumberCheckDigitCatchesEveryTypo(t *testing.T) {
	const valid = "5560360793"
	for i := range valid {
		for d := byte('0'); d <= '9'; d++ {
			if d == valid[i] {
				continue
			}
			typo := valid[:i] + string(d) + valid[i+1:]
			if err := data.CheckOrgNumber(typo); err == nil {
				t.Errorf("%s (digit %d changed) passed the check", typo, i+1)
			}
		}
	}
}
