"""Contact requirements beyond the scenario tables."""

from __future__ import annotations

from datetime import date

import pytest

from sporskifte.rules.contact import ContactPerson, assess


def test_an_empty_population_cannot_be_judged() -> None:
    result = assess([], date(2026, 9, 1))
    assert result.in_force
    assert result.met is None
    assert all(c.met is None or c.base == 0 for c in result.checks)


def test_before_july_2026_the_per_person_rule_is_explained() -> None:
    result = assess([ContactPerson("dagpenge", date(2025, 12, 1))], date(2026, 6, 30))
    assert not result.in_force
    assert result.met is False
    check = result.checks[0]
    assert "dagpenge mindst 3 samtaler med a-kassen og 3 med jobcenteret" in check.reason.text
    assert "kontanthjælp og ledighedsydelse mindst 4" in check.reason.text
    assert check.reason.rule == "Lov om en aktiv beskæftigelsesindsats § 31, stk. 3"


def test_before_2020_no_contact_rule_is_modelled() -> None:
    result = assess([ContactPerson("dagpenge", date(2019, 1, 1))], date(2019, 12, 31))
    assert result.checks == ()
    assert result.met is None


def test_dataclasses_and_mappings_give_the_same_assessment() -> None:
    on = date(2026, 9, 1)
    person = ContactPerson("dagpenge", date(2026, 1, 1), 1, True)
    as_dict = {"group": "dagpenge", "start_date": "2026-01-01", "conversations_first_6m": 1,
               "offer_first_6m": True}  # fmt: skip
    assert assess([person], on) == assess([as_dict], on)


def test_a_person_with_an_unknown_field_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"unknown field\(s\) \['phone'\]"):
        assess([{"group": "dagpenge", "start_date": "2026-01-01", "phone": "1"}], date(2026, 9, 1))


def test_the_offer_groups_are_provisional() -> None:
    result = assess([ContactPerson("dagpenge", date(2026, 1, 1), 1, True)], date(2026, 9, 1))
    offer = next(c for c in result.checks if c.name == "offer_share")
    assert offer.met is True
    assert result.provisional
