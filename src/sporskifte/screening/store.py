"""Model files: skops only (never pickle or joblib), hash-checked, loaded with an allow-list.

Layout of a model directory::

    glassbox.skops      the screening model (calibrated EBM) and the duration model
    challenger.skops    LightGBM challenger (reported, never used to screen)
    baseline.skops      logistic baseline (reported, never used to screen)
    metadata.json       features, library versions, metrics, policy, SHA-256 of every file
    model_card.md       generated at training
    report.html         evaluation and fairness report (+ plots/*.vl.json)

Loading a file: (1) its SHA-256 must equal the one in `metadata.json`, else `ModelIntegrityError`;
(2) `skops.io.get_untrusted_types` must list only types in `TRUSTED_TYPES`, else
`UnsafeModelError`; (3) only then is it loaded, trusting exactly those types. A matching hash
says the file is the one written at training; it is not a signature (whoever can rewrite the
directory can rewrite `metadata.json` too), so the directory must sit where only the model
owner can write.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

import skops.io as sio

METADATA = "metadata.json"
MODEL_FILES: dict[str, str] = {
    "glassbox": "glassbox.skops",
    "challenger": "challenger.skops",
    "baseline": "baseline.skops",
}

TRUSTED_TYPES: frozenset[str] = frozenset(
    {
        "sporskifte.screening.estimators.GlassBoxClassifier",
        "sporskifte.screening.estimators.BoostingChallenger",
        "sporskifte.screening.estimators.LogisticBaseline",
        "sporskifte.screening.duration.LogNormalDuration",
        "sporskifte.screening.features.DesignEncoder",
        "interpret.glassbox._ebm._ebm.ExplainableBoostingClassifier",
        "lightgbm.sklearn.LGBMClassifier",
        "lightgbm.basic.Booster",
        "collections.OrderedDict",
    }
)
"""Every non-builtin type a model file of ours may contain; anything else is refused."""


class ModelIntegrityError(RuntimeError):
    """A model file differs from the one written at training (hash mismatch or missing)."""


class UnsafeModelError(RuntimeError):
    """A model file contains types outside the allow-list."""


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dump(obj: Any, path: Path) -> str:
    """Write `obj` with skops and return the file's SHA-256."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(obj, path)
    return sha256_file(path)


def read_metadata(model_dir: Path) -> dict[str, Any]:
    """The model's metadata; a clear error when the directory is not a model directory."""
    path = Path(model_dir) / METADATA
    if not path.is_file():
        raise ModelIntegrityError(f"{model_dir} is not a model directory: {METADATA} is missing")
    return dict(json.loads(path.read_text(encoding="utf-8")))


def load(model_dir: Path, role: str, metadata: dict[str, Any] | None = None) -> Any:
    """Load one model file after checking its hash and its types (see module docstring)."""
    metadata = metadata or read_metadata(model_dir)
    name = MODEL_FILES[role]
    path = Path(model_dir) / name
    expected = metadata.get("files", {}).get(name, {}).get("sha256")
    if not path.is_file() or expected is None:
        raise ModelIntegrityError(f"model file {path} or its recorded hash is missing")
    actual = sha256_file(path)
    if actual != expected:
        raise ModelIntegrityError(
            f"model file {path} has been changed since training (SHA-256 {actual[:16]}..., "
            f"expected {expected[:16]}...): refusing to load it. Retrain or restore the file."
        )
    untrusted = set(sio.get_untrusted_types(file=path))
    unexpected = sorted(untrusted - TRUSTED_TYPES)
    if unexpected:
        raise UnsafeModelError(f"model file {path} contains unexpected types: {unexpected}")
    return sio.load(path, trusted=sorted(untrusted))


def _clean(value: Any) -> Any:
    """JSON-safe copy: NaN and infinities become null, numpy scalars plain numbers."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_metadata(model_dir: Path, metadata: dict[str, Any]) -> None:
    """Write `metadata.json` (UTF-8, indented, NaN as null)."""
    path = Path(model_dir) / METADATA
    text = json.dumps(_clean(metadata), indent=2, ensure_ascii=False, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
