"""Exact explanations in percentage points, told in plain Danish.

The glass-box model is additive on the logit scale: logit p = b + sum_j t_j(x). Probabilities are
not additive, so the logit terms are converted by the Aumann-Shapley (integrated-gradient) path
from the baseline b to the person's logit: factor j gets

    c_j = t_j * (expit(b + T) - expit(b)) / T,        T = sum_j t_j,

its logit term times the average slope of the logistic curve along the path (the limit
t_j * p0 * (1 - p0) when T = 0). Then p_long = expit(b) + sum_j c_j holds *exactly*, each c_j
has the sign of t_j, and a factor with no logit push gets zero. The baseline expit(b) is the
model's probability for a spell at the centre of every shape function (EBM centres each term
over the training data), shown as "udgangspunkt".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit

from sporskifte.screening.features import MISSING

MIN_POINTS = 0.5
"""Factors smaller than this (in percentage points) are not listed as sentences."""


@dataclass(frozen=True, slots=True)
class Contribution:
    """One factor's push on p_long: feature, Danish label of its value, raw value, size in pp."""

    feature: str
    label: str
    value: object
    points: float

    def sentence(self) -> str:
        """E.g. "Egen forventning om 20 ugers fravær: +9 procentpoint"."""
        return f"{self.label}: {format_points(self.points)}"


