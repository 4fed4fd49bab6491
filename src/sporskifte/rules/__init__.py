"""The 2025 employment reform as code: dated parameters and pure functions with reasons.

Every question is asked *as of a date*; every answer carries Danish reasons and the legal rule
they rest on. Plain Python, no Django. Parameters live in `rules/params/*.yaml`.
"""

from __future__ import annotations

from sporskifte.rules.answers import Answer, Reason

__all__ = ["Answer", "Reason"]
