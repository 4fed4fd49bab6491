"""`manage.py setup_demo`: migrate and fill the demo database, then print the logins."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from sporskifte.casework import demo


class Command(BaseCommand):
    help = "Migrate the database and create the demo organisation, users and synthetic data."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--persons", type=int, default=600)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        created = demo.create_demo_persons(options["persons"], seed=options["seed"])
        self.stdout.write(f"Demo database ready ({created} new synthetic persons).")
        self.stdout.write("\nDemo logins (synthetic data only; do not expose this server):")
        for user in demo.DEMO_USERS:
            team = f", {user.team}" if user.team else ""
            self.stdout.write(f"  {user.username:<15} {user.password:<26} {user.role.label}{team}")
        self.stdout.write("\nOpen http://127.0.0.1:8000 and log in.\n")
