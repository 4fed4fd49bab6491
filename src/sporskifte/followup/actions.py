"""The follow-up's one state change: storing its aggregates (after every import, nightly)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from sporskifte.accounts.permissions import Perm, require
from sporskifte.audit.actions import is_system
from sporskifte.audit.log import log
from sporskifte.followup import aggregates
from sporskifte.followup.models import Aggregate


def refresh_aggregates(actor: Any, today: date | None = None) -> list[str]:
    """Compute every follow-up aggregate and store it (one transaction, one audit entry).
    `actor`: a `SystemActor` (the import, the nightly job, the command) or a user who may see
    the follow-up. Returns the names stored. The figures are computed before the transaction
    opens, so the pages keep reading the old figures until the new ones are all there."""
    if not is_system(actor):
        require(actor, Perm.FOLLOWUP_VIEW)
    now = timezone.now()
    day = today or timezone.localdate(now)
    computed = {name: aggregates.compute(name, day) for name in aggregates.names()}
    with transaction.atomic():
        for name, data in computed.items():
            Aggregate.objects.update_or_create(
                name=name, defaults={"computed_at": now, "data": data}
            )
        log(
            "followup.refresh",
            actor=actor,
            label="Opgørelser til resultatopfølgning og modelovervågning",
            detail={"names": list(computed), "on": day.isoformat()},
        )
    return list(computed)
