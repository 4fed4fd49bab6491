"""Copenhagen's ten districts (bydele), as spelled in the data contracts."""

from __future__ import annotations

DISTRICTS: tuple[str, ...] = (
    "Indre By",
    "Østerbro",
    "Nørrebro",
    "Vesterbro/Kongens Enghave",
    "Valby",
    "Vanløse",
    "Brønshøj-Husum",
    "Bispebjerg",
    "Amager Øst",
    "Amager Vest",
)
UNKNOWN = "unknown"
DISTRICT_CHOICES: list[tuple[str, str]] = [(d, d) for d in DISTRICTS] + [(UNKNOWN, "Ukendt")]
