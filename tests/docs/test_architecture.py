"""The docs describe the house as built: the architecture's tree names every package, and the
README's settings table names every setting the code reads."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "sporskifte"


def _packages() -> set[str]:
    return {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}


def _tree_entries() -> set[str]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    tree = text.split("```", 2)[1]
    body = tree.split("src/sporskifte/", 1)[1].split("\ntests/", 1)[0]
    return set(re.findall(r"^  (\w+)/", body, flags=re.MULTILINE))


def test_the_architecture_tree_names_every_package_and_nothing_else() -> None:
    assert _tree_entries() == _packages()


def test_the_architecture_arrows_name_every_layered_package() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    arrows = text.split("## Arrows", 1)[1].split("```", 2)[1]
    named = set(re.findall(r"\b([a-z_]+)\b", arrows)) & _packages()
    assert named == _packages() - {"legacy"}


def _settings_read_by_code() -> set[str]:
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"env_(?:str|bool|int|int_list|list)\(\s*\"([A-Z_]+)\"", text))
        names |= set(re.findall(r"os\.environ(?:\.get)?[\(\[]\s*\"([A-Z_]+)\"", text))
        names |= set(re.findall(r"getattr\(settings, \"([A-Z_]+)\"", text))
        names |= set(re.findall(r"getattr\(settings, \"([A-Z_]+)\"", text))
    return names


def test_the_readme_settings_table_lists_every_setting_the_code_reads() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    missing = _settings_read_by_code() - documented
    assert not missing, f"settings read by the code but not in the README table: {missing}"
