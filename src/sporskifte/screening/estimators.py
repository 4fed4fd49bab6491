"""The three screening classifiers, side by side, in one scikit-learn shape.

* `GlassBoxClassifier` (default): an Explainable Boosting Machine. Its logit is an intercept
  plus one shape function per feature plus, optionally, a few *pair terms* (a function of two
  features), so each factor's push is exact, can be drawn, and needs no approximation (no SHAP,
  no sampling). A pair term is told as one combined factor ("X og Y tilsammen"); training picks
  how many pairs on the held-out later period (`select_pairs`, `training`).
* `BoostingChallenger`: LightGBM, made reproducible (deterministic, row-wise, fixed seed,
  two threads), its number of trees found by early stopping on the latest rows and then refitted
  on all rows. The benchmark for what a black box would gain.
* `LogisticBaseline`: a ridge logistic regression on a one-hot/log design.

Shared contract (the base class): config in `__init__`, inputs validated in `model_frame`
only, `fit(X, y, sample_weight)` where `X` is the `sickness_spells` frame, `y` the 26-week
label and `sample_weight` the IPCW weights; fitted attributes end in `_`.

Calibration keeps additivity: the raw logit s(x) is mapped to a * s(x) + b (Platt scaling,
fitted with the same weights). Because this is linear on the logit scale, a * (intercept +
sum_j f_j(x)) + b is still an intercept plus one term per feature: `logit_terms` returns exactly
those terms. All three models minimise the (IPCW-weighted) log loss, a proper score, so by
default none holds rows back for calibration and each is fitted on *all* labelled rows
(`calibration_share = 0`, a = 1, b = 0). Two opt-in forms: `calibration_folds = k` cross-fits
Platt scaling (k time-ordered folds: each fold's raw logits come from a model fitted on the
others, then the model is refitted on all rows), and `calibration_share` holds the latest share
of the rows back (by onset date, so the calibration looks forward in time like the use does).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import expit, log_expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from sporskifte.screening.features import DesignEncoder, FeatureSet, model_frame


def fit_platt(raw: np.ndarray, y: np.ndarray, weight: np.ndarray) -> tuple[float, float]:
    """Weighted maximum-likelihood (a, b) of P(y) = expit(a * raw + b)."""
    if len(np.unique(y[weight > 0])) < 2:
        raise ValueError("the calibration slice holds only one outcome class")
    w = weight / weight.sum()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = theta[0] * raw + theta[1]
        nll = -np.sum(w * (y * log_expit(z) + (1 - y) * log_expit(-z)))
        resid = w * (expit(z) - y)
        return float(nll), np.array([np.sum(resid * raw), np.sum(resid)])

    result = minimize(loss, np.array([1.0, 0.0]), jac=True, method="BFGS")
    return float(result.x[0]), float(result.x[1])


def time_split(onset: pd.Series, share: float) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the earlier (fit) and the latest `share` (calibration) rows by onset date."""
    order = np.argsort(pd.to_datetime(onset).to_numpy(), kind="stable")
    n_cal = round(len(order) * share)
    return np.sort(order[: len(order) - n_cal]), np.sort(order[len(order) - n_cal :])


