"""CPR numbers: validation with python-stdnum, masking, and detection in analytic data.

The modulus-11 check was abandoned in 2007, so a CPR number is never rejected on its checksum
(stdnum's `validate` does not enforce it either). Numbers are stored compact (10 digits) and
shown masked as ``DDMMYY-xxxx`` unless a user explicitly reveals them.
"""

from __future__ import annotations

import re
from datetime import date

from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError

_CPR_LIKE = re.compile(r"^\s*(\d{6})-?(\d{4})\s*$")


class InvalidCPR(ValueError):
    """A value that is not a valid CPR number; the message says why, in Danish."""


def normalise(value: str) -> str:
    """Return the compact 10-digit form of a valid CPR number, or raise `InvalidCPR`."""
    try:
        return str(stdnum_cpr.validate(value))
    except ValidationError as exc:
        raise InvalidCPR(_danish_reason(value, exc)) from exc


def is_valid(value: str) -> bool:
    """True when `value` is a valid CPR number (format and a real, non-future birth date)."""
    return bool(stdnum_cpr.is_valid(value))


def birth_date(value: str) -> date:
    """The birth date encoded in a valid CPR number."""
    return stdnum_cpr.get_birth_date(normalise(value))


def mask(value: str) -> str:
    """Mask a CPR number as ``DDMMYY-xxxx``; anything not CPR-shaped is fully masked."""
    match = _CPR_LIKE.match(value or "")
    if not match:
        return "xxxxxx-xxxx"
    return f"{match.group(1)}-xxxx"


def formatted(value: str) -> str:
    """The full number as ``DDMMYY-SSSS`` (only for an explicit, audit-logged reveal)."""
    return str(stdnum_cpr.format(normalise(value)))


def looks_like_cpr(value: object) -> bool:
    """True when a value in an analytic extract is a valid-looking CPR number.

    Used to reject un-pseudonymised `person_id` columns: 10 digits, optionally with a dash
    after six, whose first six digits form a real date.
    """
    if value is None:
        return False
    match = _CPR_LIKE.match(str(value))
    if not match:
        return False
    return bool(stdnum_cpr.is_valid(match.group(1) + match.group(2)))


def _danish_reason(value: str, exc: ValidationError) -> str:
    digits = re.sub(r"[\s-]", "", value or "")
    if not digits.isdigit():
        return "Et CPR-nummer må kun indeholde cifre (og evt. en bindestreg)."
    if len(digits) != 10:
        return "Et CPR-nummer skal have 10 cifre."
    return "CPR-nummeret indeholder ikke en gyldig fødselsdato."
