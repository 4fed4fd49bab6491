"""Answers with reasons: every rule function returns its result together with *why*.

Forvaltningsloven § 22-24 requires a reasoned decision that cites the legal rule, so each
`Reason` carries the Danish text shown to caseworkers, the rule it rests on and a link to the
source. `provisional` marks reasons that rest on a value not yet confirmed in enacted law.
Answers are frozen dataclasses with slots (not pydantic) because they are built on hot paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason: Danish text, the legal rule (e.g. "Sygedagpengeloven § 24, stk. 1"), URL."""

    text: str
    rule: str
    source: str
    provisional: bool = False
    kind: str = ""
    """What the rule rests on: law, bekendtgoerelse, vejledning, ankestyrelsen, forarbejder,
    secondary (see `rules.params.loader`); empty for municipal policy and derived reasons."""

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly form (CLI, API)."""
        return {
            "text": self.text,
            "rule": self.rule,
            "source": self.source,
            "provisional": self.provisional,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class Answer(Generic[T]):
    """A value with the reasons for it; provisional when any reason is."""

    value: T
    reasons: tuple[Reason, ...] = ()

    @property
    def provisional(self) -> bool:
        """True if the answer rests on at least one provisional value."""
        return any(r.provisional for r in self.reasons)
