"""The person page as the citizen's overview, one section per room.

Each room registers its own section (a template and a function giving its context) from its
`AppConfig.ready`, so the page lists cases, courses, contacts and alerts without `citizens`
importing the rooms above it. A section is one include: a new one (a timeline, another scheme)
is a new registration, not an edit of the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sporskifte.citizens.models import Alert, Contact, Person


@dataclass(frozen=True)
class Section:
    """One part of the person page: `template` is rendered with `context(user, person)`."""

    key: str
    order: int
    template: str
    context: Callable[[Any, Person], dict[str, Any]]


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    """Add (or replace, by key) a section of the person page."""
    _SECTIONS[section.key] = section


def sections(user: Any, person: Person) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) for every registered section, in page order."""
    ordered = sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))
    return [(s.template, s.context(user, person)) for s in ordered]


def _alerts(user: Any, person: Person) -> dict[str, Any]:
    open_alerts = (
        Alert.objects.filter(cleared_at__isnull=True).filter(person=person)
        | Alert.objects.filter(cleared_at__isnull=True, spell__person=person)
        | (Alert.objects.filter(cleared_at__isnull=True, course__person=person))
    )
    return {"person_alerts": list(open_alerts.distinct().order_by("due", "pk")[:50])}


def _contacts(user: Any, person: Person) -> dict[str, Any]:
    return {"person_contacts": list(Contact.objects.filter(person=person)[:20])}


register(Section("alerts", 10, "citizens/person/alerts.html", _alerts))
register(Section("contacts", 40, "citizens/person/contacts.html", _contacts))
