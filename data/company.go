package data

import "strings"

// Field names of the company profile, as ValidateCompany gives them.
const (
	FieldCompanyName  = "company.name"
	FieldCompanyOrg   = "company.org_number"
	FieldCompanyEmail = "company.email"
)

// ValidateCompany checks the company profile: a name, an organisation number
// with the right check digit when given, an e-mail address that looks like one
// when given, no field longer than Limits allows. Nil when all is well.
func ValidateCompany(c Company) []FieldProblem {
	var ps []FieldProblem
	long := func(field, s string) bool {
		if p := CheckText(field, s); p != nil {
			ps = append(ps, FieldProblem{Field: field, Problem: p})
			return true
		}
		return false
	}
	if strings.TrimSpace(c.Name) == "" {
		ps = append(ps, FieldProblem{Field: FieldCompanyName, Problem: NewProblem("The company name is missing.", nil)})
	}
	long(FieldCompanyName, c.Name)
	if !long(FieldCompanyOrg, c.OrgNumber) {
		if p, ok := AsProblem(CheckOrgNumber(c.OrgNumber)); ok {
			ps = append(ps, FieldProblem{Field: FieldCompanyOrg, Problem: p})
		}
	}
	long(FieldCompanyContact, c.ContactPerson)
	if e := strings.TrimSpace(c.Email); !long(FieldCompanyEmail, c.Email) && e != "" && !validEmail(e) {
		ps = append(ps, FieldProblem{Field: FieldCompanyEmail, Problem: NewProblem(msgEmail, map[string]any{"Value": e})})
	}
	long(FieldCompanyPhone, c.Phone)
	return ps
}
