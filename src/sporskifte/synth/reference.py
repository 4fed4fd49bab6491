"""Reference distributions for the synthetic Copenhagen, each with where it comes from.

Figures marked *source* are public facts (links in `targets.py`); figures marked *design* are
our own choices where no figure was found, chosen to be plausible and stated so they can be
replaced by live values (Jobindsats y07a02/y11a02/y12a02, Københavns Statistikbank).
"""

from __future__ import annotations

import numpy as np

from sporskifte.lib.districts import DISTRICTS

DISTRICT_POPULATION: dict[str, int] = {
    "Indre By": 57_000,
    "Østerbro": 78_000,
    "Nørrebro": 79_000,
    "Vesterbro/Kongens Enghave": 77_000,
    "Valby": 66_000,
    "Vanløse": 41_000,
    "Brønshøj-Husum": 46_000,
    "Bispebjerg": 56_000,
    "Amager Øst": 63_085,
    "Amager Vest": 90_713,
}
"""Residents on 1 Jan 2025. *Source* for Amager Øst and Amager Vest (citypopulation.de);
*design* (rounded approximations) for the eight districts cut off in the stored page."""

DISTRICT_UNKNOWN_SHARE = 0.005
"""*Design*: spells without a usable address (`unknown`)."""

NON_WESTERN_BY_DISTRICT: dict[str, float] = {
    "Indre By": 0.07,
    "Østerbro": 0.08,
    "Nørrebro": 0.20,
    "Vesterbro/Kongens Enghave": 0.14,
    "Valby": 0.13,
    "Vanløse": 0.11,
    "Brønshøj-Husum": 0.22,
    "Bispebjerg": 0.232,
    "Amager Øst": 0.12,
    "Amager Vest": 0.155,
}
"""Share with non-Western background. *Source*: Bispebjerg 23.2 % and 14.6 % overall (2012);
Brønshøj (2700) the most diverse postcode. Other districts *design*, weighted to ≈14.6 %."""

WESTERN_SHARE = 0.075
"""*Source*: 7.5 % immigrants from Western countries (2012, primidi.com)."""
ORIGIN_UNKNOWN_SHARE = 0.01
"""*Design*."""

FEMALE_SHARE = 0.55
"""Women among people entering. *Source*: 54 % of persons on sickness benefit were women
(2010, Statistical Yearbook); set a point higher because women's longer spells leave less
time for new ones, so that 54 % of generated spells are women's."""

EMPLOYMENT_MIX: dict[str, float] = {
    "employed": 0.74,
    "unemployed": 0.125,
    "self_employed": 0.075,
    "flexjob": 0.04,
    "other": 0.02,
}
"""Status at onset. *Source*: self-employed ≈ 7 % (2010). The rest *design*: the 2010 split
counts the unemployed inside employees (sagsart 17); a current split is in Jobindsats y07a02."""

EMPLOYER_SIZE_MIX: dict[str, float] = {"1-9": 0.14, "10-49": 0.22, "50-249": 0.24, "250+": 0.40}
"""*Design*: Copenhagen's employment is dominated by large public and private employers."""

INDUSTRY_MIX: dict[str, float] = {
    "A": 0.003, "B": 0.001, "C": 0.04, "D": 0.006, "E": 0.006, "F": 0.05, "G": 0.10,
    "H": 0.05, "I": 0.06, "J": 0.07, "K": 0.04, "L": 0.015, "M": 0.10, "N": 0.06, "O": 0.07,
    "P": 0.09, "Q": 0.20, "R": 0.02, "S": 0.028, "T": 0.0005, "U": 0.0005,
}  # fmt: skip
"""DB07 sections of the employer. *Design*, shaped like Copenhagen's jobs (health and social
work the largest)."""

PUBLIC_INDUSTRIES = ("O", "P", "Q")
"""Mostly public employers (slower return to work: pubmed 16900044)."""

EDUCATION_MIX: dict[str, float] = {
    "basic": 0.15,
    "upper_secondary": 0.10,
    "vocational": 0.28,
    "short_tertiary": 0.07,
    "bachelor": 0.18,
    "master_plus": 0.17,
    "unknown": 0.05,
}
"""*Design*."""

OCCUPATION_BY_EDUCATION: dict[str, dict[str, float]] = {
    "basic": {"9": 0.35, "5": 0.25, "8": 0.15, "7": 0.10, "4": 0.10, "3": 0.05},
    "upper_secondary": {"5": 0.30, "4": 0.25, "3": 0.20, "9": 0.15, "2": 0.10},
    "vocational": {"7": 0.25, "5": 0.25, "3": 0.20, "8": 0.10, "4": 0.10, "9": 0.10},
    "short_tertiary": {"3": 0.50, "2": 0.20, "4": 0.15, "1": 0.05, "5": 0.10},
    "bachelor": {"2": 0.45, "3": 0.35, "1": 0.08, "4": 0.07, "5": 0.05},
    "master_plus": {"2": 0.75, "1": 0.15, "3": 0.09, "0": 0.01},
    "unknown": {"9": 0.35, "5": 0.25, "8": 0.15, "7": 0.10, "4": 0.10, "2": 0.05},
}
"""DISCO-08 major group by education. *Design*."""

DIAGNOSIS_MIX: dict[str, float] = {
    "mental": 0.50,
    "musculoskeletal": 0.24,
    "injury": 0.07,
    "cancer": 0.04,
    "cardiovascular": 0.03,
    "other": 0.12,
}
"""True diagnosis of a municipal spell (pregnancy drawn separately for women 20–44). Tuned so
that ≈52 % of spells lasting 8+ weeks are mental (scirp.org; NFA 2010, ~50 %) while mental
spells return to work only slightly slower (RR 0.87, PMC4833917); musculoskeletal second
(Norwegian proxy 46 %)."""

PREGNANCY_SHARE_WOMEN_20_44 = 0.12
"""*Design*: pregnancy-related sick leave among women of child-bearing age."""

DIAGNOSIS_UNKNOWN_SHARE = 0.18
"""*Design*: no doctor's certificate on file at screening."""

WAITING_WEEKS: dict[str, float] = {
    "employed": 30 / 7,
    "unemployed": 2.0,
    "self_employed": 2.0,
    "flexjob": 0.0,
    "other": 0.0,
}
"""Weeks from onset before the municipality pays. *Source*: employer period 30 days (dst.dk);
a-kasse pays the first 2 weeks for the unemployed (since 2015); self-employed from week 3.
Flexjob (refund from day 1) and others: *design* 0."""


def district_weights() -> np.ndarray:
    """Probabilities over `DISTRICTS` + `unknown`, proportional to population."""
    pop = np.array([DISTRICT_POPULATION[d] for d in DISTRICTS], dtype=float)
    weights = pop / pop.sum() * (1 - DISTRICT_UNKNOWN_SHARE)
    return np.append(weights, DISTRICT_UNKNOWN_SHARE)


def population_non_western_share() -> float:
    """Population-weighted non-Western share implied by `NON_WESTERN_BY_DISTRICT`."""
    pop = np.array([DISTRICT_POPULATION[d] for d in DISTRICTS], dtype=float)
    share = np.array([NON_WESTERN_BY_DISTRICT[d] for d in DISTRICTS])
    return float((pop * share).sum() / pop.sum())
