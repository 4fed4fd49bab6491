"""Danish formatting for reason texts, from `lib.danish` (the one formatting helper)."""

from sporskifte.lib.danish import dato, kr, pct

__all__ = ["dato", "kr", "pct"]
