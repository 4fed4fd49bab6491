"""One sickness spell as the rules need it (`SpellFacts`), and the vocabulary it uses.

Shared by `rules.sickness` (follow-up and exemption) and `rules.limit_clock` (the duration
limit of SDL §§ 24-27).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sporskifte.rules import vocabulary
from sporskifte.rules.vocabulary import EmploymentStatus

EMPLOYMENT_STATUSES: frozenset[str] = frozenset(vocabulary.EMPLOYMENT_STATUSES)
LOENMODTAGER_STATUSES: frozenset[str] = frozenset({"employed", "unemployed", "flexjob"})
"""Statuses that are lønmodtagere for SDL § 24, stk. 3 (the first 30 days are left out)."""

# Danish wording of SDL § 27, stk. 1, nr. 1-7, in the law's order (codes as in the parameter).
EXTENSION_GROUND_LABELS: dict[str, str] = {
    "revalidering": "Det er overvejende sandsynligt, at revalidering kan iværksættes",
    "arbejdsevne_afklaring": "Det er nødvendigt at afklare arbejdsevnen",
    "behandling": "Den sygemeldte er under eller venter på lægebehandling",
    "rehabiliteringsteam": "Sagen skal forelægges rehabiliteringsteamet",
    "livstruende_sygdom": "Den sygemeldte har en livstruende, alvorlig sygdom",
    "arbejdsskade": "Der er rejst sag om erstatning for en arbejdsskade",
    "foertidspension": "Der er modtaget en ansøgning om førtidspension",
}
LIFE_THREATENING = "livstruende_sygdom"

BenefitPeriod = tuple[date, date]


@dataclass(frozen=True, slots=True)
class SpellFacts:
    """One sickness spell as the rules need it.

    `expected_return_weeks` / `employer_expected_return_weeks`: whole weeks from the first
    absence day until the person is expected back, as stated by the person and by the
    employer (both are needed for the reform's 26-week test). `prior_benefit_periods`: earlier
    periods (inclusive) that count towards the duration limit, i.e. with the first 30 days
    (2 weeks for the self-employed) of each earlier spell already left out.
    `spell_end`: last absence day if the spell has ended. `first_conversation_date`: when known
    (the § 13 f test counts from it). `other_barriers`: category 3 before 2025.
    `pensioner`: receives senior- or førtidspension, or meets the health conditions for
    førtidspension; `pension_age_reached`: past folkepensionsalderen or on tidlig pension. Either
    puts the spell under SDL § 25 (26 weeks in 12 months) instead of § 24.
    """

    onset_date: date
    employment_status: EmploymentStatus
    expected_return_weeks: int | None
    employer_expected_return_weeks: int | None
    fast_track_request_date: date | None = None
    prior_benefit_periods: tuple[BenefitPeriod, ...] = ()
    extension_ground: str | None = None
    first_conversation_date: date | None = None
    other_barriers: bool = False
    predictable_course: bool = True
    spell_end: date | None = None
    pensioner: bool = False
    pension_age_reached: bool = False

    def __post_init__(self) -> None:
        if self.employment_status not in EMPLOYMENT_STATUSES:
            raise ValueError(
                f"employment_status must be one of {sorted(EMPLOYMENT_STATUSES)}, "
                f"got {self.employment_status!r}"
            )
        if self.extension_ground is not None and self.extension_ground not in (
            EXTENSION_GROUND_LABELS
        ):
            raise ValueError(
                f"extension_ground must be one of {list(EXTENSION_GROUND_LABELS)}, "
                f"got {self.extension_ground!r}"
            )
        for weeks in (self.expected_return_weeks, self.employer_expected_return_weeks):
            if weeks is not None and weeks < 0:
                raise ValueError("expected return weeks must be >= 0")
        for start, end in self.prior_benefit_periods:
            if not start <= end < self.onset_date:
                raise ValueError(
                    f"prior benefit period {start}..{end} must be ordered and end before the "
                    f"onset date {self.onset_date}"
                )
        if self.spell_end is not None and self.spell_end < self.onset_date:
            raise ValueError(
                f"spell_end {self.spell_end} is before the onset date {self.onset_date}"
            )

    @property
    def under_section_25(self) -> bool:
        """True if the 26-weeks-in-12-months limit of SDL § 25 applies instead of § 24."""
        return self.pensioner or self.pension_age_reached
