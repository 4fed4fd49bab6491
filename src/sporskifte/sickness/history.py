"""What the sickness case adds to a person's history: the recorded extension ground."""

from __future__ import annotations

from sporskifte.citizens.journey import Additions, add_history_source
from sporskifte.citizens.models import Person
from sporskifte.sickness.models import SpellCase


def extension_grounds(person: Person) -> Additions:
    """The § 27 extension ground recorded on each of the person's cases, by spell id."""
    rows = SpellCase.objects.filter(person=person).exclude(extension_ground="")
    return Additions(
        extension_grounds={
            spell_id: ground
            for spell_id, ground in rows.values_list("spell__spell_id", "extension_ground")
        }
    )


def connect() -> None:
    add_history_source("sickness.extension_grounds", extension_grounds)
