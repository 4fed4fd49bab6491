"""Dated legal parameters (YAML in this folder) and their loader. See `loader` for the format."""

from __future__ import annotations

from sporskifte.rules.params.loader import (
    KIND_LABELS,
    PARAMS_DIR,
    PRIMARY_KINDS,
    Param,
    ParamFileError,
    ParamNotInForce,
    ParamsAt,
    ParamSet,
    load_params,
    load_params_from,
)

__all__ = [
    "KIND_LABELS",
    "PARAMS_DIR",
    "PRIMARY_KINDS",
    "Param",
    "ParamFileError",
    "ParamNotInForce",
    "ParamSet",
    "ParamsAt",
    "load_params",
    "load_params_from",
]
