"""Model files: skops only, hash-checked, allow-listed."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from sporskifte.screening import load_model
from sporskifte.screening.store import (
    METADATA,
    ModelIntegrityError,
    UnsafeModelError,
    dump,
    load,
    read_metadata,
)


@pytest.fixture
def copy(model_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(model_dir, target)
    return target


def test_a_model_directory_holds_no_pickle_and_records_every_hash(model_dir: Path) -> None:
    names = {p.name for p in model_dir.iterdir()}
    assert {"glassbox.skops", "challenger.skops", "baseline.skops", METADATA} <= names
    assert {"model_card.md", "report.html"} <= names
    assert not [n for n in names if n.endswith((".pkl", ".pickle", ".joblib"))]
    metadata = read_metadata(model_dir)
    assert set(metadata["files"]) == {"glassbox.skops", "challenger.skops", "baseline.skops"}
    assert len(metadata["training_data_sha256"]) == 64
    assert "origin" not in metadata["features"]


def test_a_tampered_model_file_is_refused_with_a_clear_error(copy: Path) -> None:
    path = copy / "glassbox.skops"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="changed since training"):
        load_model(copy)


def test_a_file_with_unexpected_types_is_refused_even_with_a_matching_hash(copy: Path) -> None:
    metadata = json.loads((copy / METADATA).read_text())
    digest = dump({"classifier": Fraction(1, 3)}, copy / "glassbox.skops")
    metadata["files"]["glassbox.skops"]["sha256"] = digest
    (copy / METADATA).write_text(json.dumps(metadata))
    with pytest.raises(UnsafeModelError, match=r"fractions\.Fraction"):
        load(copy, "glassbox")


def test_a_directory_without_metadata_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(ModelIntegrityError, match="not a model directory"):
        load_model(tmp_path)
