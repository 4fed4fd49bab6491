"""`manage.py setup_demo`: migrate, load a synthetic Copenhagen, train the demo model, and
print the demo logins. Idempotent: a second run changes nothing and is quick."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from sporskifte.citizens import planner_statistics
from sporskifte.demo import users as demo
from sporskifte.demo.data import demo_folder, load_synthetic_copenhagen


class Command(BaseCommand):
    help = "Migrate, load a synthetic Copenhagen, train the demo model and print the logins."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--spells",
            type=int,
            default=None,
            help="spells to generate (default: 40,000 a year since 2019)",
        )
        parser.add_argument("--no-model", action="store_true", help="skip training the model")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        demo.ensure_organisation()
        folder = demo_folder(Path(settings.VAR_DIR), options["seed"], timezone.localdate())
        summaries = load_synthetic_copenhagen(
            folder, options["seed"], n=options["spells"], log=self.stdout.write
        )
        for s in summaries:
            self.stdout.write(f"  {s.table}: {s.rows} rows ({s.created} new, {s.updated} changed)")
        if not options["no_model"]:
            self._train(folder, options["seed"])
        opened = demo.open_demo_cases()
        self.stdout.write(f"{opened} new cases opened and screened for the worklist.")
        planner_statistics.refresh()
        self.stdout.write(f"Demo ready in {time.perf_counter() - started:.0f} s.")
        self._print_logins()

    def _train(self, folder: Path, seed: int) -> None:
        from sporskifte.demo.model import train_demo_model

        model_dir = Path(settings.SCREENING_MODEL_DIR)
        if (model_dir / "metadata.json").exists():
            self.stdout.write(f"Model already trained in {model_dir}.")
            return
        self.stdout.write(f"Training the demo screening model in {model_dir} …")
        spells = pd.read_parquet(folder / "sickness_spells.parquet")
        metadata = train_demo_model(model_dir, seed, spells=spells)
        self.stdout.write(f"  model {metadata.get('version', '')} trained.")

    def _print_logins(self) -> None:
        self.stdout.write("\nDemo logins (synthetic data only; do not expose this server):")
        for user in demo.DEMO_USERS:
            team = f", {user.team}" if user.team else ""
            self.stdout.write(f"  {user.username:<15} {user.password:<26} {user.role.label}{team}")
        address = f"{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}"
        self.stdout.write(f"\nOpen http://{address} and log in (the server prints its address).\n")
