"""`manage.py demo_idp`: the local test identity provider for the demo (staff and citizens).

Synthetic test identities only; anyone can pick any of them, so it listens on loopback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from wsgiref.simple_server import make_server

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from sporskifte.accounts.test_idp import TestIdP, _QuietHandler


class Command(BaseCommand):
    help = "Serve the demo's SAML test identity provider (never in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8001)
        parser.add_argument("--sp", default="http://127.0.0.1:8000", help="the app's base URL")

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        directory = Path(settings.VAR_DIR) / "saml"
        app = TestIdP(f"http://{host}:{port}", directory, options["sp"])
        server = make_server(host, port, app, handler_class=_QuietHandler)
        self.stdout.write(f"Test identity provider on http://{host}:{port}/ (staff and citizens)")
        for path in app.metadata_files:
            self.stdout.write(f"  metadata: {path}")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
