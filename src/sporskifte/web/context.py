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
    ("Uden login", "held-applications", Perm.CASE_OPEN),
    ("Personer", "person-search", Perm.PERSON_SEARCH),
    ("Teamoverblik", "team-overview", Perm.TEAM_OVERVIEW),
    ("Overgang", "transition-overview", Perm.TRANSITION_VIEW),
    ("Arbejdspladser", "workplaces", Perm.EMPLOYER_SUPPORT),
    ("Prognose", "transition-forecast", Perm.TRANSITION_FORECAST),
    ("Resultater", "followup-outcomes", Perm.FOLLOWUP_VIEW),
    ("Lovgrundlag", "lovgrundlag", Perm.LAW_VIEW),
    ("Revisionslog", "audit-log", Perm.AUDIT_VIEW),
    ("Indlæs data", "data-import", Perm.DATA_IMPORT),
    ("Drift", "ops-jobs", Perm.OPERATIONS_VIEW),
]


# Each screen's part of the user guide (docs/brugervejledning.md): URL name -> heading id.
HELP_ANCHORS: dict[str, str] = {
    "home": "kom-i-gang",
    "worklist": "arbejdslisten",
    "alerts": "advarsler",
    "person-search": "find-en-person-eller-sag",
    "person-detail": "personsiden",
    "person-edit": "personsiden",
    "case-detail": "sagen",
    "case-review": "sagen",
    "case-contact": "sagen",
    "case-extension": "sagen",
    "case-return": "sagen",
    "case-employer": "sagen",
    "case-rescreen": "sagen",
    "case-file": "aktindsigt",
    "contact-move": "sagen",
    "team-overview": "teamoverblik",
    "transition-overview": "overgang-fra-forloeb",
    "transition-course": "forloebet-og-brevet",
    "transition-course-letter": "forloebet-og-brevet",
    "transition-grant": "forloebet-og-brevet",
    "transition-forecast": "prognosen",
    "transition-letter-batch-start": "brevkoersel",
    "transition-letter-batch": "brevkoersel",
    "followup-outcomes": "resultater-og-planlaegning",
    "followup-planner": "resultater-og-planlaegning",
    "followup-monitoring": "resultater-og-planlaegning",
    "followup-summary": "resultater-og-planlaegning",
    "audit-log": "revisionsloggen",
    "data-import": "indlaes-data",
    "workplaces": "arbejdspladser",
}


def _help_anchor(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return HELP_ANCHORS.get(match.url_name or "", "") if match else ""


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "header_search": "", "help_anchor": _help_anchor(request)}
    items = []
    for label, name, perm in _NAV:
        if perm is None or has_perm(user, perm):
            url = reverse(name)
            active = request.path == url if name == "home" else request.path.startswith(url)
            items.append({"label": label, "url": url, "active": active})
    search = reverse("person-search") if has_perm(user, Perm.PERSON_SEARCH) else ""
    return {
        "nav_items": _one_active(items),
        "header_search": search,
        "help_anchor": _help_anchor(request),
    }


def _one_active(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Only the longest matching item is current (the forecast lives under the transition)."""
    active = [item for item in items if item["active"]]
    if len(active) > 1:
        keep = max(active, key=lambda item: len(item["url"]))
        for item in active:
            item["active"] = item is keep
    return items
