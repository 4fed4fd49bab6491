"""The words the law and the data share, defined once: employment status (the law treats a
lønmodtager, a selvstændig, a ledig and a person in fleksjob differently). Django choices, the
data contract, the forms and the API derive from these."""

from __future__ import annotations

from typing import Literal, get_args

EmploymentStatus = Literal["employed", "unemployed", "self_employed", "flexjob", "other"]
EMPLOYMENT_STATUSES: tuple[EmploymentStatus, ...] = get_args(EmploymentStatus)
EMPLOYMENT_STATUS_LABELS: dict[str, str] = {
    "employed": "Ansat hos en arbejdsgiver",
    "self_employed": "Selvstændig",
    "unemployed": "Ledig",
    "flexjob": "I fleksjob",
    "other": "Andet",
}
"""Danish labels, in the order a form shows them."""

EmployerSize = Literal["none", "1-9", "10-49", "50-249", "250+"]
EMPLOYER_SIZES: tuple[EmployerSize, ...] = get_args(EmployerSize)
EMPLOYER_SIZE_LABELS: dict[str, str] = {
    "none": "Ingen arbejdsgiver",
    "1-9": "1-9 ansatte",
    "10-49": "10-49 ansatte",
    "50-249": "50-249 ansatte",
    "250+": "250 ansatte eller flere",
}

EmployeeNameShown = Literal["full_name", "first_name_initials", "initials"]
EMPLOYEE_NAME_SHOWN: tuple[EmployeeNameShown, ...] = get_args(EmployeeNameShown)
EMPLOYEE_NAME_SHOWN_LABELS: dict[str, str] = {
    "full_name": "Fulde navn",
    "first_name_initials": "Fornavn og forbogstaver i de øvrige navne",
    "initials": "Kun initialer",
}
"""How the citizen allows the employer to see them named (the employer's page and letter,
the company consultant's list), in the order the application form shows them."""
DEFAULT_EMPLOYEE_NAME_SHOWN: EmployeeNameShown = "first_name_initials"
"""Enough for an employer to recognise the employee, no more (the link may be forwarded)."""
