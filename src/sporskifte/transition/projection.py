"""Forecast of the phase-out: the monthly stock of each scheme until the last course ends,
and how many persons are expected to leave without any benefit, with an interval.

Method (stated wherever the forecast is shown):

- *Stock* of a scheme in a month is the number of courses running on the first day of that
  month (for the current month: on the forecast date); a course leaves the stock after its
  effective end date (`planning.transition.effective_end`). No new courses enter: the law
  closes the schemes to new citizens.
- *Leaving without benefit*: each person whose course ends is an independent Bernoulli trial
  with a probability taken from their situation (`NoBenefitRates`): a decided next step that
  brings income or another benefit (job, fleksjob, førtidspension, education, sygedagpenge)
  gives 0; a decided effort as self-supporting gives 1 (that *is* leaving without benefit);
  otherwise the kontanthjælp pre-check decides (`yes`, `uncertain`, `no`, or no household data).
  The count is then Poisson-binomial; its exact distribution is the convolution of one
  binomial per probability, and the interval is its central `level` quantile range (90 % by
  default). The interval shows the chance variation *given* these probabilities; it does not
  include doubt about the probabilities themselves, which are assumptions (see
  `NoBenefitRates`) anchored on the ministry's estimate that about 10 % of resource-course
  leavers will not be eligible for kontanthjælp.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy.stats import binom

from sporskifte.lib.danish import pct
from sporskifte.lib.dates import add_months, iter_months, month_start
from sporskifte.transition.policy import SCHEMES, CourseStatus

ALL = "alle"
INCOME_OR_OTHER_BENEFIT: frozenset[str] = frozenset(
    {"job", "fleksjob", "foertidspension", "education", "sygedagpenge", "moved", "death"}
)
METHOD_DA = (
    "Hver person, hvis forløb slutter, tæller med en sandsynlighed for at stå uden ydelse: 0 "
    "ved besluttet job, fleksjob, førtidspension, uddannelse eller sygedagpenge, 1 ved indsats "
    "som selvforsørgende, ellers efter forhåndsvurderingen af kontanthjælp (ja {yes}, "
    "usikker {uncertain}, nej {no}, husstand ukendt {unknown}). Antallet er "
    "Poisson-binomialfordelt (uafhængige personer); intervallet er fordelingens centrale "
    "{level}-interval, beregnet eksakt. Sandsynlighederne er antagelser, ikke lov."
)


@dataclass(frozen=True, slots=True)
class NoBenefitRates:
    """Assumed probability of leaving without benefit, by pre-check answer. Assumptions to
    be calibrated against outcomes, not law: `unknown_household` is the ministry's ~10 %."""

    yes: float = 0.02
    uncertain: float = 0.30
    no: float = 0.90
    unknown_household: float = 0.10

    def __post_init__(self) -> None:
        for name in ("yes", "uncertain", "no", "unknown_household"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be a probability in [0, 1]")


def no_benefit_probability(s: CourseStatus, rates: NoBenefitRates) -> float:
    """The probability that this person leaves the course without any benefit."""
    step = s.facts.next_step or ""
    if step in INCOME_OR_OTHER_BENEFIT:
        return 0.0
    if step == "selvforsoergende":
        return 1.0
    if not s.household_known:
        return rates.unknown_household
    return float(getattr(rates, s.precheck.value))


@dataclass(frozen=True, slots=True)
class Interval:
    """Expected count and the central `level` interval of its distribution."""

    expected: float
    low: int
    high: int


def poisson_binomial(probabilities: Iterable[float], level: float = 0.90) -> Interval:
    """Exact mean and central interval of a sum of independent Bernoulli(p) variables.

    The probabilities are grouped (rounded to 1e-6); each group of n with probability p is a
    Binomial(n, p), and the groups are convolved. Exact and fast when few distinct values.
    """
    counts = Counter(round(p, 6) for p in probabilities)
    return _interval(_pmf(counts), level)


def _pmf(counts: Mapping[float, int]) -> np.ndarray:
    pmf = np.array([1.0])
    for p, n in sorted(counts.items()):
        pmf = np.convolve(pmf, binom.pmf(np.arange(n + 1), n, p))
    return pmf


def _interval(pmf: np.ndarray, level: float) -> Interval:
    if not 0.0 < level < 1.0:
        raise ValueError("level must be between 0 and 1")
    values = np.arange(len(pmf))
    cdf = np.cumsum(pmf)
    tail = (1.0 - level) / 2.0
    low = int(np.searchsorted(cdf, tail - 1e-12))
    high = int(np.searchsorted(cdf, 1.0 - tail - 1e-12))
    return Interval(float(np.dot(values, pmf)), low, min(high, len(pmf) - 1))


@dataclass(frozen=True, slots=True)
class ForecastRow:
    """One scheme (or `alle`) in one month."""

    month: date
    scheme: str
    stock: int
    ending: int
    expected_without_benefit: float
    low: int
    high: int


FORECAST_COLUMNS: tuple[str, ...] = (
    "month", "scheme", "stock", "ending", "expected_without_benefit", "low", "high",
)  # fmt: skip


@dataclass(frozen=True)
class Forecast:
    on: date
    level: float
    rates: NoBenefitRates
    rows: tuple[ForecastRow, ...]
    total: Interval
    total_by_scheme: dict[str, Interval] = field(default_factory=dict)

    @property
    def months(self) -> list[date]:
        return sorted({r.month for r in self.rows})

    @property
    def last_month(self) -> date | None:
        return max((r.month for r in self.rows if r.stock > 0), default=None)

    def method(self) -> str:
        """The method in Danish, with the probabilities used."""
        r = self.rates
        return METHOD_DA.format(
            yes=pct(r.yes), uncertain=pct(r.uncertain), no=pct(r.no),
            unknown=pct(r.unknown_household), level=pct(self.level),
        )  # fmt: skip

    def table_rows(self) -> list[dict[str, object]]:
        """The rows as values (the month as its first day), for any file format."""
        return [
            {
                "month": row.month, "scheme": row.scheme, "stock": row.stock,
                "ending": row.ending,
                "expected_without_benefit": round(row.expected_without_benefit, 2),
                "low": row.low, "high": row.high,
            }
            for row in self.rows
        ]  # fmt: skip

    def csv_rows(self) -> list[dict[str, str]]:
        """The machine-readable rows of the command line's CSV: 'YYYY-MM', dot decimals."""
        return [
            {
                "month": row.month.strftime("%Y-%m"),
                "scheme": row.scheme,
                "stock": str(row.stock),
                "ending": str(row.ending),
                "expected_without_benefit": f"{row.expected_without_benefit:.2f}",
                "low": str(row.low),
                "high": str(row.high),
            }
            for row in self.rows
        ]


def forecast(
    statuses: Sequence[CourseStatus],
    on: date,
    rates: NoBenefitRates | None = None,
    level: float = 0.90,
) -> Forecast:
    """Monthly stock by scheme and expected leavers without benefit, from running courses."""
    rates = rates or NoBenefitRates()
    ending: dict[tuple[date, str], list[float]] = defaultdict(list)
    for s in statuses:
        ending[(month_start(s.end_date), s.facts.scheme)].append(no_benefit_probability(s, rates))
    last = max((s.end_date for s in statuses), default=on)
    rows: list[ForecastRow] = []
    stock = Counter(s.facts.scheme for s in statuses)
    for month in iter_months(on, last):
        rows.extend(_month_rows(month, stock, ending, level))
        for scheme in SCHEMES:
            stock[scheme] -= len(ending.get((month, scheme), ()))
    everyone = [p for ps in ending.values() for p in ps]
    by_scheme = {
        scheme: poisson_binomial(
            (p for (_, sch), ps in ending.items() if sch == scheme for p in ps), level
        )
        for scheme in SCHEMES
    }
    return Forecast(on, level, rates, tuple(rows), poisson_binomial(everyone, level), by_scheme)


def _month_rows(
    month: date,
    stock: Mapping[str, int],
    ending: Mapping[tuple[date, str], list[float]],
    level: float,
) -> list[ForecastRow]:
    rows = []
    for scheme in SCHEMES:
        ps = ending.get((month, scheme), [])
        i = poisson_binomial(ps, level)
        rows.append(ForecastRow(month, scheme, stock[scheme], len(ps), i.expected, i.low, i.high))
    all_ps = [p for scheme in SCHEMES for p in ending.get((month, scheme), [])]
    i = poisson_binomial(all_ps, level)
    total_stock = sum(stock[scheme] for scheme in SCHEMES)
    rows.append(ForecastRow(month, ALL, total_stock, len(all_ps), i.expected, i.low, i.high))
    return rows


def by_end_month(statuses: Iterable[CourseStatus]) -> list[tuple[date, dict[str, int]]]:
    """Running courses counted by scheme and month of (effective) end, every month from the
    first to the last end, empty months included."""
    counts: dict[date, Counter[str]] = defaultdict(Counter)
    for s in statuses:
        counts[month_start(s.end_date)][s.facts.scheme] += 1
    if not counts:
        return []
    first, last = min(counts), max(counts)
    return [(m, {sch: counts[m][sch] for sch in SCHEMES}) for m in iter_months(first, last)]


def months_until(on: date, months: int) -> date:
    """The last day counted as "within `months` months" of `on`."""
    return add_months(on, months)
