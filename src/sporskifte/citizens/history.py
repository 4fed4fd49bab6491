"""One citizen's history across every scheme, and the timeline built from it (pure, no Django).

A `History` holds what the register records and the case file know of one person: sickness
spells, courses, decided next steps, conversations and the household. `build_timeline` turns
it into dated entries (periods on a benefit or in a scheme, and decisions as points in time),
oldest first. The Django adapter that reads a person's records is `citizens.journey`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sporskifte.lib.danish import dato
from sporskifte.rules import courses as course_rules
from sporskifte.rules.means_test import HouseholdFacts
from sporskifte.rules.params import load_params
from sporskifte.rules.target_groups import Situation, target_group
from sporskifte.rules.vocabulary import EmploymentStatus

SYGEDAGPENGE = "sygedagpenge"
JOBAFKLARINGSFORLOEB = course_rules.JOBAFKLARINGSFORLOEB
SICK_LISTED_GROUP = "sygedagpengeindsats"

KIND_LABELS: dict[str, str] = {
    "sygedagpenge": "Sygedagpenge",
    "jobafklaringsforloeb": "Jobafklaringsforløb",
    "ressourceforloeb": "Ressourceforløb",
    "revalidering": "Revalidering",
    "kontanthjaelp": "Kontanthjælp",
    "selvforsoergende": "Selvforsørgende",
    "fleksjob": "Fleksjob",
    "foertidspension": "Førtidspension",
    "job": "Job",
    "education": "Uddannelse",
    "moved": "Fraflytning",
    "death": "Dødsfald",
    "other": "Andet",
    "other_benefit": "Anden ydelse",
    "work": "Arbejde",
    SICK_LISTED_GROUP: "Målgruppe: sygemeldte (sygedagpengeindsats)",
}
"""Danish names of the benefits, schemes and outcomes a timeline shows."""

BENEFITS_AFTER_COURSE = frozenset({"kontanthjaelp", "selvforsoergende", "sygedagpenge"})
"""Outcomes of a course that are a benefit period of their own (shown as a period)."""
DECISIONS = frozenset({"fleksjob", "foertidspension"})
"""Outcomes that are a decision (shown as a point in time)."""


@dataclass(frozen=True, slots=True)
class SpellRecord:
    """A sickness spell: first absence day, last day when ended, why it ended."""

    key: str
    onset_date: date
    employment_status: EmploymentStatus
    end_date: date | None = None
    end_reason: str | None = None
    extension_ground: str | None = None


@dataclass(frozen=True, slots=True)
class CourseRecord:
    """A course (ressourceforløb, jobafklaringsforløb, revalidering) as the register has it."""

    key: str
    scheme: str
    referral_date: date
    start_date: date
    planned_end_date: date
    ended_date: date | None = None
    end_reason: str | None = None
    previous_benefit: str | None = None
    birth_year: int | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """A decided next step (`kind`, a next-step code), for a course when `course_key` is set;
    `by` says who recorded it ("register" or a caseworker's name)."""

    kind: str
    decided_on: date
    course_key: str | None = None
    by: str = "register"


@dataclass(frozen=True)
class History:
    """Everything known of one person, in no particular order."""

    spells: tuple[SpellRecord, ...] = ()
    courses: tuple[CourseRecord, ...] = ()
    decisions: tuple[Decision, ...] = ()
    contacts: tuple[date, ...] = ()
    household: HouseholdFacts | None = None

    def decisions_for(self, course: CourseRecord) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.course_key == course.key)


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the timeline: a period (`end` None while it runs) or a decision
    (`event`, on `start`). `ref` is the spell or course it comes from."""

    kind: str
    start: date
    end: date | None
    event: bool = False
    detail: str = ""
    ref: str = ""

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "event": self.event,
            "detail": self.detail,
            "ref": self.ref,
        }


def course_end(course: CourseRecord) -> date:
    """The course's last day: when it ended, else its planned end cut short where the law
    ends it earlier (`rules.courses.max_end_date`)."""
    if course.ended_date is not None:
        return course.ended_date
    legal = course_rules.max_end_date(course.scheme, course.referral_date, course.start_date)
    if legal.value is not None and legal.value < course.planned_end_date:
        return legal.value
    return course.planned_end_date


def _age(course: CourseRecord, on: date) -> int:
    return min(66, max(18, on.year - (course.birth_year or on.year - 45)))


def target_group_move(course: CourseRecord) -> date | None:
    """The day a jobafklaringsforløb participant moves into the sick-listed target group: the
    first change of the target-group structure on which the scheme's group becomes
    `sygedagpengeindsats` while the course still runs on the day before. None otherwise."""
    if course.scheme != JOBAFKLARINGSFORLOEB:
        return None
    end = course_end(course)
    for period in load_params().history("target_groups.structure"):
        move = period.valid_from
        if not course.start_date < move <= end + timedelta(days=1):
            continue
        situation = Situation(JOBAFKLARINGSFORLOEB, _age(course, move))
        if target_group(situation, move).value == SICK_LISTED_GROUP:
            return move
    return None


def _outcome(history: History, course: CourseRecord) -> tuple[str, date] | None:
    """What came after the course: the newest decision, else the register's end reason."""
    decided = sorted(history.decisions_for(course), key=lambda d: d.decided_on)
    if decided:
        return decided[-1].kind, decided[-1].decided_on
    if course.ended_date is not None and course.end_reason:
        return course.end_reason, course.ended_date
    return None


