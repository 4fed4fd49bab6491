"""Plausibility of an application's age: is the person of working age at the first day of
sickness? Pure Python; the citizen's form shows the problems at the field, and the action
refuses the same application from any door (form, API).

- Children under 13 may not work for an employer (Arbejdstilsynets bekendtgørelse om unges
  arbejde, nr. 239 af 6. april 2005): an employed child is refused.
- No one under 13 has a right to sickness benefit through work or unemployment benefit; a
  younger applicant is refused whatever the situation.
- Working age ends at the folkepensionsalder (lov om social pension § 1 a), which depends on
  the date of birth. Treating it as the end of the sickness-benefit case is this project's
  plausibility check, marked provisional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sporskifte.lib.dates import add_months
from sporskifte.rules.answers import Reason

MIN_WORKING_AGE = 13
CHILD_LABOUR = Reason(
    text="Børn under 13 år må ikke arbejde for en arbejdsgiver.",
    rule="Bekendtgørelse om unges arbejde (nr. 239 af 6. april 2005)",
    source="https://www.retsinformation.dk/eli/lta/2005/239",
)
PENSION_AGE_RULE = Reason(
    text="Den arbejdsdygtige alder slutter ved folkepensionsalderen.",
    rule="Lov om social pension § 1 a (folkepensionsalderen)",
    source="https://danskelove.dk/pensionsloven/1a",
    provisional=True,
)

# (born from, born to, pension age in months) from lov om social pension § 1 a.
_PENSION_AGES: tuple[tuple[date, date, int], ...] = (
    (date.min, date(1953, 12, 31), 65 * 12),
    (date(1954, 1, 1), date(1954, 6, 30), 65 * 12 + 6),
    (date(1954, 7, 1), date(1954, 12, 31), 66 * 12),
    (date(1955, 1, 1), date(1955, 6, 30), 66 * 12 + 6),
    (date(1955, 7, 1), date(1962, 12, 31), 67 * 12),
    (date(1963, 1, 1), date(1966, 12, 31), 68 * 12),
    (date(1967, 1, 1), date.max, 69 * 12),
)


@dataclass(frozen=True)
class Problem:
    """One implausible answer: the form field it belongs to, a Danish message, the reason."""

    field: str
    message: str
    reason: Reason


def age_on(birth: date, on: date) -> int:
    """Whole years of age on `on`."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def pension_age_months(birth: date) -> int:
    """The folkepensionsalder in months for a person born on `birth` (§ 1 a)."""
    return next(months for start, end, months in _PENSION_AGES if start <= birth <= end)


def pension_date(birth: date) -> date:
    """The day the person reaches the folkepensionsalder."""
    return add_months(birth, pension_age_months(birth))


def _years(months: int) -> str:
    return f"{months // 12} år" if months % 12 == 0 else f"{months // 12} ½ år"


def age_problems(birth: date, onset: date, employment_status: str) -> list[Problem]:
    """What is implausible about the age at `onset` (empty when it is within working age)."""
    age = age_on(birth, onset)
    if age < MIN_WORKING_AGE:
        if employment_status == "employed":
            message = (
                f"Ifølge CPR-nummeret var du {age} år ved første sygedag. Børn under "
                f"{MIN_WORKING_AGE} år må ikke være ansat, så du kan ikke få sygedagpenge "
                "som ansat. Tjek CPR-nummeret og din situation."
            )
            return [Problem("employment_status", message, CHILD_LABOUR)]
        message = (
            f"Ifølge CPR-nummeret var du {age} år ved første sygedag. Sygedagpenge kræver "
            f"arbejde eller ret til dagpenge, og det kan man ikke have under {MIN_WORKING_AGE} "
            "år. Tjek CPR-nummeret og første sygedag."
        )
        return [Problem("onset_date", message, CHILD_LABOUR)]
    if onset >= pension_date(birth):
        pension = _years(pension_age_months(birth))
        message = (
            f"Ifølge CPR-nummeret var du {age} år ved første sygedag, det vil sige over "
            f"folkepensionsalderen ({pension} for dig). Tjek CPR-nummeret og første sygedag."
        )
        return [Problem("onset_date", message, PENSION_AGE_RULE)]
    return []
