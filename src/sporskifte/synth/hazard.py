"""The duration model: a proportional-hazards model on municipal weeks, with a 22-week review.

Time runs in *municipal weeks*: weeks since the municipality started paying (onset plus the
employer period for employees, plus two weeks for the unemployed and self-employed). The
calibration targets (Jobindsats stock by elapsed weeks) are in the same time.

Each spell has a *slowness* ``eta`` = register-visible effects (the risk-factor table of
calibration.md §3, as log hazard ratios of ending) + a latent severity the person knows about
(person frailty, diagnosis, spell-level severity). The hazard of ending is
``h0(t) * exp(-eta)`` with a piecewise-constant baseline ``h0`` tuned so that the *marginal*
survival matches the targets. Durations are drawn exactly by inverting the cumulative hazard.

The review at 22 municipal weeks (varighedsbegrænsning, since 2014): about half of the spells
reaching it are extended (more likely for the more severe); of the rest, some go on in a job
clarification course (still the same spell, per the contract) and the others end within a few
weeks, mostly in work. That reproduces the "exits to work around week 26" bump.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sporskifte.synth.sampling import logit, sigmoid

BASELINE_HAZARD: tuple[tuple[float, float], ...] = (
    (0.0, 0.45),
    (2.0, 0.45),
    (4.0, 0.26),
    (6.0, 0.126),
    (8.0, 0.085),
    (13.0, 0.074),
    (22.0, 0.040),
    (26.0, 0.040),
    (39.0, 0.14),
    (52.0, 0.52),
    (78.0, 0.62),
    (104.0, 0.60),
)
"""(from municipal week, hazard per week for eta = 0). Tuned offline against the targets."""

MAX_MUNICIPAL_WEEKS = 156.0
"""Longest spell we generate (extensions run to 69 or 134 weeks, JAF up to 2 years); spells
still going are closed as `other_benefit` (disability pension, flexjob)."""


@dataclass(frozen=True)
class ReviewRule:
    """The 22-week review: who is extended, who goes on in JAF, who leaves soon after."""

    week: float = 22.0
    p_extended: float = 0.50
    severity_effect: float = 0.6
    p_jaf_if_not_extended: float = 0.40
    mean_exit_weeks: float = 2.5
    severity_mean: float = 1.36
    severity_sd: float = 0.78
    """Mean and spread of the latent severity among spells reaching the review (measured on
    400,000 spells), so that `p_extended` is the share extended and one spell's review never
    depends on the other spells drawn with it."""

    def p_extend(self, severity: np.ndarray) -> np.ndarray:
        """Probability that a spell reaching the review is extended."""
        z = (np.asarray(severity, dtype=float) - self.severity_mean) / self.severity_sd
        return sigmoid(logit(self.p_extended) + self.severity_effect * z)


def cumulative_baseline() -> tuple[np.ndarray, np.ndarray]:
    """Knots (weeks) and cumulative baseline hazard at each knot, up to the maximum."""
    starts = np.array([s for s, _ in BASELINE_HAZARD] + [MAX_MUNICIPAL_WEEKS])
    rates = np.array([h for _, h in BASELINE_HAZARD])
    cum = np.concatenate([[0.0], np.cumsum(rates * np.diff(starts))])
    return starts, cum


def draw_municipal_weeks(rng: np.random.Generator, eta: np.ndarray) -> np.ndarray:
    """Municipal weeks until the spell ends (capped at `MAX_MUNICIPAL_WEEKS`)."""
    knots, cum = cumulative_baseline()
    target = rng.exponential(1.0, len(eta)) * np.exp(eta)
    return np.interp(target, cum, knots, right=MAX_MUNICIPAL_WEEKS)


def median_municipal_weeks(eta: np.ndarray) -> np.ndarray:
    """The median duration for slowness `eta` (what a well-informed person would expect)."""
    knots, cum = cumulative_baseline()
    return np.interp(np.log(2.0) * np.exp(eta), cum, knots, right=MAX_MUNICIPAL_WEEKS)


@dataclass
class ReviewOutcome:
    """Per spell: reached the review, extended there, ended because not extended."""

    reached: np.ndarray
    extended: np.ndarray
    cut_short: np.ndarray
    weeks: np.ndarray


def apply_review(
    rng: np.random.Generator, weeks: np.ndarray, severity: np.ndarray, rule: ReviewRule
) -> ReviewOutcome:
    """Apply the 22-week review to drawn municipal durations."""
    n = len(weeks)
    reached = weeks > rule.week
    extended = reached & (rng.random(n) < rule.p_extend(severity))
    to_jaf = rng.random(n) < rule.p_jaf_if_not_extended
    leaving = reached & ~extended & ~to_jaf
    exit_at = rule.week + rng.exponential(rule.mean_exit_weeks, n)
    cut_short = leaving & (exit_at < weeks)
    new_weeks = np.where(cut_short, exit_at, weeks)
    return ReviewOutcome(reached, extended, cut_short, new_weeks)
