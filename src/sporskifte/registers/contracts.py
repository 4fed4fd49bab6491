"""The data contracts as code: one machine-readable definition per table.

This module is the project's own copy of the normative contracts (`sickness_spells`,
`courses`, `households`, and the weekly register `register_weeks`); nothing reads the prose
specification at run time. Each table lists its columns (contract type, required-ness, allowed
values or range, uniqueness) and its cross-column rules. Readers, the validation report, the
synthetic generator and the screening model all take their column lists from here, so a change
to the contract is one change.

Conventions:

* ``required`` means the column must be present and every cell filled. An optional column
  may be absent (it is then treated as empty in every row).
* The outcome columns of `sickness_spells` (``duration_weeks``, ``ended``, ``end_reason``)
  form a group: a screening file has none of them; a history file has them, and then
  ``duration_weeks`` and ``ended`` are required (``end_reason`` exactly when ``ended``).
* Bounds may depend on the validation date (``today``): pass a callable.
* A cross-column rule names the column it blames (the one shown in the report) and returns a
  boolean mask of violating rows. Rules are only evaluated where all their inputs are present:
  an empty cell is reported once, by the required-ness check, not again by every rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from sporskifte.lib.districts import DISTRICTS, UNKNOWN
from sporskifte.registers import iso_weeks, register_codes
from sporskifte.rules import vocabulary

Bound = int | float | date | Callable[[date], "int | float | date"] | None
"""A range bound: a constant, or a function of the validation date (e.g. today)."""

PANDAS_DTYPES: dict[str, str] = {
    "string": "string",
    "integer": "Int64",
    "decimal": "Float64",
    "boolean": "boolean",
    "date": "datetime64[us]",
}
"""Contract type -> pandas dtype of the typed frame (nullable dtypes throughout)."""


@dataclass(frozen=True)
class ColumnSpec:
    """One column: contract type (`string`, `integer`, `decimal`, `boolean`, `date`), rules."""

    name: str
    dtype: str
    required: bool
    allowed: tuple[str, ...] | None = None
    min_value: Bound = None
    max_value: Bound = None
    unique: bool = False
    pseudonym: bool = False
    outcome: bool = False
    description: str = ""

    @property
    def pandas_dtype(self) -> str:
        """The pandas dtype of this column in a validated frame."""
        return PANDAS_DTYPES[self.dtype]

    def bounds(self, today: date) -> tuple[object, object]:
        """The (min, max) range as of `today`; None where open."""
        return _resolve(self.min_value, today), _resolve(self.max_value, today)


def _resolve(bound: Bound, today: date) -> int | float | date | None:
    return bound(today) if callable(bound) else bound


@dataclass(frozen=True)
class CrossRule:
    """A rule across columns. `violated(frame)` returns True for rows breaking it.

    The frame passed in is typed (contract dtypes). `columns` are the inputs, shown as the
    reported value; `blame` is the column the report points at.
    """

    name: str
    columns: tuple[str, ...]
    blame: str
    violated: Callable[[pd.DataFrame], pd.Series]
    text_en: str
    text_da: str


@dataclass(frozen=True)
class TableContract:
    """A table: its columns in contract order, its key and its cross-column rules."""

    name: str
    columns: tuple[ColumnSpec, ...]
    rules: tuple[CrossRule, ...] = field(default=())
    key: str | None = None
    unique_together: tuple[str, ...] = ()
    """Columns whose combination must be unique (e.g. person and week); empty for none."""

    def __getitem__(self, name: str) -> ColumnSpec:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        """All column names, in contract order."""
        return tuple(c.name for c in self.columns)

    @property
    def screening_columns(self) -> tuple[str, ...]:
        """The columns known at screening time (every column except the outcome group)."""
        return tuple(c.name for c in self.columns if not c.outcome)

    @property
    def outcome_columns(self) -> tuple[str, ...]:
        """The outcome group (history only); empty for tables without one."""
        return tuple(c.name for c in self.columns if c.outcome)

    @property
    def required_columns(self) -> tuple[str, ...]:
        """Columns that must be present and filled (outcome group: only in a history file)."""
        return tuple(c.name for c in self.columns if c.required and not c.outcome)


# ---------------------------------------------------------------------------------------------
# Allowed values

SEXES = ("F", "M")
EMPLOYMENT_STATUSES: tuple[str, ...] = vocabulary.EMPLOYMENT_STATUSES
EMPLOYER_SIZES: tuple[str, ...] = vocabulary.EMPLOYER_SIZES
INDUSTRIES = tuple("ABCDEFGHIJKLMNOPQRSTU")
"""DB07 sections A … U."""
OCCUPATIONS = tuple("0123456789")
"""DISCO-08 major groups 0 … 9."""
EDUCATIONS = (
    "basic",
    "upper_secondary",
    "vocational",
    "short_tertiary",
    "bachelor",
    "master_plus",
    "unknown",
)
DIAGNOSIS_GROUPS = (
    "musculoskeletal",
    "mental",
    "injury",
    "cancer",
    "cardiovascular",
    "pregnancy",
    "other",
    "unknown",
)
DISTRICT_VALUES = (*DISTRICTS, UNKNOWN)
ORIGINS = ("danish", "western", "non_western", "unknown")
SPELL_END_REASONS = ("work", "other_benefit", "education", "other")

SCHEMES = ("ressourceforloeb", "jobafklaringsforloeb", "revalidering")
COURSE_END_REASONS = (
    "job",
    "fleksjob",
    "foertidspension",
    "kontanthjaelp",
    "sygedagpenge",
    "education",
    "selvforsoergende",
    "moved",
    "death",
    "other",
)
PREVIOUS_BENEFITS = ("sygedagpenge", "kontanthjaelp", "other", "none")
CIVIL_STATUSES = ("single", "married", "cohabiting")

EARLIEST_ONSET = date(2000, 1, 1)
EARLIEST_COURSE_DATE = date(1980, 1, 1)
"""Sanity floor for course dates (revalidering is older than the other schemes)."""
FIRST_REGISTER_WEEK = 199127
"""The weekly register (DREAM) starts in mid-1991."""
LATEST_PLANNED_DATE = date(2100, 12, 31)
"""Sanity ceiling for dates that may lie in the future (start, planned end)."""


def _today(today: date) -> date:
    return today


def _this_year(today: date) -> int:
    return today.year


def _fifteen_years_ago(today: date) -> int:
    return today.year - 15


# ---------------------------------------------------------------------------------------------
# Cross-column rules (vectorised; each returns a boolean mask of violating rows)


def _employer_size_not_none(df: pd.DataFrame) -> pd.Series:
    status, size = df["employment_status"], df["employer_size"]
    return (status.notna() & size.notna() & (status != "employed") & (size != "none")).astype(bool)


def _born_too_late(df: pd.DataFrame) -> pd.Series:
    onset_year = df["onset_date"].dt.year
    bad = df["birth_year"] > onset_year - 15
    return bad.fillna(False).astype(bool)


def _sick_weeks_exceed_benefit_weeks(df: pd.DataFrame) -> pd.Series:
    bad = df["prior_sick_weeks_3y"] > df["benefit_weeks_3y"]
    return bad.fillna(False).astype(bool)


def _ended_without_reason(flag: str) -> Callable[[pd.DataFrame], pd.Series]:
    def rule(df: pd.DataFrame) -> pd.Series:
        ended = df[flag] if flag == "ended" else df[flag].notna()
        return (ended.fillna(False) & df["end_reason"].isna()).astype(bool)

    return rule


def _reason_without_end(flag: str) -> Callable[[pd.DataFrame], pd.Series]:
    def rule(df: pd.DataFrame) -> pd.Series:
        running = ~df[flag].fillna(True) if flag == "ended" else df[flag].isna()
        return (running & df["end_reason"].notna()).astype(bool)

    return rule


def _before(first: str, second: str, *, strict: bool) -> Callable[[pd.DataFrame], pd.Series]:
    """Violated when `second` is before `first` (or equal, when `strict`)."""

    def rule(df: pd.DataFrame) -> pd.Series:
        bad = df[second] <= df[first] if strict else df[second] < df[first]
        return bad.fillna(False).astype(bool)

    return rule


def _spouse_missing(column: str) -> Callable[[pd.DataFrame], pd.Series]:
    def rule(df: pd.DataFrame) -> pd.Series:
        return ((df["civil_status"] == "married").fillna(False) & df[column].isna()).astype(bool)

    return rule


# ---------------------------------------------------------------------------------------------
# The tables


def _spell_columns() -> tuple[ColumnSpec, ...]:
    c = ColumnSpec
    return (
        c("spell_id", "string", True, unique=True, description="the spell's key"),
        c("person_id", "string", True, pseudonym=True, description="pseudonym, never a CPR"),
        c("onset_date", "date", True, min_value=EARLIEST_ONSET, max_value=_today),
        c("birth_year", "integer", True, min_value=1930, max_value=_fifteen_years_ago),
        c("sex", "string", True, allowed=SEXES),
        c("employment_status", "string", True, allowed=EMPLOYMENT_STATUSES),
        c("employer_size", "string", True, allowed=EMPLOYER_SIZES),
        c("industry", "string", False, allowed=INDUSTRIES, description="DB07 section"),
        c("occupation", "string", False, allowed=OCCUPATIONS, description="DISCO-08 group"),
        c("education", "string", True, allowed=EDUCATIONS),
        c("partial_sick_leave", "boolean", True),
        c("expected_return_weeks", "integer", False, min_value=1, max_value=104),
        c("employer_expected_return_weeks", "integer", False, min_value=1, max_value=104),
        c("self_rated_health", "integer", False, min_value=1, max_value=5),
        c("work_related", "boolean", True),
        c("diagnosis_group", "string", True, allowed=DIAGNOSIS_GROUPS),
        c("prior_spells_3y", "integer", True, min_value=0),
        c("prior_sick_weeks_3y", "integer", True, min_value=0, max_value=156),
        c("benefit_weeks_3y", "integer", True, min_value=0, max_value=156),
        c("district", "string", True, allowed=DISTRICT_VALUES),
        c("origin", "string", False, allowed=ORIGINS, description="audit only, never an input"),
        c("duration_weeks", "decimal", True, min_value=0, outcome=True),
        c("ended", "boolean", True, outcome=True),
        c("end_reason", "string", False, allowed=SPELL_END_REASONS, outcome=True),
    )


def _spell_rules() -> tuple[CrossRule, ...]:
    return (
        CrossRule(
            "employer_size_none_unless_employed",
            ("employment_status", "employer_size"),
            "employer_size",
            _employer_size_not_none,
            "Unless employment_status is 'employed', employer_size must be 'none'",
            "Medmindre employment_status er 'employed', skal employer_size være 'none'",
        ),
        CrossRule(
            "birth_year_at_least_15_years_before_onset",
            ("birth_year", "onset_date"),
            "birth_year",
            _born_too_late,
            "The birth year must be at most the onset year minus 15",
            "Fødselsåret må højst være sygemeldingsåret minus 15",
        ),
        CrossRule(
            "benefit_weeks_include_sick_weeks",
            ("prior_sick_weeks_3y", "benefit_weeks_3y"),
            "benefit_weeks_3y",
            _sick_weeks_exceed_benefit_weeks,
            "Weeks on any benefit (benefit_weeks_3y) include sickness benefit, so they cannot "
            "be fewer than prior_sick_weeks_3y",
            "Uger på offentlig ydelse (benefit_weeks_3y) omfatter sygedagpenge og kan ikke "
            "være færre end prior_sick_weeks_3y",
        ),
        CrossRule(
            "end_reason_when_ended",
            ("ended", "end_reason"),
            "end_reason",
            _ended_without_reason("ended"),
            "an ended spell needs an end_reason",
            "et afsluttet forløb skal have en end_reason",
        ),
        CrossRule(
            "no_end_reason_unless_ended",
            ("ended", "end_reason"),
            "end_reason",
            _reason_without_end("ended"),
            "a spell that has not ended must not have an end_reason",
            "et forløb, der ikke er afsluttet, må ikke have en end_reason",
        ),
    )


def _past_date(name: str, required: bool, description: str = "") -> ColumnSpec:
    """A course date that cannot lie in the future (grant, end, contact, decision)."""
    return ColumnSpec(
        name,
        "date",
        required,
        min_value=EARLIEST_COURSE_DATE,
        max_value=_today,
        description=description,
    )


def _plan_date(name: str, description: str = "") -> ColumnSpec:
    """A required course date that may lie in the future (start, planned end)."""
    return ColumnSpec(
        name,
        "date",
        True,
        min_value=EARLIEST_COURSE_DATE,
        max_value=LATEST_PLANNED_DATE,
        description=description,
    )


def _course_columns() -> tuple[ColumnSpec, ...]:
    c = ColumnSpec
    return (
        c("course_id", "string", True, unique=True),
        c("person_id", "string", True, pseudonym=True),
        c("scheme", "string", True, allowed=SCHEMES),
        _past_date("referral_date", True, "the grant (visitation)"),
        _plan_date("start_date"),
        _plan_date("planned_end_date", "end of the grant"),
        _past_date("ended_date", False, "empty while running"),
        c("end_reason", "string", False, allowed=COURSE_END_REASONS),
        c("previous_benefit", "string", True, allowed=PREVIOUS_BENEFITS),
        c("birth_year", "integer", True, min_value=1900, max_value=_this_year),
        c("district", "string", True, allowed=DISTRICT_VALUES),
        c("team", "string", False, description="caseworker team"),
        _past_date("last_contact_date", False, "last conversation held"),
        c("next_step", "string", False, allowed=COURSE_END_REASONS),
        _past_date("next_step_decided_date", False),
    )


def _course_rules() -> tuple[CrossRule, ...]:
    return (
        CrossRule(
            "start_on_or_after_referral",
            ("referral_date", "start_date"),
            "start_date",
            _before("referral_date", "start_date", strict=False),
            "The start date must be on or after the referral date",
            "Startdatoen skal ligge på eller efter visitationsdatoen (referral_date)",
        ),
        CrossRule(
            "planned_end_after_start",
            ("start_date", "planned_end_date"),
            "planned_end_date",
            _before("start_date", "planned_end_date", strict=True),
            "The planned end date must be after the start date",
            "Den planlagte slutdato skal ligge efter startdatoen",
        ),
        CrossRule(
            "ended_on_or_after_start",
            ("start_date", "ended_date"),
            "ended_date",
            _before("start_date", "ended_date", strict=False),
            "The end date must be on or after the start date",
            "Slutdatoen skal ligge på eller efter startdatoen",
        ),
        CrossRule(
            "end_reason_when_ended",
            ("ended_date", "end_reason"),
            "end_reason",
            _ended_without_reason("ended_date"),
            "an ended course (ended_date filled) needs an end_reason",
            "et afsluttet forløb (ended_date udfyldt) skal have en end_reason",
        ),
        CrossRule(
            "no_end_reason_unless_ended",
            ("ended_date", "end_reason"),
            "end_reason",
            _reason_without_end("ended_date"),
            "a running course (no ended_date) must not have an end_reason",
            "et igangværende forløb (uden ended_date) må ikke have en end_reason",
        ),
    )


def _household_columns() -> tuple[ColumnSpec, ...]:
    c = ColumnSpec
    return (
        c("person_id", "string", True, unique=True, pseudonym=True),
        c("as_of_date", "date", True, min_value=EARLIEST_COURSE_DATE, max_value=_today),
        c("civil_status", "string", True, allowed=CIVIL_STATUSES),
        c("own_assets_dkk", "integer", True, min_value=0),
        c("spouse_assets_dkk", "integer", False, min_value=0, description="required if married"),
        c("own_monthly_income_dkk", "integer", True, min_value=0),
        c("spouse_monthly_income_dkk", "integer", False, min_value=0),
        c("children_under_18", "integer", True, min_value=0, max_value=15),
    )


def _household_rules() -> tuple[CrossRule, ...]:
    return tuple(
        CrossRule(
            f"{column}_when_married",
            ("civil_status", column),
            column,
            _spouse_missing(column),
            f"For a married person, {column} is required",
            f"For en gift person skal {column} udfyldes",
        )
        for column in ("spouse_assets_dkk", "spouse_monthly_income_dkk")
    )


def _register_columns() -> tuple[ColumnSpec, ...]:
    c = ColumnSpec
    return (
        c("person_id", "string", True, pseudonym=True, description="pseudonym, never a CPR"),
        c(
            "iso_week",
            "integer",
            True,
            min_value=FIRST_REGISTER_WEEK,
            max_value=_this_iso_week,
            description="ISO week as YYYYWW, e.g. 202453",
        ),
        c("code", "string", True, allowed=register_codes.all_codes(), description="weekly code"),
        c("municipality", "string", True, description="kommunekode, three digits (101 = Kbh.)"),
    )


def _register_rules() -> tuple[CrossRule, ...]:
    return (
        CrossRule(
            "iso_week_exists",
            ("iso_week",),
            "iso_week",
            _no_such_week,
            "The week does not exist: write YYYYWW with a week from 01 to 52, or 53 in a year "
            "with 53 ISO weeks",
            "Ugen findes ikke: skriv ÅÅÅÅUU med en uge fra 01 til 52, eller 53 i et år med 53 "
            "ISO-uger",
        ),
        CrossRule(
            "municipality_code",
            ("municipality",),
            "municipality",
            _not_a_municipality_code,
            "The municipality must be a three-digit kommunekode",
            "Kommunen skal være en kommunekode på tre cifre",
        ),
        CrossRule(
            "no_gap_before_week",
            ("person_id", "iso_week"),
            "iso_week",
            _gap_before,
            "The person has no row for the week before this one (but an earlier row): the "
            "register has one row for every week from a person's first to last week, code "
            "000 for a week without benefit",
            "Personen har ingen række for ugen før denne (men en tidligere række): registret "
            "har én række for hver uge fra personens første til sidste uge, kode 000 for en "
            "uge uden ydelse",
        ),
    )


def _no_such_week(df: pd.DataFrame) -> pd.Series:
    weeks = df["iso_week"]
    return (weeks.notna() & iso_weeks.week_numbers(weeks).isna()).astype(bool)


def _not_a_municipality_code(df: pd.DataFrame) -> pd.Series:
    shaped = df["municipality"].str.fullmatch("[0-9]{3}").fillna(True).astype(bool)
    return ~shaped


def _gap_before(df: pd.DataFrame) -> pd.Series:
    """Rows whose person has an earlier week but not the week just before (sorted by week)."""
    numbers = iso_weeks.week_numbers(df["iso_week"])
    frame = pd.DataFrame({"person": df["person_id"], "no": numbers}).dropna()
    frame = frame.sort_values(["person", "no"], kind="stable")
    same_person = frame["person"].eq(frame["person"].shift())
    gap = same_person & (frame["no"] - frame["no"].shift() > 1).fillna(False)
    return gap.reindex(df.index, fill_value=False).astype(bool)


def _this_iso_week(today: date) -> int:
    return iso_weeks.iso_week_of(today)


SICKNESS_SPELLS = TableContract("sickness_spells", _spell_columns(), _spell_rules(), "spell_id")
COURSES = TableContract("courses", _course_columns(), _course_rules(), "course_id")
HOUSEHOLDS = TableContract("households", _household_columns(), _household_rules(), "person_id")

REGISTER_WEEKS = TableContract(
    "register_weeks",
    _register_columns(),
    _register_rules(),
    None,
    unique_together=("person_id", "iso_week"),
)

CONTRACTS: dict[str, TableContract] = {
    t.name: t for t in (SICKNESS_SPELLS, COURSES, HOUSEHOLDS, REGISTER_WEEKS)
}
"""Every table the project reads, by name."""


def get_contract(table: str) -> TableContract:
    """The contract for `table`; a clear error for an unknown name."""
    try:
        return CONTRACTS[table]
    except KeyError:
        known = ", ".join(sorted(CONTRACTS))
        raise ValueError(f"unknown table {table!r}; known tables: {known}") from None
