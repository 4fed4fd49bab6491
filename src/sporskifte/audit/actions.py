"""The convention every room's `actions.py` follows: who acts, and how an action says no.

An action takes an actor: a user (web, API), or a `SystemActor` when no person acts (a
scheduled job, a register import, the demo set-up, an operator at the command line). It checks
permission through `sporskifte.accounts.permissions`, changes data in one transaction, writes
one audit entry and returns the result. When the law or the state of the case does not allow
it, it raises `ActionRefused` with a Danish message (and, where the law is the reason, the
`Reason`s with rule and source); nothing has been changed then.
"""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SystemActor:
    """The system acting on its own: `job` says which (shown in the audit log)."""

    job: str

    def __str__(self) -> str:
        return f"system ({self.job})"


def system(job: str) -> SystemActor:
    """The system as actor for a named job, e.g. ``system("daglig kørsel")``."""
    return SystemActor(job)


def operator() -> SystemActor:
    """The operator at the command line: trusted with the whole register, named in the log."""
    return SystemActor(f"kommandolinje: {getpass.getuser()}")


def is_system(actor: Any) -> bool:
    """True when no user acts (a job, an import, the command line)."""
    return isinstance(actor, SystemActor)


class ActionRefused(Exception):
    """The law or the state of the case does not allow the action; `message` (Danish) says
    why and `reasons` carry the legal rule and source where the law is the reason."""

    def __init__(self, message: str, reasons: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.reasons = tuple(reasons)


class StateConflict(ActionRefused):
    """The request does not fit the object's current state (already decided, superseded,
    closed): a 409 in the API."""
