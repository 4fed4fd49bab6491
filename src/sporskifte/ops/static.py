"""Static files: WhiteNoise's compressed storage with content-hashed names (`collectstatic`).

A file not collected yet (the test suite, which serves through the finders) keeps its plain
name instead of failing the page; production and `make run` always collect first.
"""

from __future__ import annotations

import logging
from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class HashedStaticStorage(CompressedManifestStaticFilesStorage):
    def hashed_name(self, name: str, content: Any = None, filename: str | None = None) -> str:
        """A stylesheet's reference to a file that is not shipped (the design system's CSS
        names legacy .eot fonts that no supported browser loads) stays as written."""
        try:
            return str(super().hashed_name(name, content, filename))
        except ValueError:
            if content is None and not self.exists(self.clean_name(filename or name)):
                logger.debug("static: %s is referenced but not shipped; left unhashed", name)
                return name
            raise

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            logger.debug("static file %s not collected: served under its plain name", name)
            return name