class ScreeningClassifier(ClassifierMixin, BaseEstimator):
    """Base of the three models: validation, time-ordered calibration, additive logit terms."""

    features: tuple[str, ...] | None
    calibration_share: float
    calibration_folds: int = 0

    def _feature_set(self) -> FeatureSet:
        return FeatureSet(tuple(self.features)) if self.features else FeatureSet()

    def _validate_fit(
        self, X: pd.DataFrame, y: Any, sample_weight: Any
    ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        frame = model_frame(X, self._feature_set())
        target = np.asarray(y, dtype=float)
        weight = np.ones(len(frame)) if sample_weight is None else np.asarray(sample_weight, float)
        if target.shape != (len(frame),) or weight.shape != (len(frame),):
            raise ValueError("X, y and sample_weight must have the same number of rows")
        if not np.isin(target, (0.0, 1.0)).all():
            raise ValueError("y must be binary (1 = still sick-listed at the horizon)")
        if (weight < 0).any() or not np.isfinite(weight).all():
            raise ValueError("sample_weight must be finite and non-negative")
        if not 0.0 <= self.calibration_share < 1.0:
            raise ValueError("calibration_share must be in [0, 1)")
        if self.calibration_folds == 1 or self.calibration_folds < 0:
            raise ValueError("calibration_folds must be 0 (off) or at least 2")
        return frame, target, weight

    def fit(self, X: pd.DataFrame, y: Any, sample_weight: Any = None) -> ScreeningClassifier:
        """Fit on all rows (or the earlier ones), with the calibration chosen (module docs)."""
        frame, target, weight = self._validate_fit(X, y, sample_weight)
        onset = pd.to_datetime(X["onset_date"]).to_numpy()
        self.calibration_ = (1.0, 0.0)
        if self.calibration_folds >= 2:
            raw = np.empty(len(frame))
            order = np.argsort(onset, kind="stable")
            for fold in np.array_split(order, self.calibration_folds):
                rest = np.setdiff1d(order, fold)
                self._fit_core(frame.iloc[rest], target[rest], weight[rest], onset[rest])
                raw[fold] = self._raw_logit(frame.iloc[fold])
            self.calibration_ = fit_platt(raw, target, weight)
            self._fit_core(frame, target, weight, onset)
        else:
            fit_rows, cal_rows = time_split(X["onset_date"], self.calibration_share)
            self._fit_core(
                frame.iloc[fit_rows], target[fit_rows], weight[fit_rows], onset[fit_rows]
            )
            if len(cal_rows):
                raw = self._raw_logit(frame.iloc[cal_rows])
                self.calibration_ = fit_platt(raw, target[cal_rows], weight[cal_rows])
        self.feature_names_in_ = np.array(frame.columns, dtype=object)
        self.n_features_in_ = len(frame.columns)
        self.classes_ = np.array([0, 1])
        return self

    def _frame(self, X: pd.DataFrame) -> pd.DataFrame:
        check_is_fitted(self, "calibration_")
        return model_frame(X, FeatureSet(tuple(self.feature_names_in_)))

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        """Calibrated logit of P(still sick-listed at the horizon)."""
        frame = self._frame(X)
        a, b = self.calibration_
        return a * self._raw_logit(frame) + b

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Columns: P(short), P(long)."""
        p = expit(self.decision_function(X))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """1 where P(long) >= 0.5."""
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)

    def logit_terms(self, X: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
        """(base, terms): calibrated logit = base + terms.sum(axis=1), one column per term."""
        return self.frame_terms(self._frame(X))

    def frame_terms(self, frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
        """`logit_terms` of an already validated `model_frame` (skips building it again)."""
        check_is_fitted(self, "calibration_")
        a, b = self.calibration_
        base, terms = self._raw_terms(frame)
        return a * base + b, terms * a

    def _fit_core(
        self, frame: pd.DataFrame, y: np.ndarray, weight: np.ndarray, onset: np.ndarray
    ) -> None:
        raise NotImplementedError

    def _raw_logit(self, frame: pd.DataFrame) -> np.ndarray:
        raise NotImplementedError

    def _raw_terms(self, frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
        raise NotImplementedError


class GlassBoxClassifier(ScreeningClassifier):
    """Calibrated Explainable Boosting Machine; exact additive explanations on the logit scale."""

    def __init__(
        self,
        *,
        interactions: int = 0,
        outer_bags: int = 8,
        max_bins: int = 256,
        max_interaction_bins: int = 32,
        learning_rate: float = 0.02,
        calibration_share: float = 0.0,
        calibration_folds: int = 0,
        features: tuple[str, ...] | None = None,
        random_state: int = 0,
        n_jobs: int = 2,
    ) -> None:
        self.interactions = interactions
        self.outer_bags = outer_bags
        self.max_bins = max_bins
        self.max_interaction_bins = max_interaction_bins
        self.learning_rate = learning_rate
        self.calibration_share = calibration_share
        self.calibration_folds = calibration_folds
        self.features = features
        self.random_state = random_state
        self.n_jobs = n_jobs

    def _fit_core(
        self, frame: pd.DataFrame, y: np.ndarray, weight: np.ndarray, onset: np.ndarray
    ) -> None:
        from interpret.glassbox import ExplainableBoostingClassifier

        types = [
            "nominal" if isinstance(frame[c].dtype, pd.CategoricalDtype) else "continuous"
            for c in frame.columns
        ]
        self.ebm_ = ExplainableBoostingClassifier(
            feature_names=list(frame.columns),
            feature_types=types,
            interactions=self.interactions,
            outer_bags=self.outer_bags,
            max_bins=self.max_bins,
            max_interaction_bins=self.max_interaction_bins,
            learning_rate=self.learning_rate,
            random_state=self.random_state,
            n_jobs=self.n_jobs,
        )
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Missing values detected")
            self.ebm_.fit(frame, y.astype(int), sample_weight=weight)

    def _raw_logit(self, frame: pd.DataFrame) -> np.ndarray:
        return np.asarray(self.ebm_.decision_function(frame), dtype=float)

    def pair_terms(self) -> list[str]:
        """Names ("a & b") of the pair terms, most important first."""
        check_is_fitted(self, "ebm_")
        importance = self.ebm_.term_importances()
        pairs = [
            (float(importance[i]), name)
            for i, name in enumerate(self.ebm_.term_names_)
            if len(self.ebm_.term_features_[i]) == 2
        ]
        return [name for _, name in sorted(pairs, key=lambda item: -item[0])]

    def keep_pairs(self, keep: list[str]) -> GlassBoxClassifier:
        """Drop every pair term not in `keep` (main effects stay; the model stays additive)."""
        drop = [name for name in self.pair_terms() if name not in keep]
        if drop:
            self.ebm_.remove_terms(drop)
        return self

    def bin_cuts(self, feature: str, level: int) -> np.ndarray | None:
        """Cut points of a numeric feature at a term level (0 mains, 1 pairs); None if nominal."""
        check_is_fitted(self, "ebm_")
        bins = self.ebm_.bins_[list(self.ebm_.feature_names_in_).index(feature)]
        cuts = bins[min(level, len(bins) - 1)]
        return None if isinstance(cuts, dict) else np.asarray(cuts, dtype=float)

    def _raw_terms(self, frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
        terms = self.ebm_.eval_terms(frame)
        intercept = float(np.ravel(self.ebm_.intercept_)[0])
        columns = list(self.ebm_.term_names_)
        frame_terms = pd.DataFrame(terms, columns=columns, index=frame.index)
        return np.full(len(frame), intercept), frame_terms


class BoostingChallenger(ScreeningClassifier):
    """Calibrated LightGBM; `logit_terms` are its exact TreeSHAP values (not used to screen)."""

    def __init__(
        self,
        *,
        n_estimators: int = 2000,
        learning_rate: float = 0.05,
        num_leaves: int = 31,
        min_child_samples: int = 50,
        early_stopping_share: float = 0.15,
        early_stopping_rounds: int = 50,
        calibration_share: float = 0.0,
        calibration_folds: int = 0,
        features: tuple[str, ...] | None = None,
        random_state: int = 0,
        num_threads: int = 2,
    ) -> None:
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.num_leaves = num_leaves
        self.min_child_samples = min_child_samples
        self.early_stopping_share = early_stopping_share
        self.early_stopping_rounds = early_stopping_rounds
        self.calibration_share = calibration_share
        self.calibration_folds = calibration_folds
        self.features = features
        self.random_state = random_state
        self.num_threads = num_threads

    def _booster(self, n_estimators: int) -> Any:
        from lightgbm import LGBMClassifier

        return LGBMClassifier(
            n_estimators=n_estimators,
            learning_rate=self.learning_rate,
            num_leaves=self.num_leaves,
            min_child_samples=self.min_child_samples,
            random_state=self.random_state,
            num_threads=self.num_threads,
            deterministic=True,
            force_row_wise=True,
            verbose=-1,
        )

    def _fit_core(
        self, frame: pd.DataFrame, y: np.ndarray, weight: np.ndarray, onset: np.ndarray
    ) -> None:
        """Early stopping on the latest `early_stopping_share` of the rows (weighted log loss),
        then a refit on all rows with that many trees, scaled up for the larger sample."""
        from lightgbm import early_stopping

        trees = self.n_estimators
        if self.early_stopping_share > 0:
            earlier, latest = time_split(pd.Series(onset), self.early_stopping_share)
            probe = self._booster(self.n_estimators)
            probe.fit(
                frame.iloc[earlier], y[earlier].astype(int), sample_weight=weight[earlier],
                eval_X=frame.iloc[latest], eval_y=y[latest].astype(int),
                eval_sample_weight=[weight[latest]], eval_metric="binary_logloss",
                callbacks=[early_stopping(self.early_stopping_rounds, verbose=False)],
            )  # fmt: skip
            best = int(probe.best_iteration_ or self.n_estimators)
            trees = max(1, round(best / (1.0 - self.early_stopping_share)))
        self.n_trees_ = trees
        self.lgbm_ = self._booster(trees)
        self.lgbm_.fit(frame, y.astype(int), sample_weight=weight)

    def _raw_logit(self, frame: pd.DataFrame) -> np.ndarray:
        return np.asarray(self.lgbm_.predict(frame, raw_score=True), dtype=float)

    def _raw_terms(self, frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
        contrib = np.asarray(self.lgbm_.predict(frame, pred_contrib=True), dtype=float)
        terms = pd.DataFrame(contrib[:, :-1], columns=list(frame.columns), index=frame.index)
        return contrib[:, -1], terms


class LogisticBaseline(ScreeningClassifier):
    """Calibrated ridge logistic regression on `DesignEncoder` columns."""

    def __init__(
        self,
        *,
        C: float = 1.0,
        calibration_share: float = 0.0,
        calibration_folds: int = 0,
        features: tuple[str, ...] | None = None,
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.calibration_share = calibration_share
        self.calibration_folds = calibration_folds
        self.features = features
        self.random_state = random_state

    def _fit_core(
        self, frame: pd.DataFrame, y: np.ndarray, weight: np.ndarray, onset: np.ndarray
    ) -> None:
        from sklearn.linear_model import LogisticRegression

        self.encoder_ = DesignEncoder().fit(frame)
        design = self.encoder_.transform(frame)
        self.logit_ = LogisticRegression(C=self.C, max_iter=2000, random_state=self.random_state)
        self.logit_.fit(design, y.astype(int), sample_weight=weight)
        self.design_mean_ = np.average(design, axis=0, weights=weight)

    def _raw_logit(self, frame: pd.DataFrame) -> np.ndarray:
        return np.asarray(self.logit_.decision_function(self.encoder_.transform(frame)))

    def _raw_terms(self, frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
        coef = self.logit_.coef_[0]
        centred = (self.encoder_.transform(frame) - self.design_mean_) * coef
        names = list(frame.columns)
        membership = np.array([[g == n for n in names] for g in self.encoder_.groups_], float)
        terms = pd.DataFrame(centred @ membership, columns=names, index=frame.index)
        base = float(self.logit_.intercept_[0] + coef @ self.design_mean_)
        return np.full(len(frame), base), terms


MODELS: dict[str, type[ScreeningClassifier]] = {
    "glassbox": GlassBoxClassifier,
    "challenger": BoostingChallenger,
    "baseline": LogisticBaseline,
}
"""The three models by role; `glassbox` is the one that screens."""
