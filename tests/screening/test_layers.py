"""The screening package's own layering: no cycles inside it, no generator, light to import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import sporskifte.screening

PACKAGE = Path(sporskifte.screening.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every `sporskifte.…` module a file imports, at any depth (functions included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("sporskifte")
        ):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("sporskifte"))
    return found


def _graph() -> dict[str, set[str]]:
    modules = {f"sporskifte.screening.{p.stem}": p for p in PACKAGE.glob("*.py")}
    modules["sporskifte.screening"] = modules.pop("sporskifte.screening.__init__")
    return {name: _imports(path) & set(modules) - {name} for name, path in modules.items()}


def test_screening_never_imports_the_synthetic_generator() -> None:
    for path in PACKAGE.glob("*.py"):
        assert not any(m.startswith("sporskifte.synth") for m in _imports(path)), path.name


def test_the_screening_modules_import_each_other_without_cycles() -> None:
    graph = _graph()
    graph.pop("sporskifte.screening")  # the package's lazy names point outwards only
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if nxt == "sporskifte.screening":
                continue
            assert state.get(nxt) != 1, " -> ".join([*path, node, nxt])
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [])


def test_importing_the_package_or_tracks_loads_neither_scikit_learn_nor_the_generator() -> None:
    code = (
        "import sys, sporskifte.screening, sporskifte.screening.tracks;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('sklearn', 'interpret', "
        "'lightgbm') or m.startswith('sporskifte.synth')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_public_names_still_load_on_demand() -> None:
    from sporskifte.screening import Screening, ScreeningModel, load_model, train

    assert callable(load_model)
    assert callable(train)
    assert Screening.__name__ == "Screening"
    assert ScreeningModel.__name__ == "ScreeningModel"
