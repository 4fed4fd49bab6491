"""The user guide (`docs/brugervejledning.md`) as the "Hjælp" page: one source, read by
people in the repository and by users in the app. Each heading gets an id from its text
(`## Arbejdslisten` -> `#arbejdslisten`), so every screen links to its own part."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt

_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
IMAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.png$")


def slug(text: str) -> str:
    """'Sagen: det vigtigste først' -> 'sagen-det-vigtigste-foerst'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(_ASCII)).strip("-")


def render(markdown: str, image_url: str) -> str:
    """The guide as HTML (no raw HTML passes through); images point at `image_url` + name."""
    md = MarkdownIt("commonmark", {"html": False})
    tokens = md.parse(markdown)
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            token.attrSet("id", slug(tokens[i + 1].content))
        for child in token.children or []:
            if child.type == "image":
                name = Path(str(child.attrGet("src") or "")).name
                child.attrSet("src", image_url + name if IMAGE_NAME.match(name) else "")
    return md.renderer.render(tokens, md.options, {})


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float, image_url: str) -> str:
    return render(Path(path).read_text(encoding="utf-8"), image_url)


def guide_html(path: Path, image_url: str) -> str | None:
    """The rendered guide, or None when the file is not there."""
    if not path.is_file():
        return None
    return _cached(str(path), path.stat().st_mtime, image_url)
