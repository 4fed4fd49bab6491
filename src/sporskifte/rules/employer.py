"""What the law asks of the employer of a sick-listed employee, and when.

Each duty is dated from the spell's first day of absence by the parameters in force on that
day (`employer.*` in `params/employer.yaml`) and carries its `Reason`: the rule, the source and
whether it is provisional. Plain Python: the employer's page, the letters and the consultant's
list all ask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sporskifte.lib.danish import dato
from sporskifte.rules.answers import Reason
from sporskifte.rules.params import load_params
from sporskifte.rules.vocabulary import DEFAULT_EMPLOYEE_NAME_SHOWN

SMALL_WORKPLACE_SIZES: frozenset[str] = frozenset({"1-9", "10-49"})
"""Employer sizes (the application's vocabulary) under 50 employees: the consultant's list."""


def employee_name(full_name: str, shown: str = DEFAULT_EMPLOYEE_NAME_SHOWN) -> str:
    """The employee as the citizen allowed the employer to see them named (`shown`, one of
    `vocabulary.EMPLOYEE_NAME_SHOWN`): "Mette Birgitte Jensen" as the full name, "Mette B. J."
    (the default) or "M. B. J.". Never the CPR number; an unknown choice gives the default."""
    names = full_name.split()
    if not names:
        return "Medarbejderen"
    if shown == "full_name":
        return " ".join(names)
    initials = [f"{name[0].upper()}." for name in names]
    if shown == "initials":
        return " ".join(initials)
    return " ".join([names[0], *initials[1:]])


@dataclass(frozen=True, slots=True)
class EmployerFacts:
    """What the employer's duties depend on."""

    onset_date: date
    expected_return_weeks: int | None  # the employer's expectation, else the employee's
    plan_requested: bool  # the employee asked for a fastholdelsesplan


@dataclass(frozen=True, slots=True)
class Duty:
    """One thing the law asks of (or offers) the employer: a Danish title and text, the
    deadline where the law sets one, and the reason with rule and source."""

    key: str
    title: str
    text: str
    due: date | None
    required: bool  # a duty (True) or a possibility the law offers (False)
    reason: Reason

    @property
    def provisional(self) -> bool:
        return self.reason.provisional


def _weeks_after(onset: date, weeks: int) -> date:
    return onset + timedelta(weeks=weeks)


def long_absence(facts: EmployerFacts, plan_weeks: int) -> bool:
    """Not expected back within `plan_weeks` weeks (unknown counts as long)."""
    return facts.expected_return_weeks is None or facts.expected_return_weeks > plan_weeks


def employer_duties(facts: EmployerFacts) -> tuple[Duty, ...]:
    """The employer's duties and possibilities for this spell, deadlines first.

    The rules are those in force on the spell's first day of absence (the duties arise then).
    """
    pa = load_params().at(facts.onset_date)
    conversation, notify = pa["employer.conversation_weeks"], pa["employer.notify_weeks"]
    fast, plan = pa["employer.fast_track_weeks"], pa["employer.retention_plan_weeks"]
    chronic, years = pa["employer.chronic_min_days"], pa["employer.chronic_agreement_years"]
    partial, statement = pa["employer.partial_return"], pa["employer.possibility_statement"]
    onset = facts.onset_date
    talk_by = _weeks_after(onset, int(conversation.value))
    notify_by = _weeks_after(onset, int(notify.value))
    fast_by = _weeks_after(onset, int(fast.value))
    long = long_absence(facts, int(plan.value))
    duties = [
        Duty(
            "notify", "Anmeld fraværet til kommunen",
            f"Anmeld sygefraværet via NemRefusion senest {dato(notify_by)}, hvis I udbetaler "
            "løn og fraværet varer ud over arbejdsgiverperioden (30 dage).",
            notify_by, True,
            notify.reason(f"Anmeldelse senest {notify.value} uger efter første fraværsdag."),
        ),
        Duty(
            "conversation", "Hold en sygefraværssamtale",
            f"Hold en personlig samtale med medarbejderen senest {dato(talk_by)} om, hvordan og "
            "hvornår medarbejderen kan vende tilbage. I må ikke spørge til selve sygdommen.",
            talk_by, True,
            conversation.reason(
                f"Samtale senest {conversation.value} uger efter første sygedag "
                "(ikke hvis medarbejderen er opsagt og fratræder inden 8 uger)."
            ),
        ),
    ]  # fmt: skip
    if long:
        duties.append(Duty(
            "fast_track", "Bed om tidlig opfølgning",
            f"Forventes fraværet at vare over {plan.value} uger, kan I via NemRefusion bede "
            f"kommunen om tidlig opfølgning senest {dato(fast_by)}.",
            fast_by, False,
            fast.reason(f"Anmodning om tidlig opfølgning inden for de første {fast.value} uger."),
        ))  # fmt: skip
    if facts.plan_requested or long:
        requested = "Medarbejderen har bedt om" if facts.plan_requested else "Medarbejderen kan"
        verb = (
            " en fastholdelsesplan." if facts.plan_requested else " bede om en fastholdelsesplan."
        )
        duties.append(Duty(
            "retention_plan", "Fastholdelsesplan",
            f"{requested}{verb} Lav den sammen med medarbejderen: hvordan medarbejderen helt "
            "eller delvist kan vende tilbage. Planen kan bruges som tilbagevendingsplanen her.",
            None, facts.plan_requested,
            plan.reason(
                f"Sygemeldte, der ikke ventes tilbage inden {plan.value} uger, kan bede om en plan."
            ),
        ))  # fmt: skip
    duties += [
        Duty(
            "partial_return", "Delvis tilbagevenden",
            "Medarbejderen kan vende gradvist tilbage med færre timer eller andre opgaver. "
            "Sygedagpengene nedsættes forholdsmæssigt; giv kommunen besked.",
            None, False, partial.reason("Delvis genoptagelse af arbejdet er muligt."),
        ),
        Duty(
            "possibility_statement", "Mulighedserklæring",
            "I kan bede om en mulighedserklæring: I beskriver sammen med medarbejderen, hvad "
            "medarbejderen kan trods sygdommen, og lægen vurderer det.",
            None, False, statement.reason("Arbejdsgiveren kan bede om en mulighedserklæring."),
        ),
        Duty(
            "chronic_agreement", "§ 56-aftale ved kronisk sygdom",
            f"Har medarbejderen en langvarig eller kronisk sygdom med risiko for mindst "
            f"{chronic.value} fraværsdage om året, kan I aftale refusion fra første fraværsdag. "
            f"Kommunen godkender aftalen for {years.value} år ad gangen.",
            None, False,
            chronic.reason(
                f"Mindst {chronic.value} fraværsdage om året; {years.value} år ad gangen."
            ),
        ),
    ]  # fmt: skip
    return tuple(sorted(duties, key=lambda d: (d.due is None, d.due or onset)))


def next_deadline(duties: tuple[Duty, ...], on: date) -> Duty | None:
    """The first required duty with a deadline on or after `on`."""
    upcoming = [d for d in duties if d.required and d.due is not None and d.due >= on]
    return upcoming[0] if upcoming else None


def plan_expected_by(facts: EmployerFacts) -> date | None:
    """When a return-to-work plan is expected: by the employer's conversation (week 4) for a
    long absence or a requested plan; none for a short absence with no request."""
    pa = load_params().at(facts.onset_date)
    if not (
        facts.plan_requested or long_absence(facts, int(pa.value("employer.retention_plan_weeks")))
    ):
        return None
    return _weeks_after(facts.onset_date, int(pa.value("employer.conversation_weeks")))
