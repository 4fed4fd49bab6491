"""Means test pre-check beyond the scenario tables: reasons, provisional marks, validation."""

from __future__ import annotations

from datetime import date

import pytest

from sporskifte.rules.means_test import HouseholdFacts, precheck, precheck_many

JULY_2025 = date(2025, 7, 1)


def test_a_failed_asset_test_names_the_amounts_and_the_rule() -> None:
    answer = precheck(HouseholdFacts("single", 15501), JULY_2025)
    assert answer.value == "no"
    asset = next(r for r in answer.reasons if "formue" in r.text.lower())
    assert asset.text == "Egen formue på 15.501 kr. er over grænsen på 15.500 kr."
    assert asset.rule.startswith("Lov om aktiv socialpolitik § 14")
    assert not asset.provisional


def test_a_married_answer_says_the_spouse_counts_and_a_cohabiting_one_says_not() -> None:
    married = precheck(HouseholdFacts("married", 0, 0, 0, 0), JULY_2025)
    cohabiting = precheck(HouseholdFacts("cohabiting", 0, 0, 0, 0), JULY_2025)
    assert any("ægtefællens formue og indtægt medregnes" in r.text for r in married.reasons)
    assert any("medregnes ikke" in r.text for r in cohabiting.reasons)


def test_an_answer_resting_on_a_provisional_rate_is_marked_provisional() -> None:
    answer = precheck(HouseholdFacts("single", 0, own_monthly_income_dkk=12500), JULY_2025)
    assert answer.value == "uncertain"
    assert answer.provisional


def test_unknown_civil_status_is_rejected_clearly() -> None:
    with pytest.raises(ValueError, match="civil_status must be one of"):
        HouseholdFacts("engaged", 0)  # type: ignore[arg-type]


def test_the_batch_helper_matches_single_calls() -> None:
    households = [HouseholdFacts("single", a) for a in (0, 15500, 15501)]
    assert precheck_many(households, JULY_2025) == [precheck(h, JULY_2025) for h in households]
