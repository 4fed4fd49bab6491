"""What one evaluation run found, and the names the report and the model card show for it.

A leaf of the screening package: `training` fills an `Evaluation`; `report` and `card` only
read one. Keeping the record here (not in `training`) keeps the arrows one way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

MODEL_NAMES = {
    "glassbox": "Glasboks (EBM, standard)",
    "challenger": "Udfordrer (LightGBM)",
    "baseline": "Basislinje (logistisk regression)",
}
METRIC_NAMES = {
    "auc": "AUC (26 uger, IPCW)",
    "brier": "Brier-score",
    "ece": "ECE (kalibreringsfejl)",
    "calibration_in_the_large": "Kalibrering i det store",
    "uno_c": "Unos C (afkortet ved 26 uger)",
}
TRUTH_NAMES = {
    "auc_ratio": "AUC i forhold til den sande sandsynlighed",
    "mean_abs_error": "Gns. |p − p*|",
    "calibration_in_the_large": "Kalibrering i det store mod p*",
}
"""Distance to the true probability p* (synthetic data only, see `sporskifte.synth.oracle`)."""

TRUTH_TARGETS = {"auc_ratio": 0.997, "mean_abs_error": 0.015, "calibration_in_the_large": 0.003}
"""Targets on data not used for fitting: AUC ratio at least, the other two at most (absolute)."""


@dataclass
class Evaluation:
    """Everything the report and model card show about one evaluation run."""

    n_spells: int
    n_known: int
    period: tuple[str, str]
    horizon: float
    metrics: dict[str, dict[str, float]]
    reliability: dict[str, pd.DataFrame]
    catch: pd.DataFrame
    policy: dict[str, Any]
    fairness: pd.DataFrame
    median_check: dict[str, float]
    auc_gap: float
    young_false_short: dict[str, Any] = field(default_factory=dict)
    truth: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """JSON-friendly summary (tables as records)."""
        return {
            "n_spells": self.n_spells,
            "n_known": self.n_known,
            "period": list(self.period),
            "horizon_weeks": self.horizon,
            "metrics": self.metrics,
            "auc_gap_challenger_minus_glassbox": self.auc_gap,
            "policy": self.policy,
            "median_check": self.median_check,
            "catch_rates": self.catch.to_dict(orient="records"),
            "fairness_flags": self.fairness[self.fairness["flagged"]].to_dict(orient="records"),
            "young_false_short": self.young_false_short,
            "truth": self.truth,
        }


def truth_verdict(values: dict[str, float]) -> dict[str, bool]:
    """Whether each distance-to-the-truth figure meets its target."""
    return {
        "auc_ratio": values["auc_ratio"] >= TRUTH_TARGETS["auc_ratio"],
        "mean_abs_error": values["mean_abs_error"] <= TRUTH_TARGETS["mean_abs_error"],
        "calibration_in_the_large": abs(values["calibration_in_the_large"])
        <= TRUTH_TARGETS["calibration_in_the_large"],
    }
