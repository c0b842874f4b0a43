package data_test

import (
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

func TestValidateCompany(t *testing.T) {
	tests := []struct {
		c    data.Company
		want []string
	}{
		{data.Company{Name: "Mälarfrakt AB", OrgNumber: "556036-0793", Email: "info@malarfrakt.se"}, nil},
		{data.Company{Name: "Mälarfrakt AB"}, nil},
		{data.Company{}, []string{data.FieldCompanyName}},
		{data.Company{Name: "X", OrgNumber: "556036-0794"}, []string{data.FieldCompanyOrg}},
		{data.Company{Name: "X", OrgNumber: "55603"}, []string{data.FieldCompanyOrg}},
		{data.Company{Name: "X", Email: "info at x"}, []string{data.FieldCompanyEmail}},
	}
	for _, tt := range tests {
		got := data.ValidateCompany(tt.c)
		if len(got) != len(tt.want) {
			t.Errorf("ValidateCompany(%+v) = %d problems, want %v", tt.c, len(got), tt.want)
			continue
		}
		for i, p := range got {
			if p.Field != tt.want[i] {
				t.Errorf("ValidateCompany(%+v) field %d = %s, want %s", tt.c, i, p.Field, tt.want[i])
			}
		}
	}
}
