"""Load a synthetic Copenhagen into the demo database.

The synthetic register files are written once per seed under var/demo/, then go through the
same validated import as a municipality's real files. The persons behind open spells and
running courses get a (fictitious) entry in the person register, keyed by their pseudonym.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from django.db import transaction

from sporskifte.audit.actions import system
from sporskifte.citizens.imports import ImportSummary, ProgressFactory, import_files
from sporskifte.citizens.models import Person
from sporskifte.demo import users as demo
from sporskifte.lib import cpr as cprlib

FILES = {"sickness_spells": "sickness_spells", "courses": "courses", "households": "households"}
"""Table -> file name (as `sporskifte.synth.write` names them)."""


def demo_folder(var_dir: Path, seed: int, today: date) -> Path:
    """Where the demo's files for `seed` live: the extract made on the first run is reused
    (so the demo does not drift from day to day); a first run extracts as of `today`."""
    existing = sorted((var_dir / "demo").glob(f"seed-{seed}-*"))
    return existing[-1] if existing else var_dir / "demo" / f"seed-{seed}-{today.isoformat()}"


def synthetic_files(
    folder: Path, seed: int, n: int | None = None, log: Callable[[str], None] = print
) -> dict[str, Path]:
    """The synthetic register files for `seed`, extracted as of the date in the folder's
    name (written on first use, as Parquet)."""
    from sporskifte import synth

    paths = {table: folder / f"{name}.parquet" for table, name in FILES.items()}
    if not all(path.exists() for path in paths.values()):
        extract = date.fromisoformat(folder.name.split("-", 2)[2])
        log(f"Generating a synthetic Copenhagen (seed {seed}, extract {extract}) in {folder} …")
        paths = synth.write(folder, seed, fmt="parquet", n=n, extract_date=extract)
    return paths


def register_persons(files: dict[str, Path], seed: int) -> int:
    """Give every person with an open spell or a running course a register entry."""
    spells = pd.read_parquet(
        files["sickness_spells"], columns=["person_id", "birth_year", "sex", "district", "ended"]
    )
    courses = pd.read_parquet(
        files["courses"], columns=["person_id", "birth_year", "district", "ended_date", "scheme"]
    )
    wanted = pd.concat(
        [
            spells.loc[spells["ended"] == False, ["person_id", "birth_year", "district", "sex"]],  # noqa: E712
            courses.loc[courses["ended_date"].isna(), ["person_id", "birth_year", "district"]],
        ]
    ).drop_duplicates("person_id")
    running_rf = courses.loc[
        courses["ended_date"].isna() & (courses["scheme"] == "ressourceforloeb"), "person_id"
    ]
    social = set(
        running_rf.sort_values().sample(
            n=min(demo.SOCIAL_RESOURCE_COURSES, len(running_rf)), random_state=seed
        )
    )
    return _create_persons(wanted, seed, social)


@transaction.atomic
def _create_persons(wanted: pd.DataFrame, seed: int, social: set[str] | None = None) -> int:
    """Persons in the register; those in `social` (running ressourceforløb the social
    administration runs) belong to its team."""
    teams = demo.ensure_organisation()
    known = set(Person.objects.values_list("pseudonym", flat=True))
    used = set(Person.objects.values_list("cpr", flat=True))
    rng = random.Random(seed)
    new = []
    rows: list[dict[Hashable, Any]] = wanted.to_dict("records")
    for row in rows:
        if row["person_id"] in known:
            continue
        sex = row.get("sex")
        female = sex == "F" or (pd.isna(sex) and rng.random() < 0.5)
        number = _unique_cpr(rng, int(row["birth_year"]), female, used)
        district = row["district"] if row["district"] in demo.all_districts() else "unknown"
        new.append(
            Person(
                cpr=number,
                pseudonym=row["person_id"],
                name=demo.fictitious_name(rng, female),
                district=district,
                team=teams[
                    demo.SOCIAL_TEAM
                    if row["person_id"] in (social or ())
                    else demo.team_for_district(district)
                ],
            )
        )
    Person.objects.bulk_create(new, batch_size=2000)
    return len(new)


def _unique_cpr(rng: random.Random, birth_year: int, female: bool, used: set[str]) -> str:
    while True:
        number = demo.synthetic_cpr(rng, demo.random_birth_date(rng, birth_year), female)
        if number not in used and cprlib.is_valid(number):
            used.add(number)
            return number


def load_synthetic_copenhagen(
    folder: Path,
    seed: int,
    *,
    n: int | None = None,
    progress: ProgressFactory | None = None,
    log: Callable[[str], None] = print,
) -> list[ImportSummary]:
    """Generate (once), register persons and import the synthetic files; idempotent."""
    files = synthetic_files(folder, seed, n, log)
    created = register_persons(files, seed)
    log(f"{created} new persons in the register.")
    return import_files(system("demo"), files, lang="en", progress=progress)
