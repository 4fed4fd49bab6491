"""The named action of the Lovgrundlag room: a lawyer signs off one parameter period.

It checks the permission, finds the period, writes the sign-off and its audit entry in one
transaction, and returns the sign-off. A refused request raises `ActionRefused` (Danish
message) or `PermissionDenied` (from `accounts.permissions`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from sporskifte.accounts.permissions import Perm, require
from sporskifte.audit.actions import ActionRefused
from sporskifte.audit.log import log
from sporskifte.lawbase.models import Signoff
from sporskifte.lawbase.params import find_period, fingerprint

MAX_COMMENT = 1000


def sign_off(actor: Any, key: str, valid_from: date, comment: str = "") -> Signoff:
    """Record that `actor` (a jurist) has checked the period of `key` from `valid_from`."""
    require(actor, Perm.LAW_SIGNOFF)
    period = find_period(key, valid_from)
    if period is None:
        raise ActionRefused(
            f"Parameteren {key!r} med periode fra {valid_from.isoformat()} findes ikke."
        )
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise ActionRefused(f"Bemærkningen må højst være {MAX_COMMENT} tegn.")
    with transaction.atomic():
        signoff = Signoff.objects.create(
            key=key,
            valid_from=valid_from,
            fingerprint=fingerprint(period),
            signed_by=actor,
            comment=comment,
        )
        log(
            "law.signoff",
            actor=actor,
            obj=signoff,
            detail={
                "key": key,
                "valid_from": valid_from.isoformat(),
                "fingerprint": signoff.fingerprint,
                "provisional": period.provisional,
                "kind": period.kind,
                "comment": comment,
            },
        )
    return signoff
