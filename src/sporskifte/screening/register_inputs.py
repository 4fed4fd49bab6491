"""Training inputs from the weekly register, and a stratified sample under a row cap.

* `join_register_features`: the spells' history columns (`prior_spells_3y`,
  `prior_sick_weeks_3y`, `benefit_weeks_3y`) replaced by the ones computed from the register
  (`sporskifte register features`, DuckDB or Spark: the same definition). Every spell must
  have its row; the register's `last_scheme` and `weeks_since_last_scheme` ride along for the
  analyst but are not model inputs (the model's inputs are listed in `features.py`).
* `cap_rows`: when a training file has more rows than one machine should fit (the cap), a
  sample stratified by onset year, censoring (`ended`) and the outcome band (past 26 weeks or
  not), allocated in proportion so every stratum keeps its share. The model card says which.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sporskifte.screening.features import InputError

REGISTER_HISTORY = ("prior_spells_3y", "prior_sick_weeks_3y", "benefit_weeks_3y")
REGISTER_EXTRA = ("last_scheme", "weeks_since_last_scheme")
DEFAULT_ROW_CAP = 2_000_000
"""Default cap on training rows (configurable with `--max-rows`): a national history is
sampled down to this, stratified, rather than loaded whole into one machine's memory."""
LONG_WEEKS = 26.0


def load_register_features(path: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Features written by `sporskifte register features` (either engine) and their manifest."""
    from sporskifte.registers import register_features as rf

    try:
        frame = rf.read_features(path)
    except (OSError, KeyError, ValueError) as exc:
        raise InputError(f"cannot read register features from {path}: {exc}") from None
    return frame, rf.read_manifest(path)


def join_register_features(spells: pd.DataFrame, features: pd.DataFrame) -> pd.DataFrame:
    """`spells` with its history columns taken from the register features (by spell_id)."""
    if features["spell_id"].duplicated().any():
        raise InputError("register features: a spell_id appears more than once")
    indexed = features.set_index("spell_id")
    missing = ~spells["spell_id"].isin(indexed.index)
    if missing.any():
        examples = ", ".join(spells.loc[missing, "spell_id"].astype(str).head(5))
        raise InputError(
            f"register features lack {int(missing.sum())} of {len(spells)} spells "
            f"(e.g. {examples}); compute them for the same spells file"
        )
    joined = spells.copy()
    rows = indexed.loc[spells["spell_id"]]
    for column in REGISTER_HISTORY:
        joined[column] = pd.array(rows[column].to_numpy(), dtype="Int64")
    joined["last_scheme"] = pd.array(rows["last_scheme"].to_numpy(), dtype="string")
    joined["weeks_since_last_scheme"] = pd.array(
        rows["weeks_since_last_scheme"].to_numpy(dtype=float), dtype="Float64"
    )
    return joined


def strata(spells: pd.DataFrame) -> pd.Series:
    """'2024|ended|long' style stratum of each spell."""
    year = pd.to_datetime(spells["onset_date"]).dt.year.astype(str)
    ended = spells["ended"].map({True: "ended", False: "running"}).astype(str)
    long = (spells["duration_weeks"].astype(float) >= LONG_WEEKS).map(
        {True: "long", False: "short"}
    )
    return year + "|" + ended + "|" + long.astype(str)


def cap_rows(
    spells: pd.DataFrame, cap: int | None, seed: int
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """All rows when within `cap`; else a proportional stratified sample of `cap` rows."""
    if not cap or len(spells) <= cap:
        return spells, {"method": "all", "rows": len(spells), "rows_available": len(spells)}
    labels = strata(spells)
    counts = labels.value_counts().sort_index()
    quota = counts * cap / len(spells)
    take = (quota // 1).astype(int)
    short = cap - int(take.sum())  # largest remainders get the rows left over
    take[(quota - take).sort_values(ascending=False, kind="stable").index[:short]] += 1
    rng = np.random.default_rng(seed)
    chosen: list[np.ndarray] = []
    positions = pd.Series(np.arange(len(spells)), index=spells.index)
    for label, n in take.items():
        members = positions[labels == label].to_numpy()
        chosen.append(rng.choice(members, size=int(n), replace=False))
    rows = np.sort(np.concatenate(chosen))
    sample = spells.iloc[rows]
    return sample, {
        "method": "stratified",
        "rows": len(sample),
        "rows_available": len(spells),
        "cap": cap,
        "strata": "onset year × ended/running × past 26 weeks or not",
        "n_strata": len(counts),
    }


def card_lines(metadata: dict[str, Any]) -> str:
    """Model-card bullets (Danish, each ending in a newline) on the training rows and the
    register features; empty for a model trained before these were recorded."""
    lines = []
    sample = metadata.get("training_rows") or {}
    if sample.get("method") == "stratified":
        lines.append(
            f"- Stikprøve: {sample['rows']} af {sample['rows_available']} forløb, stratificeret "
            f"efter startår, afsluttet/igangværende og over/under 26 uger (loft "
            f"{sample['cap']} rækker)."
        )
    elif sample:
        lines.append(f"- Alle {sample['rows_available']} forløb (ingen stikprøve).")
    register = metadata.get("register_features") or {}
    if register:
        code_map = register.get("code_map", {})
        status = "foreløbig" if code_map.get("provisional") else "endelig"
        lines.append(
            f"- Historik (`{'`, `'.join(REGISTER_HISTORY)}`) fra ugeregistret, beregnet med "
            f"{register.get('engine', '?')} {register.get('engine_version', '')} "
            f"(definition `{str(register.get('definition_sha256', ''))[:12]}`, kodeliste "
            f"{code_map.get('version', '?')}, {status})."
        )
    return "".join(line + "\n" for line in lines)
