"""Households of the course participants (`households` contract), one row per person.

The kontanthjælp means test is what a participant meets when the course ends: own assets
against the limit, and for the **married** the spouse's assets and income too (cohabitants
have had no mutual support duty since 2016). The mix below is a *design*, tuned so that about
10 % of participants in a running course would fail that test (the ministry's estimate quoted
in the municipal note); the share is measured with `sporskifte.rules.means_test.precheck`
in the calibration report, not assumed here.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from sporskifte.registers.contracts import CIVIL_STATUSES, HOUSEHOLDS

CIVIL_MIX = np.array([0.60, 0.20, 0.20])
"""single, married, cohabiting (*design*: course participants live alone more often)."""
CHILDREN_MIX = np.array([0.60, 0.18, 0.14, 0.06, 0.02])
"""0, 1, 2, 3, 4 children under 18 (*design*)."""
P_ASSETS_HIGH = 0.05
"""Participants with savings well above the single-person limit (*design*; raised from 3 %
when the pre-check stopped deciding on incomes in years whose kontanthjælp rate is unknown,
so that the measured share of "no" stays near the ministry's 10 %)."""
P_SPOUSE_WORKS = 0.55
"""Share of spouses and cohabitants in work (*design*)."""
P_OWN_EARNINGS = 0.15


def generate_households(
    rng: np.random.Generator, courses: pd.DataFrame, as_of: date
) -> pd.DataFrame:
    """One household row per distinct `person_id` in `courses`, as of `as_of`."""
    persons = courses["person_id"].drop_duplicates().reset_index(drop=True)
    n = len(persons)
    civil = rng.choice(3, size=n, p=CIVIL_MIX)
    partner = civil > 0
    married = civil == 1
    children = _children(rng, partner)
    spouse_assets, spouse_income = _spouse(rng, n)
    known_partner = married | (partner & (rng.random(n) < 0.5))
    frame = pd.DataFrame(
        {
            "person_id": persons.astype("string"),
            "as_of_date": pd.Series(np.full(n, np.datetime64(as_of, "us"))),
            "civil_status": pd.Series(np.array(CIVIL_STATUSES)[civil], dtype="string"),
            "own_assets_dkk": pd.array(_own_assets(rng, n), dtype="Int64"),
            "spouse_assets_dkk": _masked(spouse_assets, ~known_partner),
            "own_monthly_income_dkk": pd.array(_own_income(rng, n), dtype="Int64"),
            "spouse_monthly_income_dkk": _masked(spouse_income, ~known_partner),
            "children_under_18": pd.array(children, dtype="Int64"),
        }
    )
    return frame[list(HOUSEHOLDS.names)]


def _children(rng: np.random.Generator, partner: np.ndarray) -> np.ndarray:
    children = rng.choice(len(CHILDREN_MIX), size=len(partner), p=CHILDREN_MIX)
    more = partner & (rng.random(len(partner)) < 0.3)
    return np.where(more, np.minimum(children + 1, 5), children)


def _own_assets(rng: np.random.Generator, n: int) -> np.ndarray:
    """Mostly small savings; a few well above the limit (a paid-off car, savings, a house)."""
    small = rng.lognormal(np.log(2_500), 0.9, n)
    high = rng.lognormal(np.log(60_000), 0.9, n)
    none = rng.random(n) < 0.25
    assets = np.where(rng.random(n) < P_ASSETS_HIGH, high, np.where(none, 0, small))
    return np.minimum(np.round(assets / 100) * 100, 5_000_000).astype(np.int64)


def _own_income(rng: np.random.Generator, n: int) -> np.ndarray:
    """Earnings besides the course benefit: mostly none, a few hours for some."""
    earns = rng.random(n) < P_OWN_EARNINGS
    return np.where(earns, np.round(rng.uniform(1_000, 9_000, n), -2), 0).astype(np.int64)


def _spouse(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    works = rng.random(n) < P_SPOUSE_WORKS
    wage = rng.lognormal(np.log(27_000), 0.35, n)
    benefit = rng.uniform(9_000, 17_000, n)
    income = np.round(np.where(works, wage, benefit), -2)
    assets = np.where(rng.random(n) < 0.4, 0, rng.lognormal(np.log(15_000), 1.2, n))
    return np.round(assets, -2).astype(np.int64), income.astype(np.int64)


def _masked(values: np.ndarray, missing: np.ndarray) -> pd.api.extensions.ExtensionArray:
    array = pd.array(values, dtype="Int64")
    array[missing] = pd.NA
    return array