def probability_contributions(
    base_logit: np.ndarray, terms: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(baseline probability per row, contributions in percentage points, rows x terms)."""
    base = np.asarray(base_logit, dtype=float)
    terms = np.asarray(terms, dtype=float)
    total = terms.sum(axis=1)
    p0 = expit(base)
    p = expit(base + total)
    small = np.abs(total) < 1e-12
    slope = np.where(small, p0 * (1.0 - p0), (p - p0) / np.where(small, 1.0, total))
    return p0, 100.0 * terms * slope[:, None]


def format_points(points: float) -> str:
    """Danish size with sign: "+9 procentpoint", "−0,6 procentpoint"."""
    return str(format_points_array(np.array([points]))[0])


def format_points_array(points: np.ndarray) -> np.ndarray:
    """`format_points` for a whole array at once (object array of str): sizes of at least one
    point are whole points, smaller ones get one decimal (Danish comma)."""
    uniques, inverse = np.unique(_points_keys(points), return_inverse=True)
    texts = np.array([_points_text(int(k)) for k in uniques], dtype=object)
    return texts[inverse.reshape(np.shape(points))]


def _points_keys(points: np.ndarray) -> np.ndarray:
    """An int per size as `format_points` writes it (equal keys, equal texts; `_points_text`)."""
    points = np.asarray(points, dtype=float)
    size = np.abs(points)
    whole = size >= 1.0
    tenths = np.where(whole, np.round(size) * 10, np.round(size * 10)).astype(np.int64)
    return (tenths * 2 + whole) * 2 + (points < 0)


def _points_text(key: int) -> str:
    rest, negative = divmod(key, 2)
    tenths, whole = divmod(rest, 2)
    body = str(tenths // 10) if whole else f"{tenths // 10},{tenths % 10}"
    return f"{'−' if negative else '+'}{body} procentpoint"


def _weeks(subject: str) -> Callable[[object], str]:
    def describe(value: object) -> str:
        if _missing(value):
            return f"{subject} ikke oplyst"
        weeks = round(float(value))  # type: ignore[arg-type]
        return f"{subject} om {weeks} {'uges' if weeks == 1 else 'ugers'} fravær"

    return describe


def _missing(value: object) -> bool:
    if isinstance(value, str):
        return value == MISSING
    return value is None or bool(pd.isna(value))  # type: ignore[call-overload]


def _count(template_one: str, template_many: str, zero: str) -> Callable[[object], str]:
    def describe(value: object) -> str:
        if _missing(value):
            return zero.replace("Ingen", "Uoplyst antal")
        n = round(float(value))  # type: ignore[arg-type]
        if n == 0:
            return zero
        return (template_one if n == 1 else template_many).format(n=n)

    return describe


def _choice(prefix: str, names: dict[str, str]) -> Callable[[object], str]:
    def describe(value: object) -> str:
        return f"{prefix}{names.get(str(value), str(value))}"

    return describe


HEALTH = {1: "meget dårligt", 2: "dårligt", 3: "nogenlunde", 4: "godt", 5: "meget godt"}
EMPLOYMENT = {
    "employed": "i job",
    "unemployed": "ledig",
    "self_employed": "selvstændig",
    "flexjob": "i fleksjob",
    "other": "anden situation",
}
EMPLOYER_SIZE = {
    "none": "Ingen arbejdsgiver",
    "1-9": "Arbejdsplads med 1-9 ansatte",
    "10-49": "Arbejdsplads med 10-49 ansatte",
    "50-249": "Arbejdsplads med 50-249 ansatte",
    "250+": "Arbejdsplads med 250 eller flere ansatte",
}
DIAGNOSIS = {
    "musculoskeletal": "muskler og led",
    "mental": "psykisk lidelse",
    "injury": "skade",
    "cancer": "kræft",
    "cardiovascular": "hjerte-kar",
    "pregnancy": "graviditetsrelateret",
    "other": "anden",
    "unknown": "ingen lægeerklæring endnu",
}
EDUCATION = {
    "basic": "grundskole",
    "upper_secondary": "gymnasial",
    "vocational": "erhvervsfaglig",
    "short_tertiary": "kort videregående",
    "bachelor": "mellemlang videregående",
    "master_plus": "lang videregående",
    "unknown": "uoplyst",
}
INDUSTRY = {
    "A": "landbrug, skovbrug og fiskeri",
    "B": "råstofindvinding",
    "C": "industri",
    "D": "energiforsyning",
    "E": "vandforsyning og renovation",
    "F": "bygge og anlæg",
    "G": "handel",
    "H": "transport",
    "I": "hoteller og restauranter",
    "J": "information og kommunikation",
    "K": "finansiering og forsikring",
    "L": "ejendomshandel og udlejning",
    "M": "videnservice",
    "N": "rejsebureauer, rengøring og anden operationel service",
    "O": "offentlig administration, forsvar og politi",
    "P": "undervisning",
    "Q": "sundhed og socialvæsen",
    "R": "kultur og fritid",
    "S": "andre serviceydelser",
    "T": "private husholdninger",
    "U": "eksterritoriale organisationer",
    "unknown": "uoplyst",
}
OCCUPATION = {
    "0": "militært arbejde",
    "1": "ledelsesarbejde",
    "2": "arbejde på højeste vidensniveau",
    "3": "arbejde på mellemniveau",
    "4": "kontor- og kundeservicearbejde",
    "5": "service- og salgsarbejde",
    "6": "landbrug, skovbrug og fiskeri",
    "7": "håndværkspræget arbejde",
    "8": "operatør-, monterings- og transportarbejde",
    "9": "andet manuelt arbejde",
    "unknown": "uoplyst",
}


def _health(value: object) -> str:
    if _missing(value):
        return "Selvvurderet helbred ikke oplyst"
    level = round(float(value))  # type: ignore[arg-type]
    return f"Selvvurderet helbred {HEALTH.get(level, str(level))}"


def _age(value: object) -> str:
    return "Alder ikke oplyst" if _missing(value) else f"Alder {round(float(value))} år"  # type: ignore[arg-type]


def _flag(yes: str, no: str) -> Callable[[object], str]:
    return lambda value: yes if str(value) == "true" else no


DESCRIBE: dict[str, Callable[[object], str]] = {
    "expected_return_weeks": _weeks("Egen forventning"),
    "employer_expected_return_weeks": _weeks("Arbejdsgiverens forventning"),
    "self_rated_health": _health,
    "diagnosis_group": _choice("Diagnosegruppe: ", DIAGNOSIS),
    "employment_status": _choice("Ved sygemeldingen: ", EMPLOYMENT),
    "employer_size": lambda value: EMPLOYER_SIZE.get(str(value), str(value)),
    "partial_sick_leave": _flag("Delvis sygemeldt", "Fuldt sygemeldt"),
    "work_related": _flag("Fraværet er arbejdsbetinget", "Fraværet er ikke arbejdsbetinget"),
    "age": _age,
    "education": _choice("Uddannelse: ", EDUCATION),
    "industry": _choice("Branche: ", INDUSTRY),
    "occupation": _choice("Stilling: ", OCCUPATION),
    "prior_spells_3y": _count(
        "1 tidligere sygeforløb på 3 år",
        "{n} tidligere sygeforløb på 3 år",
        "Ingen tidligere sygeforløb på 3 år",
    ),
    "prior_sick_weeks_3y": _count(
        "1 uge med sygedagpenge på 3 år",
        "{n} uger med sygedagpenge på 3 år",
        "Ingen uger med sygedagpenge på 3 år",
    ),
    "benefit_weeks_3y": _count(
        "1 uge på offentlig forsørgelse på 3 år",
        "{n} uger på offentlig forsørgelse på 3 år",
        "Ingen uger på offentlig forsørgelse på 3 år",
    ),
}
"""Danish phrase for a feature's value, as shown to caseworkers and citizens."""


def describe(feature: str, value: object) -> str:
    """Danish phrase for one value."""
    if feature in DESCRIBE:
        return DESCRIBE[feature](value)
    return f"{feature}: {value}"


def term_parts(term: str) -> list[str]:
    """The features of a term: one for a main effect, two for a pair ("a & b")."""
    return [part.strip() for part in term.split(" & ")]


RANGES: dict[str, str] = {
    "age": "alder {r} år",
    "expected_return_weeks": "egen forventning: {r} ugers fravær",
    "employer_expected_return_weeks": "arbejdsgiverens forventning: {r} ugers fravær",
    "prior_spells_3y": "{r} tidligere sygeforløb på 3 år",
    "prior_sick_weeks_3y": "{r} uger med sygedagpenge på 3 år",
    "benefit_weeks_3y": "{r} uger på offentlig forsørgelse på 3 år",
}
"""How a numeric feature's *range* is told inside a pair factor (a pair term is constant over
each of its bins, so the factor names the bin, not the exact value)."""


def _range_text(low: float, high: float) -> str:
    """Whole numbers in [low, high) as Danish text: "30-44", "under 30", "over 54"."""
    first = None if np.isneginf(low) else int(np.floor(low)) + 1
    last = None if np.isposinf(high) else int(np.ceil(high)) - 1
    if first is None and last is None:
        return "alle"
    if first is None:
        return "ingen" if last is not None and last < 1 else f"under {last + 1}"  # type: ignore[operator]
    if last is None:
        return f"over {first - 1}"
    return str(first) if first >= last else f"{first}-{last}"


def _bin_phrase(feature: str, low: float, high: float) -> str:
    if feature == "self_rated_health":
        levels = [k for k in HEALTH if low < k < high]
        names = [HEALTH[k] for k in levels] or ["uoplyst"]
        text = names[0] if len(names) == 1 else f"{names[0]} til {names[-1]}"
        return f"selvvurderet helbred {text}"
    template = RANGES.get(feature, feature + " {r}")
    return template.format(r=_range_text(low, high))


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _value_codes(column: pd.Series) -> tuple[np.ndarray, list[object]]:
    """(code per row, value per code) of one column: a categorical's own codes (every category,
    present or not), else the distinct values as Python objects (NaN one of them)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        if not (codes < 0).any():
            return codes, list(column.cat.categories)
        column = column.astype(object)
    elif column.dtype.kind in "fiub":
        codes, numbers = pd.factorize(column.to_numpy(), use_na_sentinel=False)
        return codes, numbers.tolist()
    codes, values = pd.factorize(column.astype(object), use_na_sentinel=False)
    return codes, list(values)


def _part_codes(
    feature: str, values: tuple[np.ndarray, list[object]], cuts: np.ndarray | None
) -> tuple[np.ndarray, list[str]]:
    """(code per row, phrase per code) for one feature inside a pair term, from its
    `_value_codes`; a numeric feature (`cuts` given) is told by the pair's bin it falls in."""
    codes, uniques = values
    if cuts is None:
        return codes, [_first_lower(describe(feature, value)) for value in uniques]
    numbers = np.asarray(uniques, dtype=float)
    edges = np.concatenate([[-np.inf], np.sort(cuts), [np.inf]])
    phrases = [_bin_phrase(feature, edges[b], edges[b + 1]) for b in range(len(edges) - 1)]
    phrases.append(_first_lower(describe(feature, np.nan)))
    bins = np.searchsorted(edges[1:-1], numbers, side="right")
    return np.where(np.isnan(numbers), len(phrases) - 1, bins)[codes], phrases


def _pair_codes(
    first: tuple[np.ndarray, list[str]], second: tuple[np.ndarray, list[str]]
) -> tuple[np.ndarray, list[str]]:
    """ "X og y tilsammen" from the two parts' `_part_codes`: (code per row, text per code),
    a text for each pair of bins that occurs."""
    (codes_a, phrases_a), (codes_b, phrases_b) = first, second
    width = len(phrases_b)
    combined = codes_a.astype(np.int64) * width + codes_b
    present = np.zeros(len(phrases_a) * width, dtype=bool)
    present[combined] = True
    texts = []
    for a, b in zip(*np.divmod(np.flatnonzero(present), width), strict=True):
        phrase = phrases_a[a]
        texts.append(f"{phrase[:1].upper()}{phrase[1:]} og {phrases_b[b]} tilsammen")
    return (np.cumsum(present) - 1)[combined], texts


def label_codes(
    frame: pd.DataFrame, terms: list[str], cuts: dict[str, np.ndarray | None] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Danish labels as (codes, texts): `texts[codes]` is the rows x terms matrix of labels,
    each text built once per distinct value (fast on 40,000 rows).

    A pair term ("a & b") is one factor, "X og y tilsammen", where a numeric part is told by
    the pair's bin it falls in (`cuts`: the pair-level cut points per numeric feature)."""
    codes = np.empty((len(frame), len(terms)), dtype=np.int64)
    texts: list[str] = []
    values: dict[str, tuple[np.ndarray, list[object]]] = {}
    for j, term in enumerate(terms):
        parts = term_parts(term)
        for part in parts:
            if part not in values:
                values[part] = _value_codes(frame[part])
        if len(parts) == 1:
            column, uniques = values[term]
            phrases = [describe(term, value) for value in uniques]
        else:
            numeric = [not isinstance(frame[part].dtype, pd.CategoricalDtype) for part in parts]
            column, phrases = _pair_codes(
                *(
                    _part_codes(part, values[part], (cuts or {}).get(part) if is_number else None)
                    for part, is_number in zip(parts, numeric, strict=True)
                )
            )
        codes[:, j] = column.astype(np.int64) + len(texts)
        texts.extend(phrases)
    return codes, np.array(texts, dtype=object)


def top_factors(
    labels: tuple[np.ndarray, np.ndarray], points: np.ndarray, k: int = 3, direction: int = 1
) -> list[np.ndarray]:
    """Up to `k` columns of sentences pushing up (direction 1) or down (-1), largest first
    ("" where a row has fewer factors of at least `MIN_POINTS`). `labels`: (codes, texts) of
    `label_codes`. Vectorised over rows; each distinct sentence is built once."""
    codes, texts = labels
    # The largest first, of equal sizes the first term (a stable sort); a factor taken is
    # set to -inf, and once the largest left is under MIN_POINTS the row has no more to tell.
    left = np.multiply(points, direction, order="C", dtype=float)
    if np.isnan(left).any():
        left[np.isnan(left)] = -np.inf
    rows, terms = left.shape
    flat, starts = left.ravel(), np.arange(0, rows * terms, terms)
    label = np.full((k, rows), -1, dtype=np.int64)
    size = np.zeros((k, rows))
    for rank in range(min(k, terms)):
        picks = starts + left.argmax(axis=1)
        shown = flat[picks] >= MIN_POINTS
        label[rank] = np.where(shown, codes.ravel()[picks], -1)
        size[rank] = np.where(shown, flat[picks] * direction, 0.0)
        flat[picks] = -np.inf
    sizes, size_keys = pd.factorize(_points_keys(size.ravel()))
    size_texts = [_points_text(key) for key in size_keys.tolist()]
    keys, uniques = pd.factorize(
        np.where(label < 0, -1, label * len(size_texts) + sizes.reshape(k, rows)).ravel()
    )
    sentences = np.array(
        [
            f"{texts[u // len(size_texts)]}: {size_texts[u % len(size_texts)]}" if u >= 0 else ""
            for u in uniques.tolist()
        ],
        dtype=object,
    )
    return list(sentences[keys].reshape(k, rows))
