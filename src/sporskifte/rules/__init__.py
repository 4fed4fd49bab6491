"""The 2025 employment reform as code: dated parameters and pure functions with reasons.

Every question is asked *as of a date*; every answer carries Danish reasons and the legal rule
they rest on (`Reason`), and is marked provisional when it rests on a value not confirmed in
enacted law. Plain Python, no Django. Parameters live in `rules/params/*.yaml`.

Modules: `params` (loader, `load_params().at(date)`), `sickness` (follow-up and limit clock),
`courses` (ressourceforløb / revalidering / jobafklaringsforløb), `means_test` (kontanthjælp
pre-check), `target_groups` (13 -> 5 groups), `contact` (population contact requirements),
`explain` (one situation from JSON, used by `sporskifte rules explain`).
"""

from __future__ import annotations

from sporskifte.rules.answers import Answer, Reason

__all__ = ["Answer", "Reason"]
