"""Typed environment variables that fail loudly on malformed values."""

from __future__ import annotations

import os
from datetime import date

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class ConfigError(ValueError):
    """An environment variable has a value that cannot be used."""


def env_str(name: str, default: str | None = None) -> str | None:
    """A string variable; ``NAME_FILE`` (a path to a secret file) is read when set."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        with open(file_path, encoding="utf-8") as handle:
            return handle.read().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """A boolean variable: 1/true/yes/on or 0/false/no/off, anything else is an error."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    """An integer variable."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None


def env_int_list(name: str, default: list[int]) -> list[int]:
    """A comma-separated list of whole numbers, e.g. ``10,16,22``."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    try:
        return [int(item) for item in raw.split(",") if item.strip()]
    except ValueError:
        raise ConfigError(
            f"{name} must be whole numbers separated by commas, not {raw!r}"
        ) from None


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list variable (blank items are dropped)."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """One of `choices`."""
    raw = (os.environ.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
    return raw


def env_date(name: str) -> date | None:
    """A date as YYYY-MM-DD, or None when unset."""
    raw = (os.environ.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a date as YYYY-MM-DD, not {raw!r}") from None
