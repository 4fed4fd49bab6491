"""The README's settings table lists every environment variable the code reads."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READS = re.compile(r"env_(?:str|bool|int|int_list|list)\(\s*\"([A-Z][A-Z0-9_]+)\"")


def test_every_setting_the_code_reads_is_in_the_readme_table() -> None:
    read = set()
    for path in (ROOT / "src" / "sporskifte").rglob("*.py"):
        read |= set(READS.findall(path.read_text(encoding="utf-8")))
    table = "\n".join(
        line
        for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    )
    missing = sorted(name for name in read if f"`{name}`" not in table)
    assert read, "no settings found: the pattern is wrong"
    assert missing == []
