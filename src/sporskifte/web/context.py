"""Template context: the navigation a user's role gives them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from sporskifte.accounts.permissions import Perm, has_perm

_NAV: list[tuple[str, str, Perm | None]] = [
    ("Forside", "home", None),
    ("Arbejdsliste", "worklist", Perm.CASE_VIEW),
    ("Advarsler", "alerts", Perm.CASE_VIEW),
    ("Personer", "person-search", Perm.PERSON_SEARCH),
    ("Teamoverblik", "team-overview", Perm.TEAM_OVERVIEW),
    ("Overgang", "transition-overview", Perm.TRANSITION_VIEW),
    ("Arbejdspladser", "workplaces", Perm.EMPLOYER_SUPPORT),
    ("Resultater", "followup-outcomes", Perm.FOLLOWUP_VIEW),
    ("Revisionslog", "audit-log", Perm.AUDIT_VIEW),
    ("Indlæs data", "data-import", Perm.DATA_IMPORT),
    ("Drift", "ops-jobs", Perm.OPERATIONS_VIEW),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for label, name, perm in _NAV:
        if perm is None or has_perm(user, perm):
            url = reverse(name)
            active = request.path == url if name == "home" else request.path.startswith(url)
            items.append({"label": label, "url": url, "active": active})
    return {"nav_items": items}
