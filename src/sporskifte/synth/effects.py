"""Covariate effects on spell duration, as log hazard ratios of *not* ending ("slowness").

A positive effect makes the spell longer: the hazard of ending is multiplied by
``exp(-effect)``. Directions and rough sizes follow the risk-factor table (calibration.md §3):

* women, older people, no post-school education, public employers, workplaces with 20+
  employees, unskilled and manual work: slower return to work (pubmed 16900044, 17429148);
* unemployment at onset: more welfare dependency afterwards (s12889-022-13105-z); the
  self-employed return fastest (*design*, no Danish effect size found);
* prior sick leave and part-time sick leave: lower return-to-work rate (1471-2458-12-1077);
  more than one earlier spell: OR ≈ 2 for a later long spell (1471-2458-12-861); a prior spell
  over 26 weeks: much higher risk of leaving the labour market (Lund 2008);
* diagnosis: chronic disease (cancer, cardiovascular) much slower; mental health only a little
  slower once the person's own expectation is known (RR 0.87 → 1.01, PMC4833917), so its
  effect sits in the latent severity the person knows about, see `spells.py`.

Origin and district have **no** effect: any difference by origin in the generated durations
comes through education, employment, occupation and health, so a fair model is possible.
"""

from __future__ import annotations

FEMALE = 0.10
AGE_PER_YEAR = 0.015
"""Per year of age above 40 (negative below)."""

EDUCATION: dict[str, float] = {
    "basic": 0.15,
    "upper_secondary": 0.05,
    "vocational": 0.08,
    "short_tertiary": 0.0,
    "bachelor": -0.05,
    "master_plus": -0.12,
    "unknown": 0.10,
}

STATUS: dict[str, float] = {
    "employed": 0.0,
    "unemployed": 0.45,
    "self_employed": -0.35,
    "flexjob": 0.30,
    "other": 0.30,
}

EMPLOYER_SIZE: dict[str, float] = {
    "none": 0.0,
    "1-9": -0.12,
    "10-49": 0.0,
    "50-249": 0.06,
    "250+": 0.10,
}

PUBLIC_EMPLOYER = 0.08

OCCUPATION: dict[str, float] = {
    "0": 0.0,
    "1": -0.12,
    "2": -0.08,
    "3": -0.03,
    "4": 0.0,
    "5": 0.06,
    "6": 0.05,
    "7": 0.05,
    "8": 0.08,
    "9": 0.12,
}

PRIOR_SPELL = 0.10
"""Per earlier spell in the 3 years before onset (up to four)."""
PRIOR_LONG_ABSENCE = 0.35
"""More than 26 weeks of sickness benefit in the 3 years before onset."""
OTHER_BENEFIT_PER_WEEK = 0.004
"""Per week on other public benefits in the 3 years before onset (weak attachment)."""

PARTIAL_SICK_LEAVE = 0.15
WORK_RELATED = 0.12

DIAGNOSIS_SEVERITY: dict[str, float] = {
    "mental": 0.38,
    "musculoskeletal": 0.0,
    "injury": -0.10,
    "cancer": 0.90,
    "cardiovascular": 0.60,
    "other": -0.35,
    "pregnancy": 0.0,
}
"""Shift of the latent severity by true diagnosis (the person knows it; registers see the
diagnosis only when a certificate is on file)."""
