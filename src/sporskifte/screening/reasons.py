"""Why a spell gets its track, in Danish: the law's reasons, the track's reason and the flag for
a person the law exempts but the model sees as high risk.

`spell_reasons` tells one spell; `reason_texts` tells a whole batch as one text per spell,
building each distinct text once (a scores file of 40,000 spells has a few thousand).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sporskifte.lib import danish
from sporskifte.rules.answers import Answer, Reason
from sporskifte.screening.tracks import TRACK_LABELS, TRACKS, TrackPolicy

TRACK_POLICY_RULE = "Sporskiftes sporpolitik (kommunens kapacitet)"
"""The rule named by the reason for a proposed track (found again when the track is
re-proposed for a new capacity)."""

SEPARATOR = " | "
"""Between the reasons of one spell in a scores file."""


def percent(share: float) -> str:
    """A risk as the reasons write it: one decimal, e.g. '61,7 %'."""
    return danish.pct(share, 1)


def _track_text(track: int, risk: str | None, threshold: str) -> str:
    name = TRACK_LABELS[TRACKS[track - 1]]
    if track == 1:
        return f"{name}: loven fritager for opfølgning (se begrundelsen ovenfor)."
    if risk is None:
        return f"{name}: foreslået ud fra lovens regler og de oplyste forventninger."
    relation = "mindst" if track == 3 else "under"
    return (
        f"{name}: risikoen for at være sygemeldt efter 26 uger er {risk}, "
        f"{relation} tærsklen på {threshold}."
    )


def _threshold(policy: TrackPolicy | None) -> str:
    return percent(policy.threshold if policy else float("nan"))


def track_reason(track: int, p: float | None, policy: TrackPolicy | None) -> Reason:
    """Why this track (1-3): the law's exemption, the rules, or p_long against the threshold."""
    risk = None if p is None else percent(p)
    return Reason(_track_text(track, risk, _threshold(policy)), TRACK_POLICY_RULE, "", False)


def flag_reason() -> Reason:
    """Why an exempt person is flagged for a caseworker."""
    return Reason(
        "Loven fritager, men modellen vurderer høj risiko for langvarigt fravær: en "
        "sagsbehandler skal se på sagen, før fritagelsen bruges.",
        "Sporskiftes sporpolitik (menneskelig vurdering)",
        "",
        False,
    )


def spell_reasons(
    answer: Answer[bool], track: int, p: float | None, flag: bool, policy: TrackPolicy | None
) -> tuple[Reason, ...]:
    """One spell's reasons: the law's, the track's and the flag's (when flagged)."""
    extra = (flag_reason(),) if flag else ()
    return (*answer.reasons, track_reason(track, p, policy), *extra)


def _a_row_of_each(codes: np.ndarray, count: int) -> np.ndarray:
    """A row holding each code (0 <= code < count, every code present)."""
    rows = np.zeros(count, dtype=np.int64)
    rows[codes] = np.arange(len(codes))
    return rows


def percent_codes(p: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """`percent` for an array of shares as (code per value, text per code), each text written
    once, by `percent`, from a value with that code.

    `percent` rounds the shortest decimal of share * 100 half up to tenths; that decimal is
    within half a unit in the last place of the float. So a value whose float tenths
    (share * 100 * 10) lie more than 1e-9 (relative) from a half rounds like the float, and
    is grouped by it; any other value (near a half, negative, huge, NaN or infinite) gets a
    code of its own."""
    p = np.asarray(p, dtype=float)
    scaled = p * 100.0 * 10.0
    with np.errstate(invalid="ignore"):
        low = np.floor(scaled)
        fraction = scaled - low
        plain = (
            np.isfinite(scaled)
            & (scaled >= 0)
            & (scaled < 1e14)
            & (np.abs(fraction - 0.5) > 1e-9 * np.maximum(scaled, 1.0))
        )
    tenths = np.where(plain, low + (fraction > 0.5), 0).astype(np.int64)
    codes, uniques = pd.factorize(np.where(plain, tenths, -1 - np.arange(len(p))))
    return codes, [percent(float(v)) for v in p[_a_row_of_each(codes, len(uniques))]]


def reason_texts(
    answers: list[Answer[bool]],
    law_codes: np.ndarray,
    tracks: np.ndarray,
    p: np.ndarray | None,
    flags: np.ndarray,
    policy: TrackPolicy | None,
) -> np.ndarray:
    """`spell_reasons` for a batch as one text per spell (the texts joined by `SEPARATOR`).

    `answers` are the law's distinct answers and `law_codes` each spell's index into them
    (`rules.sickness.exemption_table`); `p` is None without a model."""
    tracks = np.asarray(tracks, dtype=np.int64)
    risks: list[str | None] = [None]
    risk_codes = np.zeros(len(tracks), dtype=np.int64)
    if p is not None:
        risk_codes, shown = percent_codes(p)
        risks = [*shown]
    keys = (tracks * len(risks) + risk_codes) * 2 + np.asarray(flags, dtype=bool)
    track_codes, track_keys = pd.factorize(keys)
    threshold, flag = _threshold(policy), flag_reason().text
    tails = []
    for key in track_keys.tolist():
        (track, risk), flagged = divmod(key // 2, len(risks)), key % 2
        text = _track_text(track, risks[risk], threshold)
        tails.append(f"{text}{SEPARATOR}{flag}" if flagged else text)
    laws = [SEPARATOR.join(r.text for r in answer.reasons) for answer in answers]
    heads = [f"{text}{SEPARATOR}" if text else "" for text in laws]
    law = np.array(heads, dtype=object)[np.asarray(law_codes, dtype=np.int64)]
    return law + np.array(tails, dtype=object)[track_codes]
