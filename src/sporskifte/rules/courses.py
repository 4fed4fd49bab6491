"""Course referral and phase-out: ressourceforløb, revalidering, jobafklaringsforløb.

Each scheme has a dated status parameter (`courses.<scheme>.status`): ``open`` (new referrals
possible), ``closed_to_new`` (no referral dated on or after the change; a course already granted
runs to its planned end) or ``abolished`` (no course runs any more). Ressourceforløb and
revalidering close to new referrals on 1 Feb 2026 (lov 1750); jobafklaringsforløb on 1 Jan 2027
(the 2027 law, provisional), courses granted before then running to their end. A ressourceforløb
lasts at most 5 years if granted before 2022 and 3 years if granted from 1 Jan 2022 (LAB
kapitel 19). The referral date is taken as the grant date.
"""

from __future__ import annotations

from datetime import date, timedelta

from sporskifte.rules._text import dato
from sporskifte.rules.answers import Answer, Reason
from sporskifte.rules.params import Param, load_params

RESSOURCEFORLOEB, REVALIDERING, JOBAFKLARINGSFORLOEB = (
    "ressourceforloeb",
    "revalidering",
    "jobafklaringsforloeb",
)
SCHEMES: tuple[str, ...] = (RESSOURCEFORLOEB, REVALIDERING, JOBAFKLARINGSFORLOEB)
OPEN, CLOSED_TO_NEW, ABOLISHED = "open", "closed_to_new", "abolished"

_NEW = {
    RESSOURCEFORLOEB: "nyt ressourceforløb",
    REVALIDERING: "ny revalidering",
    JOBAFKLARINGSFORLOEB: "nyt jobafklaringsforløb",
}
_NAMES = {
    RESSOURCEFORLOEB: "ressourceforløb",
    REVALIDERING: "revalidering",
    JOBAFKLARINGSFORLOEB: "jobafklaringsforløb",
}


def _status_key(scheme: str) -> str:
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; expected one of {list(SCHEMES)}")
    return f"courses.{scheme}.status"


def _status(scheme: str, on: date) -> Param | None:
    """The status parameter in force on `on`, or None before the scheme existed."""
    return load_params().at(on).get(_status_key(scheme))


def _before_scheme(scheme: str) -> Reason:
    first = load_params().history(_status_key(scheme))[0]
    return first.reason(f"Der fandtes ikke {_NAMES[scheme]} før {dato(first.valid_from)}.")


def referral_allowed(scheme: str, referral_date: date) -> Answer[bool]:
    """May a new course of `scheme` be granted with this referral date?"""
    status = _status(scheme, referral_date)
    name = _NAMES[scheme]
    if status is None:
        return Answer(False, (_before_scheme(scheme),))
    if status.value == OPEN:
        text = f"Der kan visiteres til {name} pr. {dato(referral_date)}."
        return Answer(True, (status.reason(text),))
    text = (
        f"Der kan ikke visiteres til {_NEW[scheme]} fra {dato(status.valid_from)}; "
        "igangværende forløb fortsætter til deres planlagte slutdato."
        if status.value == CLOSED_TO_NEW
        else f"{name.capitalize()} er afskaffet fra {dato(status.valid_from)}."
    )
    return Answer(False, (status.reason(text),))


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a non-leap target year
        return d.replace(year=d.year + years, day=28)


def _abolition(scheme: str) -> Param | None:
    history = load_params().history(_status_key(scheme))
    return next((p for p in history if p.value == ABOLISHED), None)


def max_end_date(scheme: str, referral_date: date, start_date: date) -> Answer[date | None]:
    """The latest possible last day of a course granted on `referral_date`, started on
    `start_date`; None when no maximum applies (or no course could be granted)."""
    allowed = referral_allowed(scheme, referral_date)
    if not allowed.value:
        return Answer(None, allowed.reasons)
    if scheme == RESSOURCEFORLOEB:
        years = load_params().at(referral_date)["courses.ressourceforloeb.max_years"]
        end = _add_years(start_date, years.value) - timedelta(days=1)
        text = (
            f"Et ressourceforløb visiteret {dato(referral_date)} varer højst {years.value} år: "
            f"senest til og med {dato(end)}."
        )
        return Answer(end, (years.reason(text),))
    abolition = _abolition(scheme)
    if abolition is not None:
        end = abolition.valid_from - timedelta(days=1)
        text = f"{_NAMES[scheme].capitalize()} ophører, når ordningen afskaffes {dato(end)}."
        return Answer(end, (abolition.reason(text),))
    status = _status(scheme, referral_date)
    assert status is not None
    text = f"Kilderne fastsætter ingen længste varighed for {_NAMES[scheme]}."
    return Answer(None, (status.reason(text),))


def scheme_open(scheme: str, on: date) -> Answer[bool]:
    """Can anybody be in `scheme` on `on`? True while it takes new referrals, and while courses
    granted earlier may still run (closed to new); False before it existed and once abolished."""
    status = _status(scheme, on)
    name = _NAMES[scheme]
    if status is None:
        return Answer(False, (_before_scheme(scheme),))
    if status.value == OPEN:
        return Answer(True, (status.reason(f"{name.capitalize()} er åben for visitation."),))
    if status.value == CLOSED_TO_NEW:
        text = (
            f"Ingen ny visitation til {name} fra {dato(status.valid_from)}, men igangværende "
            "forløb fortsætter til deres planlagte slutdato."
        )
        return Answer(True, (status.reason(text),))
    return Answer(False, (status.reason(f"{name.capitalize()} er afskaffet."),))


def may_continue(
    scheme: str, referral_date: date, start_date: date, planned_end: date, on: date
) -> Answer[bool]:
    """Does a course granted on `referral_date` still run on `on`? It needs a lawful grant,
    `on` within [start_date, planned_end] and not past the maximum end date."""
    limit = max_end_date(scheme, referral_date, start_date)
    allowed = referral_allowed(scheme, referral_date)
    if not allowed.value:
        return Answer(False, allowed.reasons)
    end = planned_end if limit.value is None else min(planned_end, limit.value)
    running = start_date <= on <= end
    word = "løber" if running else "løber ikke"
    text = (
        f"Forløbet {word} {dato(on)} (start {dato(start_date)}, planlagt slut "
        f"{dato(planned_end)}, seneste slut {dato(end)})."
    )
    return Answer(running, (*limit.reasons, Reason(text, limit.reasons[0].rule,
                                                   limit.reasons[0].source,
                                                   limit.reasons[0].provisional)))  # fmt: skip
