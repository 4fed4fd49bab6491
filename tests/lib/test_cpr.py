from __future__ import annotations

import pytest

from sporskifte.lib import cpr


def test_a_valid_number_is_normalised_to_ten_digits() -> None:
    assert cpr.normalise("010190-1234") == "0101901234"
    assert cpr.normalise(" 0101901234 ") == "0101901234"


def test_the_modulus_11_checksum_is_not_enforced() -> None:
    # 0101901234 fails the old modulus-11 check, abandoned in 2007.
    assert (
        sum(int(d) * w for d, w in zip("0101901234", (4, 3, 2, 7, 6, 5, 4, 3, 2, 1), strict=True))
        % 11
    )
    assert cpr.is_valid("0101901234")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("3201901234", "fødselsdato"),  # 32 January
        ("0113901234", "fødselsdato"),  # month 13
        ("01019012", "10 cifre"),
        ("01019012345", "10 cifre"),
        ("01O1901234", "cifre"),
    ],
)
def test_invalid_numbers_are_rejected_with_a_danish_reason(value: str, reason: str) -> None:
    with pytest.raises(cpr.InvalidCPR, match=reason):
        cpr.normalise(value)


def test_masking_keeps_the_birth_date_only() -> None:
    assert cpr.mask("0101901234") == "010190-xxxx"
    assert cpr.mask("010190-1234") == "010190-xxxx"
    assert cpr.mask("not a number") == "xxxxxx-xxxx"


def test_the_full_form_has_a_dash() -> None:
    assert cpr.formatted("0101901234") == "010190-1234"


def test_the_birth_date_uses_the_century_digit() -> None:
    assert cpr.birth_date("0101904234").year == 1990  # 7th digit 4, year 90 → 1990
    assert cpr.birth_date("0101054234").year == 2005  # 7th digit 4, year 05 → 2005


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0101901234", True),
        ("010190-1234", True),
        ("P0a1b2c3", False),
        ("3201901234", False),
        ("12345", False),
        (None, False),
        (1234567890, False),
    ],
)
def test_cpr_like_values_are_detected_in_extracts(value: object, expected: bool) -> None:
    assert cpr.looks_like_cpr(value) is expected
