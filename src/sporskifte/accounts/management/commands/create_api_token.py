from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sporskifte.accounts.models import User
from sporskifte.accounts.tokens import create_token


class Command(BaseCommand):
    help = "Make an API token for a user (it acts with that user's role); shown only once."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="API")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist:
            raise CommandError(f"No user named {options['username']!r}") from None
        self.stdout.write(create_token(user, options["name"]))
