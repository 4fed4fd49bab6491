"""Means test pre-check beyond the scenario tables: reasons, provisional marks, validation."""

from __future__ import annotations

from datetime import date

import pytest

from sporskifte.rules.means_test import (
    DISREGARDED_LABELS,
    DisregardedAsset,
    HouseholdFacts,
    means_tested_from,
    precheck,
    precheck_many,
)

JULY_2025 = date(2025, 7, 1)


def test_a_failed_asset_test_names_the_amounts_and_the_rule() -> None:
    answer = precheck(HouseholdFacts("single", 15501, disregarded_assets=()), JULY_2025)
    assert answer.value == "no"
    asset = next(r for r in answer.reasons if "formue" in r.text.lower())
    assert asset.text == "Egen formue på 15.501 kr. er over grænsen på 15.500 kr."
    assert asset.rule.startswith("Lov om aktiv socialpolitik § 14")
    assert not asset.provisional


def test_assets_over_the_limit_not_asked_about_fail_provisionally_naming_every_kind() -> None:
    answer = precheck(HouseholdFacts("single", 15501), JULY_2025)
    assert answer.value == "no"
    assert answer.provisional
    (asked,) = [r for r in answer.reasons if "Spørg borgeren" in r.text]
    for label in DISREGARDED_LABELS.values():
        assert label in asked.text


def test_a_kapitalpension_reason_says_the_first_months_and_the_cap_after() -> None:
    facts = HouseholdFacts(
        "single", 60000, disregarded_assets=(DisregardedAsset("kapitalpension", 50000),)
    )
    answer = precheck(facts, JULY_2025)
    assert answer.value == "yes"
    assert any("de første 6 måneder" in r.text and "50.000 kr." in r.text for r in answer.reasons)


def test_an_unknown_rate_never_decides_and_says_which_period() -> None:
    answer = precheck(HouseholdFacts("single", 0, own_monthly_income_dkk=3000, age=40), JULY_2025)
    assert answer.value == "uncertain"
    assert answer.provisional
    assert any("1. juli 2025 er ikke fundet i kilderne" in r.text for r in answer.reasons)


def test_the_course_benefit_is_not_means_tested_and_the_test_bites_after() -> None:
    facts = HouseholdFacts("single", 0, benefit_before_course="sygedagpenge",
                           sygedagpenge_would_have_stopped=date(2024, 9, 30))  # fmt: skip
    when = means_tested_from(facts, date(2024, 6, 30))
    assert when.value == date(2024, 10, 1)
    assert when.reasons[0].rule == "Lov om aktiv socialpolitik § 69 j, stk. 1, 2. pkt."
    assert when.provisional
    earlier = HouseholdFacts("single", 0, benefit_before_course="sygedagpenge",
                             sygedagpenge_would_have_stopped=date(2024, 5, 31))  # fmt: skip
    assert means_tested_from(earlier, date(2024, 6, 30)).value == date(2024, 7, 1)


def test_a_bad_disregarded_kind_or_benefit_is_rejected_clearly() -> None:
    with pytest.raises(ValueError, match="kind must be one of"):
        DisregardedAsset("yacht", 1)
    with pytest.raises(ValueError, match="benefit_before_course must be one of"):
        HouseholdFacts("single", 0, benefit_before_course="lottery")


def test_a_married_answer_says_the_spouse_counts_and_a_cohabiting_one_says_not() -> None:
    married = precheck(HouseholdFacts("married", 0, 0, 0, 0), JULY_2025)
    cohabiting = precheck(HouseholdFacts("cohabiting", 0, 0, 0, 0), JULY_2025)
    assert any("ægtefællens formue og indtægt medregnes" in r.text for r in married.reasons)
    assert any("medregnes ikke" in r.text for r in cohabiting.reasons)


def test_unknown_civil_status_is_rejected_clearly() -> None:
    with pytest.raises(ValueError, match="civil_status must be one of"):
        HouseholdFacts("engaged", 0)  # type: ignore[arg-type]


def test_the_batch_helper_matches_single_calls() -> None:
    households = [HouseholdFacts("single", a) for a in (0, 15500, 15501)]
    assert precheck_many(households, JULY_2025) == [precheck(h, JULY_2025) for h in households]
