package data

// The English names of the domain's values. Each is also the translation key
// the UI and the PDFs look the name up with, so that the window, the command
// line and the printed documents call a thing the same.

// Label is the status's name: "Draft", "Handled in the arena".
func (s Status) Label() Phrase {
	switch s {
	case StatusDraft:
		return Phrase("Draft")
	case StatusReady:
		return Phrase("Ready")
	case StatusSubmitted:
		return Phrase("Submitted")
	case StatusHandled:
		return Phrase("Handled in the arena")
	case StatusForwarded:
		return Phrase("Forwarded to region/Trafikverket")
	case StatusResolved:
		return Phrase("Resolved")
	case StatusClosed:
		return Phrase("Closed")
	}
	return Phrase(s)
}

// Label is the transport mode's name.
func (m Mode) Label() Phrase {
	switch m {
	case ModeRoad:
		return Phrase("Road")
	case ModeRail:
		return Phrase("Rail")
	case ModeSea:
		return Phrase("Shipping/port")
	case ModeAir:
		return Phrase("Aviation")
	case ModeIntermodal:
		return Phrase("Intermodal")
	}
	return Phrase(m)
}

// Label is the step's name in the four-step principle, without its number.
func (s Step) Label() Phrase {
	switch s {
	case StepRethink:
		return Phrase("Rethink")
	case StepOptimise:
		return Phrase("Optimise")
	case StepRebuild:
		return Phrase("Rebuild")
	case StepBuildNew:
		return Phrase("Build new")
	}
	return Phrase("Step not given")
}

// Label is the cost class's name.
func (c CostClass) Label() Phrase {
	switch c {
	case CostUnder50:
		return Phrase("Under 50 MSEK")
	case CostOver50:
		return Phrase("50 MSEK or more")
	}
	return Phrase("Unknown")
}

// Label is the priority's name.
func (p Priority) Label() Phrase {
	switch p {
	case PriorityHigh:
		return Phrase("High")
	case PriorityMedium:
		return Phrase("Medium")
	case PriorityLow:
		return Phrase("Low")
	}
	return Phrase("Not given")
}

// Label is the urgency's name.
func (u Urgency) Label() Phrase {
	switch u {
	case UrgencyAcute:
		return Phrase("Acute")
	case UrgencyYear:
		return Phrase("Within a year")
	case UrgencyFewYears:
		return Phrase("Within three years")
	case UrgencyLongTerm:
		return Phrase("Long term")
	}
	return Phrase("Not given")
}

// Label is the consequence area's name.
func (c Consequence) Label() Phrase {
	switch c {
	case ConsTime:
		return Phrase("Time")
	case ConsCost:
		return Phrase("Cost")
	case ConsReliability:
		return Phrase("Reliability")
	case ConsSafety:
		return Phrase("Safety")
	case ConsEnvironment:
		return Phrase("Environment")
	case ConsRecruitment:
		return Phrase("Recruitment")
	}
	return Phrase(c)
}
