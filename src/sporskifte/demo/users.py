"""The demo organisation: teams by district, one user per role, synthetic persons.

Everything here is synthetic. CPR-shaped numbers are generated with real birth dates (as
python-stdnum requires) for fictitious people; they are not taken from any register.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from sporskifte.accounts.models import Organisation, Role, Team, User
from sporskifte.citizens.models import TeamDistrict

TEAMS: dict[str, tuple[str, ...]] = {
    "Team Nord": ("Nørrebro", "Bispebjerg", "Brønshøj-Husum", "Vanløse"),
    "Team Syd": ("Amager Øst", "Amager Vest", "Valby", "Vesterbro/Kongens Enghave"),
    "Team Centrum": ("Indre By", "Østerbro", "unknown"),
}
TEAM_HOURS = {"Team Nord": 480, "Team Syd": 520, "Team Centrum": 300}
EMPLOYMENT, SOCIAL = "BIF", "SOF"
ORGANISATIONS = {
    EMPLOYMENT: "Beskæftigelses- og Integrationsforvaltningen",
    SOCIAL: "Socialforvaltningen",
}
SOCIAL_TEAM = "Team Ressourceforløb (SOF)"
SOCIAL_TEAM_HOURS = 200
SOCIAL_RESOURCE_COURSES = 500
"""About 500 of Copenhagen's running ressourceforløb are run by the social administration."""

# Fictitious contact details for the demo teams' letters (not real numbers or addresses).
_HOURS = "mandag-torsdag kl. 9-15, fredag kl. 9-13"
TEAM_CONTACT = {
    "Team Nord": ("70 00 00 01", _HOURS, "Demovej 1, 2200 København N"),
    "Team Syd": ("70 00 00 02", _HOURS, "Demovej 2, 2300 København S"),
    "Team Centrum": ("70 00 00 03", "mandag-fredag kl. 10-14", "Demovej 3, 1000 København K"),
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role
    team: str | None
    password: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "sagsbehandler",
        "Sara Sagsbehandler",
        Role.CASEWORKER,
        "Team Nord",
        "demo-sagsbehandler-2026",
    ),
    DemoUser(
        "sagsbehandler2",
        "Søren Sagsbehandler",
        Role.CASEWORKER,
        "Team Syd",
        "demo-sagsbehandler-2026",
    ),
    DemoUser(
        "socialraadgiver",
        "Sanne Socialrådgiver",
        Role.CASEWORKER,
        SOCIAL_TEAM,
        "demo-socialraadgiver-2026",
    ),
    DemoUser("teamleder", "Tina Teamleder", Role.TEAM_LEADER, "Team Nord", "demo-teamleder-2026"),
    DemoUser("analytiker", "Ali Analytiker", Role.ANALYST, None, "demo-analytiker-2026"),
    DemoUser("admin", "Anne Administrator", Role.ADMINISTRATOR, None, "demo-administrator-2026"),
    DemoUser(
        "konsulent",
        "Kaj Virksomhedskonsulent",
        Role.COMPANY_CONSULTANT,
        "Team Nord",
        "demo-konsulent-2026",
    ),
    DemoUser("jurist", "Jens Jurist", Role.LAWYER, None, "demo-jurist-2026"),
)

_FIRST = (
    "Anna",
    "Mette",
    "Sofie",
    "Fatima",
    "Ida",
    "Emma",
    "Louise",
    "Amira",
    "Camilla",
    "Peter",
    "Lars",
    "Mohammed",
    "Jens",
    "Mikkel",
    "Ahmed",
    "Rasmus",
    "Niels",
    "Ole",
    "Hanne",
    "Kirsten",
    "Yusuf",
    "Ayse",
    "Thomas",
    "Maja",
    "Frederik",
    "Julie",
)
_LAST = (
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Hussein",
    "Yilmaz",
    "Ali",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
)


def synthetic_cpr(rng: random.Random, birth: date, female: bool) -> str:
    """A CPR-shaped number for a fictitious person: birth date, century digit, parity by sex."""
    seventh = rng.choice((4, 9)) if birth.year >= 2000 else rng.choice((0, 1, 2, 3))
    serial = seventh * 1000 + rng.randrange(0, 500) * 2 + (0 if female else 1)
    return f"{birth:%d%m%y}{serial:04d}"


def all_districts() -> tuple[str, ...]:
    return tuple(d for names in TEAMS.values() for d in names)


def fictitious_name(rng: random.Random, female: bool) -> str:
    return f"{rng.choice(_FIRST[:9] if female else _FIRST[9:])} {rng.choice(_LAST)}"


def random_birth_date(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(0, 365))


def team_for_district(district: str) -> str:
    return next(name for name, districts in TEAMS.items() if district in districts)


@transaction.atomic
def ensure_organisation() -> dict[str, Team]:
    orgs = {
        short: Organisation.objects.update_or_create(short_name=short, defaults={"name": name})[0]
        for short, name in ORGANISATIONS.items()
    }
    teams = {}
    for name in TEAMS:
        phone, hours, address = TEAM_CONTACT[name]
        team, _ = Team.objects.update_or_create(
            name=name,
            defaults={
                "weekly_hours": TEAM_HOURS[name],
                "organisation": orgs[EMPLOYMENT],
                "phone": phone,
                "phone_hours": hours,
                "address": address,
            },
        )
        teams[name] = team
        for district in TEAMS[name]:  # the citizen form's intake route (screening workflow)
            TeamDistrict.objects.update_or_create(district=district, defaults={"team": team})
    teams[SOCIAL_TEAM], _ = Team.objects.update_or_create(
        name=SOCIAL_TEAM,
        defaults={"weekly_hours": SOCIAL_TEAM_HOURS, "organisation": orgs[SOCIAL]},
    )
    for spec in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=spec.username)
        first, last = spec.full_name.split(" ", 1)
        user.first_name, user.last_name, user.role = first, last, spec.role
        user.team = teams[spec.team] if spec.team else None
        user.set_password(spec.password)
        user.save()
    return teams


def open_demo_cases() -> int:
    """Open, screen and plan a case for every open spell with a person (the worklist)."""
    from sporskifte.audit.actions import system
    from sporskifte.citizens.models import SicknessSpell
    from sporskifte.sickness.batch import open_cases_from_register

    return open_cases_from_register(system("demo"), SicknessSpell.objects.all())
