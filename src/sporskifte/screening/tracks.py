"""Tracks: the law first, then risk, then capacity.

1. `ingen_opfoelgning`: the reform's exemption (employed; both the person and the employer
   expect under 26 weeks), decided by `sporskifte.rules`, never by the model.
2. `let_opfoelgning`: at least the legal minimum (one conversation in the first half-year;
   employer support for small workplaces).
3. `tvaerfaglig_indsats`: a cross-disciplinary effort, for non-exempt spells with
   p_long >= `threshold`.

A person the law exempts but whom the model puts at p_long >= `flag_threshold` (default 50 %:
the model finds a spell past 26 weeks *more likely than not*, the opposite of what the exemption
presumes) keeps track 1 as the law says, but is flagged (`flag_high_risk_exempt`) for a
caseworker to look at: never silently exempted, never silently overruled.

Capacity: with `weekly_inflow` new spells a week and `hours_per_person[k]` caseworker hours
spent on one person over a whole spell in track k, the steady-state demand is
inflow * mean(hours of the assigned track) + inflow * review_hours * share flagged, in hours a
week. `fit_thresholds` picks the lowest track-3 threshold (most people helped) whose demand fits
`caseworker_hours_per_week`, but never below `min_threshold` (below it a cross-disciplinary
effort is not targeted at all).

Thresholds by age band (`equalise_false_short`, off by default): the young are more often put
below the threshold although their spell turns out long (the false-"short" rate). Opting in
lowers the threshold of each age band whose rate is above the overall one until it matches it
(measured on the held-out period; never raises a band's threshold). The cost is more people in
track 3 than capacity allows for one threshold: `TrackPolicy.report` states the hours a week,
and the training report shows the rates before and after. It treats people of different ages
differently by design, so the municipality must decide it openly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

import numpy as np
from numpy.typing import ArrayLike

TRACKS: tuple[str, str, str] = ("ingen_opfoelgning", "let_opfoelgning", "tvaerfaglig_indsats")
TRACK_LABELS: dict[str, str] = {
    "ingen_opfoelgning": "Ingen opfølgning",
    "let_opfoelgning": "Let opfølgning",
    "tvaerfaglig_indsats": "Tværfaglig indsats",
}


@dataclass(frozen=True)
class Capacity:
    """Caseworker hours available a week and what each track costs per person (whole spell)."""

    caseworker_hours_per_week: float
    weekly_inflow: float
    hours_per_person: tuple[float, float, float] = (0.25, 2.0, 12.0)
    review_hours: float = 0.5

    def __post_init__(self) -> None:
        if self.caseworker_hours_per_week < 0 or self.weekly_inflow < 0:
            raise ValueError("capacity and inflow must be non-negative")
        if len(self.hours_per_person) != 3 or min(self.hours_per_person) < 0:
            raise ValueError("hours_per_person needs three non-negative figures (tracks 1-3)")


def _arrays(p_long: ArrayLike, exempt: ArrayLike | None) -> tuple[np.ndarray, np.ndarray]:
    p = np.asarray(p_long, dtype=float)
    e = np.zeros(len(p), dtype=bool) if exempt is None else np.asarray(exempt, dtype=bool)
    if p.shape != e.shape:
        raise ValueError("p_long and exempt must have the same length")
    return p, e


@dataclass(frozen=True)
class TrackPolicy:
    """Thresholds on p_long, and the capacity they were fitted to (if any)."""

    threshold: float
    flag_threshold: float = 0.5
    capacity: Capacity | None = None
    min_threshold: float = 0.25
    fits: bool = True
    expected_hours_per_week: float | None = field(default=None, compare=False)
    band_thresholds: tuple[tuple[str, float], ...] = ()
    """Optional (age band, threshold) pairs replacing `threshold` for spells in that band."""

    def thresholds(self, n: int, bands: ArrayLike | None = None) -> np.ndarray:
        """The track-3 threshold that applies to each of `n` spells (by age band if set)."""
        out = np.full(n, self.threshold)
        if self.band_thresholds and bands is not None:
            labels = np.asarray(bands, dtype=object)
            for band, value in self.band_thresholds:
                out[labels == band] = value
        return out

    def assign(
        self, p_long: ArrayLike, exempt: ArrayLike | None = None, bands: ArrayLike | None = None
    ) -> np.ndarray:
        """Track number (1, 2, 3) per spell (`bands`: age bands, used when the policy has
        thresholds by age band)."""
        p, e = _arrays(p_long, exempt)
        return np.where(e, 1, np.where(p >= self.thresholds(len(p), bands), 3, 2))

    def flags(self, p_long: ArrayLike, exempt: ArrayLike | None = None) -> np.ndarray:
        """`flag_high_risk_exempt`: exempt by law, high risk by the model."""
        p, e = _arrays(p_long, exempt)
        return e & (p >= self.flag_threshold)

    def hours_per_week(
        self,
        p_long: ArrayLike,
        exempt: ArrayLike | None = None,
        capacity: Capacity | None = None,
        bands: ArrayLike | None = None,
    ) -> float:
        """Expected steady-state caseworker hours a week for a population like this one."""
        capacity = capacity or self.capacity
        if capacity is None:
            raise ValueError("no capacity given")
        tracks = self.assign(p_long, exempt, bands)
        per_person = np.asarray(capacity.hours_per_person)[tracks - 1].mean()
        review = capacity.review_hours * self.flags(p_long, exempt).mean()
        return float(capacity.weekly_inflow * (per_person + review))

    def report(
        self,
        p_long: ArrayLike,
        exempt: ArrayLike | None = None,
        long: ArrayLike | None = None,
        weight: ArrayLike | None = None,
        bands: ArrayLike | None = None,
    ) -> dict[str, object]:
        """Shares per track, flags, workload, and (with outcomes) how many long spells reach 2-3."""
        tracks = self.assign(p_long, exempt, bands)
        flags = self.flags(p_long, exempt)
        out: dict[str, object] = {
            "threshold": self.threshold,
            "flag_threshold": self.flag_threshold,
            "fits": self.fits,
            "share_by_track": {TRACKS[k - 1]: float(np.mean(tracks == k)) for k in (1, 2, 3)},
            "share_flagged": float(flags.mean()),
        }
        if self.band_thresholds:
            out["band_thresholds"] = dict(self.band_thresholds)
        if self.capacity is not None:
            out["hours_per_week"] = self.hours_per_week(p_long, exempt, bands=bands)
            out["capacity"] = asdict(self.capacity)
        if long is not None:
            out.update(_reach(tracks, flags, np.asarray(long, bool), weight))
        return out


def _reach(
    tracks: np.ndarray, flags: np.ndarray, long: np.ndarray, weight: ArrayLike | None
) -> dict[str, float]:
    w = np.ones(len(long)) if weight is None else np.asarray(weight, dtype=float)
    total = float(np.sum(w * long))
    if total == 0:
        return {}
    return {
        "long_reaching_tracks_2_3": float(np.sum(w * long * (tracks >= 2)) / total),
        "long_in_track_3": float(np.sum(w * long * (tracks == 3)) / total),
        "long_flagged_for_review": float(np.sum(w * long * flags) / total),
    }


def fit_thresholds(
    p_long: ArrayLike,
    capacity: Capacity,
    exempt: ArrayLike | None = None,
    *,
    flag_threshold: float = 0.5,
    min_threshold: float = 0.25,
) -> TrackPolicy:
    """Lowest track-3 threshold whose expected workload fits `capacity` (see module docstring).

    `p_long` and `exempt` describe a reference population (e.g. the latest year's spells). If even
    no track 3 at all does not fit, the policy has threshold 1.0 and `fits = False`.
    """
    p, e = _arrays(p_long, exempt)
    allowed = _max_track3(p, e, capacity, flag_threshold)
    candidates = np.sort(p[~e & (p >= min_threshold)])[::-1]
    if allowed < 0:
        threshold, fits = 1.0, False
    elif allowed >= len(candidates):
        threshold, fits = min_threshold, True
    else:  # just above the first spell that no longer fits
        threshold, fits = float(np.nextafter(candidates[allowed], np.inf)), True
    draft = TrackPolicy(threshold, flag_threshold, capacity, min_threshold, fits)
    return TrackPolicy(
        threshold, flag_threshold, capacity, min_threshold, fits, draft.hours_per_week(p, e)
    )


def _max_track3(p: np.ndarray, e: np.ndarray, cap: Capacity, flag_threshold: float) -> int:
    """How many of these spells can be in track 3 within capacity (-1: not even with none)."""
    n = len(p)
    if n == 0 or cap.weekly_inflow == 0:
        return n
    h1, h2, h3 = cap.hours_per_person
    flagged = int(np.sum(e & (p >= flag_threshold)))
    budget = cap.caseworker_hours_per_week * n / cap.weekly_inflow
    spare = budget - (e.sum() * h1 + (~e).sum() * h2 + flagged * cap.review_hours)
    if spare < 0:
        return -1
    return n if h3 <= h2 else int(np.floor(spare / (h3 - h2) + 1e-9))


def false_short_rate(
    p_long: np.ndarray, long: np.ndarray, weight: np.ndarray, thresholds: np.ndarray
) -> float:
    """Weighted share of the long spells put below their track-3 threshold."""
    w = weight * long
    return float(np.sum(w * (p_long < thresholds)) / w.sum()) if w.sum() > 0 else float("nan")


def equalise_false_short(
    policy: TrackPolicy,
    p_long: ArrayLike,
    long: ArrayLike,
    weight: ArrayLike,
    bands: ArrayLike,
    exempt: ArrayLike | None = None,
) -> TrackPolicy:
    """`policy` with a lower threshold for each age band whose false-"short" rate exceeds the
    overall rate, chosen so the band's rate matches it (module docs; spells the law exempts
    count only when `exempt` is given and false for them)."""
    p, e = _arrays(p_long, exempt)
    y = np.asarray(long, dtype=bool) & ~e
    w = np.asarray(weight, dtype=float)
    labels = np.asarray(bands, dtype=object)
    overall = false_short_rate(p, y, w, np.full(len(p), policy.threshold))
    chosen = []
    for band in sorted(set(labels.tolist())):
        rows = (labels == band) & y & (w > 0)
        if not rows.any():
            continue
        if (
            false_short_rate(p[rows], y[rows], w[rows], np.full(rows.sum(), policy.threshold))
            <= overall
        ):
            continue
        order = np.argsort(p[rows], kind="stable")
        cumulative = np.cumsum(w[rows][order]) / w[rows].sum()
        k = int(np.searchsorted(cumulative, overall, side="right"))
        value = float(p[rows][order][min(k, len(order) - 1)])
        chosen.append((str(band), min(value, policy.threshold)))
    return replace(policy, band_thresholds=tuple(chosen))
