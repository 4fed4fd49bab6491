"""Median duration: a log-normal accelerated-failure-time (AFT) model fitted with right-censoring.

Method: log T = x'beta + sigma * eps, eps ~ N(0, 1), fitted by maximum likelihood where a spell
that ended contributes its density and a spell still running contributes its survival
P(T > duration) (the standard censored likelihood, so running spells are used, not dropped). A
small ridge penalty keeps one-hot columns finite.

The screened median is *anchored* on the calibrated classifier: with the AFT's scale sigma, the
log-normal whose survival at the horizon equals `p_long` has median

    median = horizon * exp(sigma * Phi^-1(p_long)).

So the two numbers a caseworker sees never contradict each other (median > 26 weeks exactly when
p_long > 50 %), and the median inherits the classifier's calibration. `predict_median` gives
the AFT's own, unanchored median (used to check the anchoring in the evaluation).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy.optimize import minimize
from scipy.special import log_ndtr, ndtri
from scipy.stats import norm
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from sporskifte.screening.features import DesignEncoder, FeatureSet, model_frame

SHORTEST_WEEKS = 1.0 / 7.0
LONGEST_WEEKS = 520.0


def _censored_lognormal_nll(
    theta: np.ndarray, design: np.ndarray, log_t: np.ndarray, ended: np.ndarray, l2: float
) -> tuple[float, np.ndarray]:
    beta, log_sigma = theta[:-1], theta[-1]
    sigma = np.exp(log_sigma)
    z = (log_t - design @ beta) / sigma
    log_surv = log_ndtr(-z)
    mills = np.exp(norm.logpdf(z) - log_surv)
    loglik = np.where(ended, -log_sigma + norm.logpdf(z), log_surv)
    d_mu = np.where(ended, z / sigma, mills / sigma)
    d_log_sigma = np.where(ended, z * z - 1.0, mills * z)
    n = len(log_t)
    penalty = 0.5 * l2 * np.sum(beta[1:] ** 2)
    grad_beta = -(design.T @ d_mu) / n
    grad_beta[1:] += l2 * beta[1:]
    grad = np.append(grad_beta, -np.sum(d_log_sigma) / n)
    return float(-np.sum(loglik) / n + penalty), grad


class LogNormalDuration(BaseEstimator):
    """Censored log-normal AFT on the screening features (median duration in weeks)."""

    def __init__(self, *, l2: float = 1e-3, features: tuple[str, ...] | None = None) -> None:
        self.l2 = l2
        self.features = features

    def fit(self, X: pd.DataFrame, duration: ArrayLike, ended: ArrayLike) -> LogNormalDuration:
        """Fit by maximum likelihood; spells still running contribute their survival."""
        features = FeatureSet(tuple(self.features)) if self.features else FeatureSet()
        frame = model_frame(X, features)
        self.encoder_ = DesignEncoder().fit(frame)
        design = np.column_stack([np.ones(len(frame)), self.encoder_.transform(frame)])
        log_t = np.log(np.clip(np.asarray(duration, dtype=float), SHORTEST_WEEKS, None))
        done = np.asarray(ended, dtype=bool)
        start = np.zeros(design.shape[1] + 1)
        start[0] = float(np.mean(log_t))
        result = minimize(
            _censored_lognormal_nll,
            start,
            args=(design, log_t, done, self.l2),
            jac=True,
            method="L-BFGS-B",
            options={"maxiter": 500},
        )
        self.intercept_ = float(result.x[0])
        self.coef_ = result.x[1:-1]
        self.sigma_ = float(np.exp(result.x[-1]))
        self.feature_names_in_ = np.array(frame.columns, dtype=object)
        return self

    def predict_median(self, X: pd.DataFrame) -> np.ndarray:
        """The AFT's own median duration in weeks, exp(x'beta)."""
        check_is_fitted(self, "sigma_")
        frame = model_frame(X, FeatureSet(tuple(self.feature_names_in_)))
        mu = self.intercept_ + self.encoder_.transform(frame) @ self.coef_
        return np.clip(np.exp(mu), SHORTEST_WEEKS, LONGEST_WEEKS)

    def median_given_p_long(self, p_long: ArrayLike, horizon: float) -> np.ndarray:
        """Median weeks of the log-normal with this model's sigma and S(horizon) = p_long."""
        check_is_fitted(self, "sigma_")
        p = np.clip(np.asarray(p_long, dtype=float), 1e-9, 1 - 1e-9)
        median = horizon * np.exp(self.sigma_ * ndtri(p))
        return np.clip(median, SHORTEST_WEEKS, LONGEST_WEEKS)
