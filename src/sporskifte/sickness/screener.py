"""The bridge to `sporskifte.screening`: which model is in use, and a spell as its input row.

The model directory is `settings.SCREENING_MODEL_DIR`. With no model there (no
``metadata.json``), spells are screened in the rules-and-answers-only mode; a model that is
there but cannot be loaded (tampered, wrong types) is reported, never used, and the app falls
back to the rules-only mode so that applications are still received. The loaded model is
cached per process and reloaded when its metadata file changes.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

from sporskifte.citizens.models import SicknessSpell

if TYPE_CHECKING:
    import pandas as pd

    from sporskifte.screening import Screening as ScreeningResult
    from sporskifte.screening import ScreeningModel
    from sporskifte.screening.tracks import TrackPolicy

logger = logging.getLogger(__name__)

INPUT_COLUMNS: tuple[str, ...] = (
    "spell_id",
    "onset_date",
    "birth_year",
    "sex",
    "employment_status",
    "employer_size",
    "industry",
    "occupation",
    "education",
    "partial_sick_leave",
    "expected_return_weeks",
    "employer_expected_return_weeks",
    "self_rated_health",
    "work_related",
    "diagnosis_group",
    "prior_spells_3y",
    "prior_sick_weeks_3y",
    "benefit_weeks_3y",
    "district",
)
"""The `sickness_spells` contract columns a screening reads (never `origin` or outcomes)."""


@dataclass(frozen=True)
class ModelStatus:
    """Which mode screens now, and why: shown on the worklist and the case page."""

    mode: str
    version: str | None
    error: str | None

    @property
    def uses_model(self) -> bool:
        return self.mode == "model"


_lock = threading.Lock()
_cache: dict[str, tuple[float, Any, str | None]] = {}


def _load(directory: Path) -> tuple[Any, str | None]:
    from sporskifte.screening import load_model
    from sporskifte.screening.store import ModelIntegrityError, UnsafeModelError

    try:
        return load_model(directory), None
    except (ModelIntegrityError, UnsafeModelError, OSError, ValueError, KeyError) as exc:
        logger.error("Screening model in %s refused: %s", directory, exc)
        return None, f"Modellen i {directory} kunne ikke indlæses ({type(exc).__name__})."


def current_model() -> tuple[ScreeningModel | None, str | None]:
    """(the model, None), (None, None) with no model, or (None, error) for a bad model."""
    directory = Path(settings.SCREENING_MODEL_DIR)
    metadata = directory / "metadata.json"
    try:
        stamp = metadata.stat().st_mtime
    except OSError:
        return None, None
    with _lock:
        cached = _cache.get(str(directory))
        if cached is None or cached[0] != stamp:
            model, error = _load(directory)
            cached = _cache[str(directory)] = (stamp, model, error)
    return cached[1], cached[2]


def model_status() -> ModelStatus:
    model, error = current_model()
    if model is None:
        return ModelStatus("rules_only", None, error)
    return ModelStatus("model", model.version, None)


def spell_row(spell: SicknessSpell) -> dict[str, Any]:
    """The spell in the contract's shape (JSON-safe): the screening's input and its snapshot."""
    row = {name: getattr(spell, name) for name in INPUT_COLUMNS}
    row["onset_date"] = spell.onset_date.isoformat()
    return row


def spell_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(list(rows), columns=list(INPUT_COLUMNS))
    for column in ("expected_return_weeks", "employer_expected_return_weeks", "self_rated_health"):
        frame[column] = pd.to_numeric(frame[column]).astype("Float64")
    for column in ("industry", "occupation"):
        frame[column] = frame[column].replace("", None)
    return frame


def base_policy() -> TrackPolicy:
    """The model's track policy (fitted at training); without a model, the default flag and
    minimum thresholds (used to re-propose tracks of screenings that carry a risk)."""
    from sporskifte.screening.tracks import TrackPolicy

    model, _ = current_model()
    return model.policy if model is not None else TrackPolicy(threshold=1.0)


def screen_rows(
    rows: Sequence[dict[str, Any]], on: date, team_id: int | None = None
) -> list[ScreeningResult]:
    """Screen spells (rows from `spell_row`) as of `on`, with the model when there is one, and
    the track threshold fitted to the capacity of `team_id` (the team the spells belong to)
    when the team has stored one (`sickness.capacity`)."""
    from sporskifte.screening import rules_only_screen
    from sporskifte.sickness import capacity

    if not rows:
        return []
    frame = spell_frame(rows)
    model, _ = current_model()
    if model is None:
        return rules_only_screen(frame, on)
    policy = capacity.team_policy(model.policy, capacity.current(team_id))
    return model.with_policy(policy).screen(frame, on)


def json_value(value: object) -> object:
    """A value from pandas/numpy as plain JSON (NaN and NA become None, tuples lists)."""
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, tuple | list):
        return [json_value(v) for v in value]
    item = getattr(value, "item", None)
    if callable(item):
        value = item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, int | float):
        return value
    import pandas as pd

    if value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def contributions_json(result: ScreeningResult) -> list[dict[str, object]]:
    return [
        {
            "feature": c.feature,
            "label": c.label,
            "value": json_value(c.value),
            "points": float(c.points),
        }
        for c in result.contributions
    ]


def reasons_json(result: ScreeningResult) -> list[dict[str, object]]:
    return [reason.as_dict() for reason in result.reasons]
