"""Planning: the phase-out of courses person by person, forecasts, caseload (no Django)."""
