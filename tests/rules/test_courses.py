"""Courses beyond the scenario tables: reasons and input validation."""

from __future__ import annotations

from datetime import date

import pytest

from sporskifte.rules.courses import max_end_date, referral_allowed, scheme_open


def test_a_refused_referral_says_why_with_the_law() -> None:
    answer = referral_allowed("ressourceforloeb", date(2026, 2, 1))
    assert answer.value is False
    (reason,) = answer.reasons
    assert "Der kan ikke visiteres til nyt ressourceforløb fra 1. februar 2026" in reason.text
    assert "igangværende forløb fortsætter" in reason.text
    assert reason.rule.startswith("Lov nr. 1750 af 29. december 2025")


def test_the_2027_end_of_new_jobafklaringsforloeb_is_provisional_and_runs_courses_out() -> None:
    assert scheme_open("jobafklaringsforloeb", date(2027, 1, 1)).provisional
    assert scheme_open("jobafklaringsforloeb", date(2027, 1, 1)).value is True
    assert referral_allowed("jobafklaringsforloeb", date(2027, 1, 1)).value is False
    assert max_end_date("jobafklaringsforloeb", date(2026, 5, 1), date(2026, 5, 1)).value is None


def test_the_ressourceforloeb_maximum_cites_lab_chapter_19() -> None:
    answer = max_end_date("ressourceforloeb", date(2023, 2, 1), date(2023, 2, 1))
    assert answer.reasons[0].rule.startswith("Lov om en aktiv beskæftigelsesindsats kapitel 19")


def test_a_ressourceforloeb_started_on_29_february_ends_the_day_before_the_anniversary() -> None:
    answer = max_end_date("ressourceforloeb", date(2024, 2, 1), date(2024, 2, 29))
    assert answer.value == date(2027, 2, 27)


def test_an_unknown_scheme_is_rejected_clearly() -> None:
    with pytest.raises(ValueError, match="unknown scheme 'flexjob'"):
        referral_allowed("flexjob", date(2026, 1, 1))
