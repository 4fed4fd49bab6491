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
    sign = "+" if points >= 0 else "−"
    size = abs(points)
    text = f"{size:.0f}" if size >= 1.0 else f"{size:.1f}".replace(".", ",")
    return f"{sign}{text} procentpoint"


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
    """Danish phrase for one value; interaction terms ("a & b") join their parts."""
    if feature in DESCRIBE:
        return DESCRIBE[feature](value)
    return f"{feature}: {value}"


def label_matrix(frame: pd.DataFrame, terms: list[str]) -> np.ndarray:
    """Danish labels, rows x terms, computed once per distinct value (fast on 40,000 rows)."""
    columns = []
    for term in terms:
        parts = [p.strip() for p in term.split(" & ")]
        labels = [frame[p].astype(object).map(_cached(p, frame[p])) for p in parts]
        joined = labels[0]
        for extra in labels[1:]:  # an interaction term: "X og Y"
            joined = joined + " og " + extra
        columns.append(joined.to_numpy(dtype=object))
    return np.column_stack(columns) if columns else np.empty((len(frame), 0), dtype=object)


def _cached(feature: str, column: pd.Series) -> dict[object, str]:
    return {value: describe(feature, value) for value in column.astype(object).unique()}


def top_factors(
    labels: np.ndarray, points: np.ndarray, k: int = 3, direction: int = 1
) -> list[list[str]]:
    """Per row, up to `k` sentences pushing up (direction 1) or down (-1), largest first."""
    signed = points * direction
    order = np.argsort(-signed, axis=1, kind="stable")[:, :k]
    rows = []
    for i, picks in enumerate(order):
        rows.append(
            [
                f"{labels[i, j]}: {format_points(points[i, j])}"
                for j in picks
                if signed[i, j] >= MIN_POINTS
            ]
        )
    return rows
