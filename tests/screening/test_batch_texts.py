"""The batch texts of a scores file are written once per distinct value; they must be exactly
the texts written one value at a time."""

from __future__ import annotations

import numpy as np

from sporskifte.screening.explain import MIN_POINTS, format_points, top_factors
from sporskifte.screening.reasons import percent, percent_codes


def test_risks_are_written_as_one_at_a_time_also_at_and_next_to_the_halves() -> None:
    rng = np.random.default_rng(7)
    tenths = np.arange(0, 1001) / 1000
    halves = (np.arange(0, 1001) + 0.5) / 1000
    values = np.concatenate(
        [
            rng.random(20_000),
            tenths,
            halves,
            np.nextafter(halves, 0),
            np.nextafter(halves, 1),
            np.nextafter(tenths, 1),
            [0.0, -0.0, 1.0, 2.675, 0.125, 0.0005, -0.0004, -0.3, 1e12, 12.3456],
            [np.nan, np.inf, -np.inf],
        ]
    )
    codes, texts = percent_codes(values)
    assert [texts[c] for c in codes] == [percent(float(v)) for v in values]


def _one_row_at_a_time(labels: np.ndarray, points: np.ndarray, k: int, direction: int) -> list:
    rows = []
    for row_labels, row_points in zip(labels, points, strict=True):
        shown = [j for j, v in enumerate(row_points) if v * direction >= MIN_POINTS]
        best = sorted(shown, key=lambda j: (-row_points[j] * direction, j))[:k]
        texts = [f"{row_labels[j]}: {format_points(row_points[j])}" for j in best]
        rows.append(texts + [""] * (k - len(texts)))
    return rows


def test_top_factors_pick_like_a_stable_sort_with_ties_and_gaps() -> None:
    rng = np.random.default_rng(3)
    points = np.round(rng.normal(0, 3, (2000, 7)), 1)  # many equal sizes in a row
    points[rng.random(points.shape) < 0.02] = np.nan
    points[:50] = 0.2  # rows with nothing to tell
    codes = rng.integers(0, 5, points.shape) + np.arange(7) * 5
    texts = np.array([f"Faktor {j // 5} værdi {j % 5}" for j in range(35)], dtype=object)
    for direction in (1, -1):
        columns = top_factors((codes, texts), points, 3, direction)
        batch = [list(row) for row in zip(*columns, strict=True)]
        assert batch == _one_row_at_a_time(texts[codes], points, 3, direction)
