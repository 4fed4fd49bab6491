"""The monitoring page's figures: calibration by design, drift, overrides and the live fairness
audit, each warning with what it means and what to do. Reads through `queries`, computes with
the pure `planning.monitoring` and `screening.fairness`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from sporskifte.followup import queries
from sporskifte.lib import danish
from sporskifte.planning import monitoring
from sporskifte.screening import fairness
from sporskifte.screening.evaluate import Outcomes

FAIRNESS_MIN_SPELLS = 200
FALLBACK_THRESHOLD = 0.5
FAIRNESS_BOOTSTRAP = 100
ATTRIBUTE_LABELS: dict[str, str] = {
    "sex": "Køn",
    "age_band": "Aldersgruppe",
    "district": "Bydel",
    "origin": "Herkomst",
}
VALUE_LABELS: dict[str, dict[str, str]] = {
    "sex": {"F": "kvinde", "K": "kvinde", "M": "mand"},
    "age_band": {
        "under 30": "under 30 år",
        "30-39": "30-39 år",
        "40-49": "40-49 år",
        "50-59": "50-59 år",
        "60+": "60 år og derover",
    },
    "origin": {
        "danish": "dansk",
        "western": "vestlig",
        "non_western": "ikke-vestlig",
    },
}
METRIC_LABELS = {
    "calibration_in_the_large": "Kalibrering (forudsagt minus observeret)",
    "auc": "Evne til at skelne (AUC)",
    "false_short_rate": "Lange forløb vurderet som korte",
}


def value_label(attribute: str, value: str) -> str:
    if value in ("unknown", "", "None"):
        return "ukendt"
    return VALUE_LABELS.get(attribute, {}).get(value, value)


@dataclass(frozen=True)
class Warning:
    """A warning on the page: what passed its limit, what it means, and what to do."""

    title: str
    meaning: str
    action: str


def _calibration_warning(c: monitoring.CalibrationPeriod) -> Warning:
    direction = "højere" if c.gap > 0 else "lavere"
    return Warning(
        f"Kalibrering: forløb startet i {c.period}",
        f"For {c.n} forløb screenet ved ansøgningen var den forudsagte risiko "
        f"{danish.pct(c.mean_p_long)}, men {danish.pct(c.observed_long)} var stadig syge efter "
        f"26 uger. Modellen vurderer risikoen {direction}, end den er, så sporforslagene "
        "passer dårligere til borgerne.",
        "Bed den modelansvarlige om at genkalibrere eller gentræne modellen. Indtil da: læg "
        "mindre vægt på risikotallet, når sporforslaget vurderes.",
    )


def _drift_warning(d: monitoring.Drift) -> Warning:
    return Warning(
        f"Ændring i oplysningen {d.name.lower()} (PSI {danish.number(d.psi, 2)})",
        "De borgere, der sygemeldes nu, ligner ikke dem, modellen er lavet på, i denne "
        "oplysning. Risikotallene kan derfor være mindre præcise.",
        "Tjek først, om registerindlæsningen har ændret koder eller mangler data. Er "
        "ændringen reel, så bed den modelansvarlige om at gentræne modellen.",
    )


def _override_warning(o: monitoring.OverridePeriod) -> Warning:
    return Warning(
        f"Mange valg af andet spor i {o.period} ({danish.pct(o.rate)})",
        "Sagsbehandlerne vælger ofte et andet spor end det foreslåede, så forslaget bruges "
        "sjældent som tænkt.",
        "Gennemgå begrundelserne for de ændrede spor på teamoversigten, og aftal med "
        "teamet, om forslaget eller kapaciteten skal justeres.",
    )


def _fairness_warning(row: dict[str, Any]) -> Warning:
    metric = METRIC_LABELS.get(str(row["metric"]), str(row["metric"])).lower()
    return Warning(
        f"Retfærdighed: {row['attribute_label']} {row['group_label']}",
        f"For {row['n']} borgere ({row['attribute_label'].lower()} {row['group_label']}) afviger "
        f"modellens {metric} med {danish.number(row['difference'], 3)} fra referencen, mere "
        "end tolerancen, og usikkerhedsintervallet udelukker referencen. Modellen rammer "
        "denne gruppe dårligere end andre.",
        "Bed den modelansvarlige om at undersøge gruppen. Indtil da: vær særligt "
        "opmærksom på sporforslag for gruppen, og notér det, når du vælger et andet spor.",
    )


def threshold() -> float:
    """The track-3 threshold of the model in use (its training policy), else 0.5."""
    from sporskifte.sickness.screener import current_model

    model, _ = current_model()
    return float(model.policy.threshold) if model is not None else FALLBACK_THRESHOLD


@dataclass(frozen=True)
class FairnessAudit:
    rows: list[dict[str, Any]]  # every group with its three metrics and intervals
    flagged: list[dict[str, Any]]
    spells: int
    threshold: float


def fairness_audit(frame: pd.DataFrame, cut: float) -> FairnessAudit | None:
    """The screening model's fairness audit on screenings at application from mature cohorts;
    a group is flagged when its difference passes the tolerance *and* its bootstrap interval
    excludes the reference. None with too few spells."""
    if len(frame) < FAIRNESS_MIN_SPELLS:
        return None
    ended = frame["ended"].astype("boolean").fillna(False).to_numpy(bool)
    history = Outcomes.from_history(frame["duration"].to_numpy(float), ended, 26.0)
    table = fairness.audit(
        history, frame["p_long"].to_numpy(float), fairness.audit_groups(frame), cut,
        n_boot=FAIRNESS_BOOTSTRAP,
    )  # fmt: skip
    table["flagged"] = table["flagged"] & table["ci_excludes_reference"]
    table["attribute_label"] = table["attribute"].map(ATTRIBUTE_LABELS)
    table["group_label"] = [
        value_label(a, g) for a, g in zip(table["attribute"], table["group"], strict=True)
    ]
    records = [{str(k): v for k, v in r.items()} for r in table.to_dict("records")]
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for r in records:
        g = groups.setdefault(
            (r["attribute"], r["group"]),
            {"attribute": r["attribute_label"], "group": r["group_label"], "n": r["n"]},
        )
        g[r["metric"]] = {
            "value": _finite(r["value"]), "low": _finite(r["ci_low"]),
            "high": _finite(r["ci_high"]), "flagged": r["flagged"],
        }  # fmt: skip
    return FairnessAudit(
        list(groups.values()), [r for r in records if r["flagged"]], len(frame), cut
    )


def _finite(value: Any) -> float | None:
    v = float(value)
    return v if np.isfinite(v) else None


def drift(today: date) -> tuple[list[monitoring.Drift], bool]:
    """Inputs of the last 26 weeks' spells against the training data's distributions kept
    with the model in use; without them, against the 52 weeks before. Returns the drifts and
    whether the training data was the reference."""
    current = (today - timedelta(weeks=26), today + timedelta(days=1))
    training = _training_distributions()
    if training:
        counts = queries.input_counts(current, current)
        drifts = [
            monitoring.Drift(label, monitoring.psi_from_counts(training[field], counts[field][1]))
            for field, label in queries.DRIFT_INPUTS.items()
            if field in training
        ]
        return drifts, True
    reference = (today - timedelta(weeks=78), current[0])
    counts = queries.input_counts(reference, current)
    drifts = [
        monitoring.Drift(label, monitoring.psi_from_counts(*counts[field]))
        for field, label in queries.DRIFT_INPUTS.items()
    ]
    return drifts, False


def _training_distributions() -> dict[str, dict[str, float]] | None:
    from sporskifte.sickness.screener import current_model

    model, _ = current_model()
    return model.metadata.get("input_distributions") if model is not None else None


def calibration(
    today: date,
) -> tuple[list[monitoring.CalibrationPeriod], list[monitoring.StageSummary]]:
    return monitoring.calibration_by_design(queries.screening_rows(today))


def page(today: date) -> dict[str, Any]:
    """Everything the monitoring page shows."""
    drifts, against_training = drift(today)
    periods, stages = calibration(today)
    overrides = [monitoring.OverridePeriod(*row) for row in queries.override_counts()]
    audit = fairness_audit(queries.fairness_frame(today), threshold())
    warnings = (
        [_calibration_warning(c) for c in periods if c.warning]
        + [_drift_warning(d) for d in drifts if d.warning]
        + [_override_warning(o) for o in overrides if o.warning]
        + [_fairness_warning(r) for r in (audit.flagged if audit else [])]
    )
    return {
        "drift": drifts, "drift_against_training": against_training,
        "calibration": periods, "stages": stages, "overrides": overrides,
        "warnings": warnings, "audit": audit, "fairness_min": FAIRNESS_MIN_SPELLS,
        "min_group": fairness.MIN_GROUP, "tolerance": fairness.TOLERANCE,
        "metric_labels": METRIC_LABELS, "m": monitoring,
    }  # fmt: skip


def warning_count(today: date) -> int:
    """The number of warnings the monitoring page shows (for the summary)."""
    return len(page(today)["warnings"])
