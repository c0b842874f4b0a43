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
// when given. Nil when all is well.
func ValidateCompany(c Company) []FieldProblem {
	var ps []FieldProblem
	if strings.TrimSpace(c.Name) == "" {
		ps = append(ps, FieldProblem{Field: FieldCompanyName, Problem: NewProblem("The company name is missing.", nil)})
	}
	if err := CheckOrgNumber(c.OrgNumber); err != nil {
		if p, ok := AsProblem(err); ok {
			ps = append(ps, FieldProblem{Field: FieldCompanyOrg, Problem: p})
		}
	}
	if e := strings.TrimSpace(c.Email); e != "" && !validEmail(e) {
		ps = append(ps, FieldProblem{Field: FieldCompanyEmail, Problem: NewProblem(msgEmail, map[string]any{"Value": e})})
	}
	return ps
}
