"""Spells with known outcomes, and screened open cases, for the follow-up dashboards."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count
from typing import Any

from sporskifte.citizens.models import Person, SicknessSpell
from sporskifte.sickness.models import Review, Screening, SpellCase

_ids = count(1)
BASE: dict[str, Any] = {
    "birth_year": 1980, "sex": "K", "employment_status": "employed", "employer_size": "51+",
    "education": "vocational", "partial_sick_leave": False, "work_related": False,
    "diagnosis_group": "musculoskeletal", "prior_spells_3y": 0, "prior_sick_weeks_3y": 0,
    "benefit_weeks_3y": 0, "district": "Nørrebro",
}  # fmt: skip


def spell(**fields: Any) -> SicknessSpell:
    n = next(_ids)
    values = {**BASE, "spell_id": f"S{n}", "person_key": f"P{n}", "onset_date": date(2026, 1, 5)}
    values.update(fields)
    return SicknessSpell(**values)


def spells(*rows: tuple[float, bool, str], **fields: Any) -> list[SicknessSpell]:
    """Spells from (duration, ended, end reason), saved in one query."""
    made = [spell(duration_weeks=d, ended=e, end_reason=r, **fields) for d, e, r in rows]
    return SicknessSpell.objects.bulk_create(made)


def screened_case(
    person: Person, p_long: float, *, exempt: bool = False, track: str = "let_opfoelgning",
    duration: float | None = None, ended: bool | None = None, on: date = date(2026, 3, 2),
    review: str = Review.State.AWAITING, **spell_fields: Any,
) -> SpellCase:  # fmt: skip
    """An open case whose current screening has `p_long`."""
    sp = spell(
        duration_weeks=duration, ended=ended, end_reason="work" if ended else "", **spell_fields
    )
    sp.save()
    n = sp.pk
    case = SpellCase.objects.create(
        spell=sp, person=person, opened_via="register", opened_on=on,
        receipt_token=f"r{n}", employer_token=f"e{n}", track=track,
    )  # fmt: skip
    screening = Screening.objects.create(
        case=case, screened_on=on, trigger="register", mode="model", p_long=p_long,
        proposed_track=track, exempt=exempt,
    )  # fmt: skip
    decided = on + timedelta(days=3) if review != Review.State.AWAITING else None
    Review.objects.create(
        screening=screening, state=review, proposed_track=track,
        decided_track=track if decided else "", decided_at=decided and _aware(decided),
    )  # fmt: skip
    case.current_screening = screening
    case.save(update_fields=["current_screening"])
    return case


def _aware(d: date) -> Any:
    from datetime import UTC, datetime

    return datetime(d.year, d.month, d.day, 12, tzinfo=UTC)


def bulk_screened(
    person: Person, rows: list[tuple[float, float, bool]], *, onset: date, screened_on: date,
    via: str = "form", trigger: str = "application", **spell_fields: Any,
) -> None:  # fmt: skip
    """Cases with one screening each, from (p_long, duration, ended), in a few queries."""
    made = SicknessSpell.objects.bulk_create(
        [
            spell(
                duration_weeks=d,
                ended=e,
                end_reason="work" if e else "",
                onset_date=onset,
                **spell_fields,
            )
            for _, d, e in rows
        ]
    )
    cases = SpellCase.objects.bulk_create(
        [
            SpellCase(
                spell=sp,
                person=person,
                opened_via=via,
                opened_on=screened_on,
                receipt_token=f"r{sp.pk}",
                employer_token=f"e{sp.pk}",
                track="let_opfoelgning",
            )
            for sp in made
        ]
    )
    Screening.objects.bulk_create(
        [
            Screening(
                case=case,
                screened_on=screened_on,
                trigger=trigger,
                mode="model",
                p_long=p,
                proposed_track="let_opfoelgning",
                exempt=False,
            )
            for case, (p, _, _) in zip(cases, rows, strict=True)
        ]
    )
