"""Start Django for the commands that read or write the database."""

from __future__ import annotations

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sporskifte.web.settings")
    import django

    django.setup()
