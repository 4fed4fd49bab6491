"""The follow-up's figures as plain JSON: computed by `refresh_aggregates` (after every import
and nightly) and stored in `Aggregate`, read by the pages. A page whose figures have never been
stored computes them on the spot (and says so) without storing them.

What is stored: the outcomes per dimension (groups with every horizon's figure, whether it is
shown, the numbers followed, and the charts already drawn), and the monitoring page (calibration
by design, drift, overrides, the fairness audit with its bootstrap intervals, the warnings).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np
from django.utils import timezone

from sporskifte.followup import charts, queries
from sporskifte.followup import monitoring as monitoring_page
from sporskifte.followup.models import Aggregate
from sporskifte.planning import monitoring, outcomes

MONITORING = "monitoring"
OUTCOMES = "outcomes:"
_PROPERTIES: dict[type, tuple[str, ...]] = {
    monitoring.CalibrationPeriod: ("gap", "warning"),
    monitoring.Drift: ("level", "warning"),
    monitoring.OverridePeriod: ("decided", "rate", "warning"),
    monitoring.StageSummary: ("label",),
}
_SKIP = {"curve"}


def plain(value: Any) -> Any:
    """A value as JSON: dataclasses as dicts (with their listed properties), numpy as Python,
    NaN as None, dict keys as strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {
            f.name: plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _SKIP
        }
        out.update({p: plain(getattr(value, p)) for p in _PROPERTIES.get(type(value), ())})
        return out
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Stored:
    data: dict[str, Any]
    computed_at: datetime
    stored: bool  # False: computed for this request, never refreshed

    @property
    def local(self) -> datetime:
        return timezone.localtime(self.computed_at)


def compute_outcomes(dimension: str) -> dict[str, Any]:
    label = queries.DIMENSIONS[dimension]
    group_labels, spells = queries.spell_rows(dimension)
    groups = outcomes.by_group_arrays(group_labels, spells)
    data: dict[str, Any] = {
        "groups": plain(groups),
        "total": sum(g.spells for g in groups),
        "survival_chart": plain(charts.survival(groups, label)),
        "work_chart": plain(charts.back_at_work(groups, label)),
    }
    if dimension == "track":  # the management summary's figures and its PDF chart
        data["overall"] = plain(outcomes.group_outcome("I alt", spells))
        data["work_chart_png"] = plain(charts.back_at_work(groups, label, png=True))
    return data


def compute_monitoring(today: date) -> dict[str, Any]:
    context = monitoring_page.page(today)
    keep = ("drift", "drift_against_training", "calibration", "stages", "overrides",
            "warnings", "audit")  # fmt: skip
    return {k: plain(context[k]) for k in keep}


def compute(name: str, today: date) -> dict[str, Any]:
    if name == MONITORING:
        return compute_monitoring(today)
    if name.startswith(OUTCOMES):
        return compute_outcomes(name.removeprefix(OUTCOMES))
    raise KeyError(name)


def names() -> list[str]:
    """Every stored aggregate."""
    return [*(OUTCOMES + d for d in queries.DIMENSIONS), MONITORING]


def read(name: str) -> Stored:
    """The stored figures; computed on the spot (not stored) when never refreshed."""
    row = Aggregate.objects.filter(name=name).first()
    if row is not None:
        return Stored(row.data, row.computed_at, True)
    now = timezone.now()
    return Stored(compute(name, timezone.localdate(now)), now, False)


def outcome_csv_row(group: dict[str, Any]) -> dict[str, object]:
    """A stored group as the CSV's row (`planning.outcomes.CSV_COLUMNS`)."""
    row: dict[str, object] = {
        "gruppe": group["group"], "forloeb": group["spells"], "afsluttede": group["ended"],
    }  # fmt: skip
    for h in map(str, outcomes.HORIZONS):
        shown = group["shown"][h]
        row[f"i_arbejde_{h}_uger"] = round(group["back_at_work"][h], 4) if shown else ""
        row[f"stadig_syg_{h}_uger"] = round(group["still_away"][h], 4) if shown else ""
        row[f"fulgt_{h}_uger"] = group["followed"][h]
    for reason in outcomes.END_REASON_LABELS:
        row[f"afsluttet_{reason}"] = group["end_reasons"].get(reason, 0)
    return row