def _spell_entries(spell: SpellRecord) -> list[Entry]:
    detail = (
        f"Sluttede: {KIND_LABELS.get(spell.end_reason, spell.end_reason)}"
        if (spell.end_date and spell.end_reason)
        else ""
    )
    return [Entry(SYGEDAGPENGE, spell.onset_date, spell.end_date, False, detail, spell.key)]


def _course_entries(history: History, course: CourseRecord) -> list[Entry]:
    end = course_end(course)
    ended = course.ended_date is not None
    detail = f"Visiteret {dato(course.referral_date)}"
    if not ended:
        detail += f", slutter senest {dato(end)}"
    entries = [Entry(course.scheme, course.start_date, end if ended else None, False, detail,
                     course.key)]  # fmt: skip
    move = target_group_move(course)
    if move is not None:
        text = "Jobafklaringsforløb afskaffes; borgeren hører til målgruppen for sygemeldte."
        entries.append(Entry(SICK_LISTED_GROUP, move, None, True, text, course.key))
    for d in history.decisions_for(course):
        who = "registret" if d.by == "register" else d.by
        entries.append(Entry(d.kind, d.decided_on, None, True, f"Besluttet af {who}", course.key))
    outcome = _outcome(history, course)
    if outcome is not None and outcome[0] in BENEFITS_AFTER_COURSE and ended:
        after = Entry(outcome[0], end + timedelta(days=1), None, False, "Efter forløbet",
                      course.key)  # fmt: skip
        entries.append(after)
    elif outcome is not None and outcome[0] in DECISIONS and not history.decisions_for(course):
        entries.append(Entry(outcome[0], outcome[1], None, True, "Efter forløbet (registret)",
                             course.key))  # fmt: skip
    return entries


def build_timeline(history: History) -> tuple[Entry, ...]:
    """Every benefit period, scheme and decision of one person, oldest first. A period after a
    course (kontanthjælp, selvforsørgende) runs until the next period begins."""
    entries: list[Entry] = []
    for spell in history.spells:
        entries.extend(_spell_entries(spell))
    for course in history.courses:
        entries.extend(_course_entries(history, course))
    entries.sort(key=lambda e: (e.start, e.event, e.kind))
    return tuple(_close_open_periods(entries))


def _close_open_periods(entries: list[Entry]) -> list[Entry]:
    """A benefit after a course (open-ended) stops the day before the next period starts."""
    out: list[Entry] = []
    for i, e in enumerate(entries):
        if (
            e.end is None
            and not e.event
            and e.kind in BENEFITS_AFTER_COURSE
            and e.ref
            and (e.kind != SYGEDAGPENGE or e.detail == "Efter forløbet")
        ):
            later = [x.start for x in entries[i + 1 :] if not x.event and x.start > e.start]
            if later:
                e = Entry(e.kind, e.start, min(later) - timedelta(days=1), e.event, e.detail,
                          e.ref)  # fmt: skip
        out.append(e)
    return out
